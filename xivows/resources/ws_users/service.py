"""Web-service users managed by a caller (another web-service user).

Rules, whoever calls:
- a grant the user did not hold before must be covered by one of the caller's
  grants (`Forbidden`, 403): nobody hands out more than it holds;
- a caller changing its own grants keeps at least one `.../write` section if it
  had one, and cannot delete itself (`Forbidden`): the last administrator cannot
  lock everybody out by mistake;
- names and logins are unique; a login cannot contain `:` (HTTP Basic splits
  there); passwords are stored hashed and never returned;
- a new password ends the user's tokens (`ws_tokens.revoke_all`)."""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING

from xivows.auth import acl, hosts, passwords
from xivows.errors import InvalidInput, NotFound, ServiceError
from xivows.models.accesswebservice import AccessWebService
from xivows.resources.ws_tokens import service as ws_tokens
from xivows.resources.ws_users import queries
from xivows.resources.ws_users.inputs import WsUserInput

if TYPE_CHECKING:
    from collections.abc import Iterable

MAX_NAME = 64
MAX_LOGIN = 64
MAX_PASSWORD = 1024
MAX_CONTEXT = 39
WRITE = '/write'


class Forbidden(ServiceError):
    status = 403


def grants_of(user: AccessWebService) -> list[str]:
    try:
        grants = json.loads(user.acl or '[]')
    except ValueError:
        return []
    return (
        [grant for grant in grants if isinstance(grant, str)] if isinstance(grants, list) else []
    )


def sections_of(user: AccessWebService) -> set[str]:
    """The known sections the user holds."""
    return set(acl.granted_sections(grants_of(user)))


def get(user_uuid: str) -> AccessWebService:
    user = queries.by_uuid(user_uuid) if isinstance(user_uuid, str) else None
    if user is None:
        raise NotFound.of('user', user_uuid)
    return user


def listed(limit: int | None = None, offset: int = 0) -> list[AccessWebService]:
    return queries.all_users(limit, offset)


def authenticate(login: str | None, password: str | None, peer: str) -> AccessWebService | None:
    """The enabled user of these Basic credentials allowed from `peer`, or None.
    (The caller counts failures: xivows.auth.throttle.attempt.)"""
    if not login or not password or '\x00' in login + password:
        return None
    users = queries.enabled_with_login(login)
    for user in users:
        if passwords.verify(user.passwd, password) and (
            not user.host or hosts.host_matches(user.host, peer)
        ):
            return user
    if not users:  # as long to refuse as a wrong password
        passwords.verify_absent(password)
    return None


def _text(value: object, field: str, maximum: int, required: bool = False) -> str | None:
    if value is None:
        if required:
            raise InvalidInput(f'{field}: is required')
        return None
    if not isinstance(value, str):
        raise InvalidInput(f'{field}: must be a string')
    try:
        value.encode('utf-8')  # lone surrogates cannot be stored
    except UnicodeEncodeError:
        raise InvalidInput(f'{field}: is not valid unicode') from None
    if required and not value.strip():
        raise InvalidInput(f'{field}: must not be empty')
    if len(value) > maximum:
        raise InvalidInput(f'{field}: must be at most {maximum} characters')
    if any(ord(char) < 32 or ord(char) == 127 for char in value):  # NUL included
        raise InvalidInput(f'{field}: must not contain control characters')
    return value


def _checked(given: WsUserInput, user: AccessWebService | None):
    adding = user is None
    name = _text(given.name, 'name', MAX_NAME, required=adding)
    if name is not None:
        name = name.strip()
        if not name:
            raise InvalidInput('name: must not be empty')
        owner = queries.name_owner(name)
        if owner is not None and owner != user:
            raise InvalidInput(f'name: already used: {name}')
    login = _text(given.login, 'username', MAX_LOGIN, required=adding)
    if login is not None:
        if not login or ':' in login or login != login.strip():
            raise InvalidInput('username: must be non-empty, without ":" or surrounding spaces')
        owner = queries.login_owner(login)
        if owner is not None and owner != user:
            raise InvalidInput(f'username: already used: {login}')
    password = _text(given.password, 'password', MAX_PASSWORD, required=adding)
    if password is not None and not password:
        raise InvalidInput('password: must not be empty')
    context = _text(given.context, 'context', MAX_CONTEXT)
    if given.grants is not None:
        if not isinstance(given.grants, list) or not all(
            isinstance(grant, str) for grant in given.grants
        ):
            raise InvalidInput('grants: must be a list of ACL sections')
        for grant in given.grants:
            if not acl.is_grantable(grant):
                raise InvalidInput(f'grants: unknown ACL section: {grant}')
    return name, login, password, context


def _check_grants(actor: AccessWebService, before: list[str], after: list[str]):
    held = grants_of(actor)
    for grant in sorted(set(after) - set(before)):
        if not any(acl.covers(mine, grant) for mine in held):
            raise Forbidden(f'permissions: you cannot grant {grant}: you do not hold it')


def _check_reach(actor: AccessWebService, user: AccessWebService, what: str):
    """A user holding a section the caller lacks is out of the caller's reach:
    changing its password (then logging in as it) or deleting it would hand the
    caller more than it holds."""
    missing = sorted(sections_of(user) - sections_of(actor))
    if missing:
        raise Forbidden(f'you cannot {what} a user holding {missing[0]}: you do not hold it')


def _writes(sections: Iterable[str]) -> set[str]:
    return {section for section in sections if section.endswith(WRITE)}


def create(actor: AccessWebService, given: WsUserInput) -> AccessWebService:
    name, login, password, context = _checked(given, None)
    grants = sorted(set(given.grants or []))
    _check_grants(actor, [], grants)
    return AccessWebService.create(
        name=name,
        login=login,
        passwd=passwords.hash_password(password),
        host=None,
        acl=json.dumps(grants),
        context=context or '',
        tm_create=time.time(),
    )


def edit(actor: AccessWebService, user_uuid: str, changes: WsUserInput) -> AccessWebService:
    user = get(user_uuid)
    _check_reach(actor, user, 'change')
    name, login, password, context = _checked(changes, user)
    before = grants_of(user)
    if changes.grants is not None:
        after = sorted(set(changes.grants))
        _check_grants(actor, before, after)
        if (
            user.id == actor.id
            and _writes(acl.granted_sections(before))
            and not _writes(acl.granted_sections(after))
        ):
            raise Forbidden('permissions: you cannot remove your own last write section')
        user.acl = json.dumps(after)
    if name is not None:
        user.name = name
    if login is not None:
        user.login = login
    if context is not None:
        user.context = context
    if password is not None:
        user.passwd = passwords.hash_password(password)
        ws_tokens.revoke_all(user)
    user.tm_update = time.time()
    user.save()
    return user


def delete(actor: AccessWebService, user_uuid: str) -> None:
    user = get(user_uuid)
    if user.id == actor.id:
        raise Forbidden('you cannot delete your own account')
    _check_reach(actor, user, 'delete')
    ws_tokens.revoke_all(user)
    user.delete_instance()
