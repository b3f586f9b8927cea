"""Managing web-service users (the CLI's `ws-user` commands)."""

import json
import secrets

from xivows.auth import acl, hosts, passwords
from xivows.errors import InvalidInput, NotFound
from xivows.models.accesswebservice import AccessWebService


def generate_password():
    return secrets.token_urlsafe(15)


def create(name, login=None, password=None, host=None, grants=(), description=''):
    """`login` and `password` together, or a `host` alone (or all three)."""
    if not name.strip():
        raise InvalidInput('a web-service user needs a name (LOGIN)')
    if login and ':' in login:
        # HTTP Basic ends the login at the first ':': such a user could never log in.
        raise InvalidInput(f"login {login!r}: cannot hold ':' (HTTP Basic separates it)")
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
