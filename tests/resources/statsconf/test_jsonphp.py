"""/statistics/call_center/json.php/restricted/settings/configuration"""

import pytest

from tests.helpers.api import added_id
from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import (
    check_acl,
    check_bad_documents,
    check_malformed_bodies,
    check_unknown_ids,
)
from xivows.models.agent import AgentFeatures
from xivows.models.queue import QueueFeatures
from xivows.models.statsconf import StatsConf, StatsConfAgent, StatsConfQueue
from xivows.models.webuser import WebUser

F, P = 'statistics', 'settings/configuration'


def xivo_ws_body(name='weekly', **extra):
    """What xivo-ws sends (objects/statconf.py), lists only when non-empty."""
    body = {
        'stats_conf': {
            'name': name,
            'hour_start': '8:00',
            'hour_end': '18:00',
            'dbegcache': '2012-01',
            'dendcache': '0',
            'default_delta': '0',
            'timezone': None,
            'period1': '0-10',
            'period2': '10-20',
            'period3': '20-30',
            'period4': '30-40',
            'period5': '40',
            'monday': True,
            'tuesday': True,
            'wednesday': None,
            'thursday': None,
            'friday': None,
            'saturday': None,
            'sunday': None,
        }
    }
    body.update(extra)
    return body


@pytest.fixture
def members(app):
    make_default_context()
    queue = QueueFeatures.create(
        name='support', displayname='Support', number='3001', context='default'
    )
    agent = AgentFeatures.create(
        number='1001', context='default', firstname='Ann', lastname='Agent'
    )
    return queue, agent, WebUser.get(WebUser.login == 'root')


def add(api, **kwargs):
    return added_id(api.add(F, P, xivo_ws_body(**kwargs)))


def test_add_and_list(api, members):
    assert api.list(F, P).status_code == 204
    conf_id = add(api)
    response = api.add(F, P, xivo_ws_body(name='other'))
    assert isinstance(response.get_json(), int)  # statistics ids are integers
    [item, _] = api.list(F, P).get_json()
    assert item['id'] == conf_id
    assert item['hour_start'] == '08:00' and item['dbegcache'] == '2012-01'
    assert item['dendcache'] == '0' and item['monday'] is True and item['sunday'] is False
    assert isinstance(item['dcreate'], str) and item['disable'] is False
    assert StatsConf.get_by_id(conf_id).name == 'weekly'


def test_view_keys_members_by_id(api, members):
    queue, agent, root = members
    conf_id = add(
        api, queue=[queue.id], queue_qos={str(queue.id): 20}, agent=[agent.id], xivouser=[root.id]
    )
    view = api.view(F, P, conf_id).get_json()
    assert view['stats_conf']['id'] == conf_id
    entry = view['queue'][str(queue.id)]
    assert entry['stats_qos'] == 20 and entry['identity'] == 'Support (3001@default)'
    assert view['agent'][str(agent.id)]['fullname'] == 'Ann Agent'
    assert view['xivouser'][str(root.id)]['login'] == 'root'
    bare = api.view(F, P, add(api, name='bare')).get_json()
    assert bare['queue'] is False and bare['agent'] is False and bare['xivouser'] is False


def test_search(api, members):
    add(api)
    add(api, name='daily')
    assert [item['name'] for item in api.search(F, P, 'DAIL').get_json()] == ['daily']
    assert api.search(F, P, '').status_code == 204
    assert api.search(F, P, 'zzz').status_code == 204


def test_edit_merges_and_keeps_links(api, members):
    queue, agent, _ = members
    conf_id = add(api, queue=[queue.id], queue_qos={str(queue.id): 5}, agent=[agent.id])
    body = {'stats_conf': {'hour_end': '19:30'}}
    assert api.edit(F, P, conf_id, body).status_code == 200
    conf = StatsConf.get_by_id(conf_id)
    assert (conf.hour_end, conf.hour_start, conf.period1) == ('19:30', '08:00', '0-10')
    assert conf.dupdate > 0
    assert StatsConfQueue.get(StatsConfQueue.stats_conf_id == conf_id).qos == 5
    assert api.edit(F, P, conf_id, {'agent': []}).status_code == 200
    assert not StatsConfAgent.select().exists()
    assert StatsConfQueue.select().exists()


