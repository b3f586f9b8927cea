"""/service/ipbx/json.php/restricted/system_management/context"""

import hashlib
import json

import pytest

from tests.helpers.fixtures import make_context, make_entity
from tests.helpers.scenarios import (
    assert_refused,
    check_acl,
    check_bad_documents,
    check_malformed_bodies,
    check_unknown_ids,
    unchanged_store,
)
from xivows.models.context import Context, ContextInclude, ContextMember, ContextNumbers
from xivows.models.entity import Entity
from xivows.models.extension import Extension

F, P = 'ipbx', 'system_management/context'

CONTEXT_KEYS = {
    'name',
    'displayname',
    'entity',
    'contexttype',
    'description',
    'commented',
    'identity',
}
RANGE_KEYS = {'context', 'type', 'numberbeg', 'numberend', 'didlength'}


@pytest.fixture
def entity(app):
    return make_entity('acme', 'Acme Corp')


def body(name='default', displayname='Default', entity='acme', contexttype='internal', **extra):
    return {
        'context': {
            'name': name,
            'displayname': displayname,
            'entity': entity,
            'contexttype': contexttype,
        },
        **extra,
    }


def add(api, name='default', **kwargs):
    response = api.add(F, P, body(name, **kwargs))
    assert response.status_code == 200, response.get_data(as_text=True)
    return response


def ranges_of(name):
    return [
        (row.type, row.numberbeg, row.numberend, row.didlength)
        for row in ContextNumbers.select()
        .where(ContextNumbers.context == name)
        .order_by(ContextNumbers.id)
    ]


def includes_of(name):
    return [
        (row.include, row.priority)
        for row in ContextInclude.select()
        .where(ContextInclude.context == name)
        .order_by(ContextInclude.priority)
    ]


# add


def test_add_returns_the_name_as_a_json_string(api, entity):
    response = add(api)
    assert response.content_type == 'application/json'
    assert response.get_data(as_text=True) == '"default"'
    context = Context.get_by_id('default')
    assert (
        context.displayname,
        context.entity,
        context.contexttype,
        context.description,
        context.commented,
    ) == ('Default', 'acme', 'internal', '', False)
    assert ranges_of('default') == [] and includes_of('default') == []


def test_add_the_seed_document_example(api, entity):
    add(api, 'to-extern', contexttype='outcall')
    response = api.add(
        F,
        P,
        {
            'context': {
                'name': 'default',
                'displayname': 'Appels internes',
                'entity': 'acme',
                'contexttype': 'internal',
                'description': '',
            },
            'contextinclude': ['to-extern'],
            'contextnumbers': {
                'user': [{'numberbeg': '100', 'numberend': '199'}],
                'group': [{'numberbeg': '200', 'numberend': '210'}],
            },
        },
    )
    assert response.status_code == 200
    assert ranges_of('default') == [('user', '100', '199', 0), ('group', '200', '210', 0)]
    assert includes_of('default') == [('to-extern', 0)]


def test_add_what_xivo_ws_sends(api, entity):
    """Numbers as JSON integers, numberend omitted, didlength only for incall."""
    add(api, 'to-extern', contexttype='outcall')
    add(api, 'other')
    api_body = body(
        'default',
        contextinclude=['to-extern', 'other'],
        contextnumbers={
            'user': [{'numberbeg': 100, 'numberend': 199}],
            'group': [{'numberbeg': 200, 'numberend': 209}],
            'queue': [{'numberbeg': 210, 'numberend': 219}],
            'meetme': [{'numberbeg': 220}],
            'incall': [{'numberbeg': 230, 'numberend': 239, 'didlength': 3}],
        },
    )
    assert api.add(F, P, api_body).status_code == 200
    assert ranges_of('default') == [
        ('user', '100', '199', 0),
        ('group', '200', '209', 0),
        ('queue', '210', '219', 0),
        ('meetme', '220', '', 0),
        ('incall', '230', '239', 3),
    ]
    assert includes_of('default') == [('to-extern', 0), ('other', 1)]


