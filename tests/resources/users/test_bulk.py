"""Adding users in bulk (xivows.resources.users.bulk): each row is validated as
one add, batches of rows cost a constant number of queries, rows are
independent (or all-or-nothing), and the input is consumed as a stream."""

import pytest
from peewee import IntegrityError
from playhouse.test_utils import count_queries

from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import snapshot, unchanged_store
from xivows import bulkinsert, db
from xivows.db import database
from xivows.errors import InvalidInput
from xivows.models.dialaction import Dialaction
from xivows.models.entity import Entity
from xivows.models.extension import Extension
from xivows.models.incall import Incall
from xivows.models.line import LineFeatures, UserLine, UserSIP
from xivows.models.user import PhoneFunckey, UserFeatures
from xivows.models.voicemail import Voicemail
from xivows.resources.lines.inputs import LineInput
from xivows.resources.ownerlinks.inputs import OwnerLinks
from xivows.resources.users import bulk, service
from xivows.resources.users.bulk import IncallPart, Row
from xivows.resources.users.inputs import UserInput, UserVoicemail
from xivows.resources.voicemail import service as voicemails
from xivows.resources.voicemail.inputs import VoicemailInput

EVENTS = ('noanswer', 'busy', 'congestion', 'chanunavail')


@pytest.fixture(autouse=True)
def entity(app):
    # Batches are transactions of xivows.transaction (after-commit actions live
    # in the app context), as the CLI and json.php run them.
    with app.app_context():
        make_default_context()
        yield Entity.get(Entity.name == 'acme').id


def user(entity, index, number=None, voicemail=True, **features):
    number = number or str(1000 + index)
    return UserInput(
        features={
            'firstname': f'User{index}',
            'lastname': 'Bulk',
            'entityid': entity,
            'musiconhold': 'default',
            **features,
        },
        line=LineInput(protocol='sip', context='default', number=number, secret=f's{index:04d}'),
        voicemail=UserVoicemail({'mailbox': number, 'context': 'default', 'password': '1234'})
        if voicemail
        else None,
        links=OwnerLinks(dialaction={event: {'actiontype': 'none'} for event in EVENTS}),
    )


def rows(*inputs):
    return [Row(number, given) for number, given in enumerate(inputs, start=1)]


def imported(*inputs, **options):
    return bulk.import_users(rows(*inputs), **options)


def line_of(user_id):
    return LineFeatures.get_by_id(UserLine.get(UserLine.user_id == user_id).line_id)


def stored_user(user_id):
    """What one add stores, without what is generated (ids, uuid, SIP name,
    provisioning id): comparable between a bulk add and a single one."""
    user = UserFeatures.get_by_id(user_id)
    line = line_of(user_id)
    peer = UserSIP.get_by_id(line.protocolid)
    box = Voicemail.get_by_id(user.voicemailid)
    extension = Extension.get((Extension.type == 'user') & (Extension.typeval == str(user_id)))
    actions = sorted(
        (row.event, row.action, row.actionarg1, row.actionarg2, row.linked)
        for row in Dialaction.select().where(
            (Dialaction.category == 'user') & (Dialaction.categoryval == str(user_id))
        )
    )
    return (
        {
            key: value
            for key, value in user.__data__.items()
            if key not in ('id', 'uuid', 'voicemailid')
        },
        {
            key: value
            for key, value in line.__data__.items()
            if key not in ('id', 'protocolid', 'name', 'provisioningid')
        },
        {key: value for key, value in peer.__data__.items() if key not in ('id', 'name')},
        {key: value for key, value in box.__data__.items() if key != 'uniqueid'},
        (extension.context, extension.exten, extension.type),
        UserLine.get(UserLine.user_id == user_id).extension_id == extension.id,
        actions,
    )


def _without(number, stored):
    """A stored_user() part without the values that hold its number."""
    return {key: value for key, value in stored.items() if number not in str(value)}


