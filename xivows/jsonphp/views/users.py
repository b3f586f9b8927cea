"""The legacy wire shapes of users: list items (also the view's `userfeatures`)
and the `view` object, the 2015 shape plus the keys of the 2013 shape that the
seed document shows (`picture`, `voicemailfeatures`, 2013 line keys), so
clients of both eras find what they read."""

from xivows import wire
from xivows.jsonphp.views import ownerlinks
from xivows.jsonphp.views import voicemail as voicemail_schemas
from xivows.jsonphp.views.entity import entity_item
from xivows.jsonphp.views.lines import extension_row, line_row
from xivows.models.context import Context
from xivows.models.user import UserFeatures
from xivows.resources.users import queries
from xivows.resources.users.schemas import fullname

_ROW = wire.RowFormat(
    UserFeatures,
    ints=('id', 'entityid', 'func_key_template_id', 'func_key_private_template_id'),
    bools=(
        'enableclient',
        'enablehint',
        'enablevoicemail',
        'enablexfer',
        'enableonlinerec',
        'callrecord',
        'incallfilter',
        'enablednd',
        'enablerna',
        'enablebusy',
        'enableunc',
        'commented',
    ),
    converters={'cti_profile_id': lambda value: value or 0},
)


def user_item(user):
    """List/search item and the view's `userfeatures`."""
    item = _ROW(user)
    item['enableautomon'] = item['enableonlinerec']  # the pre-2015 name
    item['fullname'] = item['identity'] = fullname(item['firstname'], item['lastname'])
    return item


def user_item_of_tuple(row):
    """user_item of a row of every UserFeatures column (prepared queries)."""
    item = _ROW.of_tuple(row)
    item['enableautomon'] = item['enableonlinerec']
    item['fullname'] = item['identity'] = fullname(item['firstname'], item['lastname'])
    return item


def funckey_view(row):
    return {
        'iduserfeatures': str(row.iduserfeatures),
        'fknum': str(row.fknum),
        'exten': row.exten,
        'type': row.typeextenumbers,
        'typeval': row.typevalextenumbers,
        'typeextenumbers': row.typeextenumbers,
        'typevalextenumbers': row.typevalextenumbers,
        'typeextenumbersright': row.typeextenumbersright,
        'typevalextenumbersright': row.typevalextenumbersright,
        'label': row.label,
        'supervision': bool(row.supervision),
        'progfunckey': bool(row.progfunckey),
    }


_CONTEXT_ROW = wire.RowFormat(Context, bools=('commented',))


def _entity(parts):
    if parts.entity is None:
        return False
    context_rows = []
    for context in parts.contexts:
        row = _CONTEXT_ROW(context)
        row['identity'] = f'{context.displayname} ({context.name})'
        context_rows.append(row)
    return {
        'entity': entity_item(parts.entity),
        'context': context_rows,
        'deletable': not context_rows,
    }


def _user_line(link):
    if link is None:
        return False
    return [
        {
            'id': link.id,
            'user_id': link.user_id,
            'line_id': link.line_id,
            'extension_id': link.extension_id,
            'main_user': bool(link.main_user),
            'main_line': bool(link.main_line),
        }
    ]


def _members(user, category):
    key = f'{category}featuresid'
    rows = []
    for row in queries.memberships(user.id, category):
        rows.append(
            {
                'queue_name': row['queue_name'],
                'interface': row['interface'],
                'penalty': str(row['penalty']),
                'commented': bool(row['commented']),
                'usertype': row['usertype'],
                'userid': row['userid'],
                'channel': row['channel'],
                'category': row['category'],
                'position': row['position'],
                key: wire.text(row['owner_id']),
            }
        )
    return rows or False


def _voicemail(parts):
    """The 2015 (confd) and 2013 keys together, and the 2013 voicemailfeatures."""
    voicemail = parts.voicemail
    if voicemail is None:
        return False, False
    view = {**voicemail_schemas.legacy_view(voicemail), **voicemail_schemas.confd_view(voicemail)}
    view['entity_displayname'] = parts.voicemail_entity_displayname
    features = {
        'id': voicemail.uniqueid,
        'voicemailid': voicemail.uniqueid,
        'skipcheckpass': '1' if voicemail.skipcheckpass else '0',
    }
    return view, features


def user_view(parts):
    """The view object of a user's ViewParts (users.queries.view_parts): the
    parts a user rarely has are read only when it has them."""
    user = parts.user
    voicemail, voicemail_features = _voicemail(parts)
    return {
        'userfeatures': user_item(user),
        'entity': _entity(parts),
        'user_line': _user_line(parts.link),
        'linefeatures': [line_row(parts.line, user.id)] if parts.line else False,
        'exten': extension_row(parts.extension),
        'groupmember': _members(user, 'group') if parts.has_members else False,
        'queuemember': _members(user, 'queue') if parts.has_members else False,
        'rightcall': ownerlinks.rightcall_view('user', user.id) if parts.has_rightcalls else False,
        'dialaction': ownerlinks.dialaction_view('user', user.id)
        if parts.has_dialactions
        else False,
        'voicemail': voicemail,
        'voicemailfeatures': voicemail_features,
        'phonefunckey': [funckey_view(row) for row in queries.funckeys(user.id)]
        if parts.has_funckeys
        else [],
        'schedule_id': parts.schedule_id,
        'picture': False,
    }