def test_add_defaults_and_normalisation(api, entity):
    response = api.add(
        F,
        P,
        {
            'context': {'name': 'ctx', 'displayname': 'Ctx', 'entity': 'ACME'},
            'contextnumbers': {
                'user': [
                    {'numberbeg': '10', 'numberend': '19'},
                    {'numberbeg': 10, 'numberend': 19},
                ]
            },
            'contextinclude': [],
        },
    )
    assert response.status_code == 200
    context = Context.get_by_id('ctx')
    assert (context.contexttype, context.entity) == ('internal', 'acme')
    assert ranges_of('ctx') == [('user', '10', '19', 0)]  # duplicate dropped


def test_add_an_existing_name_is_refused(api, entity):
    add(api)
    check_bad_documents(api, F, P, 'add', [body('default', displayname='Again')])


def test_add_with_unknown_references_is_refused(api, entity):
    add(api, 'other')
    check_bad_documents(
        api,
        F,
        P,
        'add',
        [
            body(entity='nobody'),
            body(contexttype='nosuchtype'),
            body(contextinclude=['other', 'missing']),
            body(contextinclude=['default']),  # itself, not stored yet
        ],
    )


BAD_DOCUMENTS = [
    {},
    [],
    ['default'],
    {'context': None},
    {'context': 'default'},
    {'context': ['default']},
    body(name=''),
    body(name='bad name'),
    body(name='a' * 40),
    body(name='xivo-features'),
    body(name='XIVO-mine'),
    body(name='general'),
    body(name='globals'),
    body(name=['default']),
    body(name=True),
    body(name="x'; DROP TABLE context; --"),
    body(displayname='ab'),
    body(displayname='x' * 129),
    body(displayname='Bad\x01name'),
    body(displayname={'a': 1}),
    body(entity=''),
    body(entity=None),
    body(entity='Bad Entity'),
    body(contexttype='Bad Type'),
    body(contexttype=['internal']),
    {'context': {'displayname': 'No name', 'entity': 'acme'}},
    {'context': {'name': 'x', 'entity': 'acme'}},
    body(contextinclude='to-extern'),
    body(contextinclude={'a': 'b'}),
    body(contextinclude=[42.5]),
    body(contextinclude=[None]),
    body(contextinclude=[['to-extern']]),
    body(contextinclude=['bad name']),
    body(contextnumbers='100-199'),
    body(contextnumbers=[{'numberbeg': '100'}]),
    body(contextnumbers={'user': {'numberbeg': '100'}}),
    body(contextnumbers={'user': '100'}),
    body(contextnumbers={'user': [None]}),
    body(contextnumbers={'user': ['100']}),
    body(contextnumbers={'user': [{}]}),
    body(contextnumbers={'user': [{'numberend': '199'}]}),
    body(contextnumbers={'user': [{'numberbeg': ''}]}),
    body(contextnumbers={'user': [{'numberbeg': 'abc'}]}),
    body(contextnumbers={'user': [{'numberbeg': '-100'}]}),
    body(contextnumbers={'user': [{'numberbeg': -100}]}),
    body(contextnumbers={'user': [{'numberbeg': 1.5}]}),
    body(contextnumbers={'user': [{'numberbeg': True}]}),
    body(contextnumbers={'user': [{'numberbeg': '1*0'}]}),
    body(contextnumbers={'user': [{'numberbeg': '\u0661\u0662'}]}),  # Arabic-Indic digits
    body(contextnumbers={'user': [{'numberbeg': '1' * 17}]}),
    body(contextnumbers={'user': [{'numberbeg': 2**64}]}),
    body(contextnumbers={'user': [{'numberbeg': 1e300}]}),
    body(contextnumbers={'user': [{'numberbeg': '100', 'numberend': '99'}]}),
    body(contextnumbers={'user': [{'numberbeg': '100', 'numberend': '1000'}]}),
    body(contextnumbers={'user': [{'numberbeg': '150', 'numberend': '140'}]}),
    body(contextnumbers={'user': [{'numberbeg': '100', 'numberend': 'abc'}]}),
    body(contextnumbers={'user': [{'numberbeg': '100', 'numberend': ['199']}]}),
    body(contextnumbers={'user': [{'numberbeg': '100', 'numberend': '199'}, {'numberbeg': 'x'}]}),
    body(contextnumbers={'incall': [{'numberbeg': '100', 'numberend': '199'}]}),
    body(contextnumbers={'incall': [{'numberbeg': '100', 'didlength': 0}]}),
    body(contextnumbers={'incall': [{'numberbeg': '100', 'didlength': 21}]}),
    body(contextnumbers={'incall': [{'numberbeg': '100', 'didlength': ''}]}),
    body(contextnumbers={'incall': [{'numberbeg': '100', 'didlength': 'four'}]}),
    body(contextnumbers={'incall': [{'numberbeg': '100', 'didlength': 2**70}]}),
]


