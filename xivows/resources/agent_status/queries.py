from __future__ import annotations

from typing import TYPE_CHECKING

from xivows.idsets import in_ids
from xivows.models.agent import AgentFeatures
from xivows.models.agent_status import AgentLoginStatus, AgentPresence, AgentSync
from xivows.models.extension import Extension
from xivows.models.line import LineFeatures
from xivows.models.queue import QueueFeatures, QueueMember

if TYPE_CHECKING:
    from peewee import ModelSelect


def agent_by_id(agent_id: int | None) -> AgentFeatures | None:
    return AgentFeatures.get_or_none(AgentFeatures.id == agent_id)


def agent_by_number(number: str) -> AgentFeatures | None:
    return AgentFeatures.get_or_none(AgentFeatures.number == number)


def queue_by_id(queue_id: int) -> QueueFeatures | None:
    return QueueFeatures.get_or_none(QueueFeatures.id == queue_id)


def status_of(agent_id: int) -> AgentLoginStatus | None:
    return AgentLoginStatus.get_or_none(AgentLoginStatus.agent_id == agent_id)


def all_statuses() -> dict[int, AgentLoginStatus]:
    """{agent id: status} of logged agents."""
    return {status.agent_id: status for status in AgentLoginStatus.select()}


def all_agents() -> ModelSelect:
    return AgentFeatures.select().order_by(AgentFeatures.id)


def extension_in_use(extension: str, context: str) -> bool:
    return (
        AgentLoginStatus.select()
        .where((AgentLoginStatus.extension == extension) & (AgentLoginStatus.context == context))
        .exists()
    )


def user_extension(extension: str, context: str) -> Extension | None:
    return Extension.get_or_none(
        (Extension.exten == extension)
        & (Extension.context == context)
        & (Extension.type == 'user')
    )


def logins_on_lines(line_ids: list[int]) -> list[AgentLoginStatus]:
    """The logins whose extension is the number of one of these lines, in its
    context (one query whatever the number of lines)."""
    return list(
        AgentLoginStatus.select(AgentLoginStatus)
        .join(
            LineFeatures,
            on=(
                (LineFeatures.number == AgentLoginStatus.extension)
                & (LineFeatures.context == AgentLoginStatus.context)
            ),
        )
        .where(in_ids(LineFeatures.id, line_ids))
        .order_by(AgentLoginStatus.agent_id)
    )


def logins_at(extension: str, context: str) -> list[AgentLoginStatus]:
    """The login on this extension (at most one: the place is unique)."""
    return list(
        AgentLoginStatus.select().where(
            (AgentLoginStatus.extension == extension) & (AgentLoginStatus.context == context)
        )
    )


def memberships(agent_id: int) -> list[tuple[str, int]]:
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


def sync_of(agent_id: int) -> AgentSync | None:
    return AgentSync.get_or_none(AgentSync.agent_id == agent_id)


def all_syncs() -> dict[int, AgentSync]:
    return {sync.agent_id: sync for sync in AgentSync.select()}


def presence_of(agent_id: int) -> AgentPresence | None:
    return AgentPresence.get_or_none(AgentPresence.agent_id == agent_id)


def presences() -> dict[int, AgentPresence]:
    """{agent id: AgentPresence}."""
    return {row.agent_id: row for row in AgentPresence.select()}
