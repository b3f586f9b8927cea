"""/v1/admin/info, /v1/admin/user/users and /v1/manager/users: the web-service
users, as the seed's examples use them; passwords write-only; the grant rules."""

import json

import pytest

from compat.v1 import families as S
from tests.compat.v1.conftest import STAMP, enveloped, result
from tests.helpers.api import basic
from tests.helpers.scenarios import unchanged_store
from xivows import wsusers
from xivows.auth import passwords
from xivows.models.accesswebservice import AccessWebService

USER_KEYS = {'uuid', 'name', 'username', 'context', 'permissions', 'tm_create', 'tm_update'}


def _by_username(listing, username):
    return next(user for user in listing if user['username'] == username)


@pytest.mark.parametrize('family', ['admin/user', 'manager'])
def test_the_seed_examples(v1, family):
    # POST .../users -d '{"name": "test3", "password": "test3", "username": "test3"}'
    done = enveloped(
        v1(
            'POST',
            f'/{family}/users',
            raw=b'{"name": "test3", "password": "test3", "username": "test3"}',
            content_type='application/x-www-form-urlencoded',
        )
    )
    assert 'result' not in done
    listing = result(v1.get(f'/{family}/users'))['list']
    created = _by_username(listing, 'test3')
    assert set(created) == USER_KEYS and 'password' not in json.dumps(listing)
    assert created['name'] == 'test3' and created['tm_update'] is None
    assert STAMP.match(created['tm_create'])
    assert created['permissions'] == [] and created['context'] == ''
    # GET .../users/<uuid>
    assert result(v1.get(f'/{family}/users/{created["uuid"]}')) == created
    # PUT .../users/<uuid> -d '{"name": "test3 change"}'
    enveloped(v1('PUT', f'/{family}/users/{created["uuid"]}', raw=b'{"name": "test3 change"}'))
    changed = result(v1.get(f'/{family}/users/{created["uuid"]}'))
    assert changed['name'] == 'test3 change' and STAMP.match(changed['tm_update'])
    # the manager example: context and permissions
    enveloped(
        v1(
            'POST',
            f'/{family}/users',
            body={
                'context': 'demo',
                'name': 'test2',
                'username': 'test2',
                'password': 'test2',
                'permissions': [{'permission': 'user'}],
            },
        )
    )
    test2 = _by_username(result(v1.get(f'/{family}/users'))['list'], 'test2')
    assert test2['context'] == 'demo' and test2['permissions'] == [{'permission': 'user'}]
    enveloped(
        v1(
            'PUT',
            f'/{family}/users/{test2["uuid"]}',
            body={
                'context': 'demo-test',
                'name': 'test2',
                'username': 'test2',
                'password': 'test2',
                'permissions': [{'permission': 'user'}],
            },
        )
    )
    assert result(v1.get(f'/{family}/users/{test2["uuid"]}'))['context'] == 'demo-test'
    # DELETE .../users/<uuid>
    enveloped(v1('DELETE', f'/{family}/users/{created["uuid"]}'))
    enveloped(v1.get(f'/{family}/users/{created["uuid"]}'), 404)


def test_admin_info_is_the_callers_account(v1):
    info = result(v1.get('/admin/info'))
    assert set(info) == USER_KEYS
    assert (info['name'], info['username']) == ('admin', 'admin')
    assert info['permissions'] == [{'permission': 'admin'}, {'permission': 'user'}]
    enveloped(v1('PUT', '/admin/info', body={'name': 'Test Administrator', 'context': 'demo'}))
    info = result(v1.get('/admin/info'))
    assert (info['name'], info['context']) == ('Test Administrator', 'demo')
    with unchanged_store():
        refused = result(v1('PUT', '/admin/info', body={'permissions': []}), 400)
        assert refused['message'].startswith('permissions:')


def test_admin_info_read_can_be_sent_back(v1):
    """GET, change a field, PUT the whole document back: what was read (its
    permissions included, in any order) is accepted; other permissions are not."""
    info = result(v1.get('/admin/info'))
    info['name'] = 'Test Administrator'
    info['permissions'].reverse()
    enveloped(v1('PUT', '/admin/info', body=info))
    again = result(v1.get('/admin/info'))
    assert again['name'] == 'Test Administrator'
    assert again['permissions'] == [{'permission': 'admin'}, {'permission': 'user'}]
    with unchanged_store():
        refused = result(
            v1('PUT', '/admin/info', body={**again, 'permissions': [{'permission': 'user'}]}),
            400,
        )
        assert refused['message'].startswith('permissions: cannot be changed')