def test_invalid_documents_are_refused(api, entity):
    add(api, 'to-extern', contexttype='outcall')
    check_bad_documents(api, F, P, 'add', BAD_DOCUMENTS)


def test_malformed_bodies(api, entity):
    check_malformed_bodies(api, F, P, 'add')
    add(api)
    check_malformed_bodies(api, F, P, 'edit', id='default')


def test_refusal_reasons_name_the_field(api, entity):
    response = api.add(
        F, P, body(contextnumbers={'user': [{'numberbeg': '10', 'numberend': '9'}]})
    )
    assert response.get_json() == {
        'error': 'contextnumbers.user.0.numberend: must have as many digits as numberbeg'
    }
    response = api.add(F, P, body(contextinclude=['nowhere']))
    assert response.get_json() == {'error': 'contextinclude: no such context: nowhere'}


def test_unknown_range_types_are_ignored(api, entity):
    add(api, contextnumbers={'voicemail': [{'numberbeg': 'x'}], 'user': [{'numberbeg': 5}]})
    assert ranges_of('default') == [('user', '5', '', 0)]


# view


def full_context(api):
    add(api, 'to-extern', contexttype='outcall')
    add(api, 'zzz')
    add(
        api,
        'default',
        contextinclude=['zzz', 'to-extern'],
        contextnumbers={
            'user': [{'numberbeg': '1000', 'numberend': '1009'}],
            'meetme': [{'numberbeg': '1040'}],
            'incall': [{'numberbeg': '1050', 'numberend': '1059', 'didlength': 4}],
        },
    )


def test_view_format(api, entity):
    full_context(api)
    ContextMember.create(context='default', type='agent', typeval='3')
    response = api.view(F, P, 'default')
    assert response.status_code == 200
    assert response.content_type == 'application/json'
    view = response.get_json()
    assert set(view) == {
        'context',
        'contextnumbers',
        'contextinclude',
        'contexttype',
        'contextmember',
        'deletablemember',
        'deletablenumber',
        'deletable',
    }
    assert view['context'] == {
        'name': 'default',
        'displayname': 'Default',
        'entity': 'acme',
        'contexttype': 'internal',
        'description': '',
        'commented': False,
        'identity': 'Default (default)',
    }
    assert list(view['contextnumbers']) == ['user', 'meetme', 'incall']
    assert view['contextnumbers']['user'] == [
        {
            'context': 'default',
            'type': 'user',
            'numberbeg': '1000',
            'numberend': '1009',
            'didlength': '0',
        }
    ]
    assert view['contextnumbers']['meetme'][0]['numberend'] == ''
    assert view['contextnumbers']['incall'][0]['didlength'] == '4'
    assert view['contextinclude'] == [
        {'context': 'default', 'include': 'zzz', 'priority': '0'},
        {'context': 'default', 'include': 'to-extern', 'priority': '1'},
    ]
    contexttype = view['contexttype']
    assert set(contexttype) == {'id', 'name', 'commented', 'deletable', 'description'}
    assert isinstance(contexttype['id'], int) and contexttype['name'] == 'internal'
    assert contexttype['commented'] is False and contexttype['deletable'] is False
    assert view['contextmember'] == {
        'agent': [{'context': 'default', 'type': 'agent', 'typeval': '3', 'varname': 'context'}]
    }
    assert view['deletable'] is view['deletablemember'] is view['deletablenumber'] is False


