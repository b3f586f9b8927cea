"""The voicemail service that json.php and users call, with its typed input (no HTTP)."""

import uuid

import pytest

from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import unchanged_store
from xivows import cascade
from xivows.errors import InvalidInput, NotFound
from xivows.models.dialaction import Dialaction
from xivows.models.line import UserSIP
from xivows.models.user import UserFeatures
from xivows.models.voicemail import Voicemail
from xivows.resources.voicemail import service
from xivows.resources.voicemail.inputs import VoicemailInput
from xivows.resources.voicemail.schemas import stored_input


@pytest.fixture(autouse=True)
def dial_plan(app):
    make_default_context()


def new(**values):
    return Voicemail.get_by_id(
        service.create(VoicemailInput({'mailbox': '1200', 'fullname': 'Jack', **values}))
    )


def update(voicemail, values):
    service.edit(voicemail.uniqueid, VoicemailInput(values))


def test_create_defaults():
    voicemail = new()
    assert voicemail.uniqueid
    stored = Voicemail.get_by_id(voicemail.uniqueid)
    assert (
        stored.context,
        stored.password,
        stored.email,
        stored.deletevoicemail,
        stored.hidefromdir,
        stored.attach,
        stored.commented,
        stored.skipcheckpass,
    ) == ('default', '', None, 0, 'no', None, False, False)


@pytest.mark.parametrize(
    'values,reason',
    [
        ({'mailbox': 'x', 'fullname': 'A'}, 'voicemail.mailbox'),
        ({'mailbox': '1300'}, 'voicemail.fullname: '),
        ({'mailbox': '1300', 'fullname': 'A', 'context': 'nowhere'}, 'no such context'),
        ({'mailbox': '1200', 'fullname': 'A'}, 'already used: 1200@default'),
        ({'mailbox': '1300', 'fullname': 'A', 'maxmsg': 'x'}, 'voicemail.maxmsg'),
    ],
)
def test_create_refusals(values, reason):
    new()
    with unchanged_store(), pytest.raises(InvalidInput, match=reason):
        service.create(VoicemailInput(values))


def test_find():
    voicemail = new()
    assert service.find('1200', 'default').uniqueid == voicemail.uniqueid
    assert service.find('1200', 'from-extern') is None
    assert service.find('1201', 'default') is None


def test_get():
    voicemail = new()
    assert service.get(voicemail.uniqueid).mailbox == '1200'
    with pytest.raises(NotFound):
        service.get(voicemail.uniqueid + 1000)


def test_update_overlays_the_stored_columns():
    voicemail = new(email='a@b.fr', maxmsg=5)
    update(voicemail, {'fullname': 'Jill', 'attach': '1'})
    stored = Voicemail.get_by_id(voicemail.uniqueid)
    assert (stored.fullname, stored.attach, stored.email, stored.maxmsg) == (
        'Jill',
        1,
        'a@b.fr',
        5,
    )


def test_update_with_every_stored_column_as_users_send_them():
    voicemail = new(attach=True, commented=True, hidefromdir='yes')
    before = stored_input(voicemail)
    update(voicemail, {**stored_input(voicemail), 'mailbox': '1201'})
    assert stored_input(Voicemail.get_by_id(voicemail.uniqueid)) == {**before, 'mailbox': '1201'}


def test_update_none_resets_a_column():
    voicemail = new(email='a@b.fr', deletevoicemail=True)
    update(voicemail, {'email': None, 'deletevoicemail': None})
    stored = Voicemail.get_by_id(voicemail.uniqueid)
    assert (stored.email, stored.deletevoicemail) == (None, 0)


def test_update_refusals_change_nothing():
    new(mailbox='1300')
    voicemail = new()
    for values in ({'mailbox': '1300'}, {'context': 'nowhere'}, {'password': 'abc'}):
        with unchanged_store(), pytest.raises(InvalidInput):
            update(voicemail, values)


def test_update_keeps_its_own_mailbox():
    voicemail = new()
    update(voicemail, {'mailbox': '1200', 'fullname': 'Same box'})
    assert Voicemail.get_by_id(voicemail.uniqueid).fullname == 'Same box'


def test_delete_side_effects():
    voicemail = new()
    user = UserFeatures.create(
        uuid=str(uuid.uuid4()), firstname='A', voicemailid=voicemail.uniqueid, enablevoicemail=True
    )
    peer = UserSIP.create(name='abc123', mailbox='1200@default')
    trunk = UserSIP.create(name='trunk1', mailbox='1200@default', category='trunk')
    action = Dialaction.create(
        event='busy',
        category='incall',
        categoryval='7',
        action='voicemail',
        actionarg1=str(voicemail.uniqueid),
    )
    seen = []
    cascade.on_delete('voicemail')(seen.append)
    try:
        service.delete(voicemail.uniqueid)
    finally:
        cascade._handlers['voicemail'].remove(seen.append)
    assert seen == [voicemail.uniqueid]
    assert Voicemail.get_or_none(Voicemail.uniqueid == voicemail.uniqueid) is None
    user = UserFeatures.get_by_id(user.id)
    assert (user.voicemailid, user.enablevoicemail) == (None, False)
    assert UserSIP.get_by_id(peer.id).mailbox is None
    assert UserSIP.get_by_id(trunk.id).mailbox == '1200@default'
    assert Dialaction.get_by_id(action.id).linked is False


def test_delete_of_an_unknown_voicemail():
    with unchanged_store(), pytest.raises(NotFound):
        service.delete(999999)
