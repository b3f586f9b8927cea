"""/callcenter/json.php/restricted/settings/agents"""

import json

import pytest
from peewee import fn
from playhouse.test_utils import count_queries

from tests.helpers.api import added_id
from tests.helpers.asterisk import pbx  # noqa: F401 (fixture)
from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import (
    assert_refused,
    check_acl,
    check_bad_documents,
    check_malformed_bodies,
    check_unknown_ids,
    unchanged_store,
)
from xivows.models.agent import AgentFeatures, AgentGroup
from xivows.models.agent_status import AgentLoginStatus
from xivows.models.context import ContextMember
from xivows.models.entity import Entity
from xivows.models.queue import QueueMember
from xivows.models.queueskill import AgentQueueSkill, QueueSkill
from xivows.models.statsconf import StatsConf, StatsConfAgent
from xivows.models.user import UserFeatures
from xivows.resources.agent_status import service as agent_status

F, P = 'callcenter', 'settings/agents'


@pytest.fixture
def entity_id(app):
    make_default_context()
    return Entity.get(Entity.name == 'acme').id


def xivo_ws_body(firstname='First', number='555', users=(), lastname=None, password=None, **extra):
    """What xivo-ws HEAD sends for an Agent (its objects/agent.py)."""
    features = {
        'numgroup': '1',
        'autologoff': '0',
        'firstname': firstname,
        'number': number,
        'context': 'default',
    }
    if lastname is not None:
        features['lastname'] = lastname
    if password is not None:
        features['passwd'] = password
    return {'agentfeatures': features, 'user-select': list(users), **extra}


def add(api, **kwargs):
    return added_id(api.add(F, P, xivo_ws_body(**kwargs)))


def make_user(api, entity_id, firstname='Jack'):
    return added_id(
        api.add(
            'ipbx',
            'pbx_settings/users',
            {'userfeatures': {'firstname': firstname, 'entityid': entity_id}},
        )
    )


def make_queue(api, name, number):
    return added_id(
        api.add(
            F,
            'settings/queues',
            {'queuefeatures': {'name': name, 'number': number, 'context': 'default'}, 'queue': {}},
        )
    )


def make_skill(api, name):
    return added_id(api.add(F, 'settings/queueskills', {'name': name, 'category_name': 'c'}))


def view(api, ident):
    response = api.view(F, P, ident)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


# -- add -----------------------------------------------------------------------------


def test_add_as_xivo_ws_sends_it_answers_an_integer_id(api, entity_id):
    user_id = make_user(api, entity_id)
    response = api.add(F, P, xivo_ws_body(lastname='Last', password='1234', users=[user_id]))
    assert response.status_code == 200
    agent_id = json.loads(response.data)
    assert isinstance(agent_id, int)
    agent = AgentFeatures.get_by_id(agent_id)
    assert (
        agent.firstname,
        agent.lastname,
        agent.number,
        agent.passwd,
        agent.context,
        agent.numgroup,
        agent.autologoff,
        agent.language,
        agent.preprocess_subroutine,
    ) == ('First', 'Last', '555', '1234', 'default', 1, 0, '', None)
    assert UserFeatures.get_by_id(user_id).agentid == agent_id
    member = ContextMember.get(
        (ContextMember.type == 'agent') & (ContextMember.typeval == str(agent_id))
    )
    assert (member.context, member.varname) == ('default', 'context')


def test_add_with_queues_and_skills(api, entity_id):
    make_queue(api, 'support', '3001')
    make_queue(api, 'sales', '3002')
    english, french = make_skill(api, 'english'), make_skill(api, 'french')
    agent_id = add(
        api,
        **{
            'queue-select': ['support', 'sales'],
            'queue': {'support': {'penalty': 3}},
            'queueskills': [{'id': french, 'weight': 80}, {'id': str(english), 'weight': '20'}],
        },
    )
    members = {m.queue_name: m for m in QueueMember.select()}
    assert set(members) == {'support', 'sales'}
    support = members['support']
    assert (
        support.interface,
        support.channel,
        support.usertype,
        support.userid,
        support.category,
        support.penalty,
    ) == ('Agent/555', 'Agent', 'agent', agent_id, 'queue', 3)
    assert members['sales'].penalty == 0
    assert {(s.skillid, s.weight) for s in AgentQueueSkill.select()} == {
        (french, 80),
        (english, 20),
    }


