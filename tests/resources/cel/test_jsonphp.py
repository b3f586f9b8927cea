"""/service/ipbx/json.php/restricted/call_management/cel (read-only)"""

import datetime
import hashlib

import pytest
from playhouse.test_utils import count_queries

from tests.helpers.scenarios import assert_refused, check_acl, unchanged_store
from xivows.models.cel import Cel
from xivows.resources.cel import service

F, P = 'ipbx', 'call_management/cel'
KEYS = [
    'id',
    'eventtype',
    'eventtime',
    'userdeftype',
    'cid_name',
    'cid_num',
    'cid_ani',
    'cid_rdnis',
    'cid_dnid',
    'exten',
    'context',
    'channame',
    'appname',
    'appdata',
    'amaflags',
    'accountcode',
    'peeraccount',
    'uniqueid',
    'linkedid',
    'userfield',
    'peer',
    'call_log_id',
]
D = datetime.datetime


def event(eventtime, **columns):
    values = {
        'eventtype': 'CHAN_START',
        'cid_name': 'Sup - 0472445668',
        'cid_num': '0472445668',
        'exten': '42803',
        'context': 'default',
        'channame': 'IAX2/assurancetourisk-durallo-3431',
        'amaflags': 3,
        'uniqueid': '1327651953.51',
        'linkedid': '1327651953.51',
        **columns,
    }
    return Cel.create(eventtime=eventtime, **values).id


@pytest.fixture
def events(app):
    """Five events a day apart, from 2012-02-26 10:00 (ids in time order)."""
    return [
        event(
            D(2012, 2, 26, 10) + datetime.timedelta(days=day, microseconds=17623 * day),
            eventtype=f'E{day}',
        )
        for day in range(5)
    ]


def searchid(api, idbeg, **params):
    return api.request(F, P, 'searchid', idbeg=idbeg, **params)


def types(response):
    assert response.status_code == 200, response.get_data(as_text=True)
    return [item['eventtype'] for item in response.get_json()]


def test_searchid_item_format(api, app):
    first = event(D(2012, 1, 27, 3, 12, 33, 175830), cid_dnid='0123', call_log_id=12)
    event(D(2012, 1, 27, 3, 12, 34), amaflags=0)
    response = searchid(api, first - 1)
    assert response.status_code == 200 and response.content_type == 'application/json'
    one, two = response.get_json()
    assert list(one) == KEYS
    assert one == {
        'id': str(first),
        'eventtype': 'CHAN_START',
        'eventtime': '2012-01-27 03:12:33.17583',
        'userdeftype': '',
        'cid_name': 'Sup - 0472445668',
        'cid_num': '0472445668',
        'cid_ani': '',
        'cid_rdnis': '',
        'cid_dnid': '0123',
        'exten': '42803',
        'context': 'default',
        'channame': 'IAX2/assurancetourisk-durallo-3431',
        'appname': '',
        'appdata': '',
        'amaflags': '3',
        'accountcode': '',
        'peeraccount': '',
        'uniqueid': '1327651953.51',
        'linkedid': '1327651953.51',
        'userfield': '',
        'peer': '',
        'call_log_id': '12',
    }
    assert (two['eventtime'], two['amaflags'], two['call_log_id']) == (
        '2012-01-27 03:12:34',
        '0',
        None,
    )
    assert '"channame":"IAX2\\/assurancetourisk-durallo-3431"' in response.get_data(as_text=True)


def test_searchid_is_strictly_greater_and_by_id(api, events):
    assert types(searchid(api, events[1])) == ['E2', 'E3', 'E4']
    assert types(searchid(api, events[0] - 1)) == ['E0', 'E1', 'E2', 'E3', 'E4']
    assert types(searchid(api, -1)) == ['E0', 'E1', 'E2', 'E3', 'E4']
    assert types(searchid(api, f' {events[3]} ')) == ['E4']
    past_the_end = searchid(api, events[4])
    assert (past_the_end.status_code, past_the_end.json) == (200, [])
    Cel.update(eventtime=D(2000, 1, 1)).where(Cel.id == events[3]).execute()
    assert types(searchid(api, events[2])) == ['E3', 'E4']  # id order, not time


