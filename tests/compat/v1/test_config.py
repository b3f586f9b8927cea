"""The configuration resources of /v1: queues, parking lots and SIP trunks of the
store through the services json.php uses (a change on either side shows on the
other at once), and the generated configuration files (read-only)."""

import json

import pytest

from tests.compat.v1.conftest import enveloped, result
from tests.helpers.api import added_id
from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import unchanged_store
from xivows.models.entity import Entity
from xivows.models.line import UserSIP
from xivows.models.queue import Queue
from xivows.models.trunk import TrunkRegister


@pytest.fixture
def dial_plan(app):
    make_default_context()


def test_cfg_queues_through_the_queues_service(v1, api, dial_plan):
    v1.get_token()
    enveloped(
        v1(
            'POST',
            '/admin/queue/cfg_queues',
            body={
                'name': 'sales_1',
                'context': 'default',
                'number': '3001',
                'data': {'strategy': 'rrmemory', 'timeout': '20', 'wrapuptime': 5},
            },
        )
    )
    [queue] = result(v1.get('/admin/queue/cfg_queues'))['list']
    assert (queue['name'], queue['number'], queue['context'], queue['displayname']) == (
        'sales_1',
        '3001',
        'default',
        'sales_1',
    )
    assert (
        queue['data']['strategy'],
        queue['data']['timeout'],
        queue['data']['wrapuptime'],
        queue['data']['ringinuse'],
    ) == ('rrmemory', '20', '5', 'no')
    assert result(v1.get('/admin/queue/cfg_queues/sales_1')) == queue
    # json.php sees it, and what json.php adds is here at once
    [listed] = api.list('callcenter', 'settings/queues').get_json()
    assert listed['name'] == 'sales_1'
    added_id(
        api.add(
            'callcenter',
            'settings/queues',
            {
                'queuefeatures': {'name': 'support', 'number': '3002', 'context': 'default'},
                'queue': {'strategy': 'linear'},
            },
        )
    )
    support = result(v1.get('/admin/queue/cfg_queues/support'))
    assert support['data']['strategy'] == 'linear'
    enveloped(
        v1(
            'PUT',
            '/admin/queue/cfg_queues/sales_1',
            body={'data': {'strategy': 'leastrecent'}, 'displayname': 'Sales'},
        )
    )
    options = Queue.get(Queue.name == 'sales_1')
    assert (options.strategy, options.timeout) == ('leastrecent', 20)  # the rest kept
    with unchanged_store():
        for document, message in (
            ({'data': {'strategy': 'nope'}}, 'data.strategy: must be one of'),
            ({'data': {'comebackcontext': 'x'}}, 'data.comebackcontext: not a queues.conf'),
            ({'name': 'other'}, 'name: cannot be changed'),
            ({'data': 'x'}, 'data: Not a valid mapping type.'),
            ({'number': '4001'}, 'number'),
        ):
            refused = result(v1('PUT', '/admin/queue/cfg_queues/sales_1', body=document), 400)
            assert refused['message'].startswith(message), (document, refused)
        refused = result(v1('POST', '/admin/queue/cfg_queues', body={'name': 'x'}), 400)
        assert refused['message'] == 'context: is required'
        enveloped(v1('PUT', '/admin/queue/cfg_queues/nope', body={}), 404)
    enveloped(v1('DELETE', '/admin/queue/cfg_queues/sales_1'))
    assert [row['name'] for row in api.list('callcenter', 'settings/queues').get_json()] == [
        'support'
    ]