def test_another_agent_group(api, entity_id):
    # An explicit id: the seeded group 1 does not advance PostgreSQL's sequence.
    next_id = AgentGroup.select(fn.MAX(AgentGroup.id)).scalar() + 1
    group = AgentGroup.create(id=next_id, name='night', groupid=2)
    document = xivo_ws_body(number='556')
    document['agentfeatures']['numgroup'] = group.id
    other = added_id(api.add(F, P, document))
    result = view(api, other)['agentgroup']
    assert (result['name'], result['id'], result['deletable']) == ('night', str(group.id), True)


BAD_FEATURES = [
    {'numgroup': None},
    {'numgroup': '0'},
    {'numgroup': '64'},
    {'numgroup': '50'},
    {'numgroup': 'x'},
    {'number': None},
    {'number': ''},
    {'number': '12a'},
    {'number': '1' * 41},
    {'number': ['555']},
    {'context': None},
    {'context': 'nowhere'},
    {'context': 'xivo-features'},
    {'autologoff': None},
    {'autologoff': ''},
    {'autologoff': 3},
    {'autologoff': 65},
    {'autologoff': True},
    {'firstname': 'x' * 129},
    {'firstname': 'a\x01b'},
    {'lastname': {'a': 1}},
    {'passwd': 'abc'},
    {'language': 'xx_XX'},
    {'description': 'x' * 1001},
    {'preprocess_subroutine': 'bad name'},
    {'number': "1' OR '1'='1"},
]


def test_invalid_documents(api, entity_id):
    user_id = make_user(api, entity_id)
    make_queue(api, 'support', '3001')
    add(api, number='100')
    documents = []
    for change in BAD_FEATURES:
        document = xivo_ws_body(number='555')
        document['agentfeatures'].update(change)
        documents.append(document)
    documents += [
        xivo_ws_body(number='100'),  # taken
        {},
        {'agentfeatures': None},
        {'agentfeatures': []},
        {'agentfeatures': 'x'},
        {'user-select': [user_id]},
        [],
        ['agentfeatures'],
        xivo_ws_body(users=[999999]),
        {**xivo_ws_body(), 'user-select': '1'},
        xivo_ws_body(users=['x']),
        xivo_ws_body(users=[user_id, 999999]),
        {**xivo_ws_body(), 'user-select': {'a': 1}},
        xivo_ws_body(**{'queue-select': ['nowhere']}),
        xivo_ws_body(**{'queue-select': 'support'}),
        xivo_ws_body(**{'queue-select': [{'a': 1}]}),
        xivo_ws_body(**{'queue-select': ['support'], 'queue': {'support': {'penalty': 21}}}),
        xivo_ws_body(**{'queue-select': ['support'], 'queue': {'support': {'penalty': 'x'}}}),
        xivo_ws_body(**{'queue-select': ['support'], 'queue': {'support': 5}}),
        xivo_ws_body(**{'queue-select': ['support'], 'queue': ['support']}),
        xivo_ws_body(number='*55', **{'queue-select': ['support']}),
        xivo_ws_body(queueskills=[{'id': 999999, 'weight': 10}]),
        xivo_ws_body(queueskills=[{'id': 'x', 'weight': 10}]),
        xivo_ws_body(queueskills={'id': 1}),
        xivo_ws_body(queueskills=['x']),
    ]
    check_bad_documents(api, F, P, 'add', documents)


def test_invalid_skill_levels(api, entity_id):
    skill = make_skill(api, 'english')
    check_bad_documents(
        api,
        F,
        P,
        'add',
        [
            xivo_ws_body(queueskills=[{'id': skill, 'weight': 101}]),
            xivo_ws_body(queueskills=[{'id': skill, 'weight': -1}]),
            xivo_ws_body(queueskills=[{'id': skill, 'weight': 'x'}]),
            xivo_ws_body(queueskills=[{'id': skill, 'weight': 1}, {'id': skill, 'weight': 2}]),
            xivo_ws_body(queueskills=[{'weight': 1}]),
        ],
    )


