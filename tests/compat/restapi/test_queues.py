"""/api/queues and /api/queue/<name>: the same queues, members and options as
json.php sees them."""

import pytest

from tests.helpers.api import added_id
from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import unchanged_store
from xivows import wsusers
from xivows.db import database
from xivows.models.agent import AgentFeatures
from xivows.models.queue import Queue, QueueMember


@pytest.fixture
def queues(api):
    make_default_context()
    for number in ('2001', '2002', '2003'):
        AgentFeatures.create(number=number, context='default', firstname=f'A{number}')
    ids = {
        number: AgentFeatures.get(AgentFeatures.number == number).id
        for number in ('2001', '2002', '2003')
    }
    sales = added_id(
        api.add(
            'callcenter',
            'settings/queues',
            {
                'queuefeatures': {'name': 'sales', 'number': '3000', 'context': 'default'},
                'queue': {'wrapuptime': 5, 'timeout': 20},
                'agent': [ids['2002'], ids['2001']],
            },
        )
    )
    support = added_id(
        api.add(
            'callcenter',
            'settings/queues',
            {
                'queuefeatures': {'name': 'support', 'number': '3001', 'context': 'default'},
                'queue': {},
            },
        )
    )
    return {'sales': sales, 'support': support, 'agents': ids}


def test_list_as_the_seed_shows_it(rest, queues):
    response = rest('GET', '/queues')
    assert response.status_code == 200
    assert response.get_json() == [
        {'id': 'sales', 'agents': ['2002', '2001'], 'agent_wrapup_time': 5, 'max_ring_time': 20},
        {'id': 'support', 'agents': [], 'agent_wrapup_time': 0, 'max_ring_time': 15},
    ]


def test_get_one(rest, queues):
    assert rest('GET', '/queue/sales').get_json() == {
        'id': 'sales',
        'agents': ['2002', '2001'],
        'agent_wrapup_time': 5,
        'max_ring_time': 20,
    }
    response = rest('GET', '/queue/nope')
    assert response.status_code == 404 and response.get_json() == {'error': 'no such queue: nope'}


def test_put_replaces_the_agents_seen_by_jsonphp(rest, api, queues):
    response = rest('PUT', '/queue/sales', {'agents': ['2003', '2001']})
    assert response.status_code == 200
    assert response.get_json()['agents'] == ['2003', '2001']
    view = api.view('callcenter', 'settings/queues', queues['sales']).get_json()
    agents = queues['agents']
    assert [member['userid'] for member in view['agent']] == [agents['2003'], agents['2001']]
    assert view['queue']['wrapuptime'] == '5'  # not given: kept (a string in json.php)


def test_put_the_two_times(rest, queues):
    response = rest('PUT', '/queue/support', {'agent_wrapup_time': 10, 'max_ring_time': 30})
    assert response.get_json() == {
        'id': 'support',
        'agents': [],
        'agent_wrapup_time': 10,
        'max_ring_time': 30,
    }
    options = Queue.get(Queue.name == 'support')
    assert (options.wrapuptime, options.timeout) == (10, 30)


def test_a_jsonphp_edit_is_seen_here(rest, api, queues):
    api.edit(
        'callcenter',
        'settings/queues',
        queues['support'],
        {'queue': {'wrapuptime': 15}, 'agent': [queues['agents']['2001']]},
    )
    assert rest('GET', '/queue/support').get_json()['agents'] == ['2001']
    assert rest('GET', '/queue/support').get_json()['agent_wrapup_time'] == 15


def test_the_seed_body_with_a_trailing_comma_and_a_form_content_type(rest, queues):
    response = rest(
        'PUT',
        '/queue/support',
        raw=b'{"agents": ["2001", "2002",],}',
        content_type='application/x-www-form-urlencoded',
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()['agents'] == ['2001', '2002']


@pytest.mark.parametrize(
    'body, reason',
    [
        ({'agents': ['9999']}, 'agents: no such agent: 9999'),
        ({'agents': 'x'}, 'agents: Not a valid list.'),
        ({'agent_wrapup_time': 7}, 'agent_wrapup_time: must be a multiple of 5'),
        ({'max_ring_time': '30'}, 'max_ring_time: Not a valid integer.'),
        ({'id': 'other'}, 'id: cannot be changed'),
        ({'id': 'SALES'}, 'id: cannot be changed'),
        ({'name': 'sales'}, 'name: Unknown field.'),
    ],
)
def test_refusals_name_the_field_and_change_nothing(rest, queues, body, reason):
    with unchanged_store():
        response = rest('PUT', '/queue/sales', body)
    assert response.status_code == 400
    assert response.get_json() == {'error': reason}


def test_a_body_read_from_get_is_sent_back(rest, api, queues):
    shown = rest('GET', '/queue/sales').get_json()
    response = rest('PUT', '/queue/sales', dict(shown, agents=['2003'], max_ring_time=30))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json() == dict(shown, agents=['2003'], max_ring_time=30)
    view = api.view('callcenter', 'settings/queues', queues['sales']).get_json()
    assert [member['interface'] for member in view['agent']] == ['Agent/2003']
    assert view['queue']['timeout'] == '30'


@pytest.mark.parametrize('raw', [b'', b'{', b'[1]', b'{"agents": [,]}', b'"x"'])
def test_malformed_bodies_are_400(rest, queues, raw):
    with unchanged_store():
        response = rest('PUT', '/queue/sales', raw=raw)
    assert response.status_code == 400 and response.get_json()['error']


def test_delete_removes_the_queue_and_its_members(rest, api, queues):
    response = rest('DELETE', '/queue/sales')
    assert response.status_code == 204 and response.data == b''
    assert api.view('callcenter', 'settings/queues', queues['sales']).status_code == 404
    assert not QueueMember.select().where(QueueMember.queue_name == 'sales').exists()
    assert rest('DELETE', '/queue/sales').status_code == 404


def test_authentication_and_acl(rest, queues):
    assert rest('GET', '/queues', auth=None).status_code == 401
    assert rest('GET', '/queues', auth=('admin', 'wrong')).status_code == 401
    with database.atomic():
        wsusers.create(
            'agentsonly', login='agentsonly', password='pw-agents', grants=['api/agents']
        )
        wsusers.create('queuer', login='queuer', password='pw-queuer', grants=['api/queues'])
    denied = rest('GET', '/queues', auth=('agentsonly', 'pw-agents'))
    assert denied.status_code == 403 and 'WWW-Authenticate' not in denied.headers
    assert rest('GET', '/queues', auth=('queuer', 'pw-queuer')).status_code == 200
    assert (
        rest('PUT', '/queue/sales', {'agents': []}, auth=('queuer', 'pw-queuer')).status_code
        == 200
    )