def test_a_password_is_stored_hashed_and_ends_the_tokens(v1, client):
    enveloped(
        v1(
            'POST',
            '/admin/user/users',
            body={'name': 'n', 'username': 'ann', 'password': 'first-pw'},
        )
    )
    row = AccessWebService.get(AccessWebService.login == 'ann')
    assert 'first-pw' not in row.passwd and passwords.verify(row.passwd, 'first-pw')
    ann = v1.as_user('ann', 'first-pw')
    token = ann.get_token()
    enveloped(v1('PUT', f'/admin/user/users/{row.uuid}', body={'password': 'second-pw'}))
    enveloped(ann.get('/admin/info', token=token), 401)
    enveloped(client.post('/v1/admin/login', headers=basic('ann', 'first-pw')), 401)
    enveloped(client.post('/v1/admin/login', headers=basic('ann', 'second-pw')))


def test_bad_documents_are_refused_naming_the_field(v1):
    v1.get_token()
    cases = [
        ({'name': 'x', 'username': 'x'}, 'password: is required'),
        ({'name': 'x', 'password': 'x'}, 'username: is required'),
        ({'username': 'x', 'password': 'x'}, 'name: is required'),
        ({'name': 'x', 'username': 'x', 'password': 'x', 'bogus': 1}, 'bogus: Unknown field.'),
        ({'name': 5, 'username': 'x', 'password': 'x'}, 'name: Not a valid string.'),
        ({'name': 'x', 'username': 'a:b', 'password': 'x'}, 'username: must be non-empty'),
        ({'name': 'admin', 'username': 'x', 'password': 'x'}, 'name: already used: admin'),
        ({'name': 'x', 'username': 'admin', 'password': 'x'}, 'username: already used: admin'),
        (
            {
                'name': 'x',
                'username': 'x',
                'password': 'x',
                'permissions': [{'permission': 'root'}],
            },
            'permissions: unknown permission: root',
        ),
        (
            {'name': 'x', 'username': 'x', 'password': 'x', 'permissions': ['user']},
            'permissions.0',
        ),
        ({'name': 'x' * 65, 'username': 'x', 'password': 'x'}, 'name: must be at most 64'),
    ]
    for document, message in cases:
        with unchanged_store():
            refused = result(v1('POST', '/admin/user/users', body=document), 400)
            assert refused['message'].startswith(message), (document, refused)
    with unchanged_store():
        assert (
            result(v1('POST', '/admin/user/users', raw=b'{"name": '), 400)['message']
            == 'malformed JSON body'
        )
        enveloped(v1('PUT', '/admin/user/users/nope', body={'name': 'y'}), 404)


def test_nobody_grants_what_it_does_not_hold(v1, user_with):
    manager = user_with(S.USER, S.USER_WRITE, S.AGENTS)
    with unchanged_store():
        refused = result(
            manager(
                'POST',
                '/admin/user/users',
                body={
                    'name': 'x',
                    'username': 'x',
                    'password': 'x',
                    'permissions': [{'permission': 'user'}],
                },
            ),
            403,
        )
        assert refused['message'].startswith('permissions: you cannot grant')
    enveloped(
        manager(
            'POST',
            '/admin/user/users',
            body={
                'name': 'x',
                'username': 'x',
                'password': 'x',
                'permissions': [{'permission': S.AGENTS}, {'permission': S.USER}],
            },
        )
    )
    x = _by_username(result(manager.get('/admin/user/users'))['list'], 'x')
    assert x['permissions'] == [{'permission': S.USER}, {'permission': S.AGENTS}]  # sorted
    admin = _by_username(result(manager.get('/admin/user/users'))['list'], 'admin')
    with unchanged_store():  # out of reach: changing its password would be taking it over
        enveloped(
            manager('PUT', f'/admin/user/users/{admin["uuid"]}', body={'password': 'mine'}), 403
        )
        enveloped(manager('DELETE', f'/admin/user/users/{admin["uuid"]}'), 403)