def test_a_failure_after_valid_parts_leaves_nothing(api, entity_id):
    user_id = make_user(api, entity_id)
    make_queue(api, 'support', '3001')
    with unchanged_store():
        assert_refused(
            api.add(
                F,
                P,
                xivo_ws_body(
                    users=[user_id],
                    **{'queue-select': ['support'], 'queueskills': [{'id': 999999}]},
                ),
            ),
            400,
        )


def test_malformed_bodies(api, entity_id):
    check_malformed_bodies(api, F, P, 'add')
    agent_id = add(api)
    check_malformed_bodies(api, F, P, 'edit', id=agent_id)


# -- list, search, view ----------------------------------------------------------------


def test_list_items(api, entity_id):
    assert api.list(F, P).status_code == 204
    agent_id = add(api, lastname='Last', password='99')
    add(api, firstname='Other', number='*1')
    items = api.list(F, P).get_json()
    assert items[0] == {
        'id': agent_id,
        'firstname': 'First',
        'lastname': 'Last',
        'number': '555',
        'passwd': '99',
        'context': 'default',
        'language': '',
    }
    assert [item['number'] for item in items] == ['555', '*1']
    assert api.request(F, P).get_json() == items  # default act


def test_list_runs_a_constant_number_of_queries(api, entity_id):
    add(api, number='100')
    with count_queries() as few:
        api.list(F, P)
    for index in range(1, 8):
        add(api, number=str(100 + index))
    with count_queries() as many:
        assert len(api.list(F, P).get_json()) == 8
    assert many.count == few.count


@pytest.mark.parametrize(
    'term,found',
    [
        ('ann', ['Ann']),
        ('SMITH', ['Ann']),
        ('ann smith', ['Ann']),
        ('55', ['Ann']),
        ('*', ['Bob']),
        ('%', []),
        ('_', []),
        ('nobody', []),
    ],
)
def test_search(api, entity_id, term, found):
    add(api, firstname='Ann', lastname='Smith', number='555')
    add(api, firstname='Bob', lastname='Jones', number='*1')
    response = api.search(F, P, term)
    if found:
        assert [item['firstname'] for item in response.get_json()] == found
    else:
        assert response.status_code == 204


def test_search_without_term_returns_every_agent(api, entity_id):
    assert api.request(F, P, 'search').status_code == 204
    add(api, number='100')
    add(api, number='101')
    assert len(api.request(F, P, 'search').get_json()) == 2
    assert len(api.search(F, P, '').get_json()) == 2


def test_view_format(api, entity_id):
    user_id = make_user(api, entity_id)
    make_queue(api, 'support', '3001')
    queue_id = make_queue(api, 'alpha', '3002')
    english, french = make_skill(api, 'english'), make_skill(api, 'french')
    agent_id = add(
        api,
        lastname='Last',
        users=[user_id],
        **{
            'queue-select': ['support', 'alpha'],
            'queue': {'alpha': {'penalty': 2}},
            'queueskills': [{'id': french, 'weight': 80}, {'id': english, 'weight': 20}],
        },
    )
    result = view(api, agent_id)
    assert set(result) == {
        'agentfeatures',
        'agentgroup',
        'usermember',
        'queuemember',
        'queueskills',
    }
    features = result['agentfeatures']
    assert features == {
        'id': agent_id,
        'numgroup': '1',
        'firstname': 'First',
        'lastname': 'Last',
        'number': '555',
        'passwd': '',
        'context': 'default',
        'language': '',
        'autologoff': '0',
        'group': None,
        'description': '',
        'preprocess_subroutine': None,
        'fullname': 'First Last',
        'identity': 'First Last (555@default)',
    }
    assert result['agentgroup'] == {
        'id': '1',
        'groupid': '1',
        'name': 'default',
        'groups': '',
        'commented': False,
        'deleted': False,
        'description': '',
        'deletable': False,
    }
    users = result['usermember']
    assert [user['id'] for user in users] == [user_id]
    assert users[0]['agentid'] == str(agent_id)
    assert users[0]['fullname'] == 'Jack'
    members = result['queuemember']
    assert [member['queue_name'] for member in members] == ['alpha', 'support']
    assert members[0] == {
        'queue_name': 'alpha',
        'interface': 'Agent/555',
        'penalty': '2',
        'commented': False,
        'usertype': 'agent',
        'userid': agent_id,
        'channel': 'Agent',
        'category': 'queue',
        'position': 1,
        'queuefeaturesid': str(queue_id),
    }
    assert result['queueskills'] == [
        {'weight': '20', 'id': str(english), 'name': 'english'},
        {'weight': '80', 'id': str(french), 'name': 'french'},
    ]


