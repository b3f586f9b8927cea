"""The application factory."""
import logging

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

import compat.callqueue
from compat.agentd import routes as agentd_routes
from xivows import config as configuration
from xivows import db, health, resources, settings as installed_settings
from xivows.jsonphp import registry, routes
from xivows.proxies import TrustedProxies


def _http_error(exc):
    response = jsonify(error=(exc.description or exc.name).split('\n')[0])
    response.status_code = exc.code
    return response


def create_app(test_config=None):
    settings = configuration.load(test_config=test_config)
    app = Flask(__name__)
    app.config.update(settings)
    installed_settings.install(settings)
    app.url_map.merge_slashes = False  # json.php paths collapse slashes themselves
    app.url_map.converters['pathinfo'] = routes.PathInfo
    logging.basicConfig(level=settings['LOG_LEVEL'])

    db.init_app(app)
    resources.load_jsonphp()
    for family in registry.FAMILIES:
        app.register_blueprint(routes.blueprint(family))
    app.register_blueprint(health.bp)
    for blueprint in agentd_routes.blueprints():
        app.register_blueprint(blueprint)
    compat.callqueue.init_app(app)  # until the dialect loader exists
    app.register_error_handler(HTTPException, _http_error)

    if settings['TRUSTED_PROXIES']:
        app.wsgi_app = TrustedProxies(app.wsgi_app, settings['TRUSTED_PROXIES'])
    return app