def test_view_of_a_bare_context(api, entity):
    add(api)
    view = api.view(F, P, 'default').get_json()
    assert view['contextnumbers'] is False
    assert view['contextinclude'] is False
    assert view['contextmember'] is False
    assert view['deletable'] is view['deletablemember'] is True
    assert '"contextnumbers":false' in api.view(F, P, 'default').get_data(as_text=True)


def test_view_is_what_xivo_ws_parses(api, entity):
    """xivo-ws converts numberbeg/numberend/didlength with int() (numberend only
    when not empty) and reads the includes' `include`."""
    full_context(api)
    view = api.view(F, P, 'default').get_json()
    for rows in view['contextnumbers'].values():
        for row in rows:
            int(row['numberbeg'])
            int(row['didlength'])
            if row['numberend']:
                int(row['numberend'])
    assert [row['include'] for row in view['contextinclude']] == ['zzz', 'to-extern']


def test_view_ids_are_case_sensitive_names(api, entity):
    add(api)
    assert api.view(F, P, 'Default').status_code == 404


def test_unknown_ids(api, entity):
    add(api)
    check_unknown_ids(
        api,
        F,
        P,
        body={'context': {'displayname': 'Whatever'}},
        ids=('nothere', '0', '-1', 'default2', 'x' * 200, ''),
    )


# list and search


def test_list_is_204_when_empty(api, entity):
    assert api.list(F, P).status_code == 204


def test_list_item_format(api, entity):
    full_context(api)
    response = api.list(F, P)
    items = response.get_json()
    assert [item['context']['name'] for item in items] == ['default', 'to-extern', 'zzz']
    item = items[0]
    assert set(item) == {'context', 'contextnumbers', 'contexttype', 'deletable', 'contextinclude'}
    assert item['context'] == {
        'name': 'default',
        'displayname': 'Default',
        'entity': 'acme',
        'contexttype': 'internal',
        'description': '',
        'commented': False,
        'identity': 'Default (default)',
        'entityid': str(Entity.get(Entity.name == 'acme').id),
    }
    assert [set(row) for row in item['contextnumbers']] == [RANGE_KEYS] * 3
    assert [(row['type'], row['didlength']) for row in item['contextnumbers']] == [
        ('user', '0'),
        ('meetme', '0'),
        ('incall', '4'),
    ]
    # a single include object, the first by priority
    assert item['contextinclude'] == {'context': 'default', 'include': 'zzz', 'priority': '0'}
    assert item['contexttype']['name'] == 'internal'
    assert item['deletable'] is True
    assert items[1]['contextnumbers'] is False and items[1]['contextinclude'] is False
    assert items[1]['contexttype']['name'] == 'outcall'
    # included by `default`: still deletable (the include goes with it)
    assert items[1]['deletable'] is True and items[2]['deletable'] is True


def test_list_item_is_what_xivo_ws_parses(api, entity):
    add(api)
    context = api.list(F, P).get_json()[0]['context']
    assert (
        context['name'],
        context['displayname'],
        context['entity'],
        context['contexttype'],
    ) == ('default', 'Default', 'acme', 'internal')