def test_view_of_a_bare_agent(api, entity_id):
    agent_id = add(api, firstname='')
    result = view(api, agent_id)
    assert (result['usermember'], result['queuemember'], result['queueskills']) == (
        False,
        False,
        [],
    )
    assert result['agentfeatures']['fullname'] == '-'
    assert result['agentfeatures']['identity'] == '- (555@default)'


def test_view_by_number_when_no_agent_has_that_id(api, entity_id):
    agent_id = add(api, number='987654')
    assert view(api, '987654')['agentfeatures']['id'] == agent_id
    assert view(api, str(agent_id))['agentfeatures']['number'] == '987654'
    star = add(api, number='*12')
    assert view(api, '*12')['agentfeatures']['id'] == star
    assert_refused(api.view(F, P, '123456789'), 404)


def test_xivo_ws_parses_the_view_and_the_list(api, entity_id):
    user_id = make_user(api, entity_id)
    agent_id = add(api, lastname='Last', password='12', users=[user_id])
    result = view(api, agent_id)
    # Agent.from_obj_dict
    features = result['agentfeatures']
    assert (
        features['id'],
        features['firstname'],
        features['lastname'],
        features['passwd'],
        features['number'],
        features['context'],
    ) == (agent_id, 'First', 'Last', '12', '555', 'default')
    assert [user['id'] for user in result['usermember']] == [user_id]
    # Agent.from_list_obj_dict and AgentWebService.search_by_number
    item = api.search(F, P, '555').get_json()[0]
    assert (item['id'], item['passwd'], item['number']) == (agent_id, '12', '555')


# -- edit ------------------------------------------------------------------------------


def view_to_edit(result):
    return {
        'agentfeatures': result['agentfeatures'],
        'user-select': [user['id'] for user in result['usermember'] or []],
        'queue-select': [member['queue_name'] for member in result['queuemember'] or []],
        'queue': {
            member['queue_name']: {'penalty': member['penalty']}
            for member in result['queuemember'] or []
        },
        'queueskills': result['queueskills'],
    }


def test_edit_round_trip_of_the_view(api, entity_id):
    user_id = make_user(api, entity_id)
    make_queue(api, 'support', '3001')
    skill = make_skill(api, 'english')
    agent_id = add(
        api,
        lastname='Last',
        users=[user_id],
        **{
            'queue-select': ['support'],
            'queue': {'support': {'penalty': 5}},
            'queueskills': [{'id': skill, 'weight': 30}],
        },
    )
    before = view(api, agent_id)
    assert api.edit(F, P, agent_id, view_to_edit(before)).status_code == 200
    assert view(api, agent_id) == before


def test_edit_as_xivo_ws_sends_it(api, entity_id):
    first, second = make_user(api, entity_id, 'A'), make_user(api, entity_id, 'B')
    make_queue(api, 'support', '3001')
    agent_id = add(api, users=[first], **{'queue-select': ['support']})
    document = xivo_ws_body(firstname='Renamed', number='555', users=[second])
    assert api.edit(F, P, agent_id, document).status_code == 200
    assert AgentFeatures.get_by_id(agent_id).firstname == 'Renamed'
    assert UserFeatures.get_by_id(first).agentid is None
    assert UserFeatures.get_by_id(second).agentid == agent_id
    # no queue-select: the memberships stay
    assert QueueMember.select().count() == 1