def test_cfg_parkinglots_through_the_parking_lot_service(v1, api, dial_plan):
    v1.get_token()
    data = {
        'context': 'default',
        'parkext': '800',
        'parkpos': '801-850',
        'findslot': 'next',
        'parkingtime': '90',
        'parkedcalltransfers': 'caller',
        'parkinghints': 'no',
    }
    enveloped(v1('POST', '/admin/park/cfg_parkinglots', body={'name': 'edvina', 'data': data}))
    [lot] = result(v1.get('/admin/park/cfg_parkinglots'))['list']
    assert lot['name'] == 'edvina' and data.items() <= lot['data'].items()
    assert result(v1.get('/admin/park/cfg_parkinglots/edvina')) == lot
    [listed] = api.list('ipbx', 'pbx_services/parkinglot').get_json()
    view = api.view('ipbx', 'pbx_services/parkinglot', listed['id']).get_json()
    assert (view['extension'], view['positions'], view['duration']) == ('800', '50', '90')
    enveloped(
        v1(
            'PUT',
            '/admin/park/cfg_parkinglots/edvina',
            body={'data': {'parkpos': '801-810', 'findslot': 'first'}},
        )
    )
    changed = result(v1.get('/admin/park/cfg_parkinglots/edvina'))['data']
    assert (changed['parkpos'], changed['findslot'], changed['parkingtime']) == (
        '801-810',
        'first',
        '90',
    )
    with unchanged_store():
        # the seed's PUT example: options xivows does not keep are refused, named
        seed = {
            'context': '> edvina_park',
            'parkpos': '> 800-900',
            'findslot': '> next',
            'comebacktoorigin': 'no',
            'comebackdialtime': '90',
            'comebackcontext': 'edvinapark-timeout',
            'parkedmusicclass': 'edvina',
        }
        refused = result(v1('PUT', '/admin/park/cfg_parkinglots/edvina', body={'data': seed}), 400)
        assert refused['message'].startswith('data.comebackcontext:')
        for document, message in (
            ({'data': {'parkpos': '900-901'}}, 'data.parkpos: the spaces start'),
            ({'data': {'parkpos': 'x'}}, 'data.parkpos: must be first-last'),
            ({'data': {'context': 'nowhere'}}, 'data.context: no such context'),
            ({'data': {'parkedmusicclass': 'nope'}}, 'data.parkedmusicclass:'),
            ({'data': {'findslot': 'last'}}, 'data.findslot: must be next or first'),
        ):
            refused = result(v1('PUT', '/admin/park/cfg_parkinglots/edvina', body=document), 400)
            assert refused['message'].startswith(message), (document, refused)
    enveloped(v1('DELETE', '/admin/park/cfg_parkinglots/edvina'))
    assert api.list('ipbx', 'pbx_services/parkinglot').status_code == 204


def test_trunks_hide_their_secrets(v1, api, dial_plan):
    v1.get_token()
    enveloped(
        v1(
            'POST',
            '/manager/trunks',
            body={
                'name': 'provider',
                'description': 'main',
                'data': {
                    'transport': 'udp',
                    'host': 'sip.example.com',
                    'context': 'from-extern',
                    'secret': 's3cret',
                    'remotesecret': 'remote-s3cret',
                    'type': 'peer',
                },
                'register': {'username': 'acct', 'password': 'pw', 'host': 'sip.example.com'},
            },
        )
    )
    [trunk] = result(v1.get('/manager/trunks'))['list']
    assert (
        trunk['name'],
        trunk['description'],
        trunk['data']['host'],
        trunk['data']['transport'],
    ) == ('provider', 'main', 'sip.example.com', 'udp')
    assert not {'secret', 'remotesecret'} & set(trunk['data'])
    assert 'password' not in trunk['register'] and 's3cret' not in json.dumps(trunk)
    assert trunk['register']['username'] == 'acct'
    assert TrunkRegister.get().password == 'pw'
    assert result(v1.get('/manager/trunks/provider')) == trunk
    json_trunks = api.list('ipbx', 'trunk_management/sip').get_json()
    assert [row['name'] for row in json_trunks] == ['provider']
    enveloped(v1('PUT', '/manager/trunks/provider', body={'data': {'host': 'sip2.example.com'}}))
    assert result(v1.get('/manager/trunks/provider'))['data']['host'] == 'sip2.example.com'
    with unchanged_store():
        refused = result(v1('PUT', '/manager/trunks/provider', body={'data': {'nope': 1}}), 400)
        assert refused['message'] == 'data.nope: not a SIP trunk option'
        refused = result(v1('POST', '/manager/trunks', body={'name': 'x', 'data': {}}), 400)
        assert refused['message'].startswith('data.transport')
        # the service's refusals name this dialect's fields
        for body, message in (
            (
                {'name': 'x', 'data': {'transport': 'udp', 'context': 'nowhere'}},
                'data.context: no such context: nowhere',
            ),
            ({'name': 'provider', 'data': {'transport': 'udp'}}, 'name: already used: provider'),
        ):
            assert result(v1('POST', '/manager/trunks', body=body), 400)['message'] == message
    # a trunk read and sent back as read keeps its secrets (never shown)
    read = result(v1.get('/manager/trunks/provider'))
    read['register']['expiry'] = '120'
    enveloped(v1('PUT', '/manager/trunks/provider', body=read))
    assert result(v1.get('/manager/trunks/provider')) == read
    assert (TrunkRegister.get().password, TrunkRegister.get().expiry) == ('pw', '120')
    assert UserSIP.get(UserSIP.name == 'provider').secret == 's3cret'
    read['register']['password'] = ''  # "" clears it
    enveloped(v1('PUT', '/manager/trunks/provider', body=read))
    assert TrunkRegister.get().password == ''
    enveloped(v1('DELETE', '/manager/trunks/provider'))
    enveloped(v1.get('/manager/trunks/provider'), 404)


