"""ACL sections. A web-service user holds granted sections; a granted prefix
covers its whole subtree ('service/ipbx' grants every IPBX service) and '*'
grants everything. The known sections are the legacy ACL tree plus those the
dialects register."""

ALL = '*'

# The grantable leaves of the legacy ACL tree (2013-2015).
LEGACY_TREE = (
    'xivo/configuration/check',
    'xivo/configuration/manage/entity',
    'xivo/configuration/network/interface',
    'xivo/configuration/network/resolvconf',
    'xivo/configuration/network/mail',
    'xivo/configuration/network/dhcp',
    'xivo/configuration/network/iproute',
    'xivo/configuration/support/monitoring',
    'xivo/configuration/provisioning/general',
    'xivo/configuration/provisioning/autoprov',
    *(
        f'service/ipbx/general_settings/{leaf}'
        for leaf in ('sccp', 'sip', 'iax', 'voicemail', 'phonebook', 'advanced', 'outboundmwi')
    ),
    *(
        f'service/ipbx/pbx_settings/{leaf}'
        for leaf in ('users', 'lines', 'devices', 'groups', 'meetme', 'voicemail', 'extension')
    ),
    *(
        f'service/ipbx/call_management/{leaf}'
        for leaf in ('incall', 'outcall', 'pickup', 'cel', 'schedule')
    ),
    *(f'service/ipbx/trunk_management/{leaf}' for leaf in ('sip', 'iax', 'custom')),
    'service/ipbx/pbx_services/phonebook',
    'service/ipbx/pbx_services/extenfeatures',
    'service/ipbx/pbx_services/parkinglot',
    'service/ipbx/system_management/context',
    'service/ipbx/system_management/extensions',
    'service/ipbx/control_system/reload',
    'service/ipbx/control_system/restart',
    'service/ipbx/queuelogger/configuration',
    *(
        f'service/callcenter/settings/{leaf}'
        for leaf in ('agents', 'queues', 'queueskills', 'queueskillrules')
    ),
    *(f'statistics/call_center/data/stats{n}' for n in range(1, 5)),
    'statistics/call_center/settings/configuration',
    'cti/profiles',
)

_known = set(LEGACY_TREE)


def register(section):
    _known.add(section)


def version():
    """Changes when a section is registered (caches of granted sections key on it)."""
    return len(_known)


def known_sections():
    return sorted(_known)


def covers(grant, section):
    return grant == ALL or section == grant or section.startswith(grant + '/')


def is_grantable(grant):
    """A grant must name a known section or a prefix of one."""
    return any(covers(grant, section) for section in _known)


def granted_sections(grants):
    """The known sections covered by a list of grants."""
    return [section for section in _known if any(covers(grant, section) for grant in grants)]
