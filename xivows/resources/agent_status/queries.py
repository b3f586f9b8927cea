from xivows.models.agent import AgentFeatures
from xivows.models.agent_status import AgentLoginStatus, AgentPresence, AgentSync
from xivows.models.extension import Extension
from xivows.models.queue import QueueFeatures, QueueMember


def agent_by_id(agent_id):
    return AgentFeatures.get_or_none(AgentFeatures.id == agent_id)


def agent_by_number(number):
    return AgentFeatures.get_or_none(AgentFeatures.number == number)


def queue_by_id(queue_id):
    return QueueFeatures.get_or_none(QueueFeatures.id == queue_id)


def status_of(agent_id):
    return AgentLoginStatus.get_or_none(AgentLoginStatus.agent_id == agent_id)


def all_statuses():
    """{agent id: status} of logged agents."""
    return {status.agent_id: status for status in AgentLoginStatus.select()}


def all_agents():
    return AgentFeatures.select().order_by(AgentFeatures.id)


def extension_in_use(extension, context):
    return (
        AgentLoginStatus.select()
        .where((AgentLoginStatus.extension == extension) & (AgentLoginStatus.context == context))
        .exists()
    )


def user_extension(extension, context):
    return Extension.get_or_none(
        (Extension.exten == extension)
        & (Extension.context == context)
        & (Extension.type == 'user')
    )


def memberships(agent_id):
    """The agent's queue memberships: (queue name, penalty) in queue-name order."""
    return list(
        QueueMember.select(QueueMember.queue_name, QueueMember.penalty)
        .where(
            (QueueMember.usertype == 'agent')
            & (QueueMember.userid == agent_id)
            & (QueueMember.category == 'queue')
        )
        .order_by(QueueMember.queue_name)
        .tuples()
    )


def sync_of(agent_id):
    return AgentSync.get_or_none(AgentSync.agent_id == agent_id)


def all_syncs():
    return {sync.agent_id: sync for sync in AgentSync.select()}


def presence_of(agent_id):
    return AgentPresence.get_or_none(AgentPresence.agent_id == agent_id)


def presences():
    """{agent id: AgentPresence}."""
    return {row.agent_id: row for row in AgentPresence.select()}
