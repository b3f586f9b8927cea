"""/client/{client_id}/agent/{local|remote}/{agent_id}/event/: the HTTP callbacks
of an agent's logins and logouts (xivows/resources/agent_callbacks, delivered by
the outbox: README "HTTP callbacks of agent events")."""

from flask import Response, jsonify
from marshmallow import Schema, fields, validate

from compat.callqueue import agents
from compat.callqueue.common import Str, document, entity, ident
from xivows.resources.agent_callbacks import service as callbacks
from xivows.resources.agent_callbacks.service import CallbackChanges, CallbackInput

EVENT_TYPES = callbacks.EVENT_TYPES


class EventSchema(Schema):
    id = fields.Integer()
    url = fields.String()
    event_type = fields.String(metadata={'description': 'agent-login or agent-logout'})
    method = fields.String(metadata={'description': 'GET or POST'})


class NewEventSchema(Schema):
    url = Str(required=True, max_length=2048)
    event_type = Str(required=True, validate=validate.OneOf(EVENT_TYPES))
    method = Str(required=True, validate=validate.OneOf(callbacks.METHODS))


class EventChangeSchema(Schema):
    url = Str(max_length=2048)
    event_type = Str(validate=validate.OneOf(EVENT_TYPES))
    method = Str(validate=validate.OneOf(callbacks.METHODS))


_new = NewEventSchema()
_change = EventChangeSchema()


def _shown(row):
    return {'url': row.url, 'id': row.id, 'method': row.method, 'event_type': row.event_type}


def _agent(kind, agent_id):
    return agents.find(kind, agent_id).id


def _list(kind, agent_id):
    return jsonify(
        [_shown(row) for row in callbacks.list_callbacks(entity().id, _agent(kind, agent_id))]
    )


def _create(kind, agent_id):
    agent = _agent(kind, agent_id)
    given = document(_new)
    row = callbacks.create(
        entity().id, agent, CallbackInput(given['url'], given['event_type'], given['method'])
    )
    response = jsonify(_shown(row))
    response.status_code = 201
    return response


def _get(kind, agent_id, event_id):
    agent = _agent(kind, agent_id)
    return jsonify(_shown(callbacks.get(entity().id, agent, ident(event_id, 'event'))))


def _edit(kind, agent_id, event_id):
    agent = _agent(kind, agent_id)
    number = ident(event_id, 'event')
    callbacks.get(entity().id, agent, number)
    given = document(_change)
    return jsonify(_shown(callbacks.edit(entity().id, agent, number, CallbackChanges(**given))))


def _delete(kind, agent_id, event_id):
    callbacks.delete(entity().id, _agent(kind, agent_id), ident(event_id, 'event'))
    return Response(status=204)


def _views(kind):
    return {
        'list': lambda agent_id: _list(kind, agent_id),
        'create': lambda agent_id: _create(kind, agent_id),
        'get': lambda agent_id, event_id: _get(kind, agent_id, event_id),
        'edit': lambda agent_id, event_id: _edit(kind, agent_id, event_id),
        'delete': lambda agent_id, event_id: _delete(kind, agent_id, event_id),
    }


LOCAL = _views(agents.LOCAL)
REMOTE = _views(agents.REMOTE)
