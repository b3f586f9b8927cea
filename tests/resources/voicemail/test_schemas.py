"""Voicemail shapes shared with users: the 2015 confd form and views."""

import pytest

from tests.helpers.fixtures import make_default_context
from xivows.errors import InvalidInput
from xivows.jsonphp.views.voicemail import confd_to_columns, confd_view, legacy_view
from xivows.models.voicemail import Voicemail
from xivows.resources.voicemail import service
from xivows.resources.voicemail.inputs import VoicemailInput

CONFD_KEYS = {
    'id',
    'name',
    'number',
    'context',
    'password',
    'email',
    'pager',
    'language',
    'timezone',
    'max_messages',
    'attach_audio',
    'delete_messages',
    'ask_password',
    'enabled',
    'options',
    'links',
}


@pytest.fixture
def voicemail(app):
    make_default_context()
    return Voicemail.get_by_id(
        service.create(
            VoicemailInput(
                {
                    'mailbox': '1200',
                    'fullname': 'Jack',
                    'password': '0000',
                    'email': 'a@b.fr',
                    'tz': 'eu-fr',
                    'language': 'fr_FR',
                    'maxmsg': 20,
                    'attach': True,
                    'skipcheckpass': True,
                }
            )
        )
    )


def update(voicemail, fields):
    service.edit(voicemail.uniqueid, VoicemailInput(fields))
    return Voicemail.get_by_id(voicemail.uniqueid)


def test_confd_to_columns_maps_every_key():
    columns = confd_to_columns(
        {
            'name': 'Jack',
            'number': '1200',
            'context': 'default',
            'password': '0000',
            'email': 'a@b.fr',
            'pager': 'p@b.fr',
            'language': 'fr_FR',
            'timezone': 'eu-fr',
            'max_messages': '20',
            'attach_audio': '1',
            'delete_messages': '1',
            'ask_password': '1',
            'enabled': True,
        }
    )
    assert columns == {
        'fullname': 'Jack',
        'mailbox': '1200',
        'context': 'default',
        'password': '0000',
        'email': 'a@b.fr',
        'pager': 'p@b.fr',
        'language': 'fr_FR',
        'tz': 'eu-fr',
        'maxmsg': 20,
        'attach': 1,
        'deletevoicemail': 1,
        'skipcheckpass': False,
        'commented': False,
    }


@pytest.mark.parametrize(
    'given,column,value',
    [
        ({'attach_audio': '0'}, 'attach', 0),
        ({'attach_audio': False}, 'attach', 0),
        ({'attach_audio': True}, 'attach', 1),
        ({'attach_audio': ''}, 'attach', None),
        ({'delete_messages': ''}, 'deletevoicemail', 0),
        ({'ask_password': '0'}, 'skipcheckpass', True),
        ({'ask_password': False}, 'skipcheckpass', True),
        ({'enabled': '0'}, 'commented', True),
        ({'max_messages': 5}, 'maxmsg', 5),
        ({'max_messages': ''}, 'maxmsg', None),
        ({'email': ''}, 'email', None),
    ],
)
def test_confd_to_columns_values(given, column, value):
    assert confd_to_columns(given)[column] == value


def test_confd_to_columns_leaves_out_what_is_not_given():
    assert confd_to_columns({'number': '1200', 'name': None, 'password': None}) == {
        'mailbox': '1200'
    }


def test_confd_options_name_voicemail_columns():
    columns = confd_to_columns(
        {
            'number': '1200',
            'optionname': ['saycid', 'maxsecs', ''],
            'optionvalue': ['yes', '60', ''],
        }
    )
    assert columns == {'mailbox': '1200', 'saycid': 1, 'maxsecs': 60}


@pytest.mark.parametrize(
    'document',
    [
        'x',
        ['name'],
        {'name': ['Jack']},
        {'number': 'abc'},
        {'number': {'n': 1}},
        {'context': 'xivo-features'},
        {'password': 'pw'},
        {'email': 'nope'},
        {'language': 'xx'},
        {'timezone': ['eu-fr']},
        {'max_messages': 'many'},
        {'max_messages': 10**6},
        {'attach_audio': 'sometimes'},
        {'delete_messages': 2},
        {'ask_password': 'perhaps'},
        {'enabled': {}},
        {'optionname': ['saycid'], 'optionvalue': []},
        {'optionname': 'saycid'},
        {'optionname': [1], 'optionvalue': ['yes']},
        {'optionname': ['mailbox'], 'optionvalue': ['1300']},
        {'optionname': ['nosuchoption'], 'optionvalue': ['1']},
        {'optionname': ['saycid'], 'optionvalue': ['often']},
        {'optionname': ['maxsecs'], 'optionvalue': [{'a': 1}]},
    ],
)
def test_confd_to_columns_refusals(document):
    with pytest.raises(InvalidInput, match='^voicemail'):
        confd_to_columns(document)


def test_confd_view(voicemail):
    view = confd_view(voicemail)
    assert set(view) == CONFD_KEYS
    assert view == {
        'id': voicemail.uniqueid,
        'name': 'Jack',
        'number': '1200',
        'context': 'default',
        'password': '0000',
        'email': 'a@b.fr',
        'pager': None,
        'language': 'fr_FR',
        'timezone': 'eu-fr',
        'max_messages': 20,
        'attach_audio': True,
        'delete_messages': False,
        'ask_password': False,
        'enabled': True,
        'options': [],
        'links': [],
    }


def test_confd_view_without_message_limit(voicemail):
    view = confd_view(update(voicemail, {'maxmsg': None, 'attach': None}))
    assert (view['max_messages'], view['attach_audio']) == (None, False)


def test_confd_round_trip(voicemail):
    """A confd view sent back as input stores the same voicemail."""
    view = confd_view(voicemail)
    columns = confd_to_columns(view)
    assert confd_view(update(voicemail, columns)) == view


def test_legacy_view(voicemail):
    row = legacy_view(voicemail)
    assert (row['uniqueid'], row['commented'], row['skipcheckpass']) == (
        voicemail.uniqueid,
        False,
        True,
    )
    assert (row['attach'], row['maxmsg'], row['deletevoicemail'], row['hidefromdir']) == (
        '1',
        '20',
        '0',
        'no',
    )
    assert (row['fullmailbox'], row['identity']) == ('1200@default', 'Jack (1200@default)')
