"""The reconciler's owner of remote agents' queue members (`Local/<number>@<outgoing
context>`). Their desired state is the agents' (the agent owner reads every login,
remote ones included, with their own interface); this owner only tells the
reconciler which members Asterisk has are such members, so that a remote agent
logging out, or deleted, leaves its queues exactly as a local agent does.

A member `Local/<exten>@<context>` is xivows's when `context` is an outgoing
context of the store (or the context of a current external login): it belongs to
the agent logged in with that interface, or to the remote agent whose number and
entity's outgoing context it names (logged out: removed as the agent's), else to
nobody any more (a leftover of a deleted agent, removed). Both are read with the
desired state, before each plan."""

import re

from xivows.resources.remote_agents import queries

KIND = 'remote-agent'
_LOCAL = re.compile(r'^local/([^@/]+)@([^@/]+)$', re.IGNORECASE)


class RemoteAgentOwner:
    kind = KIND
    families = ()

    def __init__(self):
        self._contexts = set()
        self._logged = {}

    def desired(self):
        logins = queries.external_logins()
        outgoing = queries.outgoing_contexts_by_entity()
        known = {}
        for agent_id, number, entity in queries.remote_agents():
            if entity in outgoing:
                known[f'local/{number}@{outgoing[entity]}'.lower()] = agent_id
        known.update({interface.lower(): agent_id for interface, _, agent_id in logins})
        self._logged = known
        self._contexts = {name.lower() for name in queries.outgoing_contexts()} | {
            context.lower() for _, context, _ in logins
        }
        return {}, {}

    def owner_of(self, interface):
        found = _LOCAL.match(interface or '')
        if found is None or found.group(2).lower() not in self._contexts:
            return None
        agent_id = self._logged.get(interface.lower())
        if agent_id is not None:
            return ('agent', agent_id)
        return (KIND, interface.lower())

    def owner_of_key(self, family, key):
        return None
