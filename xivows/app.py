"""The application factory."""

import logging

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from xivows import config as configuration
from xivows import db, dialects, health, store_errors, wiring
from xivows import settings as installed_settings
from xivows.http import converters
from xivows.http.reasons import StandardReasons
from xivows.proxies import TrustedProxies


def _http_error(exc):
    response = jsonify(error=(exc.description or exc.name).split('\n')[0])
    response.status_code = exc.code
    # the exception's own headers (a 405's Allow, a 429's Retry-After), not its HTML type
    for name, value in exc.get_headers():
        if name.lower() != 'content-type':
            response.headers[name] = value
    return response


def create_app(test_config=None):
    settings = configuration.load(test_config=test_config)
    app = Flask(__name__)
    app.config.update(settings)
    installed_settings.install(settings)
    logging.basicConfig(level=settings['LOG_LEVEL'])

    db.init_app(app)
    wiring.wire()
    converters.install(app)
    dialects.init_app(app, settings['DIALECTS'])
    app.register_blueprint(health.bp)
    app.register_error_handler(HTTPException, _http_error)
    store_errors.register(app)

    if settings['TRUSTED_PROXIES']:
        app.wsgi_app = TrustedProxies(app.wsgi_app, settings['TRUSTED_PROXIES'])
    app.wsgi_app = StandardReasons(app.wsgi_app)
    return app
