"""GET /docs: one offline Swagger UI page (flask-swagger-ui ships its assets; no
CDN is needed) listing the OpenAPI descriptions of the enabled REST dialects.
Public, like the descriptions themselves: they document the API, they grant
nothing."""

from flask_swagger_ui import get_swaggerui_blueprint

URL = '/docs'


def init_app(app, specs):
    """`specs`: [(name, URL of its openapi.json)] of the enabled dialects."""
    if not specs:
        return
    config = {
        'app_name': 'xivows APIs',
        'urls': [{'name': name, 'url': url} for name, url in specs],
    }
    app.register_blueprint(
        get_swaggerui_blueprint(URL, specs[0][1], config=config, blueprint_name='docs')
    )
