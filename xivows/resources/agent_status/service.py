"""Agent control: log agents in and out of their queues, pause them, change their
queue memberships. The store is the truth (so every worker and host agrees);
each change is then pushed to Asterisk (QueueAdd/QueueRemove/QueuePause) after
the commit, when an AMI is configured. A logged agent is a member of its queues
through `Local/id-<agent id>@agentcallback`, named `Agent/<number>`, its device
state being the line of the extension it logged on."""
import time

from xivows.models.agent_status import AgentLoginStatus
from xivows.resources.agent_status import asterisk, queries
from xivows.resources.agent_status.errors import (AlreadyInQueue, AlreadyLogged,
                                                  ExtensionInUse, NoSuchAgent, NoSuchExtension,
                                                  NoSuchQueue, NotInQueue, NotLogged)
from xivows.resources.lines import service as lines
from xivows.resources.queue_members import service as queue_members
from xivows.resources.users import queries as user_queries


def interface(agent_id):
    return f'Local/id-{agent_id}@agentcallback'


def member_name(agent_number):
    return queue_members.agent_interface(agent_number)


def agent(agent_id=None, number=None):
    found = queries.agent_by_id(agent_id) if number is None else queries.agent_by_number(number)
    if found is None:
        raise NoSuchAgent()
    return found


def queue(queue_id):
    found = queries.queue_by_id(queue_id)
    if found is None:
        raise NoSuchQueue()
    return found


def _logged(agent_row):
    status = queries.status_of(agent_row.id)
    if status is None:
        raise NotLogged()
    return status


def _queue_add(status, queue_name, penalty):
    return asterisk.Action('QueueAdd', Queue=queue_name, Interface=status.interface,
                           Penalty=str(penalty), MemberName=member_name(status.agent_number),
                           StateInterface=status.state_interface,
                           Paused='true' if status.paused else 'false')


def _queue_remove(status, queue_name):
    return asterisk.Action('QueueRemove', Queue=queue_name, Interface=status.interface)


def _state_interface(extension, context):
    held = queries.user_extension(extension, context)
    line = user_queries.line_of(int(held.typeval))[0] if held else None
    if line is None:
        raise NoSuchExtension()
    return lines.interface_of(line)[0]


# -- login / logoff ----------------------------------------------------------------


def login(agent_row, extension, context):
    if queries.status_of(agent_row.id) is not None:
        raise AlreadyLogged()
    state_interface = _state_interface(extension, context)
    if queries.extension_in_use(extension, context):
        raise ExtensionInUse()
    status = AgentLoginStatus.create(
        agent_id=agent_row.id, agent_number=agent_row.number, extension=extension,
        context=context, interface=interface(agent_row.id), state_interface=state_interface,
        login_at=int(time.time()))
    asterisk.push(status.agent_id, [_queue_add(status, name, penalty)
                                    for name, penalty in queries.memberships(agent_row.id)])


def logoff(agent_row):
    status = _logged(agent_row)
    _logoff(status)


def _logoff(status):
    actions = [_queue_remove(status, name) for name, _ in queries.memberships(status.agent_id)]
    status.delete_instance()
    asterisk.push(None, actions)


def logoff_all():
    for status in list(AgentLoginStatus.select()):
        _logoff(status)


def relog_all():
    """Push every logged agent's state again (after an Asterisk restart or an
    AMI failure): remove then re-add its queue members, re-apply its pause."""
    for status in AgentLoginStatus.select():
        memberships = queries.memberships(status.agent_id)
        actions = [_queue_remove(status, name) for name, _ in memberships]
        actions += [_queue_add(status, name, penalty) for name, penalty in memberships]
        asterisk.push(status.agent_id, actions, tolerate=('QueueRemove',))


# -- pause ------------------------------------------------------------------------------


def pause(agent_row, reason=None):
    status = _logged(agent_row)
    status.paused, status.paused_reason = True, reason
    status.save()
    headers = {'Interface': status.interface, 'Paused': 'true'}
    if reason:
        headers['Reason'] = reason
    asterisk.push(status.agent_id, [asterisk.Action('QueuePause', **headers)])


def unpause(agent_row):
    status = _logged(agent_row)
    status.paused, status.paused_reason = False, None
    status.save()
    asterisk.push(status.agent_id, [asterisk.Action('QueuePause', Interface=status.interface,
                                                    Paused='false')])


# -- status --------------------------------------------------------------------------


def status_view(agent_row, status):
    return {
        'id': agent_row.id,
        'number': agent_row.number,
        'logged': status is not None,
        'extension': status.extension if status else None,
        'context': status.context if status else None,
        'paused': bool(status.paused) if status else False,
        'paused_reason': status.paused_reason if status else None,
        'logged_since': status.login_at if status else None,
        'ami_error': status.ami_error if status else None,
    }


def status(agent_row):
    return status_view(agent_row, queries.status_of(agent_row.id))


def statuses():
    logged = queries.all_statuses()
    return [status_view(row, logged.get(row.id)) for row in queries.all_agents()]


# -- queue membership -------------------------------------------------------------------


def add_to_queue(agent_row, queue_row, penalty=0):
    if queue_members.find(queue_row.name, queue_members.AGENT, agent_row.id) is not None:
        raise AlreadyInQueue()
    queue_members.add(queue_row.name, queue_members.QUEUE,
                      queue_members.Member.agent(agent_row.id, agent_row.number), penalty)


def remove_from_queue(agent_row, queue_row):
    member = queue_members.find(queue_row.name, queue_members.AGENT, agent_row.id)
    if member is None:
        raise NotInQueue()
    queue_members.remove(member)


def memberships_changed(agent_id, before):
    """Mirror to Asterisk a change of a logged agent's queues. `before` maps the
    queue names that may have changed to their former penalty (None: was not a
    member). Callable by any resource that edits agent memberships."""
    status = queries.status_of(agent_id)
    if status is None:
        return
    now = dict(queries.memberships(agent_id))
    actions = []
    for name, old_penalty in before.items():
        if name in now and (old_penalty is None or old_penalty != now[name]):
            if old_penalty is not None:
                actions.append(_queue_remove(status, name))
            actions.append(_queue_add(status, name, now[name]))
        elif name not in now and old_penalty is not None:
            actions.append(_queue_remove(status, name))
    asterisk.push(agent_id, actions)


def agent_deleted(agent_id):
    status = queries.status_of(agent_id)
    if status is not None:
        _logoff(status)
