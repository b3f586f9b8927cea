"""The ACL sections of /v1. One per resource family; a family whose calls change
Asterisk, the configuration or accounts has a `read` and a `write` section under
its name (granting the family's name grants both: sections are prefixes), a
read-only family is one section. The seed's permissions: `admin` = every section
below, `user` = the read sections."""

AGENTS = 'v1/agents'
DEVICE_STATES = 'v1/device_states'
PEERS = 'v1/peers'
REGISTRIES = 'v1/registries'
PJSIP = 'v1/admin/pjsip'
DIALPLAN = 'v1/admin/dialplan'


def _family(name):
    return f'{name}/read', f'{name}/write'


CORE, CORE_WRITE = _family('v1/admin/core')
QUEUE, QUEUE_WRITE = _family('v1/admin/queue')
PARK, PARK_WRITE = _family('v1/admin/park')
USER, USER_WRITE = _family('v1/admin/user')
MANAGER, MANAGER_WRITE = _family('v1/manager')

READ = (
    AGENTS,
    DEVICE_STATES,
    PEERS,
    REGISTRIES,
    PJSIP,
    DIALPLAN,
    CORE,
    QUEUE,
    PARK,
    USER,
    MANAGER,
)
WRITE = (CORE_WRITE, QUEUE_WRITE, PARK_WRITE, USER_WRITE, MANAGER_WRITE)
ALL = READ + WRITE

# The seed's permissions -> sections.
PERMISSIONS = {'admin': ALL, 'user': READ}
