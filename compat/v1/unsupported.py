"""Resources of the seed that xivows leaves out, with why (404 in the envelope)."""

_MESSAGING = (
    'not implemented: the seed\'s chat, buddy and contact resources belong to a '
    'messaging product, not to a PBX configuration and live state service'
)
_DIALPLAN = (
    'not implemented: xivows generates the dial plan from the store '
    '(GET /v1/admin/dialplan/configurations shows it); hand-written dial plans '
    '(adp, adpma, sdp, sdialplans) are not kept'
)
_PERMISSIONS = (
    'not implemented: permissions are the ACL sections of each user '
    '(`permissions` of /v1/admin/user/users)'
)
REASONS = (
    ('me', _MESSAGING),
    ('admin/user/contacts', _MESSAGING),
    ('admin/user/permissions', _PERMISSIONS),
    ('admin/dialplan/adps', _DIALPLAN),
    ('admin/dialplan/adpmas', _DIALPLAN),
    ('admin/dialplan/sdps', _DIALPLAN),
    ('manager/sdialplans', _DIALPLAN),
)


def out_of_scope(path):
    """The reason a seed resource is left out, or None."""
    path = path.strip('/')
    for prefix, reason in REASONS:
        if path == prefix or path.startswith(prefix + '/'):
            return reason
    return None
