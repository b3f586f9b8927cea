"""One json.php request as an act sees it: its parameters and JSON document."""

from flask import request

from xivows.constants import MAX_ID
from xivows.errors import InvalidInput, NotFound
from xivows.http import body
from xivows.ids import parse_int

_FORMS = frozenset({'application/x-www-form-urlencoded', 'multipart/form-data'})


class Call:
    def __init__(self, service, mode, act):
        self.service = service
        self.mode = mode
        self.act = act
        self._document = None
        self._request = request._get_current_object()  # read once per parameter

    def param(self, name):
        """A parameter from a form-encoded body or the query string, trimmed;
        None when absent."""
        request_ = self._request
        # Only these bodies are forms (werkzeug parses no other); asking a JSON
        # POST for its form would only build an empty one.
        form = request_.form if request_.mimetype in _FORMS else None
        value = form.get(name) if form else None
        if value is None:
            value = request_.args.get(name)
        if value is None:
            return None
        return body.check_text(value.strip(), f'parameter {name}')

    def required_param(self, name):
        value = self.param(name)
        if not value:
            raise InvalidInput(f'missing parameter: {name}')
        return value

    def id(self, kind):
        """The `id` parameter as given (string ids such as context names)."""
        value = self.param('id')
        if not value:
            raise NotFound(f'missing {kind} id')
        return value

    def int_id(self, kind, minimum=1):
        """The `id` parameter as a database integer, or NotFound."""
        raw = self.id(kind)
        value = parse_int(raw)
        if value is None or not minimum <= value <= MAX_ID:
            raise NotFound.of(kind, raw)
        return value

    def document(self):
        """The JSON body (object or array)."""
        if self._document is None:
            self._document = body.parse(request.get_data(cache=True))
        return self._document

    def object(self):
        """The JSON body, which must be an object."""
        document = self.document()
        if not isinstance(document, dict):
            raise InvalidInput('JSON body must be an object')
        return document
