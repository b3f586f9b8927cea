"""Agents logged on a SIP line had the state interface `SIP/<name>`: Asterisk 21
has no chan_sip, so app_queue marked them Invalid and never rang them. They
become `PJSIP/<name>`, and every logged agent is marked out of sync so that the
worker re-applies it."""

from peewee import fn

from xivows.models.agent_status import AgentLoginStatus, AgentSync


def upgrade(db, migrator):
    for status in AgentLoginStatus.select().where(
        fn.SUBSTR(AgentLoginStatus.state_interface, 1, 4) == 'SIP/'
    ):
        status.state_interface = 'PJSIP/' + status.state_interface[4:]
        status.save()
    for status in AgentLoginStatus.select():
        (
            AgentSync.insert(agent_id=status.agent_id, version=1, in_sync=False)
            .on_conflict(conflict_target=[AgentSync.agent_id], update={AgentSync.in_sync: False})
            .execute()
        )