def test_edit_round_trip(api, members):
    conf_id = add(api)
    view = api.view(F, P, conf_id).get_json()
    body = {'stats_conf': {**view['stats_conf'], 'description': 'round trip'}}
    assert api.edit(F, P, conf_id, body).status_code == 200
    again = api.view(F, P, conf_id).get_json()['stats_conf']
    assert again['description'] == 'round trip'
    assert {k: v for k, v in again.items() if k not in ('description', 'dupdate')} == {
        k: v for k, v in view['stats_conf'].items() if k not in ('description', 'dupdate')
    }


def test_the_view_sent_back_as_is_keeps_the_links(api, members):
    # The view keys its members by id ({"<id>": row}, qos in the queue's row):
    # sent back as an edit body, they are read as the lists add takes.
    queue, agent, root = members
    conf_id = add(
        api, queue=[queue.id], queue_qos={str(queue.id): 20}, agent=[agent.id], xivouser=[root.id]
    )
    view = api.view(F, P, conf_id).get_json()
    response = api.edit(F, P, conf_id, view)
    assert response.status_code == 200, response.get_data(as_text=True)
    again = api.view(F, P, conf_id).get_json()
    again['stats_conf']['dupdate'] = view['stats_conf']['dupdate']
    assert again == view
    view['queue'][str(queue.id)]['stats_qos'] = 45  # a changed row's qos is taken
    del view['agent']
    assert api.edit(F, P, conf_id, view).status_code == 200
    assert StatsConfQueue.get(StatsConfQueue.stats_conf_id == conf_id).qos == 45
    assert StatsConfAgent.select().exists()


def test_delete(api, members):
    queue, _, _ = members
    conf_id = add(api, queue=[queue.id], queue_qos={str(queue.id): 1})
    assert api.delete(F, P, conf_id).status_code == 200
    assert not StatsConf.select().exists() and not StatsConfQueue.select().exists()


def test_unknown_ids(api, members):
    check_unknown_ids(api, F, P, body=xivo_ws_body())


def test_malformed_bodies(api, members):
    check_malformed_bodies(api, F, P, 'add')
    check_malformed_bodies(api, F, P, 'edit', id=add(api))


def test_invalid_documents(api, members):
    queue, _, _ = members
    add(api, name='taken')

    def body(**conf):
        document = xivo_ws_body()
        document['stats_conf'].update(conf)
        return document

    check_bad_documents(
        api,
        F,
        P,
        'add',
        [
            {},
            {'stats_conf': 'weekly'},
            body(name=None),
            body(name='Taken'),
            body(name='a b'),
            body(hour_start='25:00'),
            body(hour_start='8h'),
            body(hour_end=None),
            body(dbegcache='2012-13'),
            body(dendcache='soon'),
            body(period1=''),
            body(period2='1;2'),
            body(default_delta='yesterday'),
            body(monday='sometimes'),
            xivo_ws_body(queue=[queue.id]),
            xivo_ws_body(queue=[queue.id], queue_qos='20'),
            xivo_ws_body(queue=[999999], queue_qos={}),
            xivo_ws_body(queue=[queue.id], queue_qos={str(queue.id): 'fast'}),
            xivo_ws_body(agent=[999999]),
            xivo_ws_body(xivouser=['root']),
            xivo_ws_body(agent='all'),
        ],
    )


def test_acl(api, members):
    check_acl(api, F, P, 'statistics/call_center/settings/configuration')


def test_no_sum(api, members):
    add(api)
    import hashlib

    response = api.list(F, P)
    again = api.list(F, P, sum=hashlib.md5(response.data).hexdigest())
    assert again.status_code == 200
