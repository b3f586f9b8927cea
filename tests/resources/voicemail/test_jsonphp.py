"""/service/ipbx/json.php/restricted/pbx_settings/voicemail"""

import pytest
from playhouse.test_utils import count_queries

from tests.helpers.api import added_id
from tests.helpers.fixtures import make_context, make_default_context
from tests.helpers.scenarios import (
    assert_refused,
    check_acl,
    check_bad_documents,
    check_malformed_bodies,
    check_unknown_ids,
    unchanged_store,
)
from xivows.models.dialaction import Dialaction
from xivows.models.line import UserSIP
from xivows.models.user import UserFeatures
from xivows.models.voicemail import Voicemail

F, P = 'ipbx', 'pbx_settings/voicemail'
# The voicemail columns as the spec lists them (§3.5).
COLUMNS = {
    'uniqueid',
    'context',
    'mailbox',
    'password',
    'fullname',
    'email',
    'pager',
    'dialout',
    'callback',
    'exitcontext',
    'language',
    'tz',
    'attach',
    'saycid',
    'review',
    'operator',
    'envelope',
    'sayduration',
    'saydurationm',
    'sendvoicemail',
    'deletevoicemail',
    'forcename',
    'forcegreetings',
    'hidefromdir',
    'maxmsg',
    'emailsubject',
    'emailbody',
    'imapuser',
    'imappassword',
    'imapfolder',
    'imapvmsharedid',
    'attachfmt',
    'serveremail',
    'locale',
    'tempgreetwarn',
    'messagewrap',
    'moveheard',
    'minsecs',
    'maxsecs',
    'nextaftercmd',
    'backupdeleted',
    'volgain',
    'passwordlocation',
    'commented',
    'skipcheckpass',
}


@pytest.fixture
def dial_plan(app):
    make_default_context()


def xivo_ws_body(mailbox='1200', fullname='Voicemail', password=None, email=None, tz=None):
    """What xivo-ws HEAD sends (objects/voicemail.py): no context, no locale."""
    return {
        'voicemail': {
            'mailbox': mailbox,
            'fullname': fullname,
            'password': password,
            'email': email,
            'tz': tz,
        }
    }


def add(api, **fields):
    body = {
        'voicemail': {
            'context': 'default',
            'mailbox': '1200',
            'fullname': 'Mailbox Name',
            **fields,
        }
    }
    return added_id(api.add(F, P, body))


def view(api, uniqueid):
    response = api.view(F, P, uniqueid)
    assert response.status_code == 200
    return response.get_json()['voicemail']


# -- add ----------------------------------------------------------------------------


def test_add_as_xivo_ws_sends_it(api, dial_plan):
    response = api.add(F, P, xivo_ws_body(password='0000', email='toto@lol.com', tz='eu-fr'))
    assert response.status_code == 200
    assert response.data.startswith(b'"') and response.content_type == 'application/json'
    voicemail = Voicemail.get_by_id(added_id(response))
    assert (
        voicemail.context,
        voicemail.mailbox,
        voicemail.fullname,
        voicemail.password,
        voicemail.email,
        voicemail.tz,
        voicemail.locale,
    ) == ('default', '1200', 'Voicemail', '0000', 'toto@lol.com', 'eu-fr', None)


def test_add_with_nulls_as_xivo_ws_sends_them(api, dial_plan):
    voicemail = Voicemail.get_by_id(added_id(api.add(F, P, xivo_ws_body())))
    assert (voicemail.password, voicemail.email, voicemail.tz) == ('', None, None)


def test_add_without_context_needs_the_default_context(api):
    make_context('other')
    with unchanged_store():
        response = api.add(F, P, xivo_ws_body())
        assert_refused(response, 400)
    assert 'default' in response.get_json()['error']


