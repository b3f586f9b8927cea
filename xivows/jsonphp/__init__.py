"""The legacy json.php dialect: URL families, dispatch, auth and wire format."""


def sections():
    """The ACL section of every json.php service."""
    from xivows.jsonphp import registry, resources

    resources.load()
    return [service.section for service in registry.services()]


def init_app(app):
    from xivows.jsonphp import registry, resources, routes

    resources.load()
    app.url_map.merge_slashes = False  # json.php paths collapse slashes themselves
    app.url_map.converters['pathinfo'] = routes.PathInfo
    for family in registry.FAMILIES:
        app.register_blueprint(routes.blueprint(family))
