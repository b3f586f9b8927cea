"""What the application factory gives every dialect: werkzeug's refusals with
their headers (a 405's Allow), and URL segments without NUL (404, never a
lookup: PostgreSQL refuses a NUL in any text)."""

import pytest

from tests.helpers.api import ADMIN_LOGIN, ADMIN_PASSWORD, basic

ADMIN = basic(ADMIN_LOGIN, ADMIN_PASSWORD)


@pytest.mark.parametrize(
    'method, path, allowed',
    [
        ('POST', '/api/agents', {'GET', 'HEAD', 'OPTIONS'}),
        ('GET', '/1.0/members', {'POST', 'DELETE', 'OPTIONS'}),
        ('PUT', '/healthz', {'GET', 'HEAD', 'OPTIONS'}),
        ('TRACE', '/xivo/configuration/json.php/restricted/check/', None),
    ],
)
def test_a_405_says_which_methods_are_allowed(client, method, path, allowed):
    response = client.open(path, method=method, headers=ADMIN)
    assert response.status_code == 405
    assert response.get_json() == {'error': 'The method is not allowed for the requested URL.'}
    assert response.headers['Content-Type'] == 'application/json'
    methods = set(response.headers['Allow'].split(', '))
    assert allowed is None or methods == allowed
    assert method not in methods


@pytest.mark.parametrize(
    'method, path',
    [
        ('GET', '/api/agent/%00'),
        ('PUT', '/api/queue/a%00b'),
        ('DELETE', '/api/SIPUser/%00'),
        ('GET', '/1.0/agents/by-number/%00/status'),
        ('POST', '/1.0/agents/by-number/1%00/logoff'),
    ],
)
def test_a_nul_in_a_path_segment_matches_no_route(client, method, path):
    response = client.open(path, method=method, headers=ADMIN, json={})
    assert response.status_code == 404, response.get_data(as_text=True)
    assert response.get_json()['error']


def test_a_nul_in_a_v1_path_is_the_envelope_404(client):
    login = client.post('/v1/admin/login', headers=ADMIN)
    token = login.get_json()['result']['authtoken']
    for path in ('/v1/manager/users/%00', '/v1/admin/park/cfg_parkinglots/x%00'):
        response = client.get(path, query_string={'authtoken': token})
        assert response.status_code == 404, response.get_data(as_text=True)
        assert response.get_json()['result']['message'].startswith('no such resource: '), (
            response.get_json()
        )


@pytest.mark.parametrize(
    'path,status',
    [
        (
            '/xivo/configuration/json.php/restricted/manage/entity/?act=view&id=999',
            '404 Not Found',
        ),
        ('/callcenter/json.php/restricted/settings/agents/', '204 No Content'),
        ('/xivo/configuration/json.php/restricted/check/', '200 OK'),
        ('/no/such/path', '404 Not Found'),
    ],
)
def test_the_status_line_carries_the_standard_reason_phrase(client, path, status):
    # RFC 9110's phrases, as the original (PHP) sent them: werkzeug upper-cases them
    response = client.get(path, headers=ADMIN)
    assert response.status == status


def test_an_unauthenticated_answer_says_unauthorized(client):
    response = client.get('/callcenter/json.php/restricted/settings/agents/')
    assert response.status == '401 Unauthorized'