def test_add_every_column(api, dial_plan):
    fields = {
        'password': '1234',
        'email': 'a@b.fr',
        'pager': 'p@b.fr',
        'dialout': 'default',
        'callback': 'default',
        'exitcontext': 'default',
        'language': 'fr_FR',
        'tz': 'eu-fr',
        'attach': '1',
        'saycid': True,
        'review': 'no',
        'operator': 0,
        'envelope': 'yes',
        'sayduration': 1,
        'saydurationm': '2',
        'sendvoicemail': 'on',
        'deletevoicemail': '1',
        'forcename': 'f',
        'forcegreetings': 't',
        'hidefromdir': 'yes',
        'maxmsg': 100,
        'emailsubject': 'New message',
        'emailbody': 'Hello\n${VM_NAME}',
        'imapuser': 'u',
        'imappassword': 'pw',
        'imapfolder': 'INBOX',
        'imapvmsharedid': 's',
        'attachfmt': 'wav49|gsm',
        'serveremail': 'pbx@b.fr',
        'locale': 'fr_FR',
        'tempgreetwarn': '1',
        'messagewrap': '0',
        'moveheard': 1,
        'minsecs': 2,
        'maxsecs': 180,
        'nextaftercmd': 'yes',
        'backupdeleted': 5,
        'volgain': '0.5',
        'passwordlocation': 'spooldir',
        'commented': '1',
        'skipcheckpass': 'yes',
    }
    row = view(api, add(api, **fields))
    assert row == {
        **{key: str(value) for key, value in fields.items()},
        'uniqueid': row['uniqueid'],
        'context': 'default',
        'mailbox': '1200',
        'fullname': 'Mailbox Name',
        'attach': '1',
        'saycid': '1',
        'review': '0',
        'operator': '0',
        'envelope': '1',
        'sayduration': '1',
        'sendvoicemail': '1',
        'forcename': '0',
        'forcegreetings': '1',
        'messagewrap': '0',
        'moveheard': '1',
        'nextaftercmd': '1',
        'commented': True,
        'skipcheckpass': True,
        'fullmailbox': '1200@default',
        'identity': 'Mailbox Name (1200@default)',
    }


def test_same_mailbox_in_another_context(api, dial_plan):
    add(api)
    assert add(api, context='from-extern')


# Invalid values: each is refused by add (with a valid mailbox and fullname) and edit.
BAD_FIELDS = [
    {'mailbox': ''},
    {'mailbox': 'abc'},
    {'mailbox': '12 00'},
    {'mailbox': '1' * 41},
    {'mailbox': ['1300']},
    {'mailbox': True},
    {'mailbox': {'n': 1}},
    {'fullname': ''},
    {'fullname': 'x' * 81},
    {'fullname': 'bell\x07'},
    {'password': 'secret'},
    {'email': 'not-an-email'},
    {'pager': 'x@'},
    {'context': 'nowhere'},
    {'context': 'xivo-features'},
    {'context': "default'; --"},
    {'language': 'klingon'},
    {'locale': 'xx_XX'},
    {'maxmsg': 10000},
    {'maxmsg': -1},
    {'maxmsg': 'ten'},
    {'maxmsg': 2**70},
    {'maxmsg': 1.5},
    {'attach': 'maybe'},
    {'attach': 2},
    {'hidefromdir': 'perhaps'},
    {'commented': 'x'},
    {'skipcheckpass': []},
    {'volgain': 'loud'},
    {'tz': 'eu fr'},
    {'emailbody': 'x' * 10001},
    {'passwordlocation': 'attic'},
    {'dialout': 'a b'},
]
# Refused by add only (edit keeps the stored mailbox and fullname).
BAD_NEW_VOICEMAILS = [
    {'fullname': 'A'},
    {'mailbox': '1300'},
    {'mailbox': '1200', 'fullname': 'Taken'},
]


def test_add_refusals(api, dial_plan):
    add(api, fullname='Taken')
    documents = [
        {'voicemail': {'mailbox': '1300', 'fullname': 'A', **fields}} for fields in BAD_FIELDS
    ]
    documents += [{'voicemail': fields} for fields in BAD_NEW_VOICEMAILS]
    documents += [
        {},
        {'voicemail': None},
        {'voicemail': 'x'},
        {'voicemail': []},
        {'mailbox': '1300', 'fullname': 'A'},
        [xivo_ws_body()],
    ]
    check_bad_documents(api, F, P, 'add', documents)


