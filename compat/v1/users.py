"""/v1/admin/info (the caller's own account), /v1/admin/user/users and
/v1/manager/users (every web-service user): the accounts of xivows's web-service
users. `username` is the Basic login; `password` is write-only (stored hashed,
never shown); `permissions` are the seed's `admin`/`user` or /v1 ACL sections;
the rules on grants are the service's (xivows.resources.ws_users)."""

from marshmallow import fields, validate

from compat.v1 import envelope
from compat.v1.auth import token_only
from compat.v1.common import StrictSchema, caller, loaded, page
from compat.v1.families import ALL, PERMISSIONS
from xivows.auth import acl
from xivows.errors import InvalidInput
from xivows.resources.ws_users import service
from xivows.resources.ws_users.inputs import WsUserInput

SHAPE = {
    'uuid': str,
    'name': str,
    'username': str,
    'context': str,
    'permissions': list,
    'tm_create': str,
    'tm_update': str,
}
ITEM, ONE, MANY = envelope.schemas('User', SHAPE)


class PermissionSchema(StrictSchema):
    permission = fields.String(required=True, validate=validate.Length(min=1, max=100))


class InfoSchema(StrictSchema):
    name = fields.String()
    username = fields.String(allow_none=True)  # null: a host-only account's, as read
    password = fields.String(load_only=True)
    context = fields.String(allow_none=True)
    # what a client read may be sent back: checked or ignored (on /admin/info,
    # `permissions` may only be sent back as read: a user's grants are changed
    # through /admin/user/users, under its write section)
    uuid = fields.String()
    permissions = fields.List(fields.Nested(PermissionSchema))
    tm_create = fields.Raw(allow_none=True)
    tm_update = fields.Raw(allow_none=True)


class UserSchema(InfoSchema):
    pass


_info = InfoSchema()
_user = UserSchema()


def _permissions(user):
    held = service.sections_of(user) & set(ALL)
    shown, covered = [], set()
    for name, sections in PERMISSIONS.items():
        if set(sections) <= held:
            shown.append(name)
            covered |= set(sections)
    shown += sorted(held - covered)
    return [{'permission': name} for name in shown]


def shown(user):
    return {
        'uuid': user.uuid,
        'name': user.name,
        'username': user.login,
        'context': user.context or '',
        'permissions': _permissions(user),
        'tm_create': envelope.stamp(user.tm_create),
        'tm_update': envelope.stamp(user.tm_update),
    }


def _grants(permissions, user=None):
    """The whole grant list of a user given /v1 `permissions`: its grants outside
    /v1 are kept, its /v1 ones replaced (unchanged when it already holds exactly
    those /v1 sections, whatever the form of its grants: `*` stays `*`)."""
    wanted = set()
    for item in permissions:
        name = item['permission']
        if name in PERMISSIONS:
            wanted |= set(PERMISSIONS[name])
        elif name in ALL:
            wanted.add(name)
        else:
            raise InvalidInput(
                f'permissions: unknown permission: {name} (admin, user or a /v1 ACL section)'
            )
    before = service.grants_of(user) if user is not None else []
    if user is not None and service.sections_of(user) & set(ALL) == wanted:
        return before
    kept = [grant for grant in before if not any(acl.covers(grant, section) for section in ALL)]
    return kept + sorted(wanted)


def _input(given, user=None):
    if user is not None and given.get('uuid', user.uuid) != user.uuid:
        raise InvalidInput('uuid: cannot be changed')
    if 'username' in given and given['username'] is None and (user is None or user.login):
        raise InvalidInput('username: Field may not be null.')
    grants = None
    if 'permissions' in given:
        grants = _grants(given['permissions'], user)
    return WsUserInput(
        name=given.get('name'),
        login=given.get('username'),
        password=given.get('password'),
        context=given.get('context') or ('' if 'context' in given else None),
        grants=grants,
    )


# -- own account -----------------------------------------------------------------------


@token_only
def get_info():
    return envelope.answer(shown(caller()))


def _names(permissions):
    return sorted({item['permission'] for item in permissions})


@token_only
def put_info():
    me = caller()
    given = loaded(_info)
    if 'permissions' in given:
        if _names(given.pop('permissions')) != _names(_permissions(me)):
            raise InvalidInput(
                'permissions: cannot be changed through /v1/admin/info '
                '(PUT /v1/admin/user/users/<uuid>)'
            )
    service.edit(me, me.uuid, _input(given, me))
    return envelope.answer()


# -- every account -------------------------------------------------------------------------


def list_users():
    limit, offset = page()
    return envelope.listed([shown(user) for user in service.listed(limit, offset)])


def get_user(user_uuid):
    return envelope.answer(shown(service.get(user_uuid)))


def post_user():
    given = loaded(_user)
    if 'uuid' in given:
        raise InvalidInput('uuid: is given by the server')
    service.create(caller(), _input(given))
    return envelope.answer()


def put_user(user_uuid):
    user = service.get(user_uuid)
    service.edit(caller(), user.uuid, _input(loaded(_user), user))
    return envelope.answer()


def delete_user(user_uuid):
    service.delete(caller(), user_uuid)
    return envelope.answer()
