"""The requests a client repeats most (issue 13): how many statements each runs,
and that their fast paths answer exactly what the general code answers.

Budgets count every statement of the request, authentication included (one
statement: the user row with its failure counts). The view of a user with no
memberships, call permissions, dial actions or function keys is two more; each
of those parts costs a statement only for a user that has it."""

import json

import pytest
from playhouse.test_utils import count_queries

from tests.helpers.api import added_id
from tests.helpers.fixtures import make_default_context
from xivows import db, numbering, wire
from xivows.jsonphp import phpjson
from xivows.jsonphp.views.users import user_item, user_item_of_tuple
from xivows.models.entity import Entity
from xivows.models.user import UserFeatures
from xivows.resources.schedule import links as schedules
from xivows.resources.users import queries

USERS = ('ipbx', 'pbx_settings/users')
LINES = ('ipbx', 'pbx_settings/lines')
QUEUES = ('callcenter', 'settings/queues')
EVENTS = ('noanswer', 'busy', 'congestion', 'chanunavail')


@pytest.fixture
def entity_id(app):
    make_default_context()
    return Entity.get(Entity.name == 'acme').id


def user_body(entity_id, index, **features):
    number = str(1100 + index)
    return {
        'userfeatures': {
            'firstname': f'User{index}',
            'lastname': 'Doe',
            'entityid': entity_id,
            'musiconhold': 'default',
            'enablexfer': True,
            'language': 'en_US',
            'userfield': f'uf{index}',
            **features,
        },
        'linefeatures': {
            'protocol': ['sip'],
            'context': ['default'],
            'number': [number],
            'secret': ['s3cret'],
        },
        'voicemail': {
            'name': f'User{index} Doe',
            'number': number,
            'context': 'default',
            'password': '1234',
        },
    }


def add_users(api, entity_id, count, start=0):
    return [
        added_id(api.add(*USERS, user_body(entity_id, start + index))) for index in range(count)
    ]


def statements(request, *args, **kwargs):
    """The statements of one request, but the savepoint and its release that
    stand for the request's transaction inside the test's own."""
    with count_queries() as counted:
        response = request(*args, **kwargs)
    assert response.status_code in (200, 204), response.get_data(as_text=True)
    return len(
        [
            query
            for query in counted.get_queries()
            if not query.msg[0].startswith(('SAVEPOINT', 'RELEASE'))
        ]
    )


# -- budgets -------------------------------------------------------------------------


def test_users_view_list_and_search_budgets(api, entity_id):
    user_ids = add_users(api, entity_id, 3)
    assert statements(api.view, *USERS, user_ids[0]) == 3
    assert statements(api.list, *USERS) == 2
    assert statements(api.search, *USERS, 'user1') == 2
    assert statements(api.search, *USERS, '1101') == 2
    add_users(api, entity_id, 10, start=3)
    assert statements(api.list, *USERS) == 2
    assert statements(api.search, *USERS, 'doe') == 2


def test_users_add_budget(api, entity_id):
    add_users(api, entity_id, 1)
    count = statements(api.add, *USERS, user_body(entity_id, 7))
    # authentication 1, the probe of every check 1, the number's ranges 1, then
    # each row once: voicemail, user, SIP line, line, extension, user_line;
    # PostgreSQL reads the ranges and draws the rows' ids in the probe's
    # statement and sends the six inserts with the COMMIT (xivows/writebehind.py)
    assert count == (8 if db.is_postgresql() else 9)


def test_a_users_other_parts_cost_a_statement_only_when_present(api, entity_id):
    group = api.add(
        'ipbx',
        'pbx_settings/groups',
        {
            'groupfeatures': {'name': 'sales', 'number': '2001', 'context': 'default'},
            'queue': {},
            'user': [],
        },
    )
    assert group.status_code == 200, group.get_data(as_text=True)
    body = user_body(entity_id, 1)
    body['dialaction'] = {event: {'actiontype': 'endcall', 'action': 'hangup'} for event in EVENTS}
    body['group-select'] = ['sales']
    body['phonefunckey'] = [
        {
            'fknum': 1,
            'exten': '1234',
            'type': 'user',
            'typeval': '',
            'supervision': False,
            'progfunckey': False,
            'label': 'k',
        }
    ]
    user_id = added_id(api.add(*USERS, body))
    view = api.view(*USERS, user_id).get_json()
    assert view['groupmember'] and view['dialaction'] and view['phonefunckey']
    # members: groups and queues (2), dial actions (1), function keys (1)
    assert statements(api.view, *USERS, user_id) == 3 + 4


def test_lines_and_queues_budgets(api, entity_id):
    user_ids = add_users(api, entity_id, 3)
    queue = api.add(
        *QUEUES,
        {
            'queuefeatures': {'name': 'support', 'number': '3001', 'context': 'default'},
            'queue': {},
            'user': [str(user_id) for user_id in user_ids],
        },
    )
    queue_id = added_id(queue)
    line_id = api.list(*LINES).get_json()[0]['id']
    assert statements(api.list, *LINES) == LINES_LIST
    assert statements(api.view, *LINES, line_id) == LINES_VIEW
    assert statements(api.list, *QUEUES) == QUEUES_LIST
    assert statements(api.view, *QUEUES, queue_id) == QUEUES_VIEW


LINES_LIST, LINES_VIEW, QUEUES_LIST, QUEUES_VIEW = 5, 5, 2, 8


# -- the fast paths answer what the general code answers ---------------------------


