"""/client/{client_id}/extension/ and /extension/{id}/: the entity's numbers.

An extension is an `extensions` row of the store (its id is this API's
extension id): `type` `queue` is a queue's number, `type` `phone` a user's
number with its SIP line. `name` is the number (digits), placed in the first
internal context of the entity (by name) whose queue or user ranges hold it;
`label` is the queue's display name or the user's name; `status` `active`, or
`blocked` for a disabled user (a queue is always active here)."""

from flask import Response, jsonify
from marshmallow import Schema, fields, validate

from compat.callqueue.common import Str, document, entity, ident, renamed
from xivows import numbering
from xivows.errors import InvalidInput, NotFound
from xivows.models.queue import QueueFeatures
from xivows.models.user import UserFeatures
from xivows.resources.entity import scope
from xivows.resources.lines.inputs import LineInput
from xivows.resources.queue_members import names as queue_names
from xivows.resources.queues import service as queues
from xivows.resources.queues.inputs import QueueInput
from xivows.resources.users import queries as user_queries
from xivows.resources.users import service as users
from xivows.resources.users.inputs import UserInput
from xivows.resources.users.schemas import fullname

# this API's type -> the store's extension type
KINDS = {'queue': 'queue', 'phone': 'user'}
TYPES = {kind: name for name, kind in KINDS.items()}
STATUSES = ('active', 'blocked')
NUMBER = r'[0-9]{1,40}\Z'  # the whole value (Regexp matches a prefix)


class ExtensionSchema(Schema):
    id = fields.Integer(metadata={'description': 'The extension id (an `extensions` row)'})
    name = fields.String(metadata={'description': 'The number'})
    label = fields.String(allow_none=True)
    type = fields.String(metadata={'description': 'queue or phone'})
    status = fields.String(metadata={'description': 'active or blocked'})
    client_id = fields.Integer(metadata={'description': 'The entity id'})
    create_date = fields.String(allow_none=True)
    caller_id_name = fields.String(allow_none=True)
    domain = fields.String(allow_none=True)
    dial_rule_limit = fields.Integer(allow_none=True)
    extension_group_id = fields.Integer(allow_none=True)
    extra_params = fields.String(allow_none=True)
    message_did = fields.String(allow_none=True)
    dial_rule_id = fields.Integer(allow_none=True)
    ani_rfc3325 = fields.Boolean()
    did_as_transfer_caller_id = fields.String(allow_none=True)


class NewExtensionSchema(Schema):
    name = Str(
        required=True,
        max_length=40,
        validate=validate.Regexp(NUMBER, error='must be digits'),
        metadata={'description': 'The number'},
    )
    type = Str(required=True, validate=validate.OneOf(tuple(KINDS)))
    label = Str(max_length=128, allow_none=True)
    status = Str(validate=validate.OneOf(STATUSES))


class ExtensionChangeSchema(Schema):
    name = Str(max_length=40, validate=validate.Regexp(NUMBER, error='must be digits'))
    type = Str(validate=validate.OneOf(tuple(KINDS)))
    label = Str(max_length=128, allow_none=True)
    status = Str(validate=validate.OneOf(STATUSES))


# domain field -> this dialect's, in refusals
_NAMES = {
    'queuefeatures.number': 'name',
    'linefeatures.number': 'name',
    'queuefeatures.displayname': 'label',
    'userfeatures.firstname': 'label',
}
_new = NewExtensionSchema()
_change = ExtensionChangeSchema()


def _owners(rows):
    """{(type, id): queue or user} of extension rows: one query per type."""
    ids = {
        kind: [int(row.typeval) for row in rows if row.type == kind and row.typeval.isdigit()]
        for kind in TYPES
    }
    found = {}
    if ids['queue']:
        found.update(
            {
                ('queue', queue.id): queue
                for queue in QueueFeatures.select().where(QueueFeatures.id.in_(ids['queue']))
            }
        )
    if ids['user']:
        found.update(
            {
                ('user', user.id): user
                for user in UserFeatures.select().where(UserFeatures.id.in_(ids['user']))
            }
        )
    return found


def _owner_key(row):
    return (row.type, int(row.typeval)) if row.typeval.isdigit() else None