def test_edit_merges(api, entity_id):
    user_id = make_user(api, entity_id)
    make_queue(api, 'support', '3001')
    skill = make_skill(api, 'english')
    agent_id = add(
        api,
        lastname='Last',
        password='42',
        users=[user_id],
        **{'queue-select': ['support'], 'queueskills': [{'id': skill, 'weight': 30}]},
    )
    before = view(api, agent_id)
    assert api.edit(F, P, agent_id, {'agentfeatures': {'lastname': 'New'}}).status_code == 200
    after = view(api, agent_id)
    assert after['agentfeatures']['lastname'] == 'New'
    for key in ('usermember', 'queuemember', 'queueskills', 'agentgroup'):
        assert after[key] == before[key]
    assert AgentFeatures.get_by_id(agent_id).passwd == '42'
    assert api.edit(F, P, agent_id, {}).status_code == 200


def test_edit_changes_the_number_with_the_queue_members(api, entity_id):
    # The original applied a new number (issue 9: it was silently kept here); the
    # agent's queue members are Agent/<number>: they follow.
    make_queue(api, 'support', '3001')
    agent_id = add(api, **{'queue-select': ['support'], 'queue': {'support': {'penalty': 2}}})
    add(api, number='556')
    assert api.edit(F, P, agent_id, {'agentfeatures': {'number': '777'}}).status_code == 200
    assert AgentFeatures.get_by_id(agent_id).number == '777'
    member = QueueMember.get()
    assert (member.interface, member.channel, member.penalty) == ('Agent/777', 'Agent', 2)
    assert view(api, agent_id)['queuemember'][0]['interface'] == 'Agent/777'
    for number, reason in (
        (['777'], 'agentfeatures.number: must be a string'),
        ({'a': 1}, 'agentfeatures.number: must be a string'),
        ('abc', 'agentfeatures.number: has an invalid format'),
        ('556', 'agentfeatures.number: already used: 556'),
        (
            '*77',
            f'agentfeatures.number: agent {agent_id} is a queue '
            'member, its number must be all digits',
        ),
    ):
        with unchanged_store():
            response = api.edit(F, P, agent_id, {'agentfeatures': {'number': number}})
            assert_refused(response, 400)
            assert response.get_json()['error'] == reason
    # Leaving its queues in the same edit, it may take any number.
    assert (
        api.edit(
            F, P, agent_id, {'agentfeatures': {'number': '*77'}, 'queue-select': []}
        ).status_code
        == 200
    )
    assert not QueueMember.select().exists()


def test_a_logged_agent_keeps_its_number(api, entity_id):
    agent_id = add(api)
    AgentLoginStatus.create(
        agent_id=agent_id,
        agent_number='555',
        extension='1001',
        context='default',
        interface=f'Local/id-{agent_id}@agentcallback',
        state_interface='SIP/abc',
        login_at=1,
    )
    with unchanged_store():
        response = api.edit(F, P, agent_id, {'agentfeatures': {'number': '777'}})
        assert_refused(response, 400)
        assert (
            response.get_json()['error']
            == 'agentfeatures.number: cannot be changed while the agent is logged in'
        )
    assert (
        api.edit(
            F, P, agent_id, {'agentfeatures': {'number': '555', 'firstname': 'X'}}
        ).status_code
        == 200
    )


def test_edit_replaces_memberships_and_skills_when_given(api, entity_id):
    make_queue(api, 'support', '3001')
    make_queue(api, 'sales', '3002')
    english, french = make_skill(api, 'english'), make_skill(api, 'french')
    agent_id = add(
        api,
        **{
            'queue-select': ['support'],
            'queue': {'support': {'penalty': 1}},
            'queueskills': [{'id': english, 'weight': 10}],
        },
    )
    support = QueueMember.get(QueueMember.queue_name == 'support')
    assert (
        api.edit(
            F,
            P,
            agent_id,
            {
                'queue-select': ['support', 'sales'],
                'queue': {'support': {'penalty': 7}},
                'queueskills': [{'id': french, 'weight': 60}],
            },
        ).status_code
        == 200
    )
    kept = QueueMember.get(QueueMember.queue_name == 'support')
    assert (kept.id, kept.penalty) == (support.id, 7)
    assert QueueMember.select().count() == 2
    assert [(s.skillid, s.weight) for s in AgentQueueSkill.select()] == [(french, 60)]
    assert (
        api.edit(
            F, P, agent_id, {'queue-select': [], 'user-select': [], 'queueskills': []}
        ).status_code
        == 200
    )
    assert not QueueMember.select().exists()
    assert not AgentQueueSkill.select().exists()