def test_configuration_files_are_generated_not_edited(v1, api, dial_plan):
    v1.get_token()
    enveloped(
        v1(
            'POST',
            '/admin/queue/cfg_queues',
            body={'name': 'sales_1', 'context': 'default', 'number': '3001'},
        )
    )
    files = result(v1.get('/admin/queue/configurations'))['list']
    assert [item['name'] for item in files] == ['queues.conf', 'queuerules.conf']
    assert '[sales_1]' in files[0]['data']
    dial_plan_file = result(v1.get('/admin/dialplan/configurations/extensions.conf'))
    assert dial_plan_file['name'] == 'extensions.conf' and '[default]' in dial_plan_file['data']
    assert [item['name'] for item in result(v1.get('/admin/pjsip/configurations'))['list']] == [
        'pjsip.conf'
    ]
    assert (
        result(v1.get('/admin/park/configurations/res_parking.conf'))['name'] == 'res_parking.conf'
    )
    enveloped(v1.get('/admin/park/configurations/extensions.conf'), 404)
    for method in ('PUT', 'DELETE'):
        response = v1(method, '/admin/dialplan/configurations/extensions.conf', body={'data': ''})
        assert result(response, 405)['message'].startswith('the configuration files are generated')
        assert response.headers['Allow'] == 'GET'  # a 405 says what is allowed


def test_configuration_files_never_show_secrets(v1, api, dial_plan):
    """pjsip.conf holds the lines' and trunks' SIP passwords, extensions.conf the
    conference rooms' PINs: /v1 (whose readers are wallboards) shows them masked."""
    entity = Entity.get()
    line_user = {
        'userfeatures': {'firstname': 'Ann', 'entityid': entity.id},
        'linefeatures': {
            'protocol': ['sip'],
            'context': ['default'],
            'number': ['1001'],
            'secret': ['line-secret-1'],
        },
    }
    assert api.add('ipbx', 'pbx_settings/users', line_user).status_code == 200
    room = {
        'meetmefeatures': {
            'name': 'blue',
            'confno': '4000',
            'context': 'default',
            'maxusers': '0',
            'admin_typefrom': 'none',
            'user_mode': 'all',
            'user_announcejoinleave': 'no',
            'user_musiconhold': 'default',
        },
        'meetmeroom': {'confno': '4000', 'pin': '73915', 'pinadmin': '48263'},
    }
    added = api.add('ipbx', 'pbx_settings/meetme', room)
    assert added.status_code == 200, added.get_data(as_text=True)
    trunk = {
        'name': 'provider',
        'data': {
            'transport': 'udp',
            'host': 'sip.example.com',
            'context': 'from-extern',
            'secret': 'trunk-secret-2',
        },
        'register': {'username': 'acct', 'password': 'register-secret-3', 'host': 'example.com'},
    }
    enveloped(v1('POST', '/manager/trunks', body=trunk))
    shown = ''
    for family in ('dialplan', 'pjsip', 'queue', 'park'):
        for item in result(v1.get(f'/admin/{family}/configurations'))['list']:
            assert result(v1.get(f'/admin/{family}/configurations/{item["name"]}')) == item
            shown += item['data']
    for secret in ('line-secret-1', 'trunk-secret-2', 'register-secret-3', '73915', '48263'):
        assert secret not in shown, secret
    assert shown.count('password = ********') == 3  # the line's, the trunk's, its registration's
    assert shown.count('"${XIVO_PIN}" = "********"') == 2