def test_context_without_entity_shows_no_ranges_nor_entityid(api, entity):
    make_context('orphan', entity=None, ranges={'user': [('100', '199')]})
    make_context('lost', entity='acme', ranges={'user': [('100', '199')]})
    Context.update(entity='gone').where(Context.name == 'lost').execute()
    items = {item['context']['name']: item for item in api.list(F, P).get_json()}
    for name in ('orphan', 'lost'):
        assert items[name]['contextnumbers'] is False
        assert 'entityid' not in items[name]['context']
    assert items['orphan']['context']['entity'] is None
    # the view still shows them
    assert api.view(F, P, 'lost').get_json()['contextnumbers']['user'][0]['numberbeg'] == '100'


def test_unknown_context_type_is_false(api, entity):
    make_context('odd', contexttype='legacytype')
    item = api.list(F, P).get_json()[0]
    assert item['contexttype'] is False
    assert api.view(F, P, 'odd').get_json()['contexttype'] is False


def test_default_act_is_list(api, entity):
    add(api)
    assert len(api.request(F, P).get_json()) == 1


def test_private_mode(api, entity):
    add(api)
    response = api.as_user(None, None).request(F, P, 'list', mode='private')
    assert response.status_code == 200


def test_list_sum_gives_304(api, entity):
    add(api)
    text = api.list(F, P).get_data()
    assert api.list(F, P, sum=hashlib.md5(text).hexdigest()).status_code == 304


@pytest.mark.parametrize(
    'term,found',
    [
        ('def', ['default']),
        ('DEFAULT', ['default']),
        ('intern', ['default']),
        ('ext', ['from-extern']),
        ('acme', ['default', 'from-extern']),
        ('ACM', ['default', 'from-extern']),
        ('other', ['mine']),
        ('%', []),
        ('_', []),
        ('nothing', []),
        ('internal', []),  # the context type is not searched
    ],
)
def test_search(api, entity, term, found):
    make_entity('other', 'Other Org')
    add(api, 'default', displayname='Appels internes')
    add(api, 'from-extern', displayname='Incoming', contexttype='incall')
    add(api, 'mine', displayname='Mine', entity='other')
    response = api.search(F, P, term)
    if found:
        assert response.status_code == 200
        assert [item['context']['name'] for item in response.get_json()] == found
    else:
        assert response.status_code == 204


def test_search_without_term_is_204(api, entity):
    add(api)
    assert api.request(F, P, 'search').status_code == 204
    assert api.search(F, P, '').status_code == 204


def test_search_is_case_insensitive_beyond_ascii(api, entity):
    add(api, displayname='Société Éclair')
    assert api.search(F, P, 'ÉCLAIR').status_code == 200
    body_text = api.search(F, P, 'société').get_data(as_text=True)
    assert 'Soci\\u00e9t\\u00e9' in body_text


# edit


def test_edit_merges(api, entity):
    full_context(api)
    assert api.edit(F, P, 'default', {'context': {'displayname': 'Renamed'}}).status_code == 200
    context = Context.get_by_id('default')
    assert (context.displayname, context.entity, context.contexttype) == (
        'Renamed',
        'acme',
        'internal',
    )
    assert includes_of('default') == [('zzz', 0), ('to-extern', 1)]
    assert len(ranges_of('default')) == 3
    assert api.edit(F, P, 'default', {}).status_code == 200
    assert (
        api.edit(
            F, P, 'default', {'contextinclude': None, 'context': {'description': None}}
        ).status_code
        == 200
    )
    assert includes_of('default') == [('zzz', 0), ('to-extern', 1)]


def test_edit_cannot_rename(api, entity):
    # The original kept the stored name whatever the edit said; a client is now
    # told (issue 9): every object of the context refers to its name.
    add(api)
    for name, reason in (
        ('renamed', 'context.name: cannot be changed'),
        (['default'], 'context.name: must be a string'),
        ({'a': 1}, 'context.name: must be a string'),
    ):
        with unchanged_store():
            response = api.edit(
                F, P, 'default', {'context': {'name': name, 'displayname': 'Renamed'}}
            )
            assert_refused(response, 400)
            assert response.get_json() == {'error': reason}
    response = api.edit(
        F, P, 'default', {'context': {'name': 'default', 'displayname': 'Renamed'}}
    )
    assert response.status_code == 200
    assert [c.name for c in Context.select()] == ['default']
    assert Context.get_by_id('default').displayname == 'Renamed'


