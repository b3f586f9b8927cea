"""/service/ipbx/json.php/<mode>/pbx_settings/users: the acts (`import`:
xivows.jsonphp.users_import), and the add/edit document read into a UserInput: `userfeatures`, `linefeatures` (column arrays,
first row), `voicemail` (the 2015 confd form, or the 2013 form with
`voicemail-option`), `dialaction`, `rightcall`, `schedule_id`, `phonefunckey`,
and the web form's `group-select`/`group` and `queue-select`/`queue`."""

from xivows.errors import InvalidInput
from xivows.jsonphp import crud, documents
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.users import user_item_of_tuple, user_view
from xivows.jsonphp.views.voicemail import confd_to_columns
from xivows.models.voicemail import Voicemail
from xivows.resources.lines.inputs import LineInput
from xivows.resources.ownerlinks.inputs import OwnerLinks
from xivows.resources.users import queries, service
from xivows.resources.users.inputs import NO_LINE, UserInput, UserVoicemail
from xivows.schemas.fields import to_int

# The keys of a `linefeatures` row; others (the view's, sent back) are ignored,
# `callerid` too: a user's line caller id is the user's name (as the original).
LINE_KEYS = (
    'id',
    'protocol',
    'context',
    'number',
    'name',
    'secret',
    'device',
    'num',
    'configregistrar',
    'description',
    'interface',
)
VOICEMAIL_OPTIONS = ('add', 'search', 'none')
_VOICEMAIL_COLUMNS = {field.name for field in Voicemail._meta.sorted_fields} - {'uniqueid'}


def first_line_row(linefeatures):
    """Column arrays -> the first row (a user has at most one line): {key: value}.
    A scalar is taken as a one-element column; an empty object means no line."""
    if isinstance(linefeatures, list) and not linefeatures:
        return {}
    if not isinstance(linefeatures, dict):
        raise InvalidInput('linefeatures: must be an object of column arrays')
    row = {}
    for key, column in linefeatures.items():
        if key not in LINE_KEYS:
            continue
        if isinstance(column, list):
            if column:
                row[key] = column[0]
        else:
            row[key] = column
    return row


def _line(document):
    """None (absent: the line is kept), NO_LINE (`{}`) or a LineInput."""
    if 'linefeatures' not in document or document['linefeatures'] in (None, False):
        return None
    row = {
        key: value
        for key, value in first_line_row(document['linefeatures']).items()
        if value is not None
    }
    if not row:
        return NO_LINE
    line_id = to_int(row.get('id') or 0)
    if line_id is None or line_id < 0:
        raise InvalidInput(f'linefeatures.id: not a line id: {row.get("id")}')
    return LineInput(
        id=line_id or None,
        protocol=row.get('protocol') or None,
        context=row.get('context'),
        number=row.get('number'),
        name=row.get('name'),
        secret=row.get('secret'),
        interface=row.get('interface'),
        device_id=row.get('device'),
        num=row.get('num'),
        features={key: row[key] for key in ('configregistrar', 'description') if key in row},
    )


def _voicemail(document):
    """2015 form: `voicemail` {name, number, context, ...}; 2013 form:
    `voicemail-option` add|search|none and `voicemail` {mailbox, fullname, ...}."""
    option = document.get('voicemail-option') or 'add'
    if option not in VOICEMAIL_OPTIONS:
        raise InvalidInput('voicemail-option: must be one of: ' + ', '.join(VOICEMAIL_OPTIONS))
    given = document.get('voicemail')
    if option == 'none' or given in (None, False, '', [], {}):
        return None
    if not isinstance(given, dict):
        raise InvalidInput('voicemail: must be an object')
    if 'number' in given and given.get('number') not in (None, ''):
        fields = confd_to_columns(given)
    elif given.get('mailbox') not in (None, ''):
        fields = {key: value for key, value in given.items() if key in _VOICEMAIL_COLUMNS}
    else:
        raise InvalidInput('voicemail: a number (or mailbox) is required')
    return UserVoicemail(fields=fields, existing_only=option == 'search')


def _funckeys(value):
    if value in (None, False, ''):
        return None
    if not isinstance(value, list):
        raise InvalidInput('phonefunckey: must be a list')
    keys = []
    for item in value:
        if isinstance(item, dict):
            item = dict(item)
            # `type`/`typeval` are the short names of the view
            item.setdefault('typeextenumbers', item.get('type'))
            item.setdefault('typevalextenumbers', item.get('typeval'))
        keys.append(item)
    return keys


def _memberships(document, category):
    """`<category>-select` [names] with `<category>` {name: {"penalty": 0..20}}."""
    selected = document.get(f'{category}-select')
    if selected is None:
        return None
    if not isinstance(selected, list) or not all(isinstance(name, str) for name in selected):
        raise InvalidInput(f'{category}-select: must be a list of names')
    options = document.get(category) or {}
    if not isinstance(options, dict):
        raise InvalidInput(f'{category}: must be an object keyed by name')
    members = []
    for name in dict.fromkeys(selected):
        option = options.get(name)
        penalty = option.get('penalty') if isinstance(option, dict) else None
        members.append((name, 0 if penalty in (None, '') else to_int(penalty)))
    return members


def user_input(document, adding):
    documents.body_object(document)
    given = document.get('userfeatures')
    if adding and not isinstance(given, dict):
        raise InvalidInput('userfeatures: is required')
    if given is not None and not isinstance(given, dict):
        raise InvalidInput('userfeatures: must be an object')
    return UserInput(
        features=dict(given or {}),
        line=_line(document),
        voicemail=_voicemail(document),
        links=OwnerLinks.given(document, service.LINKS),
        funckeys=_funckeys(document.get('phonefunckey')),
        groups=_memberships(document, 'group'),
        queues=_memberships(document, 'queue'),
    )


def _items(term):
    rows = queries.search_rows(term) if term else queries.listed_rows()
    return map(user_item_of_tuple, rows)


def _import(call):
    # users_import reads rows with user_input (above): imported when called
    from xivows.jsonphp import users_import

    return users_import.act(call)


register(
    JsonService(
        'ipbx',
        'pbx_settings/users',
        acts={
            **crud.acts(
                'user',
                rows=_items,
                view=lambda user_id: user_view(service.view_parts(user_id)),
                create=lambda document: service.create(user_input(document, adding=True)),
                edit=lambda user_id, document: service.edit(
                    user_id, user_input(document, adding=False)
                ),
                delete=service.delete,
                delete_all=service.delete_all,
                new_id=str,
            ),  # the original answered the new id as a JSON string
            'import': _import,
        },
        streamed=frozenset({'import'}),
    )
)