def test_view_parts_are_what_the_single_lookups_read(api, entity_id):
    group = api.add(
        'ipbx',
        'pbx_settings/groups',
        {
            'groupfeatures': {'name': 'sales', 'number': '2001', 'context': 'default'},
            'queue': {},
            'user': [],
        },
    )
    assert group.status_code == 200
    rich = user_body(entity_id, 1)
    rich['group-select'] = ['sales']
    rich_id = added_id(api.add(*USERS, rich))
    bare_id = added_id(
        api.add(*USERS, {'userfeatures': {'firstname': 'Bare', 'entityid': entity_id}})
    )
    for user_id in (rich_id, bare_id):
        parts = queries.view_parts(user_id)
        user = queries.find(user_id)
        assert parts.user.__data__ == user.__data__
        line, link = queries.line_of(user_id)
        assert (parts.line and parts.line.__data__) == (line and line.__data__)
        assert (parts.link and parts.link.__data__) == (link and link.__data__)
        extension = numbering.extension_of('user', user_id)
        assert (parts.extension and parts.extension.__data__) == (extension and extension.__data__)
        assert parts.schedule_id == schedules.schedule_of('user', user_id)
        entity, contexts = queries.entity_with_contexts(user.entityid)
        assert parts.entity.__data__ == entity.__data__
        assert [c.__data__ for c in parts.contexts] == [c.__data__ for c in contexts]
        if user.voicemailid:
            assert parts.voicemail.uniqueid == user.voicemailid
            assert parts.voicemail_entity_displayname == queries.entity_displayname(
                parts.voicemail.context
            )
        else:
            assert parts.voicemail is None
        assert parts.has_members == (user_id == rich_id)


def test_list_items_of_tuples_are_byte_for_byte_those_of_rows(api, entity_id):
    add_users(api, entity_id, 2)
    added_id(
        api.add(
            *USERS,
            {
                'userfeatures': {
                    'firstname': 'Zoé',
                    'lastname': 'Ünïcode/\\"',
                    'entityid': entity_id,
                    'enableclient': True,
                    'loginclient': 'zoe',
                    'passwdclient': 'pw1234',
                    'mobilephonenumber': '+331',
                    'description': 'a\nb',
                    'ringseconds': 15,
                }
            },
        )
    )
    by_rows = [user_item(row) for row in queries.listed().dicts()]
    by_tuples = [user_item_of_tuple(row) for row in queries.listed_rows()]
    assert phpjson.dumps(by_tuples) == phpjson.dumps(by_rows)
    assert api.list(*USERS).get_data(as_text=True) == phpjson.dumps(by_rows)


def test_row_format_of_tuple_matches_the_model_path():
    row_format = wire.RowFormat(
        UserFeatures,
        ints=('id',),
        bools=('commented',),
        exclude=('uuid',),
        converters={'agentid': lambda v: v or 0},
    )
    user = UserFeatures(id=3, firstname='A', commented=1, agentid=None, ringseconds=20, uuid='u')
    values = tuple(user.__data__.get(field.name) for field in UserFeatures._meta.sorted_fields)
    assert row_format.of_tuple(values) == row_format(user)
    assert list(row_format.of_tuple(values)) == list(row_format(user))  # same key order


# -- searches: SQLite's own LIKE for ASCII rows, the unicode one for the others ------


@pytest.mark.parametrize(
    'term,found',
    [
        ('jack', ['Jack Doe']),
        ('JACK D', ['Jack Doe']),
        ('ck do', ['Jack Doe']),
        ('élise', ['Élise Doe']),
        ('ÉLISE', ['Élise Doe']),
        ('kelvin', ['\u212aelvin Doe']),  # KELVIN SIGN folds to k
        ('\u212aelvin', ['\u212aelvin Doe']),
        ('KELVIN', ['\u212aelvin Doe']),
        ('50%', ['Fifty 50%']),
        ('50_', []),
        ('5\\', []),
        ('ref-7', ['Jack Doe']),
        ('REF-', []),
        ('1107', ['Jack Doe']),
        ('110', ['Jack Doe', 'Élise Doe']),
        ('doe', ['Jack Doe', 'Élise Doe', '\u212aelvin Doe']),
    ],
)
def test_search_folds_unicode_case(api, entity_id, term, found):
    api.add(
        *USERS,
        {
            **user_body(entity_id, 7),
            'userfeatures': {
                'firstname': 'Jack',
                'lastname': 'Doe',
                'entityid': entity_id,
                'userfield': 'REF-7',
            },
        },
    )
    api.add(
        *USERS,
        {
            **user_body(entity_id, 8),
            'userfeatures': {'firstname': 'Élise', 'lastname': 'Doe', 'entityid': entity_id},
        },
    )
    for firstname, lastname in (('\u212aelvin', 'Doe'), ('Fifty', '50%')):
        api.add(
            *USERS,
            {
                'userfeatures': {
                    'firstname': firstname,
                    'lastname': lastname,
                    'entityid': entity_id,
                }
            },
        )
    response = api.search(*USERS, term)
    names = (
        [item['fullname'] for item in json.loads(response.data)]
        if response.status_code == 200
        else []
    )
    if db.is_sqlite() or (term + ''.join(found)).isascii():
        # PostgreSQL's ILIKE folds what the database's locale folds
        assert names == found
    assert names == [
        ' '.join(row)
        for row in (
            UserFeatures.select(UserFeatures.firstname, UserFeatures.lastname)
            .where(UserFeatures.id.in_([item[0] for item in queries.search_rows(term)]))
            .order_by(UserFeatures.id)
            .tuples()
        )
    ]