def test_limit(api, events):
    assert types(searchid(api, events[0] - 1, limit='2')) == ['E0', 'E1']
    assert types(searchid(api, events[0] - 1, limit='999999')) == ['E0', 'E1', 'E2', 'E3', 'E4']


def test_at_most_5000_events_by_default(api, app):
    service.generate(5003, D(2013, 1, 1))
    first = Cel.select().order_by(Cel.id).first().id
    items = searchid(api, first - 1).get_json()
    assert len(items) == 5000
    assert [int(item['id']) for item in items] == list(range(first, first + 5000))
    assert len(searchid(api, first - 1, limit='6000').get_json()) == 5000
    assert len(searchid(api, first + 4999).get_json()) == 3


def test_searchid_runs_one_query(api, app):
    service.generate(10, D(2013, 1, 1))
    with count_queries() as few:
        searchid(api, 0)
    service.generate(200, D(2013, 1, 1))
    with count_queries() as many:
        searchid(api, 0)
    assert many.count == few.count


@pytest.mark.parametrize(
    'params,reason',
    [
        ({}, 'missing parameter: idbeg'),
        ({'idbeg': ''}, 'missing parameter: idbeg'),
        ({'idbeg': 'abc'}, 'idbeg: must be an integer'),
        ({'idbeg': '1.5'}, 'idbeg: must be an integer'),
        ({'idbeg': '1' * 40}, 'idbeg: must be an integer'),
        ({'idbeg': "1 OR 1=1"}, 'idbeg: must be an integer'),
        ({'idbeg': '1', 'limit': '0'}, 'limit: must be a positive integer'),
        ({'idbeg': '1', 'limit': '-3'}, 'limit: must be a positive integer'),
        ({'idbeg': '1', 'limit': 'ten'}, 'limit: must be a positive integer'),
    ],
)
def test_searchid_refusals(api, events, params, reason):
    response = api.request(F, P, 'searchid', **params)
    assert_refused(response, 400)
    assert response.get_json()['error'] == reason


def test_default_act_is_searchid_unless_a_date_is_given(api, events):
    assert types(api.request(F, P, idbeg=events[3])) == ['E4']
    assert_refused(api.request(F, P), 400)
    # the seed document's `cel/?dbeg=2012-02-28`: the date search
    items = api.request(F, P, dbeg='2012-02-28').get_json()
    assert [item['eventtype'] for item in items] == ['E2', 'E3', 'E4']
    assert all(item['amaflagsmeta'] == 'documentation' for item in items)
    # an explicit searchid ignores dbeg
    assert_refused(api.request(F, P, 'searchid', dbeg='2012-02-28'), 400)


@pytest.mark.parametrize('act', ['search', 'searchdb'])
def test_date_search_item_format(api, events, act):
    response = api.request(F, P, act, dbeg='2012-02-27', dend='2012-02-27')
    [item] = response.get_json()
    assert list(item) == KEYS + ['amaflagsmeta']
    assert (item['id'], item['eventtype'], item['eventtime'], item['amaflagsmeta']) == (
        str(events[1]),
        'E1',
        '2012-02-27 10:00:00.017623',
        'documentation',
    )


@pytest.mark.parametrize(
    'dbeg,dend,found',
    [
        ('2012', None, ['E0', 'E1', 'E2', 'E3', 'E4']),
        ('2012-02', '2012-02', ['E0', 'E1', 'E2', 'E3']),
        ('2012-03', None, ['E4']),
        ('2012-02-27', '2012-02-28', ['E1', 'E2']),
        ('2012-02-27 10:00:00', '2012-02-27 10:00:00', ['E1']),
        ('2012-02-27 10:00:01', '2012-02-28 09:59:59', []),
        ('2012-02-28 10:00', '2012-03-01 10:00', ['E2', 'E3', 'E4']),
        ('2011', '2011', []),
    ],
)
def test_date_bounds_are_inclusive(api, events, dbeg, dend, found):
    params = {'dbeg': dbeg} if dend is None else {'dbeg': dbeg, 'dend': dend}
    response = api.request(F, P, 'search', **params)
    if found:
        assert types(response) == found
    else:
        assert response.status_code == 204