def test_nobody_removes_its_own_last_write_section(v1):
    me = result(v1.get('/admin/info'))
    with unchanged_store():
        refused = result(
            v1(
                'PUT',
                f'/admin/user/users/{me["uuid"]}',
                body={'permissions': [{'permission': 'user'}]},
            ),
            403,
        )
        assert refused['message'] == 'permissions: you cannot remove your own last write section'
        refused = result(v1('DELETE', f'/admin/user/users/{me["uuid"]}'), 403)
        assert refused['message'] == 'you cannot delete your own account'


def test_permissions_replace_only_the_v1_grants(v1, user_with):
    other = user_with('service/ipbx', S.AGENTS)
    uuid = AccessWebService.get(AccessWebService.name == other.name).uuid
    enveloped(
        v1('PUT', f'/admin/user/users/{uuid}', body={'permissions': [{'permission': 'admin'}]})
    )
    grants = json.loads(AccessWebService.get(AccessWebService.uuid == uuid).acl)
    assert 'service/ipbx' in grants and set(S.ALL) <= set(grants)
    assert result(v1.get(f'/admin/user/users/{uuid}'))['permissions'] == [
        {'permission': 'admin'},
        {'permission': 'user'},
    ]
    me = result(v1.get('/admin/info'))  # '*': the same /v1 sections given back keep it
    enveloped(
        v1(
            'PUT',
            f'/admin/user/users/{me["uuid"]}',
            body={
                'permissions': me['permissions'],
                'uuid': me['uuid'],
                'tm_create': me['tm_create'],
            },
        )
    )
    assert json.loads(AccessWebService.get(AccessWebService.uuid == me['uuid']).acl) == ['*']


def test_lists_take_limit_and_offset(v1):
    for name in ('b', 'c', 'd'):
        enveloped(
            v1('POST', '/manager/users', body={'name': name, 'username': name, 'password': 'pw'})
        )
    names = [user['name'] for user in result(v1.get('/manager/users'))['list']]
    assert names == ['admin', 'b', 'c', 'd']
    page = result(v1.get('/manager/users', query={'limit': 2, 'offset': 1}))['list']
    assert [user['name'] for user in page] == ['b', 'c']
    for bad in ('-1', 'x', '1.5'):
        refused = result(v1.get('/manager/users', query={'limit': bad}), 400)
        assert refused['message'] == 'limit: must be a non-negative integer'


@pytest.mark.parametrize('family', ['admin/user', 'manager'])
def test_a_user_read_can_be_sent_back(v1, family):
    """A user never changed (tm_update null) read and PUT back as read is accepted."""
    enveloped(
        v1(
            'POST',
            f'/{family}/users',
            body={'name': 'n', 'username': 'ann', 'password': 'pw', 'context': 'demo'},
        )
    )
    read = _by_username(result(v1.get(f'/{family}/users'))['list'], 'ann')
    assert read['tm_update'] is None
    enveloped(v1('PUT', f'/{family}/users/{read["uuid"]}', body=read))
    again = result(v1.get(f'/{family}/users/{read["uuid"]}'))
    assert {key: again[key] for key in ('name', 'username', 'context', 'permissions')} == {
        'name': 'n',
        'username': 'ann',
        'context': 'demo',
        'permissions': [],
    }


def test_a_host_only_user_read_can_be_sent_back(v1):
    """A host-only account (no Basic login: `username` null) read and PUT back keeps
    its host and has no login; null is refused for an account that has one."""
    wsusers.create('by-host', host='10.0.0.1', grants=['service/ipbx'])
    read = next(
        user for user in result(v1.get('/admin/user/users'))['list'] if user['name'] == 'by-host'
    )
    assert read['username'] is None
    enveloped(v1('PUT', f'/admin/user/users/{read["uuid"]}', body={**read, 'context': 'demo'}))
    row = AccessWebService.get(AccessWebService.name == 'by-host')
    assert (row.login, row.host, row.context) == (None, '10.0.0.1', 'demo')
    me = result(v1.get('/admin/info'))
    with unchanged_store():
        refused = result(
            v1('PUT', f'/admin/user/users/{me["uuid"]}', body={'username': None}), 400
        )
        assert refused['message'] == 'username: Field may not be null.'
        body = {'name': 'x', 'username': None, 'password': 'pw'}
        assert result(v1('POST', '/admin/user/users', body=body), 400)['message'].startswith(
            'username:'
        )
