"""`xivows users import|export`, run against the test database inside the
test's transaction (each batch's transaction becomes a savepoint of it)."""

import io
import json
import os
import stat

import pytest

from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import unchanged_store
from xivows import cli
from xivows.models.dialaction import Dialaction
from xivows.models.entity import Entity
from xivows.models.incall import Incall
from xivows.models.line import LineFeatures, UserLine, UserSIP
from xivows.models.user import UserFeatures
from xivows.models.voicemail import Voicemail
from xivows.resources.incall import service as incalls
from xivows.resources.users import service as users

HEADER = (
    'entityid|firstname|lastname|phonenumber|context|protocol|linename|linesecret|'
    'voicemailname|voicemailnumber|voicemailcontext|voicemailpassword|'
    'incallexten|incallcontext|incallringseconds|username|password|enableclient'
)


@pytest.fixture
def entity(app):
    with app.app_context():
        make_default_context()
        yield Entity.get(Entity.name == 'acme').id


@pytest.fixture
def run(runner, database_url, monkeypatch):
    monkeypatch.setenv('XIVOWS_DATABASE_URL', database_url)

    def invoke(*args, **kwargs):
        return runner.invoke(cli.main, list(args), catch_exceptions=False, **kwargs)

    return invoke


def pipe_file(tmp_path, entity, rows, name='users.txt'):
    """Rows of the HEADER columns ({entityid} stands for the entity)."""
    path = tmp_path / name
    path.write_text('\n'.join([HEADER] + [row.format(entity=entity) for row in rows]) + '\n')
    return str(path)


ROWS = [
    (
        '{entity}|John|Doe|1001|default|sip|jdoe|s3cret|John Doe|1001|default|1234|'
        '1001|from-extern|25|jdoe|pass1|1'
    ),
    '{entity}|Jane|"Doe | Smith"|1002|default|sip||||||||||||',
    '{entity}|Ann|Voicemail only||||||Ann V|1003|default||||||',
]


def test_import_stores_users_lines_voicemails_and_incalls(run, entity, tmp_path):
    result = run('users', 'import', pipe_file(tmp_path, entity, ROWS))
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith('3 rows read, 3 users created')
    john = UserFeatures.get(UserFeatures.firstname == 'John')
    assert (john.loginclient, john.passwdclient, john.enableclient) == ('jdoe', 'pass1', True)
    line = LineFeatures.get_by_id(UserLine.get(UserLine.user_id == john.id).line_id)
    peer = UserSIP.get_by_id(line.protocolid)
    assert (line.number, line.context, peer.name, peer.secret, peer.mailbox) == (
        '1001',
        'default',
        'jdoe',
        's3cret',
        '1001@default',
    )
    box = Voicemail.get_by_id(john.voicemailid)
    assert (box.mailbox, box.fullname, box.password) == ('1001', 'John Doe', '1234')
    incall = Incall.get(Incall.exten == '1001')
    answer = Dialaction.get(
        (Dialaction.category == 'incall') & (Dialaction.categoryval == str(incall.id))
    )
    assert (incall.context, answer.actionarg1, answer.actionarg2) == (
        'from-extern',
        str(john.id),
        '25',
    )
    assert UserFeatures.get(UserFeatures.firstname == 'Jane').lastname == 'Doe | Smith'
    ann = UserFeatures.get(UserFeatures.firstname == 'Ann')
    assert not UserLine.select().where(UserLine.user_id == ann.id).exists()
    assert Voicemail.get_by_id(ann.voicemailid).mailbox == '1003'


BAD_ROWS = ROWS[:1] + [
    '{entity}|Bob|Dup|1001|default|sip||||||||||||',
    '{entity}||Nobody|||||||||||||||',
    '{entity}|Al|Range|5000|default|sip||||||||||||',
    '{entity}|Eve|Login|1004|default|sip' + '|' * 10 + 'jdoe|pass2|1',
]


def test_refused_rows_are_reported_with_row_and_field_and_the_others_stored(run, entity, tmp_path):
    result = run('users', 'import', pipe_file(tmp_path, entity, BAD_ROWS))
    assert result.exit_code == 1
    reported = sorted(
        line.split('\t') for line in result.output.splitlines() if line.startswith('row ')
    )
    assert reported == [
        ['row 2', 'phonenumber', 'number 1001 is already used in context default'],
        ['row 3', 'firstname', 'is required'],
        ['row 4', 'phonenumber', 'number 5000 is outside the user ranges of context default'],
        ['row 5', 'username', 'already used: jdoe'],
    ]
    assert '5 rows read, 1 users created, 4 refused' in result.output
    assert [user.firstname for user in UserFeatures.select()] == ['John']


def test_dry_run_reports_the_same_and_writes_nothing(run, entity, tmp_path):
    path = pipe_file(tmp_path, entity, BAD_ROWS)
    with unchanged_store():
        result = run('users', 'import', '--dry-run', path)
    assert result.exit_code == 1
    assert 'dry run: 5 rows read, 1 valid, 4 refused; nothing stored' in result.output
    assert len([line for line in result.output.splitlines() if line.startswith('row ')]) == 4


def test_atomic_is_all_or_nothing(run, entity, tmp_path):
    with unchanged_store():
        result = run('users', 'import', '--atomic', pipe_file(tmp_path, entity, BAD_ROWS))
    assert result.exit_code == 1
    assert '5 rows read, 4 refused; nothing stored (--atomic)' in result.output
    result = run('users', 'import', '--atomic', pipe_file(tmp_path, entity, ROWS))
    assert result.exit_code == 0
    assert UserFeatures.select().count() == 3


