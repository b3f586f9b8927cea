"""/extension/{id}/queue/agents/local/ and .../remote/: the agents of a queue.

`level` is the member's penalty (0 to 20: lower levels ring first), `position`
its place in the queue's ring order (1 = first; given 0 or past the end: last;
the members after it move down). These are the queue member rows json.php,
agentd and /api show; a logged agent follows in Asterisk."""

from flask import Response, jsonify
from marshmallow import Schema, fields

from compat.callqueue import agents, extensions
from compat.callqueue.common import Conflict, Int, document, entity
from xivows.errors import NotFound
from xivows.resources.entity import scope
from xivows.resources.queue_members import service as queue_members
from xivows.resources.queue_members.inputs import MAX_PENALTY, MemberInput
from xivows.resources.queues import service as queues
from xivows.resources.queues.inputs import QueueInput


class NewMemberSchema(Schema):
    agent_id = Int(required=True, minimum=1)
    level = Int(maximum=MAX_PENALTY, metadata={'description': 'Penalty: lower rings first'})
    position = Int(metadata={'description': 'Ring order, 1 = first (0: last)'})


class MemberChangeSchema(Schema):
    level = Int(maximum=MAX_PENALTY)
    position = Int()


class MemberSchema(Schema):
    agent_id = fields.Integer()
    level = fields.Integer()
    position = fields.Integer()


_new = NewMemberSchema()
_change = MemberChangeSchema()


def _shown(row):
    return {'position': row.position, 'agent_id': row.userid, 'level': row.penalty}


def _queue(extension_id):
    return extensions.find(extension_id, ('queue',))[1]


def _reordered(extension_id):
    """The queue whose members this request places: concurrent ones take turns."""
    queue = _queue(extension_id)
    queue_members.take_turns(queue.id)
    return queue


def _rows(queue):
    return queue_members.members_of(queue.name, queue_members.QUEUE, queue_members.AGENT)


def _member(queue, kind, agent_id):
    agent = agents.find(kind, agent_id)
    row = queue_members.find(queue.name, queue_members.AGENT, agent.id)
    if row is None:
        raise NotFound(f'{kind} agent {agent.id} is not in this queue')
    return agent, row


def _place(queue, agent_id, position, penalty=None):
    """The queue's agents with `agent_id` at `position` (0: where it is, or last
    when new), in one rewrite of the member rows."""
    current = [row.userid for row in _rows(queue)]
    order = [member for member in current if member != agent_id]
    if position is None or position == 0:
        index = current.index(agent_id) if agent_id in current else len(order)
    else:
        index = min(position - 1, len(order))
    order.insert(index, agent_id)
    wanted = [MemberInput(member, penalty if member == agent_id else None) for member in order]
    queues.edit(queue.id, QueueInput(agents=wanted))


def _list(extension_id, kind):
    queue = _queue(extension_id)
    rows = queue_members.agent_penalties(queue.name)
    mine = (
        scope.agent_ids(entity(), [row[0] for row in rows], remote=kind == agents.REMOTE)
        if rows
        else set()
    )
    return jsonify(
        [
            {'position': position, 'agent_id': agent_id, 'level': penalty}
            for agent_id, penalty, position in rows
            if agent_id in mine
        ]
    )


def _add(extension_id, kind):
    queue = _reordered(extension_id)
    given = document(_new)
    agent = agents.find(kind, given['agent_id'])
    if queue_members.find(queue.name, queue_members.AGENT, agent.id) is not None:
        raise Conflict(f'agent_id: agent {agent.id} is already in this queue')
    _place(queue, agent.id, given.get('position', 0), given.get('level', 0))
    response = jsonify(_shown(queue_members.find(queue.name, queue_members.AGENT, agent.id)))
    response.status_code = 201
    return response


def _get(extension_id, kind, agent_id):
    queue = _queue(extension_id)
    return jsonify(_shown(_member(queue, kind, agent_id)[1]))


def _edit(extension_id, kind, agent_id):
    queue = _reordered(extension_id)
    agent, row = _member(queue, kind, agent_id)
    given = document(_change)
    if (
        given.get('position', row.position) != row.position
        or given.get('level', row.penalty) != row.penalty
    ):
        _place(queue, agent.id, given.get('position'), given.get('level'))
    return jsonify(_shown(queue_members.find(queue.name, queue_members.AGENT, agent.id)))


def _delete(extension_id, kind, agent_id):
    queue = _reordered(extension_id)
    agent, _ = _member(queue, kind, agent_id)
    queues.edit(
        queue.id, QueueInput(agents=[row.userid for row in _rows(queue) if row.userid != agent.id])
    )
    return Response(status=204)


def list_local(extension_id):
    return _list(extension_id, agents.LOCAL)


def list_remote(extension_id):
    return _list(extension_id, agents.REMOTE)


def add_local(extension_id):
    return _add(extension_id, agents.LOCAL)


def add_remote(extension_id):
    return _add(extension_id, agents.REMOTE)


def get_local(extension_id, agent_id):
    return _get(extension_id, agents.LOCAL, agent_id)


def get_remote(extension_id, agent_id):
    return _get(extension_id, agents.REMOTE, agent_id)


def edit_local(extension_id, agent_id):
    return _edit(extension_id, agents.LOCAL, agent_id)


def edit_remote(extension_id, agent_id):
    return _edit(extension_id, agents.REMOTE, agent_id)


def delete_local(extension_id, agent_id):
    return _delete(extension_id, agents.LOCAL, agent_id)


def delete_remote(extension_id, agent_id):
    return _delete(extension_id, agents.REMOTE, agent_id)
