"""/api/agents and /api/agent/<number>: the agents of the store with the login
state agentd uses."""

import pytest

from tests.helpers.api import added_id, basic
from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import unchanged_store
from xivows.models.agent import AgentFeatures
from xivows.models.agent_status import AgentLoginStatus
from xivows.models.entity import Entity
from xivows.models.line import LineFeatures, UserLine


@pytest.fixture
def desk(api):
    """Two users with SIP lines 1001 (alpha) and 1002 (bravo); agents 2001, 2002."""
    make_default_context()
    entity_id = Entity.get(Entity.name == 'acme').id
    for number, name in (('1001', 'alpha'), ('1002', 'bravo')):
        added_id(
            api.add(
                'ipbx',
                'pbx_settings/users',
                {
                    'userfeatures': {'firstname': name.title(), 'entityid': entity_id},
                    'linefeatures': {
                        'protocol': ['sip'],
                        'context': ['default'],
                        'number': [number],
                        'name': [name],
                    },
                },
            )
        )
    return {
        number: AgentFeatures.create(number=number, context='default').id
        for number in ('2001', '2002')
    }


def _agentd(client, method, path, body=None):
    return client.open(
        '/1.0' + path, method=method, json=body, headers=basic('admin', 'admin-secret')
    )


def test_list_as_the_seed_shows_it(rest, desk):
    response = rest('GET', '/agents')
    assert response.status_code == 200
    assert response.get_json() == [
        {'contact': '', 'id': '2001', 'idle_since': '0', 'state': '', 'status': 'logged_out'},
        {'contact': '', 'id': '2002', 'idle_since': '0', 'state': '', 'status': 'logged_out'},
    ]


def test_login_on_a_contact_then_logoff(rest, client, desk):
    response = rest('PUT', '/agent/2001', {'status': 'logged_in', 'contact': 'alpha'})
    assert response.status_code == 200, response.get_data(as_text=True)
    shown = response.get_json()
    assert (shown['contact'], shown['status'], shown['state']) == ('alpha', 'logged_in', 'waiting')
    assert int(shown['idle_since']) > 0
    status = AgentLoginStatus.get(AgentLoginStatus.agent_id == desk['2001'])
    assert (status.extension, status.context) == ('1001', 'default')
    # agentd sees the same login
    assert _agentd(client, 'GET', f'/agents/{desk["2001"]}/status').get_json()['logged'] is True
    response = rest('PUT', '/agent/2001', {'status': 'logged_out'})
    assert response.get_json()['status'] == 'logged_out' and response.get_json()['contact'] == ''
    assert not AgentLoginStatus.select().exists()


def test_login_again_without_contact_uses_the_last_one(rest, desk):
    rest('PUT', '/agent/2001', {'status': 'logged_in', 'contact': 'bravo'})
    rest('PUT', '/agent/2001', {'status': 'logged_out'})
    response = rest('PUT', '/agent/2001', {'status': 'logged_in'})
    assert response.get_json()['contact'] == 'bravo'


def test_a_new_contact_moves_a_logged_agent(rest, desk):
    rest('PUT', '/agent/2001', {'status': 'logged_in', 'contact': 'alpha'})
    response = rest('PUT', '/agent/2001', {'contact': 'bravo'})
    assert (response.get_json()['contact'], response.get_json()['status']) == (
        'bravo',
        'logged_in',
    )


def test_agentd_changes_are_seen_here(rest, client, desk):
    _agentd(
        client, 'POST', '/agents/by-number/2002/login', {'extension': '1002', 'context': 'default'}
    )
    _agentd(client, 'POST', '/agents/by-number/2002/pause', {'reason': 'lunch'})
    shown = rest('GET', '/agent/2002').get_json()
    assert (shown['contact'], shown['state'], shown['status']) == ('bravo', 'paused', 'logged_in')


@pytest.mark.parametrize(
    'body, status, reason',
    [
        ({'status': 'away'}, 400, 'status: must be logged_in or logged_out'),
        ({'status': 'logged_in'}, 400, 'contact: is required: the agent never logged in'),
        (
            {'status': 'logged_in', 'contact': 'nobody'},
            400,
            'contact: no such SIP account with an extension: nobody',
        ),
        ({'state': 'waiting'}, 400, 'state: Unknown field.'),
        ({'contact': 7}, 400, 'contact: Not a valid string.'),
    ],
)
def test_refusals(rest, desk, body, status, reason):
    with unchanged_store():
        response = rest('PUT', '/agent/2001', body)
    assert response.status_code == status
    assert response.get_json() == {'error': reason}


