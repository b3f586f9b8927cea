"""OpenAPI 3 descriptions of the REST dialects, built with apispec from their
operation tables (`xivows.http.operations`) and marshmallow schemas: the code
is the single source."""

import re

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from xivows import __version__

_RULE_PARAMETER = re.compile(r'<(?:[a-z_]+:)?([A-Za-z_]+)>')
_REASONS = {
    400: 'Invalid request (the reason names the field)',
    401: 'Authentication required',
    403: 'The caller lacks the ACL section',
    404: 'No such object',
    405: 'Method not allowed',
    409: 'Conflicts with the stored data',
    429: 'Too many failed authentications (Retry-After)',
    503: 'A dependency (database, Asterisk) is unavailable',
}


def _path(prefix, rule):
    return prefix + _RULE_PARAMETER.sub(r'{\1}', rule)


def _content(schema):
    return {'application/json': {'schema': schema}}


def build(title, prefix, operations, error_schema, security=None, description=''):
    """The OpenAPI document (a dict) of one dialect."""
    spec = APISpec(
        title=title,
        version=__version__,
        openapi_version='3.0.3',
        plugins=[MarshmallowPlugin()],
        info={'description': description},
    )
    schemes = security or {'basicAuth': {'type': 'http', 'scheme': 'basic'}}
    for name, scheme in schemes.items():
        spec.components.security_scheme(name, scheme)
    paths = {}
    for operation in operations:
        path = _path(prefix, operation.rule)
        entry = {
            'summary': operation.summary,
            'operationId': f'{operation.method.lower()}{path}',
            'security': [{name: []} for name in schemes],
            'responses': {str(operation.status): {'description': 'Success'}},
        }
        if operation.tags:
            entry['tags'] = list(operation.tags)
        if operation.answer is not None:
            entry['responses'][str(operation.status)]['content'] = _content(operation.answer)
        for status in operation.errors:
            entry['responses'][str(status)] = {
                'description': _REASONS.get(status, 'Error'),
                'content': _content(error_schema),
            }
        if operation.body is not None:
            entry['requestBody'] = {'required': True, 'content': _content(operation.body)}
        parameters = [
            {'name': name, 'in': 'path', 'required': True, 'schema': {'type': 'string'}}
            for name in _RULE_PARAMETER.findall(operation.rule)
        ]
        parameters += [
            {
                'name': name,
                'in': 'query',
                'required': False,
                'description': text,
                'schema': {'type': 'string'},
            }
            for name, text in operation.query.items()
        ]
        if parameters:
            entry['parameters'] = parameters
        paths.setdefault(path, {})[operation.method.lower()] = entry
    for path, methods in paths.items():
        spec.path(path=path, operations=methods)
    return spec.to_dict()