def test_add_malformed_bodies(api, dial_plan):
    check_malformed_bodies(api, F, P, 'add')


# -- list, search, view -----------------------------------------------------------


def test_list_is_204_when_empty(api, dial_plan):
    response = api.list(F, P)
    assert response.status_code == 204 and response.data == b''


def test_list_item_format(api, dial_plan):
    uniqueid = add(api, email='toto@lol.com', tz='eu-fr', password='0000')
    response = api.list(F, P)
    assert response.status_code == 200
    [item] = response.get_json()
    assert set(item) == COLUMNS | {'entity_displayname'}
    assert all(value is None or isinstance(value, str) for value in item.values())
    assert item['uniqueid'] == str(uniqueid)
    assert (
        item['commented'],
        item['skipcheckpass'],
        item['deletevoicemail'],
        item['hidefromdir'],
        item['attach'],
        item['pager'],
    ) == ('0', '0', '0', 'no', None, None)
    assert item['entity_displayname'] == 'Acme'
    # what xivo-ws reads from a list item
    assert int(item['uniqueid']) == uniqueid
    assert (item['mailbox'], item['fullname'], item['password'], item['email'], item['tz']) == (
        '1200',
        'Mailbox Name',
        '0000',
        'toto@lol.com',
        'eu-fr',
    )


def test_list_shows_a_context_without_entity(api, dial_plan):
    make_context('lonely', entity=None)
    add(api, context='lonely')
    [item] = api.list(F, P).get_json()
    assert (item['context'], item['entity_displayname']) == ('lonely', '')


def test_list_is_ordered_by_id_and_default_act(api, dial_plan):
    ids = [add(api, mailbox=str(1300 - index)) for index in range(3)]
    assert [int(item['uniqueid']) for item in api.request(F, P).get_json()] == ids


def test_list_and_search_run_a_constant_number_of_queries(api, dial_plan):
    add(api)
    with count_queries() as few_list:
        api.list(F, P)
    with count_queries() as few_search:
        api.search(F, P, 'mailbox')
    for index in range(10):
        add(api, mailbox=str(1300 + index), context=('default', 'from-extern')[index % 2])
    with count_queries() as many_list:
        assert len(api.list(F, P).get_json()) == 11
    with count_queries() as many_search:
        assert len(api.search(F, P, 'mailbox').get_json()) == 11
    assert (many_list.count, many_search.count) == (few_list.count, few_search.count)


@pytest.mark.parametrize(
    'term,found',
    [
        ('jack', ['1201']),
        ('JOHNSON', ['1201']),
        ('120', ['1201', '1202']),
        ('1202', ['1202']),
        ('@EXAMPLE.org', ['1202']),
        ('jill@', ['1202']),
        ('default', []),
        ('%', []),
        ('_', []),
        ('nobody', []),
    ],
)
def test_search(api, dial_plan, term, found):
    add(api, mailbox='1201', fullname='Jack Johnson')
    add(api, mailbox='1202', fullname='Jill Hill', email='jill@example.org')
    response = api.search(F, P, term)
    if not found:
        assert response.status_code == 204 and response.data == b''
    else:
        assert [item['mailbox'] for item in response.get_json()] == found


@pytest.mark.parametrize('params', [{}, {'search': ''}, {'search': '  '}])
def test_search_without_a_term_is_204(api, dial_plan, params):
    add(api)
    assert api.request(F, P, 'search', **params).status_code == 204


def test_search_item_format(api, dial_plan):
    add(api, commented=True)
    [item] = api.search(F, P, '1200').get_json()
    assert set(item) == COLUMNS | {'entity_displayname', 'identity'}
    assert item['commented'] is True
    assert item['identity'] == 'Mailbox Name (1200@default)'
    assert isinstance(item['uniqueid'], str)


def test_search_by_number_as_xivo_ws_does(api, dial_plan):
    add(api, mailbox='1200')
    add(api, mailbox='12001')
    items = api.search(F, P, '1200').get_json()
    assert [item['mailbox'] for item in items if item['mailbox'] == '1200'] == ['1200']