def test_edit_replaces_the_range_types_given(api, entity):
    full_context(api)
    response = api.edit(
        F,
        P,
        'default',
        {
            'contextnumbers': {
                'user': [{'numberbeg': 2000, 'numberend': 2099}, {'numberbeg': 2200}],
                'meetme': [],
            }
        },
    )
    assert response.status_code == 200
    assert ranges_of('default') == [
        ('incall', '1050', '1059', 4),
        ('user', '2000', '2099', 0),
        ('user', '2200', '', 0),
    ]
    # false / [] / {} mention no type: the ranges are kept
    for value in (False, [], {}):
        assert api.edit(F, P, 'default', {'contextnumbers': value}).status_code == 200
        assert len(ranges_of('default')) == 3


def test_edit_replaces_includes_when_given(api, entity):
    full_context(api)
    assert api.edit(F, P, 'default', {'contextinclude': ['to-extern']}).status_code == 200
    assert includes_of('default') == [('to-extern', 0)]
    assert api.edit(F, P, 'default', {'contextinclude': []}).status_code == 200
    assert includes_of('default') == []
    assert includes_of('zzz') == []


def test_edit_round_trips_the_view(api, entity):
    full_context(api)
    before = api.view(F, P, 'default').get_json()
    edited = json.loads(json.dumps(before))
    edited['context']['displayname'] = 'Round trip'
    assert api.edit(F, P, 'default', edited).status_code == 200
    after = api.view(F, P, 'default').get_json()
    before['context']['displayname'] = 'Round trip'
    before['context']['identity'] = 'Round trip (default)'
    assert after == before


def test_edit_round_trips_what_xivo_ws_sends(api, entity):
    """xivo-ws edits by sending its object rebuilt from the view: include names,
    numbers as ints, numberend only when set, didlength only for incall."""
    full_context(api)
    before = api.view(F, P, 'default').get_json()
    sent = {
        'context': {
            key: before['context'][key] for key in ('name', 'displayname', 'entity', 'contexttype')
        },
        'contextinclude': [row['include'] for row in before['contextinclude']],
        'contextnumbers': {},
    }
    for kind, rows in before['contextnumbers'].items():
        sent['contextnumbers'][kind] = []
        for row in rows:
            entry = {'numberbeg': int(row['numberbeg'])}
            if row['numberend']:
                entry['numberend'] = int(row['numberend'])
            if kind == 'incall':
                entry['didlength'] = int(row['didlength'])
            sent['contextnumbers'][kind].append(entry)
    sent['context']['contexttype'] = 'others'
    assert api.edit(F, P, 'default', sent).status_code == 200
    after = api.view(F, P, 'default').get_json()
    assert after['contextnumbers'] == before['contextnumbers']
    assert after['contextinclude'] == before['contextinclude']
    assert after['context']['contexttype'] == 'others'
    assert after['contexttype']['name'] == 'others'


def test_edit_refusals_leave_the_store_unchanged(api, entity):
    full_context(api)
    check_bad_documents(
        api,
        F,
        P,
        'edit',
        [
            [],
            {'context': 'default'},
            {'context': {'displayname': 'ab'}},
            {'context': {'entity': 'nobody'}},
            {'context': {'contexttype': 'nosuch'}},
            {'contextinclude': ['default']},
            {'contextinclude': ['nowhere']},
            {'contextinclude': 'zzz'},
            {'contextnumbers': 'none'},
            {'contextnumbers': {'user': [{'numberbeg': '9', 'numberend': '1'}]}},
            # valid ranges first, then a bad type: nothing is written
            {'contextnumbers': {'user': [{'numberbeg': '5'}], 'incall': [{'numberbeg': '1'}]}},
            {'context': {'displayname': 'Fine'}, 'contextinclude': ['nowhere']},
        ],
        id='default',
    )