def shown(row, owner):
    if row.type == 'queue':
        label, status, caller_id_name = owner.displayname, 'active', None
    else:
        label = caller_id_name = fullname(owner.firstname, owner.lastname)
        status = 'blocked' if owner.commented else 'active'
    return {
        'id': row.id,
        'name': row.exten,
        'label': label,
        'type': TYPES[row.type],
        'status': status,
        'client_id': entity().id,
        'create_date': None,
        'caller_id_name': caller_id_name,
        'domain': None,
        'dial_rule_limit': None,
        'extension_group_id': None,
        'extra_params': None,
        'message_did': None,
        'dial_rule_id': None,
        'ani_rfc3325': False,
        'did_as_transfer_caller_id': None,
    }


def find(extension_id, kinds=tuple(TYPES)):
    """(extension row, its queue or user) of the caller's entity, or NotFound."""
    number = ident(extension_id, 'extension')
    row = scope.extension(entity(), number, kinds)
    owner = _owners([row]).get(_owner_key(row)) if row is not None else None
    if owner is None:
        kind = TYPES[kinds[0]] if len(kinds) == 1 else ''
        raise NotFound(f'no such {kind + " " if kind else ""}extension: {extension_id}')
    return row, owner


def _answer(extension_id, status=200):
    row, owner = find(str(extension_id))
    response = jsonify(shown(row, owner))
    response.status_code = status
    return response


def _named(function, *args):
    """A service call whose refusals name this dialect's fields (a number's
    refusal names `name`)."""
    try:
        return renamed(_NAMES, function, *args)
    except InvalidInput as exc:
        if exc.message.startswith('number '):
            raise InvalidInput(f'name: {exc.message}') from None
        raise


def _context(kind, number):
    context = scope.internal_context_for(entity(), KINDS[kind], number)
    if context is None:
        raise InvalidInput(
            f'name: no internal context of client {entity().id} has '
            f'{kind} numbers holding {number}'
        )
    return context


def _queue_name(number):
    name = f'q{number}'
    suffix = 1
    while queue_names.taken(name):
        suffix += 1
        name = f'q{number}-{suffix}'
    return name


def _created_extension(kind, owner_id):
    return numbering.extension_of(KINDS[kind], owner_id)


def list_extensions():
    rows = scope.extensions(entity(), tuple(TYPES))
    owners = _owners(rows)
    return jsonify(
        [shown(row, owners[_owner_key(row)]) for row in rows if _owner_key(row) in owners]
    )


def get_extension(extension_id):
    return _answer(extension_id)


def create_extension():
    given = document(_new)
    kind, number = given['type'], given['name']
    label = given.get('label') or number
    context = _context(kind, number)
    if kind == 'queue':
        if given.get('status') == 'blocked':
            raise InvalidInput('status: a queue extension is always active')
        owner_id = _named(
            queues.create,
            QueueInput(
                features={
                    'name': _queue_name(number),
                    'displayname': label,
                    'number': number,
                    'context': context,
                }
            ),
        )
    else:
        owner_id = _named(
            users.create,
            UserInput(
                features={
                    'firstname': label,
                    'entityid': entity().id,
                    'commented': given.get('status') == 'blocked',
                },
                line=LineInput(protocol='sip', context=context, number=number),
            ),
        )
    return _answer(_created_extension(kind, owner_id).id, 201)


def edit_extension(extension_id):
    row, owner = find(extension_id)
    given = document(_change)
    kind = TYPES[row.type]
    if given.get('type', kind) != kind:
        raise InvalidInput('type: cannot be changed')
    number = given.get('name', row.exten)
    context = _context(kind, number) if number != row.exten else row.context
    if kind == 'queue':
        if given.get('status') == 'blocked':
            raise InvalidInput('status: a queue extension is always active')
        features = {'number': number, 'context': context}
        if 'label' in given:
            features['displayname'] = given['label'] or number
        _named(queues.edit, owner.id, QueueInput(features=features))
    else:
        features = {}
        if 'label' in given:
            features.update(firstname=given['label'] or number, lastname='')
        if 'status' in given:
            features['commented'] = given['status'] == 'blocked'
        line = None
        if number != row.exten:
            current, _ = user_queries.line_of(owner.id)
            line = LineInput(id=current.id, number=number, context=context)
        _named(users.edit, owner.id, UserInput(features=features, line=line))
    return _answer(row.id)


def delete_extension(extension_id):
    row, owner = find(extension_id)
    if row.type == 'queue':
        queues.delete(owner.id)
    else:
        users.delete(owner.id)
    return Response(status=204)