def test_view_format(api, dial_plan):
    uniqueid = add(api, password='0000', email='toto@lol.com', tz='eu-fr')
    response = api.view(F, P, uniqueid)
    assert response.status_code == 200
    document = response.get_json()
    assert list(document) == ['voicemail']
    row = document['voicemail']
    assert set(row) == COLUMNS | {'fullmailbox', 'identity'}
    assert row['uniqueid'] == uniqueid
    assert row['commented'] is False and row['skipcheckpass'] is False
    assert (row['deletevoicemail'], row['hidefromdir'], row['maxmsg']) == ('0', 'no', None)
    assert row['fullmailbox'] == '1200@default'
    assert row['identity'] == 'Mailbox Name (1200@default)'
    assert all(
        value is None or isinstance(value, str)
        for key, value in row.items()
        if key not in ('uniqueid', 'commented', 'skipcheckpass')
    )
    # what xivo-ws reads from a view
    assert (
        int(row['uniqueid']),
        row['mailbox'],
        row['fullname'],
        row['password'],
        row['email'],
        row['tz'],
    ) == (uniqueid, '1200', 'Mailbox Name', '0000', 'toto@lol.com', 'eu-fr')


def test_unknown_ids(api, dial_plan):
    add(api)
    check_unknown_ids(api, F, P, body={'voicemail': {'fullname': 'Other'}})


# -- edit ---------------------------------------------------------------------------


def test_edit_round_trip(api, dial_plan):
    uniqueid = add(api, email='a@b.fr', attach=True, maxmsg=10, language='fr_FR')
    before = view(api, uniqueid)
    response = api.edit(F, P, uniqueid, {'voicemail': before})
    assert response.status_code == 200 and response.data == b''
    assert view(api, uniqueid) == before


def test_edit_merges(api, dial_plan):
    uniqueid = add(api, email='a@b.fr', password='1234', maxmsg=10)
    before = view(api, uniqueid)
    response = api.edit(F, P, uniqueid, {'voicemail': {'fullname': 'Renamed', 'email': None}})
    assert response.status_code == 200
    assert view(api, uniqueid) == {
        **before,
        'fullname': 'Renamed',
        'identity': 'Renamed (1200@default)',
    }


def test_edit_clears_with_empty_values(api, dial_plan):
    uniqueid = add(api, email='a@b.fr', attach=True, maxmsg=10)
    api.edit(F, P, uniqueid, {'voicemail': {'email': '', 'attach': '', 'maxmsg': ''}})
    row = view(api, uniqueid)
    assert (row['email'], row['attach'], row['maxmsg']) == (None, None, None)


@pytest.mark.parametrize('mode', ['restricted', 'private'])
def test_edit_is_allowed_in_both_modes(api, dial_plan, mode):
    uniqueid = add(api)
    response = api.request(
        F, P, 'edit', body={'voicemail': {'fullname': 'Mode'}}, id=uniqueid, mode=mode
    )
    assert response.status_code == 200
    assert Voicemail.get_by_id(uniqueid).fullname == 'Mode'


def test_edit_refusals(api, dial_plan):
    add(api, mailbox='1300')
    uniqueid = add(api)
    documents = [{'voicemail': fields} for fields in BAD_FIELDS]
    documents += [
        {'voicemail': {'mailbox': '1300'}},
        {'voicemail': {'mailbox': None, 'fullname': ''}},
        {},
        {'voicemail': 'x'},
        {'voicemail': []},
        [{'voicemail': {}}],
    ]
    check_bad_documents(api, F, P, 'edit', documents, id=uniqueid)
    check_malformed_bodies(api, F, P, 'edit', id=uniqueid)


@pytest.mark.parametrize(
    'fields,reason',
    [
        ({'context': ['default']}, 'voicemail.context: '),
        ({'mailbox': ['1300']}, 'voicemail.mailbox: '),
        ({'mailbox': {'a': 1}}, 'voicemail.mailbox: '),
        ({'fullname': {'a': 1}}, 'voicemail.fullname: '),
        ({'maxmsg': 'abc'}, 'voicemail.maxmsg: '),
        ({'attach': [1]}, 'voicemail.attach: '),
    ],
)
def test_edit_names_a_wrongly_typed_field(api, dial_plan, fields, reason):
    """Issue 9 point 2: a field an edit sends is applied or refused, never dropped."""
    uniqueid = add(api)
    with unchanged_store():
        response = api.edit(F, P, uniqueid, {'voicemail': fields})
        assert_refused(response, 400)
        assert response.get_json()['error'].startswith(reason)