def test_one_sip_account_one_agent(rest, desk):
    rest('PUT', '/agent/2001', {'status': 'logged_in', 'contact': 'alpha'})
    with unchanged_store():
        response = rest('PUT', '/agent/2002', {'status': 'logged_in', 'contact': 'alpha'})
    assert response.status_code == 400
    assert response.get_json() == {'error': 'contact: another agent is logged on this SIP account'}


def test_unknown_agent_is_404_and_delete(rest, api, desk):
    assert rest('GET', '/agent/9999').status_code == 404
    assert rest('PUT', '/agent/9999', {'status': 'logged_out'}).status_code == 404
    rest('PUT', '/agent/2001', {'status': 'logged_in', 'contact': 'alpha'})
    assert rest('DELETE', '/agent/2001').status_code == 204
    assert api.view('callcenter', 'settings/agents', desk['2001']).status_code == 404
    assert not AgentLoginStatus.select().exists()
    assert [agent['id'] for agent in rest('GET', '/agents').get_json()] == ['2002']


from tests.helpers.asterisk import pbx  # noqa: E402,F401 (fixture)


def test_ringing_and_in_call_come_from_asterisk(rest, api, desk, pbx):
    from xivows.models.queue import QueueFeatures

    QueueFeatures.create(name='support', displayname='Support', context='default')
    api.edit(
        'callcenter',
        'settings/queues',
        QueueFeatures.get(QueueFeatures.name == 'support').id,
        {'agent': [desk['2001']]},
    )
    rest('PUT', '/agent/2001', {'status': 'logged_in', 'contact': 'alpha'})
    pbx.settle()  # the worker adds the agent's member to the queue
    assert rest('GET', '/agent/2001').get_json()['state'] == 'waiting'
    pbx.peer.set_device('PJSIP/alpha', 'RINGING')
    pbx.settle(lambda: rest('GET', '/agent/2001').get_json()['state'] == 'ringing')
    pbx.peer.set_device('PJSIP/alpha', 'INUSE')
    pbx.settle(lambda: rest('GET', '/agent/2001').get_json()['state'] in ('in_call',))


@pytest.mark.parametrize(
    'method, path, allowed',
    [
        ('DELETE', '/agents', {'GET', 'HEAD', 'OPTIONS'}),
        ('POST', '/agent/2001', {'GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'}),
        ('PATCH', '/SIPSysCfg', {'GET', 'HEAD', 'OPTIONS', 'PUT'}),
    ],
)
def test_a_wrong_method_is_405_with_allow(rest, desk, method, path, allowed):
    with unchanged_store():
        response = rest(method, path, {'status': 'logged_in'})
    assert response.status_code == 405
    assert response.get_json()['error']
    assert set(response.headers['Allow'].split(', ')) == allowed  # RFC 9110 15.5.6


def _agent_of(api, user_name, agent_id):
    """Make the agent that of the user of line `user_name`, through json.php."""
    line = LineFeatures.get(LineFeatures.name == user_name)
    user_id = UserLine.get(UserLine.line_id == line.id).user_id
    edited = api.edit(
        'ipbx', 'pbx_settings/users', user_id, {'userfeatures': {'agentid': agent_id}}
    )
    assert edited.status_code == 200, edited.get_data(as_text=True)


def test_a_first_login_without_contact_uses_the_agents_user_line(rest, api, desk):
    # the seed's own example, {"status": "logged_in"}, for the agent of a user
    _agent_of(api, 'bravo', desk['2001'])
    response = rest('PUT', '/agent/2001', {'status': 'logged_in'})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()['contact'] == 'bravo'
    login = AgentLoginStatus.get(AgentLoginStatus.agent_id == desk['2001'])
    assert (login.extension, login.context) == ('1002', 'default')


def test_a_first_login_without_contact_and_two_user_lines_is_refused(rest, api, desk):
    _agent_of(api, 'alpha', desk['2001'])
    _agent_of(api, 'bravo', desk['2001'])
    with unchanged_store():
        response = rest('PUT', '/agent/2001', {'status': 'logged_in'})
    assert response.status_code == 400
    assert response.get_json() == {
        'error': 'contact: is required: the agent never logged in and its users have 2 SIP '
        'accounts'
    }