def test_edit_moves_the_context_member(api, entity_id):
    from tests.helpers.fixtures import make_context

    make_context('other')
    agent_id = add(api)
    assert api.edit(F, P, agent_id, {'agentfeatures': {'context': 'other'}}).status_code == 200
    assert [m.context for m in ContextMember.select().where(ContextMember.type == 'agent')] == [
        'other'
    ]


def test_edit_refusals_leave_the_store(api, entity_id):
    agent_id = add(api)
    documents = [{'agentfeatures': change} for change in BAD_FEATURES]
    documents += [
        {'agentfeatures': []},
        {'agentfeatures': 'x'},
        {'user-select': [999999]},
        {'queue-select': ['nowhere']},
        {'queueskills': [{'id': 999999}]},
        [],
        ['x'],
    ]
    check_bad_documents(api, F, P, 'edit', documents, id=agent_id)


def test_a_logged_agent_follows_its_new_queues(api, entity_id, pbx):
    make_queue(api, 'support', '3001')
    make_queue(api, 'sales', '3002')
    agent_id = add(api, **{'queue-select': ['support']})
    AgentLoginStatus.create(
        agent_id=agent_id,
        agent_number='555',
        extension='1001',
        context='default',
        interface=f'Local/id-{agent_id}@agentcallback',
        state_interface='PJSIP/abc',
        login_at=1,
    )
    agent_status.mark_changed(agent_id)
    pbx.settle()
    assert [(a['Action'], a['Queue']) for a in pbx.told() if 'Queue' in a] == [
        ('QueueAdd', 'support')
    ]
    assert api.edit(F, P, agent_id, {'queue-select': ['sales']}).status_code == 200
    pbx.settle()
    assert [(a['Action'], a['Queue']) for a in pbx.told()] == [
        ('QueueRemove', 'support'),
        ('QueueAdd', 'sales'),
    ]
    assert api.delete(F, P, agent_id).status_code == 200
    pbx.settle()
    assert [(a['Action'], a.get('Queue') or a['Key']) for a in pbx.told()] == [
        ('QueueRemove', 'sales'),
        ('DBDel', str(agent_id)),
    ]
    assert not AgentLoginStatus.select().exists()


# -- delete ------------------------------------------------------------------------------


def test_delete_removes_everything_that_points_to_the_agent(api, entity_id):
    user_id = make_user(api, entity_id)
    make_queue(api, 'support', '3001')
    skill = make_skill(api, 'english')
    agent_id = add(
        api, users=[user_id], **{'queue-select': ['support'], 'queueskills': [{'id': skill}]}
    )
    other = add(api, number='556')
    conf = StatsConf.create(name='conf', hour_start='08:00', hour_end='18:00', dbegcache='2015-01')
    StatsConfAgent.create(stats_conf_id=conf.id, agentfeatures_id=agent_id)
    assert api.delete(F, P, agent_id).status_code == 200
    assert [agent.id for agent in AgentFeatures.select()] == [other]
    assert UserFeatures.get_by_id(user_id).agentid is None
    assert not QueueMember.select().exists()
    assert not AgentQueueSkill.select().exists()
    assert QueueSkill.select().count() == 1
    assert not StatsConfAgent.select().exists()
    assert [m.typeval for m in ContextMember.select().where(ContextMember.type == 'agent')] == [
        str(other)
    ]


def test_deleteall(api, entity_id):
    assert api.delete_all(F, P).status_code == 204
    add(api, number='100')
    add(api, number='101')
    assert api.delete_all(F, P).status_code == 200
    assert not AgentFeatures.select().exists()
    assert not ContextMember.select().where(ContextMember.type == 'agent').exists()


def test_unknown_ids(api, entity_id):
    check_unknown_ids(api, F, P, body={'agentfeatures': {'firstname': 'x'}})


def test_acl(api, entity_id):
    check_acl(api, F, P, 'service/callcenter/settings/agents')
