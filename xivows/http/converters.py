"""URL segments never carry a NUL character: a `%00` in a path parameter matches
no route (404 in the dialect's shape: a dialect's catch-all `<path:...>` still
answers it) instead of reaching a lookup, where PostgreSQL refuses any text
holding one (a 500)."""

from werkzeug.routing import UnicodeConverter


class TextSegment(UnicodeConverter):
    """`<name>` / `<string:name>`: one segment, without NUL."""

    def __init__(self, map, *args, **kwargs):
        super().__init__(map, *args, **kwargs)
        self.regex = self.regex.replace('[^/]', '[^/\\x00]', 1)


def install(app):
    """Before any blueprint is registered: rules take their converters then."""
    app.url_map.converters.update(default=TextSegment, string=TextSegment)
