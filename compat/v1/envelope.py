"""The seed-001 envelope around every answer, errors included:

    {"api_ver": "0.1", "result": {...}, "statuscode": 200,
     "timestamp": "2017-03-13T17:19:07.482611Z"}

The HTTP status is `statuscode`; writes answer without `result` (as the seed
shows them); an error's `result` is {"message": reason}. Times are RFC 3339 in
UTC with a fraction of a second."""

import datetime
import json
import time

from flask import Response
from marshmallow import Schema, fields

API_VER = '0.1'


def timestamp(epoch=None):
    moment = datetime.datetime.fromtimestamp(time.time() if epoch is None else epoch, datetime.UTC)
    return moment.strftime('%Y-%m-%dT%H:%M:%S.%fZ')


def stamp(epoch):
    """A stored time (epoch seconds) as the seed shows it; None when unknown."""
    return timestamp(epoch) if epoch else None


def answer(result=None, status=200, headers=None):
    document = {'api_ver': API_VER}
    if result is not None:
        document['result'] = result
    document['statuscode'] = status
    document['timestamp'] = timestamp()
    response = Response(
        json.dumps(document, sort_keys=True), status=status, mimetype='application/json'
    )
    response.headers.update(headers or {})
    return response


def listed(items):
    return answer({'list': items})


def render_error(status, message):
    return answer({'message': message}, status)


# -- OpenAPI descriptions of the answers ---------------------------------------------

_KINDS = {
    str: fields.String,
    int: fields.Integer,
    float: fields.Float,
    bool: fields.Boolean,
    dict: fields.Dict,
    list: fields.List,
}


def _field(kind):
    if isinstance(kind, tuple):  # (list, str): a list of strings
        return fields.List(_KINDS[kind[1]](), allow_none=True)
    if kind is list:
        return fields.List(fields.Raw(), allow_none=True)
    return _KINDS[kind](allow_none=True)


def schemas(name, shape):
    """(item schema, envelope of one item, envelope of a list) for OpenAPI, from
    `shape` {field: python type}; the names are unique (apispec keys them)."""
    item = Schema.from_dict({key: _field(kind) for key, kind in shape.items()}, name=f'V1{name}')
    one = Schema.from_dict(
        {
            'api_ver': fields.String(),
            'statuscode': fields.Integer(),
            'timestamp': fields.String(),
            'result': fields.Nested(item),
        },
        name=f'V1{name}Answer',
    )
    page = Schema.from_dict({'list': fields.List(fields.Nested(item))}, name=f'V1{name}List')
    many = Schema.from_dict(
        {
            'api_ver': fields.String(),
            'statuscode': fields.Integer(),
            'timestamp': fields.String(),
            'result': fields.Nested(page),
        },
        name=f'V1{name}ListAnswer',
    )
    return item(), one(), many()


ErrorResult = Schema.from_dict(
    {'message': fields.String(metadata={'description': 'Why'})}, name='V1ErrorResult'
)
ErrorSchema = Schema.from_dict(
    {
        'api_ver': fields.String(),
        'statuscode': fields.Integer(),
        'timestamp': fields.String(),
        'result': fields.Nested(ErrorResult),
    },
    name='V1Error',
)
DoneSchema = Schema.from_dict(
    {'api_ver': fields.String(), 'statuscode': fields.Integer(), 'timestamp': fields.String()},
    name='V1Done',
)