def test_edit_validates_the_stored_ranges_too(api, entity):
    """The merged object is validated like an add."""
    make_context('old', ranges={'incall': [('100', '199')]})  # didlength 0: invalid
    response = api.edit(F, P, 'old', {'context': {'displayname': 'Old one'}})
    assert_refused(response, 400)
    response = api.edit(
        F, P, 'old', {'context': {'displayname': 'Old one'}, 'contextnumbers': {'incall': []}}
    )
    assert response.status_code == 200


# delete


def test_delete_removes_the_context_its_ranges_and_includes(api, entity):
    full_context(api)
    add(api, 'keeper', contextinclude=['zzz'], contextnumbers={'user': [{'numberbeg': 1}]})
    assert api.delete(F, P, 'default').status_code == 200
    assert not Context.select().where(Context.name == 'default').exists()
    assert ranges_of('default') == [] and includes_of('default') == []
    assert ranges_of('keeper') == [('user', '1', '', 0)]
    assert includes_of('keeper') == [('zzz', 0)]
    # to-extern is not included any more
    assert api.delete(F, P, 'to-extern').status_code == 200


def test_delete_of_an_included_context_removes_the_includes_naming_it(api, entity):
    """As the original did; xivo-ws's clean_many_entities example deletes
    `<entity>-to-extern` before the `<entity>-default` context that includes it."""
    full_context(api)
    assert api.view(F, P, 'zzz').get_json()['deletable'] is True
    assert api.delete(F, P, 'zzz').status_code == 200
    assert includes_of('default') == [('to-extern', 1)]
    assert api.view(F, P, 'default').get_json()['contextinclude'] == [
        {'context': 'default', 'include': 'to-extern', 'priority': '1'}
    ]
    assert ranges_of('default') != []


def test_delete_of_a_context_with_an_extension_is_refused(api, entity):
    add(api)
    Extension.create(context='default', exten='1000', type='user', typeval='1')
    with unchanged_store():
        response = api.delete(F, P, 'default')
        assert_refused(response, 400)
    assert response.get_json() == {'error': 'context is in use by: extensions'}
    assert api.view(F, P, 'default').get_json()['deletable'] is False
    assert api.list(F, P).get_json()[0]['deletable'] is False


def test_delete_of_a_context_with_members_is_refused(api, entity):
    add(api)
    ContextMember.create(context='default', type='agent', typeval='1')
    with unchanged_store():
        assert_refused(api.delete(F, P, 'default'), 400)


def test_a_context_including_itself_does_not_block_its_deletion(api, entity):
    add(api)
    ContextInclude.create(context='default', include='default', priority=0)
    assert api.view(F, P, 'default').get_json()['deletable'] is True
    assert api.delete(F, P, 'default').status_code == 200
    assert not ContextInclude.select().exists()


def test_no_deleteall(api, entity):
    add(api)
    with unchanged_store():
        assert_refused(api.request(F, P, 'deleteall'), 400)


def test_acl(api, entity):
    check_acl(api, F, P, 'service/ipbx/system_management/context')


def test_big_documents(api, entity):
    """Thousands of includes or ranges: refused or stored, never a database error."""
    names = [f'c{index}' for index in range(5000)]
    with unchanged_store():
        response = api.add(F, P, body(contextinclude=names))
        assert_refused(response, 400)
    assert response.get_json() == {'error': 'contextinclude: no such context: c0'}
    ranges = [{'numberbeg': str(index)} for index in range(3000)]
    assert api.add(F, P, body(contextnumbers={'user': ranges})).status_code == 200
    assert len(ranges_of('default')) == 3000