def test_edit_moves_the_sip_mailbox(api, dial_plan):
    uniqueid = add(api)
    peer = UserSIP.create(name='abc123', mailbox='1200@default')
    other = UserSIP.create(name='def456', mailbox='1999@default')
    api.edit(F, P, uniqueid, {'voicemail': {'mailbox': '1201', 'context': 'from-extern'}})
    assert UserSIP.get_by_id(peer.id).mailbox == '1201@from-extern'
    assert UserSIP.get_by_id(other.id).mailbox == '1999@default'


# -- delete -------------------------------------------------------------------------


def test_delete(api, dial_plan):
    uniqueid = add(api)
    response = api.delete(F, P, uniqueid)
    assert response.status_code == 200 and response.data == b''
    assert Voicemail.get_or_none(Voicemail.uniqueid == uniqueid) is None
    assert_refused(api.delete(F, P, uniqueid), 404)


def test_delete_leaves_no_reference(api, dial_plan):
    uniqueid = add(api)
    kept = add(api, mailbox='1300')
    user = UserFeatures.create(
        uuid='u-1',
        firstname='A',
        voicemailid=uniqueid,
        voicemailtype='asterisk',
        enablevoicemail=True,
    )
    other = UserFeatures.create(
        uuid='u-2', firstname='B', voicemailid=kept, voicemailtype='asterisk', enablevoicemail=True
    )
    peer = UserSIP.create(name='abc123', mailbox='1200@default')
    action = Dialaction.create(
        event='noanswer',
        category='user',
        categoryval=str(other.id),
        action='voicemail',
        actionarg1=str(uniqueid),
        linked=True,
    )
    assert api.delete(F, P, uniqueid).status_code == 200
    user = UserFeatures.get_by_id(user.id)
    assert (user.voicemailid, user.enablevoicemail, user.voicemailtype) == (None, False, None)
    other = UserFeatures.get_by_id(other.id)
    assert (other.voicemailid, other.enablevoicemail) == (kept, True)
    assert UserSIP.get_by_id(peer.id).mailbox is None
    assert Dialaction.get_by_id(action.id).linked is False


def test_a_user_with_a_voicemail_loses_it_when_it_is_deleted(api, dial_plan):
    """Through the users service: its view then shows no voicemail."""
    from xivows.models.entity import Entity

    body = {
        'userfeatures': {'firstname': 'Jack', 'entityid': Entity.get().id},
        'linefeatures': {'protocol': ['sip'], 'context': ['default'], 'number': ['1001']},
        'voicemail': {'name': 'Jack', 'number': '1001', 'context': 'default'},
    }
    user_id = added_id(api.add(F, 'pbx_settings/users', body))
    [item] = api.search(F, P, '1001').get_json()
    peer = UserSIP.get(UserSIP.mailbox == '1001@default')
    assert api.delete(F, P, item['uniqueid']).status_code == 200
    assert api.view(F, 'pbx_settings/users', user_id).get_json()['voicemail'] is False
    assert UserSIP.get_by_id(peer.id).mailbox is None


def test_dial_actions_can_target_a_voicemail(api, dial_plan):
    from xivows.errors import InvalidInput
    from xivows.resources.dialaction import service as dialactions

    uniqueid = add(api)
    entry = {'actiontype': 'voicemail', 'actionarg1': str(uniqueid)}
    assert dialactions.parse_one(entry, 'busy')[1] == str(uniqueid)
    with pytest.raises(InvalidInput):
        dialactions.parse_one({**entry, 'actionarg1': str(uniqueid + 1000)}, 'busy')


def test_acl(api, dial_plan):
    check_acl(api, F, P, 'service/ipbx/pbx_settings/voicemail')
