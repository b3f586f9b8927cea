"""`xivows cel import`, run against the test database inside the test's
transaction (the command's own transaction becomes a savepoint of it)."""

import datetime

import pytest

from tests.helpers.scenarios import unchanged_store
from xivows import cli
from xivows.models.cel import Cel

LINE = (
    '"{type}","2012-01-27 03:12:33.175832","Sup - 0472445668","0472445668","","","",'
    '"42803","default","IAX2/trunk-3431","","","3","","1327651953.51","1327651953.51",'
    '"","","",""\n'
)


@pytest.fixture
def run(runner, database_url, monkeypatch):
    monkeypatch.setenv('XIVOWS_DATABASE_URL', database_url)

    def invoke(*args, **kwargs):
        return runner.invoke(cli.main, list(args), catch_exceptions=False, **kwargs)

    return invoke


def write(tmp_path, name, text, encoding='utf-8'):
    path = tmp_path / name
    path.write_text(text, encoding=encoding, newline='')
    return str(path)


def test_import_files_in_order(run, tmp_path):
    first = write(
        tmp_path, 'Master.csv', LINE.format(type='CHAN_START') + LINE.format(type='ANSWER')
    )
    second = write(
        tmp_path, 'header.csv', 'eventtype,eventtime,cid_name\nHANGUP,1327651953.5,Zoë\n'
    )
    result = run('cel', 'import', first, second)
    assert result.exit_code == 0, result.output
    assert result.output == '3 call event(s) imported\n'
    rows = list(Cel.select().order_by(Cel.id))
    assert [row.eventtype for row in rows] == ['CHAN_START', 'ANSWER', 'HANGUP']
    assert rows[0].eventtime == datetime.datetime(2012, 1, 27, 3, 12, 33, 175832)
    assert (rows[0].channame, rows[0].amaflags) == ('IAX2/trunk-3431', 3)
    assert rows[2].cid_name == 'Zoë'


def test_import_from_standard_input(run):
    result = run('cel', 'import', '-', input=LINE.format(type='CHAN_START'))
    assert result.exit_code == 0 and result.output.startswith('1 call event(s)')
    assert Cel.select().count() == 1


def test_other_encodings(run, tmp_path):
    path = write(
        tmp_path,
        'latin.csv',
        LINE.format(type='CHAN_START').replace('Sup', 'Sé'),
        encoding='latin-1',
    )
    with unchanged_store():
        refused = run('cel', 'import', path)
    assert refused.exit_code != 0 and 'latin.csv: unreadable' in refused.output
    assert run('cel', 'import', '--encoding', 'latin-1', path).exit_code == 0
    assert Cel.get().cid_name.startswith('Sé')


def test_large_files_are_stored_in_chunks(run, tmp_path):
    path = write(
        tmp_path, 'big.csv', ''.join(LINE.format(type=f'EVENT {index}') for index in range(2500))
    )
    assert run('cel', 'import', path).output == '2500 call event(s) imported\n'
    assert Cel.select().count() == 2500


@pytest.mark.parametrize(
    'text,reason',
    [
        (
            LINE.format(type='A') * 1500 + '"B","yesterday"' + ',""' * 18 + '\n',
            'bad.csv: line 1501: eventtime',
        ),
        ('eventtype,eventtime,colour\n', 'bad.csv: line 1: unknown columns: colour'),
        (LINE.format(type='A') + '"only","two"\n', 'bad.csv: line 2: 2 values'),
    ],
)
def test_import_is_all_or_nothing(run, tmp_path, text, reason):
    good = write(tmp_path, 'good.csv', LINE.format(type='GOOD'))
    bad = write(tmp_path, 'bad.csv', text)
    with unchanged_store():
        result = run('cel', 'import', good, bad)
    assert result.exit_code != 0 and reason in result.output, result.output


def test_missing_file(run, tmp_path):
    with unchanged_store():
        result = run('cel', 'import', str(tmp_path / 'nothing.csv'))
    assert result.exit_code != 0 and 'unreadable file' in result.output


def test_importing_the_same_events_again_adds_nothing(run, tmp_path):
    """Asterisk's Master.csv keeps growing: operators import it again."""
    master = write(
        tmp_path, 'Master.csv', LINE.format(type='CHAN_START') + LINE.format(type='ANSWER')
    )
    assert run('cel', 'import', master).output == '2 call event(s) imported\n'
    ids = [row.id for row in Cel.select().order_by(Cel.id)]
    grown = write(
        tmp_path,
        'Master.csv',
        LINE.format(type='CHAN_START') + LINE.format(type='ANSWER') + LINE.format(type='HANGUP'),
    )
    result = run('cel', 'import', grown)
    assert result.exit_code == 0
    assert result.output == '1 call event(s) imported, 2 already stored (skipped)\n'
    assert (
        run('cel', 'import', grown).output
        == '0 call event(s) imported, 3 already stored (skipped)\n'
    )
    rows = list(Cel.select().order_by(Cel.id))
    assert [row.eventtype for row in rows] == ['CHAN_START', 'ANSWER', 'HANGUP']
    assert [row.id for row in rows[:2]] == ids


def test_an_event_is_all_its_fields(run, tmp_path):
    """Events differing in any field are different events; a line repeated
    in a file (e.g. two copies concatenated) is the same event."""
    header = 'eventtype,eventtime,cid_name,uniqueid\n'
    text = (
        header
        + 'HANGUP,1327651953.5,Ann,\n'
        + 'HANGUP,1327651953.5,Bob,\n'
        + 'HANGUP,1327651953.5,Ann,\n'
        + 'HANGUP,1327651953.500001,Ann,\n'
        + 'HANGUP,1327651953.5,Ann,1.1\n'
    )
    result = run('cel', 'import', write(tmp_path, 'repeated.csv', text))
    assert result.output == '4 call event(s) imported, 1 already stored (skipped)\n'
    assert [row.cid_name for row in Cel.select().order_by(Cel.id)] == ['Ann', 'Bob', 'Ann', 'Ann']


def test_the_epoch_and_the_date_form_of_a_time_are_the_same_event(run, tmp_path):
    moment = datetime.datetime.fromtimestamp(1327651953).replace(microsecond=500000)
    epoch = write(tmp_path, 'epoch.csv', 'eventtype,eventtime\nHANGUP,1327651953.5\n')
    dated = write(tmp_path, 'dated.csv', f'eventtype,eventtime\nHANGUP,{moment}\n')
    assert (
        run('cel', 'import', epoch, dated).output
        == '1 call event(s) imported, 1 already stored (skipped)\n'
    )