def test_rows_are_stored_as_one_add_stores_them(entity):
    report = imported(user(entity, 1), user(entity, 2, voicemail=False, language='fr_FR'))
    assert (report.rows, report.created, report.failed, report.stored) == (2, 2, 0, True)
    first, second = [row.id for row in UserFeatures.select().order_by(UserFeatures.id)]
    by_bulk = stored_user(first)
    by_add = stored_user(service.create(user(entity, 1, number='1501')))
    assert by_add[0] == by_bulk[0]
    for part in (1, 2, 3):
        assert _without('1501', by_add[part]) == _without('1001', by_bulk[part])
    assert (by_add[4][0], by_add[4][2]) == (by_bulk[4][0], by_bulk[4][2])
    assert by_add[5:] == by_bulk[5:]
    peer = UserSIP.get_by_id(line_of(second).protocolid)
    assert (peer.secret, peer.callerid, peer.language, peer.mailbox) == (
        's0002',
        '"User2 Bulk" <1002>',
        'fr_FR',
        None,
    )
    assert UserFeatures.get_by_id(second).voicemailid is None


@pytest.mark.parametrize(
    'change,reason',
    [
        (
            {'number': '999'},
            'linefeatures.number: number 999 is outside the user ranges of context default',
        ),
        ({'number': '12a'}, 'linefeatures.number: has an invalid format'),
        ({'firstname': ''}, 'userfeatures.firstname: '),
        ({'entityid': 999999}, 'userfeatures.entityid: no such entity: 999999'),
        ({'language': 'xx_XX'}, 'userfeatures.language: must be one of'),
        ({'context': 'nowhere'}, 'protocol.context: no such context: nowhere'),
        ({'profileclient': 'nope'}, 'userfeatures.profileclient: no such CTI profile: nope'),
        ({'ringseconds': 7}, 'userfeatures.ringseconds:'),
    ],
)
def test_the_same_refusals_as_one_add(entity, change, reason):
    given = user(
        entity,
        5,
        **{key: value for key, value in change.items() if key not in ('number', 'context')},
    )
    if 'number' in change or 'context' in change:
        given.line = LineInput(
            protocol='sip',
            context=change.get('context', 'default'),
            number=change.get('number', '1005'),
        )
        given.voicemail = None
    with pytest.raises(InvalidInput) as single:
        service.create(given)
    assert reason in single.value.message
    with unchanged_store():
        report = imported(given)
    assert (report.created, report.failed) == (0, 1)
    error = report.errors[0]
    assert error.row == 1
    assert f'{error.field}: {error.reason}' == single.value.message


def test_row_errors_name_the_row_and_the_field_and_the_others_are_stored(entity):
    service.create(user(entity, 9, number='1009'))
    report = imported(
        user(entity, 1),
        user(entity, 2, number='1009'),  # taken by the stored user
        user(entity, 3, firstname=''),
        user(entity, 4, enableclient=True, loginclient='x', passwdclient='secret'),
        user(entity, 5),
    )
    assert (report.rows, report.created, report.failed) == (5, 2, 3)
    assert [
        (error.row, error.field) for error in sorted(report.errors, key=lambda error: error.row)
    ] == [
        (2, 'linefeatures.number'),
        (3, 'userfeatures.firstname'),
        (4, 'userfeatures.loginclient'),
    ]
    assert {user.firstname for user in UserFeatures.select()} == {'User9', 'User1', 'User5'}


def test_duplicates_in_a_file_are_validated_one_after_the_other(entity):
    """The second of two rows holding the same number is refused as an add
    after the first would be; when the first fails, the second is stored."""
    report = imported(
        user(entity, 1, number='1100'),
        user(entity, 2, number='1100'),
        user(entity, 3, number='1200', firstname=''),
        user(entity, 4, number='1200'),
    )
    assert (report.created, report.failed) == (2, 2)
    reasons = {error.row: error.reason for error in report.errors}
    assert reasons[2] == 'number 1100 is already used in context default'
    assert 3 in reasons
    assert {user.firstname for user in UserFeatures.select()} == {'User1', 'User4'}


