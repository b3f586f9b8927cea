"""A small client for the json.php dialect in tests."""

import base64
import json

from xivows.jsonphp.registry import FAMILIES

ADMIN_LOGIN = 'admin'
ADMIN_PASSWORD = 'admin-secret'


def basic(login, password):
    token = base64.b64encode(f'{login}:{password}'.encode()).decode()
    return {'Authorization': f'Basic {token}'}


def url(family, path, mode='restricted'):
    return f'{FAMILIES[family][0]}/json.php/{mode}/{path}/'


class Api:
    def __init__(self, client, login=ADMIN_LOGIN, password=ADMIN_PASSWORD, peer='127.0.0.1'):
        self.client = client
        self.headers = basic(login, password) if login else {}
        self.peer = peer

    def as_user(self, login, password, peer=None):
        return Api(self.client, login, password, peer or self.peer)

    def request(
        self,
        family,
        path,
        act=None,
        body=None,
        raw=None,
        method=None,
        headers=None,
        mode='restricted',
        **params,
    ):
        query = dict(params)
        if act is not None:
            query['act'] = act
        data = raw
        if body is not None:
            data = json.dumps(body)
        method = method or ('POST' if data is not None else 'GET')
        return self.client.open(
            url(family, path, mode),
            method=method,
            query_string=query,
            data=data,
            headers={**self.headers, **(headers or {})},
            content_type='application/json' if data is not None else None,
            environ_base={'REMOTE_ADDR': self.peer},
        )

    def list(self, family, path, **params):
        return self.request(family, path, 'list', **params)

    def search(self, family, path, term, **params):
        return self.request(family, path, 'search', search=term, **params)

    def view(self, family, path, ident, **params):
        return self.request(family, path, 'view', id=ident, **params)

    def add(self, family, path, body, **params):
        return self.request(family, path, 'add', body=body, **params)

    def edit(self, family, path, ident, body, **params):
        return self.request(family, path, 'edit', body=body, id=ident, **params)

    def delete(self, family, path, ident, **params):
        return self.request(family, path, 'delete', id=ident, **params)

    def delete_all(self, family, path, **params):
        return self.request(family, path, 'deleteall', **params)


def added_id(response):
    """The id an add answered, as xivo-ws reads it (quotes stripped)."""
    assert response.status_code == 200, response.get_data(as_text=True)
    return int(response.get_data(as_text=True).strip().replace('"', ''))
