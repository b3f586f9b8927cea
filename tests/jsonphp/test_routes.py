"""URL resolution, modes, act dispatch and response rules common to every service."""

import hashlib
import io

import pytest

from tests.helpers.api import basic
from tests.helpers.scenarios import assert_refused, unchanged_store

ENTITY = '/xivo/configuration/json.php/restricted/manage/entity/'


def get(client, path, peer='127.0.0.1', **kwargs):
    headers = kwargs.pop('headers', basic('admin', 'admin-secret'))
    return client.get(path, headers=headers, environ_base={'REMOTE_ADDR': peer}, **kwargs)


def test_check_answers_ok(client):
    response = get(client, '/xivo/configuration/json.php/restricted/check/')
    assert response.status_code == 200
    assert response.data == b'OK'
    assert response.headers['X-XIVO-WS-VERSION'] == '1.0'


@pytest.mark.parametrize(
    'path',
    [
        '/xivo/configuration/json.php/restricted/manage/entity',
        '/xivo/configuration/json.php/restricted//manage///entity/',
        '/xivo/configuration/json.php//restricted/manage/entity/extra/segments',
        '/xivo/configuration/json.php/restricted/manage/entity/?act=',
    ],
)
def test_path_variants_reach_the_service(client, path):
    response = get(client, path)
    assert response.status_code == 204
    assert response.headers['X-XIVO-WS-VERSION'] == '1.0'


@pytest.mark.parametrize(
    'path',
    [
        '/xivo/configuration/json.php',
        '/xivo/configuration/json.php/',
        '/xivo/configuration/json.php/restricted',
        '/xivo/configuration/json.php/restricted/manage',
        '/xivo/configuration/json.php/restricted/_manage/entity',
        '/xivo/configuration/json.php/restricted/.manage/entity',
        '/xivo/configuration/json.php/Restricted/manage/entity',
        '/xivo/configuration/json.php/restricted/manage/Entity',
        '/xivo/configuration/json.php/public/manage/entity',
        '/xivo/configuration/json.php/private/check',
        '/callcenter/json.php/restricted/manage/entity',
        # the three segments used name no route: a one-segment service (check,
        # profiles) followed by another segment is not that service
        '/xivo/configuration/json.php/restricted/check/extra',
        '/cti/json.php/restricted/profiles/list',
    ],
)
def test_unknown_routes_are_404_without_version_header(client, path):
    response = get(client, path)
    assert response.status_code == 404
    assert 'X-XIVO-WS-VERSION' not in response.headers


def test_missing_mode_is_403(client):
    response = get(client, '/xivo/configuration/json.php/manage/entity/')
    assert response.status_code == 403
    assert response.headers['X-XIVO-WS-VERSION'] == '1.0'


def test_private_mode_from_loopback_needs_no_credentials(client):
    path = '/xivo/configuration/json.php/private/manage/entity/'
    assert get(client, path, headers={}).status_code == 204
    assert get(client, path, peer='::1', headers={}).status_code == 204


@pytest.mark.parametrize('peer', ['10.0.0.1', '127.0.0.2', '::2'])
def test_private_mode_from_elsewhere_is_403(client, peer):
    response = get(client, '/xivo/configuration/json.php/private/manage/entity/', peer=peer)
    assert response.status_code == 403


def test_private_mode_ignores_forged_forwarded_for(client):
    response = get(
        client,
        '/xivo/configuration/json.php/private/manage/entity/',
        peer='10.0.0.1',
        headers={'X-Forwarded-For': '127.0.0.1'},
    )
    assert response.status_code == 403


def test_unsupported_act_is_400(client):
    response = get(client, ENTITY + '?act=frobnicate')
    assert_refused(response, 400)


def test_sum_of_the_body_answers_304(api):
    api.add('configuration', 'manage/entity', {'name': 'acme', 'displayname': 'Acme'})
    response = api.list('configuration', 'manage/entity')
    digest = hashlib.md5(response.data).hexdigest()
    again = api.list('configuration', 'manage/entity', sum=digest)
    assert again.status_code == 304
    assert again.data == b''
    other = api.list('configuration', 'manage/entity', sum='0' * 32)
    assert other.status_code == 200


def test_any_method_works(client):
    for method in ('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'):
        response = client.open(
            '/xivo/configuration/json.php/restricted/check/',
            method=method,
            headers=basic('admin', 'admin-secret'),
        )
        assert response.status_code == 200


def test_options_never_runs_an_act(api, client):
    """OPTIONS gets Flask's automatic answer. Were it forwarded to the services,
    flask-httpauth would let it through unauthenticated (CORS preflight rule)."""
    api.add('configuration', 'manage/entity', {'name': 'kept', 'displayname': 'Kept'})
    with unchanged_store():
        for act in ('list', 'deleteall', 'delete&id=1'):
            response = client.open(f'{ENTITY}?act={act}', method='OPTIONS')
            assert response.status_code == 200 and response.data == b''
            assert 'OPTIONS' in response.headers['Allow']


def test_oversized_body_is_413(app, api):
    big = b'{"name": "' + b'a' * (app.config['MAX_CONTENT_LENGTH'] + 10) + b'"}'
    response = api.request('configuration', 'manage/entity', 'add', raw=big)
    assert response.status_code == 413


def test_nul_in_a_parameter_is_refused(api):
    response = api.search('configuration', 'manage/entity', 'a\x00b')
    assert_refused(response, 400)


def test_health_needs_no_auth(client):
    response = client.get('/healthz')
    assert response.status_code == 200
    assert response.get_json() == {
        'status': 'ok',
        'worker': {'active': False, 'lease_expires_in': None, 'tasks': {}},
    }


def test_a_json_document_sent_as_a_form_is_read_whole_even_chunked(api, client):
    """curl -d labels a JSON body as a form: the body is kept before the form
    is looked at for `act`, sized or chunked; a request without a body reads
    none and still finds its act in the query."""
    form = {**basic('admin', 'admin-secret'), 'Content-Type': 'application/x-www-form-urlencoded'}
    sized = client.post(
        ENTITY + '?act=add', data=b'{"name": "sized", "displayname": "Sized"}', headers=form
    )
    assert sized.status_code == 200, sized.get_data(as_text=True)
    chunked = client.post(
        ENTITY + '?act=add',
        input_stream=io.BytesIO(b'{"name": "chunked", "displayname": "Chunked"}'),
        headers={**form, 'Transfer-Encoding': 'chunked'},
        environ_overrides={'wsgi.input_terminated': True},  # as gunicorn says of it
    )
    assert chunked.status_code == 200, chunked.get_data(as_text=True)
    names = [entity['name'] for entity in get(client, ENTITY + '?act=list').get_json()]
    assert sorted(names) == ['chunked', 'sized']
    by_form = client.post(ENTITY, data='act=search&search=chunked', headers=form)
    assert [entity['name'] for entity in by_form.get_json()] == ['chunked']