def test_standard_input_and_csv(run, entity):
    text = (
        HEADER.replace('|', ',')
        + '\n'
        + f'{entity},Carl,"Comma, Inc",1010,default,sip,,,,,,,,,,,,\n'
    )
    result = run('users', 'import', '--format', 'csv', '-', input=text)
    assert result.exit_code == 0, result.output
    assert UserFeatures.get(UserFeatures.firstname == 'Carl').lastname == 'Comma, Inc'


def test_jsonl_lines_are_add_documents(run, entity, tmp_path):
    body = {
        'userfeatures': {'firstname': 'Json', 'entityid': entity},
        'linefeatures': {'protocol': ['sip'], 'context': ['default'], 'number': ['1020']},
        'voicemail': {'name': 'Json', 'number': '1020', 'context': 'default'},
    }
    path = tmp_path / 'users.jsonl'
    path.write_text(json.dumps(body) + '\n\n' + '{"userfeatures": 1}\n' + 'not json\n')
    result = run('users', 'import', str(path))
    assert result.exit_code == 1
    assert 'row 2\tuserfeatures\tis required' in result.output
    assert 'row 3\t-\tmalformed JSON body' in result.output
    user = UserFeatures.get(UserFeatures.firstname == 'Json')
    assert Voicemail.get_by_id(user.voicemailid).mailbox == '1020'


@pytest.mark.parametrize(
    'header,reason',
    [
        ('firstname|nickname', 'unknown field in the header: nickname'),
        ('firstname|username|loginclient', 'the header names username twice (loginclient)'),
        ('', 'the file has no header'),
    ],
)
def test_a_header_that_cannot_be_read_stores_nothing(run, entity, tmp_path, header, reason):
    path = tmp_path / 'users.txt'
    path.write_text(header + ('\nJohn|x|y\n' if header else ''))
    with unchanged_store():
        result = run('users', 'import', str(path))
    assert result.exit_code != 0
    assert reason in result.output


@pytest.mark.parametrize('fmt', ['pipe', 'csv', 'jsonl'])
def test_export_then_import_gives_the_same_users(run, entity, tmp_path, fmt):
    assert run('users', 'import', pipe_file(tmp_path, entity, ROWS)).exit_code == 0
    users.create(
        users.UserInput(
            features={
                'firstname': 'Plain',
                'entityid': entity,
                'userfield': 'ref-7',
                'ringseconds': 15,
                'description': 'two\nlines',
            }
        )
    )
    first = tmp_path / f'first.{fmt}'
    result = run('users', 'export', '--format', fmt, str(first))
    assert result.exit_code == 0 and '4 users exported' in result.output
    assert stat.S_IMODE(os.stat(first).st_mode) == 0o600  # it holds secrets
    users.delete_all()
    incalls.delete_all()
    result = run('users', 'import', '--format', fmt, str(first))
    assert result.exit_code == 0, result.output
    second = tmp_path / f'second.{fmt}'
    run('users', 'export', '--format', fmt, str(second))
    assert first.read_text() == second.read_text()
    plain = UserFeatures.get(UserFeatures.firstname == 'Plain')
    assert (plain.userfield, plain.ringseconds, plain.description) == ('ref-7', 15, 'two\nlines')


def test_export_to_standard_output(run, entity, tmp_path):
    run('users', 'import', pipe_file(tmp_path, entity, ROWS[1:2]))
    result = run('users', 'export')
    lines = result.output.splitlines()
    assert lines[0].startswith('entityid|firstname|lastname|')
    assert lines[1].startswith(f'{entity}|Jane|"Doe | Smith"|')
    assert lines[-1] == '1 users exported'


def test_no_progress_bar_in_scripts(run, entity, tmp_path):
    """stderr is not a terminal here: no bar unless asked."""
    quiet = run('users', 'import', pipe_file(tmp_path, entity, ROWS[1:2]))
    assert 'row/s' not in quiet.output
    shown = run(
        'users',
        'import',
        '--progress',
        '--format',
        'pipe',
        '-',
        input=HEADER + '\n' + ROWS[2].format(entity=entity) + '\n',
    )
    assert 'row' in shown.output and '1/' not in quiet.output


def test_the_stream_is_read_as_it_goes(run, entity):
    """Rows are stored by batches while the input is read (a reader that
    fails after some batches leaves the batches before it stored)."""

    class Failing(io.RawIOBase):
        def __init__(self):
            lines = [HEADER] + [
                f'{entity}|U{index}|X|{1100 + index}|default|sip||||||||||||'
                for index in range(100)
            ]
            self.data = io.BytesIO(('\n'.join(lines) + '\n').encode())

        def readable(self):
            return True

        def readinto(self, buffer):
            if self.data.tell() > 1200:
                raise OSError('the disk went away')
            chunk = self.data.read(min(len(buffer), 100))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    from xivows.resources.users import bulk
    from xivows.userfiles import read

    source = read.read(io.BufferedReader(Failing(), buffer_size=100), 'pipe')
    with pytest.raises(OSError):
        bulk.import_users(source.rows, batch_size=5)
    stored = UserFeatures.select().count()
    assert 5 <= stored < 100


def test_export_into_an_existing_file_leaves_it_readable_by_its_owner_only(run, entity, tmp_path):
    run('users', 'import', pipe_file(tmp_path, entity, ROWS[:1]))
    target = tmp_path / 'users.txt.old'
    target.write_text('old\n')
    target.chmod(0o644)
    assert run('users', 'export', str(target)).exit_code == 0
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600  # it holds secrets
    assert '|s3cret|' in target.read_text()


def test_export_where_no_file_can_be_made_is_one_line(run, entity, tmp_path):
    result = run('users', 'export', str(tmp_path / 'missing' / 'users.txt'))
    assert result.exit_code == 1
    assert result.output == f'Error: {tmp_path}/missing/users.txt: No such file or directory\n'
