"""/api/queues, /api/queue/<name>: a queue is named by its name; its agents by
their numbers (ring order); `agent_wrapup_time` is its wrap-up time and
`max_ring_time` how long a member rings (seconds)."""

from flask import Response, jsonify
from marshmallow import Schema, fields, validate

from compat.restapi.common import document, renamed
from xivows.errors import InvalidInput
from xivows.resources.queues import service
from xivows.resources.queues.inputs import QueueInput

SECTION = 'api/queues'


class QueueSchema(Schema):
    id = fields.String(required=True, metadata={'description': 'The queue name'})
    agents = fields.List(
        fields.String(), required=True, metadata={'description': 'Agent numbers, in ring order'}
    )
    agent_wrapup_time = fields.Integer(required=True, metadata={'description': 'Seconds'})
    max_ring_time = fields.Integer(
        required=True, metadata={'description': 'Seconds a member rings'}
    )


class QueueChangeSchema(Schema):
    # GET's `id` may be sent back (a body read from GET), not changed.
    id = fields.String(metadata={'description': 'The queue name (cannot be changed)'})
    agents = fields.List(
        fields.String(validate=validate.Length(min=1, max=40)),
        metadata={'description': 'Replaces the members (agent numbers)'},
    )
    agent_wrapup_time = fields.Integer(strict=True)
    max_ring_time = fields.Integer(strict=True)


_queue = QueueSchema()
_change = QueueChangeSchema()
# domain field -> this dialect's name, in refusals
_NAMES = {
    'queue.wrapuptime': 'agent_wrapup_time',
    'queue.timeout': 'max_ring_time',
    'agent': 'agents',
}


def _shown(summary):
    return {
        'id': summary['name'],
        'agents': summary['agent_numbers'],
        'agent_wrapup_time': summary['wrapuptime'],
        'max_ring_time': summary['timeout'],
    }


def list_queues():
    return jsonify([_shown(summary) for summary in service.summaries()])


def get_queue(name):
    service.get_by_name(name)
    return jsonify(_shown(service.summaries(name)[0]))


def put_queue(name):
    features = service.get_by_name(name)
    given = document(_change)
    if 'id' in given and given['id'] != features.name:
        raise InvalidInput('id: cannot be changed')
    options = {}
    if 'agent_wrapup_time' in given:
        options['wrapuptime'] = given['agent_wrapup_time']
    if 'max_ring_time' in given:
        options['timeout'] = given['max_ring_time']
    agents = None
    if 'agents' in given:
        agents = renamed(_NAMES, service.agent_ids, list(dict.fromkeys(given['agents'])))
    renamed(_NAMES, service.edit, features.id, QueueInput(options=options, agents=agents))
    return jsonify(_shown(service.summaries(name)[0]))


def delete_queue(name):
    service.delete(service.get_by_name(name).id)
    return Response(status=204)