def test_a_voicemail_box_given_twice_belongs_to_the_first_row(entity):
    first = user(entity, 1, number='1101')
    second = user(entity, 2, number='1102')
    second.voicemail = UserVoicemail({'mailbox': '1101', 'context': 'default'})
    report = imported(first, second)
    assert report.failed == 1
    owner = UserFeatures.get(UserFeatures.firstname == 'User1').id
    assert report.errors[0].reason == f'voicemail 1101@default already belongs to user {owner}'


def test_a_free_stored_box_is_associated_as_an_add_does(entity):
    box = voicemails.create(
        VoicemailInput({'mailbox': '1300', 'context': 'default', 'fullname': 'Old'})
    )
    given = user(entity, 1, number='1300')
    report = imported(given, user(entity, 2))
    assert (report.created, report.failed) == (2, 0)
    assert UserFeatures.get(UserFeatures.firstname == 'User1').voicemailid == box
    assert Voicemail.select().count() == 2


def test_atomic_stores_nothing_when_a_row_fails(entity):
    with unchanged_store():
        report = imported(
            user(entity, 1), user(entity, 2, firstname=''), user(entity, 3), atomic=True
        )
    assert (report.rows, report.created, report.failed, report.stored) == (3, 2, 1, False)
    report = imported(user(entity, 1), user(entity, 2), atomic=True)
    assert (report.created, report.stored) == (2, True)
    assert UserFeatures.select().count() == 2


def test_dry_run_validates_every_row_and_writes_nothing(entity):
    service.create(user(entity, 9, number='1009'))
    inputs = [user(entity, 1), user(entity, 2, number='1009'), user(entity, 3, number='1001')]
    with unchanged_store():
        report = imported(*inputs, dry_run=True)
    assert (report.created, report.failed, report.stored) == (1, 2, False)
    assert sorted(error.row for error in report.errors) == [2, 3]
    real = imported(*inputs)
    assert (real.created, real.failed) == (1, 2)


def test_the_input_is_read_as_a_stream(entity):
    """A generator of rows is consumed batch by batch: never more than a batch
    (and the rows waiting for the next one) is read ahead of what is stored."""
    settled = [0]
    read = [0]
    ahead = []

    def generated():
        for index in range(1, 251):
            read[0] += 1
            ahead.append(read[0] - settled[0])
            yield Row(index, user(entity, index, voicemail=False, simultcalls=1))

    report = bulk.import_users(
        generated(),
        batch_size=40,
        on_progress=lambda count: settled.__setitem__(0, settled[0] + count),
    )
    assert (report.rows, report.created) == (250, 250)
    assert max(ahead) <= 40


def test_a_batch_costs_the_same_queries_whatever_its_size(entity):
    def queries_for(first, count):
        inputs = [user(entity, first + index) for index in range(count)]
        with count_queries() as counted:
            report = imported(*inputs, batch_size=count)
        assert report.created == count
        return counted.count

    small, large = queries_for(1, 5), queries_for(100, 60)
    assert large <= small + 2  # random ids taken may cost a query more, rarely
    assert large < 40


def test_an_incall_row_creates_its_incall_and_fails_as_a_whole(entity):
    given = user(entity, 1)
    report = bulk.import_users(
        [
            Row(1, given, IncallPart('1001', 'from-extern', '25')),
            Row(2, user(entity, 2), IncallPart('99', 'from-extern')),
        ]
    )
    assert (report.created, report.failed) == (1, 1)
    assert report.errors[0].row == 2 and report.errors[0].field == 'incall.exten'
    user_id = UserFeatures.get(UserFeatures.firstname == 'User1').id
    incall = Incall.get(Incall.exten == '1001')
    answer = Dialaction.get(
        (Dialaction.category == 'incall') & (Dialaction.categoryval == str(incall.id))
    )
    assert (answer.event, answer.action, answer.actionarg1, answer.actionarg2) == (
        'answer',
        'user',
        str(user_id),
        '25',
    )
    assert not UserFeatures.select().where(UserFeatures.firstname == 'User2').exists()
    assert not Extension.select().where(Extension.exten == '1002').exists()