def test_dend_defaults_to_now(api, events):
    tomorrow = datetime.datetime.now() + datetime.timedelta(days=1)
    event(tomorrow, eventtype='LATER')
    assert 'LATER' not in types(api.request(F, P, 'search', dbeg='2012'))
    assert 'LATER' in types(api.request(F, P, 'search', dbeg='2012', dend=str(tomorrow.year + 1)))


def test_date_search_is_by_time_and_limited(api, events):
    Cel.update(eventtime=D(2012, 2, 25)).where(Cel.id == events[4]).execute()
    assert types(api.request(F, P, 'search', dbeg='2012')) == ['E4', 'E0', 'E1', 'E2', 'E3']
    assert types(api.request(F, P, 'searchdb', dbeg='2012', limit='2')) == ['E4', 'E0']


@pytest.mark.parametrize(
    'params,reason',
    [
        ({}, 'missing parameter: dbeg'),
        ({'dend': '2012'}, 'missing parameter: dbeg'),
        ({'dbeg': '12-02-28'}, 'dbeg: must be a date'),
        ({'dbeg': '2012-02-30'}, 'dbeg: is not a valid date'),
        ({'dbeg': '2012', 'dend': 'now'}, 'dend: must be a date'),
        ({'dbeg': '2012-02-28', 'dend': '2012-02-27'}, 'dend: is before dbeg'),
        ({'dbeg': '2999'}, 'dbeg: is in the future'),
        ({'dbeg': '2012', 'limit': 'x'}, 'limit: must be a positive integer'),
    ],
)
@pytest.mark.parametrize('act', ['search', 'searchdb', None])
def test_date_search_refusals(api, events, act, params, reason):
    if act is None and 'dbeg' not in params:
        return  # no act and no dbeg is searchid
    response = api.request(F, P, act, **params)
    assert_refused(response, 400)
    assert response.get_json()['error'].startswith(reason)


def test_searchdb_filters(api, app):
    at = D(2012, 2, 27, 10)
    event(at, eventtype='A', context='from-extern', accountcode='ACC-42', userfield='vip')
    event(at, eventtype='B', context='default', accountcode='acc-42x', userfield='normal vip')
    event(at, eventtype='C', context='default', accountcode='x-acc-42', userfield='')

    def found(**params):
        response = api.request(F, P, 'searchdb', dbeg='2012', **params)
        return types(response) if response.status_code == 200 else []

    assert found(dcontext='default') == ['B', 'C']
    assert found(dcontext='DEFAULT') == []
    assert found(accountcode='acc-42') == ['A']  # exact is the default format
    assert found(accountcode='acc-42', accountcodeformat='exact') == ['A']
    assert found(accountcode='acc-42', accountcodeformat='begin') == ['A', 'B']
    assert found(accountcode='acc-42', accountcodeformat='contain') == ['A', 'B', 'C']
    assert found(accountcode='acc-42', accountcodeformat='end') == ['A', 'C']
    assert found(userfield='vip', userfieldformat='end', dcontext='default') == ['B']
    assert found(accountcode='%', accountcodeformat='contain') == []
    assert found(accountcode='') == ['A', 'B', 'C']
    # `search` has no filters
    assert types(api.request(F, P, 'search', dbeg='2012', dcontext='nothing')) == ['A', 'B', 'C']
    response = api.request(
        F, P, 'searchdb', dbeg='2012', accountcode='a', accountcodeformat='regex'
    )
    assert_refused(response, 400)
    assert response.get_json()['error'].startswith('accountcodeformat: must be one of')


def test_sum_answers_304_when_unchanged(api, events):
    body = searchid(api, 0).get_data()
    digest = hashlib.md5(body).hexdigest()
    assert searchid(api, 0, sum=digest).status_code == 304
    assert searchid(api, 0, sum='0' * 32).status_code == 200


def test_write_acts_are_refused(api, events):
    for act in ('list', 'add', 'edit', 'delete', 'deleteall', 'view'):
        with unchanged_store():
            assert_refused(api.request(F, P, act, id=events[0], body={'eventtype': 'X'}), 400)


def test_acl(api, app):
    check_acl(api, F, P, 'service/ipbx/call_management/cel', act='searchid')
