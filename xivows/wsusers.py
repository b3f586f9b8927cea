"""Managing web-service users (the CLI's `ws-user` commands)."""

import json
import re
import secrets

from xivows.auth import acl, hosts, passwords
from xivows.errors import InvalidInput, NotFound
from xivows.models.accesswebservice import AccessWebService
from xivows.resources.ws_users import queries
from xivows.resources.ws_users import service as ws_users

_CONTROL = re.compile(r'[\x00-\x1f\x7f]')


def generate_password():
    return secrets.token_urlsafe(15)


def _check_credentials(name, login):
    """The rules the /v1 users service applies (xivows.resources.ws_users):
    refuse a login HTTP Basic could never present (`:` ends the user there;
    control characters, surrounding spaces), longer than the store holds, or
    held by another user."""
    for field, value in (('login', login), ('name', name)):
        if not value:
            continue
        if len(value) > ws_users.MAX_LOGIN:
            raise InvalidInput(f'{field}: must be at most {ws_users.MAX_LOGIN} characters')
        if ':' in value or value != value.strip() or _CONTROL.search(value):
            raise InvalidInput(
                f'{field}: must not contain ":" or control characters, nor begin or end '
                'with a space'
            )
    if login and queries.login_owner(login) is not None:
        raise InvalidInput(f'login: already used: {login}')


def create(name, login=None, password=None, host=None, grants=(), description=''):
    """`login` and `password` together, or a `host` alone (or all three)."""
    if not name.strip():
        raise InvalidInput('a web-service user needs a name (LOGIN)')
    if bool(login) != bool(password):
        raise InvalidInput('login and password go together')
    if not login and not host:
        raise InvalidInput('a user needs a login and password, or a host')
    if host and not hosts.is_valid_host(host):
        raise InvalidInput(f'not an address, network or host name: {host}')
    for grant in grants:
        if not acl.is_grantable(grant):
            raise InvalidInput(f'unknown ACL section: {grant}')
    if AccessWebService.select().where(AccessWebService.name == name).exists():
        raise InvalidInput(f'web-service user already exists: {name}')
    _check_credentials(name, login)
    user = AccessWebService.create(
        name=name,
        login=login or None,
        passwd=passwords.hash_password(password) if password else None,
        host=host or None,
        acl=json.dumps(sorted(set(grants))),
        description=description,
    )
    return user


def grants_of(user):
    return json.loads(user.acl or '[]')


def all_users():
    return AccessWebService.select().order_by(AccessWebService.name)


def delete(name):
    deleted = AccessWebService.delete().where(AccessWebService.name == name).execute()
    if not deleted:
        raise NotFound.of('web-service user', name)