def test_rows_with_parts_a_batch_cannot_insert_at_once_are_added_one_by_one(entity):
    keyed = user(entity, 1)
    keyed.funckeys = [
        {'fknum': 1, 'typeextenumbers': 'user', 'typevalextenumbers': '1', 'label': 'me'}
    ]
    report = imported(keyed, user(entity, 2))
    assert report.created == 2
    user_id = UserFeatures.get(UserFeatures.firstname == 'User1').id
    assert PhoneFunckey.get(PhoneFunckey.iduserfeatures == user_id).label == 'me'


def test_a_batch_the_database_refuses_is_added_row_by_row(entity, monkeypatch):
    """A concurrent writer taking a number between the checks and the insert
    (PostgreSQL): the batch is added again one row at a time, each refused or
    stored as one add."""
    real = bulkinsert.insert
    calls = []

    def refusing(model, rows):
        calls.append(model)
        if len(calls) == 1:
            raise IntegrityError('duplicate key')
        return real(model, rows)

    monkeypatch.setattr(bulkinsert, 'insert', refusing)
    before = snapshot()
    report = imported(user(entity, 1), user(entity, 2))
    assert (report.created, report.failed) == (2, 0)
    assert snapshot() != before
    assert UserFeatures.select().count() == 2


def test_ids_are_never_given_twice(entity):
    """Reserved ids continue after the highest ever given (a deleted user's
    id is not reused), as single adds do."""
    deleted = service.create(user(entity, 1))
    service.delete(deleted)
    imported(user(entity, 2), user(entity, 3))
    ids = [row.id for row in UserFeatures.select().order_by(UserFeatures.id)]
    assert len(ids) == 2 and ids[0] > deleted
    assert service.create(user(entity, 4)) > ids[1]


def test_a_large_import_refreshes_postgresql_statistics(entity, monkeypatch):
    # Without them the planner takes the filled tables for empty ones until
    # autovacuum comes by, and scans them (searches right after an import).
    if db.is_sqlite():
        pytest.skip('SQLite plans from its indexes alone (no ANALYZE is run)')
    monkeypatch.setattr(bulk, 'ANALYZE_AFTER', 5)

    def planned_users():
        return database.execute_sql(
            "SELECT reltuples FROM pg_class WHERE relname = 'userfeatures'"
        ).fetchone()[0]

    imported(*(user(entity, index) for index in range(1, 5)))  # fewer: not analyzed
    assert planned_users() != UserFeatures.select().count()
    imported(*(user(entity, index) for index in range(5, 10)))
    assert planned_users() == UserFeatures.select().count()


def test_a_large_import_merges_the_trigram_indexes_pending_entries(entity, monkeypatch):
    # Left in a GIN index's pending list, the new users' entries would be read
    # one by one by every search until autovacuum comes by.
    if db.is_sqlite():
        pytest.skip('PostgreSQL trigram (GIN) indexes')
    if not database.execute_sql(
        "SELECT 1 FROM pg_class WHERE relname = 'userfeatures_fullname_trgm'"
    ).fetchone():
        pytest.skip('pg_trgm is not installed on this server')
    monkeypatch.setattr(bulk, 'ANALYZE_AFTER', 5)

    def pending_pages():  # merging again: the pages still pending (merged by the call)
        return database.execute_sql(
            "SELECT gin_clean_pending_list('userfeatures_fullname_trgm'::regclass)"
        ).fetchone()[0]

    imported(*(user(entity, index) for index in range(1, 5)))  # fewer: left pending
    assert pending_pages() > 0
    imported(*(user(entity, index) for index in range(5, 10)))
    assert pending_pages() == 0
