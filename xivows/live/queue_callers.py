"""The callers of a queue as Asterisk reports them (the live tables the worker
feeds; call `queries.require_fresh()` first):

* a caller is *waiting* while it is in the queue and no member rings for it;
* *trying* while a channel of its call (same linked id) is ringing (state 5,
  Ringing): a member Asterisk dials for it; the agents are those whose queue
  member interface the ringing channel comes from (`Local/id-3@agentcallback-…;1`
  is agent 3, `Local/<number>@<context>-…;1` the remote agent logged on it);
* *answered* once connected to a member: Asterisk takes it out of the queue and
  counts it on the member (`InCall`), so answered callers are counted by the
  queue's members in a call from it."""

import time
from dataclasses import dataclass

from xivows.models.agent_status import AgentLoginStatus
from xivows.models.live import LiveChannel, LiveQueueEntry, LiveQueueMember

RINGING = 5  # ChannelState


@dataclass(frozen=True)
class Caller:
    channel: str
    uniqueid: str
    number: str
    joined_at: float
    wait_time: int
    trying: bool
    agent_ids: tuple  # the agents ringing for it, by id


def _agents_by_interface():
    return {
        interface.lower(): agent_id
        for interface, agent_id in AgentLoginStatus.select(
            AgentLoginStatus.interface, AgentLoginStatus.agent_id
        ).tuples()
    }


def _interface_of(channel_name):
    """`Local/id-3@agentcallback-00000001;1` -> `local/id-3@agentcallback`."""
    base = channel_name.split(';', 1)[0]
    head, _, tail = base.rpartition('-')
    return (head if head and len(tail) >= 8 else base).lower()


def callers(queue_name, now=None):
    """The queue's callers in queue order: three queries."""
    now = time.time() if now is None else now
    entries = list(
        LiveQueueEntry.select()
        .where(LiveQueueEntry.queue == queue_name)
        .order_by(LiveQueueEntry.position)
    )
    if not entries:
        return []
    channels = {
        row.channel: row
        for row in LiveChannel.select().where(
            LiveChannel.channel.in_([entry.channel for entry in entries])
        )
    }
    links = {
        channels[entry.channel].linkedid
        for entry in entries
        if entry.channel in channels and channels[entry.channel].linkedid
    }
    ringing = {}
    if links:
        for row in LiveChannel.select(LiveChannel.channel, LiveChannel.linkedid).where(
            LiveChannel.linkedid.in_(list(links)) & (LiveChannel.state == RINGING)
        ):
            ringing.setdefault(row.linkedid, []).append(row.channel)
    agents = _agents_by_interface() if ringing else {}
    found = []
    for entry in entries:
        channel = channels.get(entry.channel)
        linked = ringing.get(channel.linkedid, []) if channel is not None else []
        linked = [name for name in linked if name != entry.channel]
        agent_ids = tuple(
            sorted(
                {agents[_interface_of(name)] for name in linked if _interface_of(name) in agents}
            )
        )
        found.append(
            Caller(
                entry.channel,
                entry.uniqueid,
                entry.caller_id_num,
                entry.joined_at,
                max(0, int(now - entry.joined_at)),
                bool(linked),
                agent_ids,
            )
        )
    return found


def answered(queue_name):
    """How many of the queue's members are in a call from it."""
    return (
        LiveQueueMember.select()
        .where((LiveQueueMember.queue == queue_name) & LiveQueueMember.in_call)
        .count()
    )
