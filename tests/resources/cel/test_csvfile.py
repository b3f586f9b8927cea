"""Reading Asterisk's CEL CSV files."""

import datetime
import io

import pytest

from xivows.errors import InvalidInput
from xivows.resources.cel.csvfile import COLUMNS, events

MASTER_LINE = (
    '"CHAN_START","2012-01-27 03:12:33.175832","Sup - 0472445668","0472445668",'
    '"ani","rdnis","dnid","42803","default","IAX2/assurancetourisk-durallo-3431",'
    '"Dial","SIP/abc,30","3","acc","1327651953.51","1327651953.50","SIP/peer-1",'
    '"uf","mytype","extra data"\n'
)


def read(text):
    return [dict(zip(COLUMNS, row)) for row in events(io.StringIO(text, newline=''))]


def test_master_csv_order():
    [event] = read(MASTER_LINE)
    assert event == {
        'eventtype': 'CHAN_START',
        'eventtime': datetime.datetime(2012, 1, 27, 3, 12, 33, 175832),
        'userdeftype': 'mytype',
        'cid_name': 'Sup - 0472445668',
        'cid_num': '0472445668',
        'cid_ani': 'ani',
        'cid_rdnis': 'rdnis',
        'cid_dnid': 'dnid',
        'exten': '42803',
        'context': 'default',
        'channame': 'IAX2/assurancetourisk-durallo-3431',
        'appname': 'Dial',
        'appdata': 'SIP/abc,30',
        'amaflags': 3,
        'accountcode': 'acc',
        'peeraccount': '',
        'uniqueid': '1327651953.51',
        'linkedid': '1327651953.50',
        'userfield': 'uf',
        'peer': 'SIP/peer-1',
        'call_log_id': None,
    }


def test_without_the_last_column_and_with_blank_lines():
    line = MASTER_LINE.rsplit(',', 1)[0] + '\n'
    assert len(read('\n' + line + '\n' + line)) == 2


def test_epoch_times_are_local_times():
    line = MASTER_LINE.replace('2012-01-27 03:12:33.175832', '1327651953.075')
    [event] = read(line)
    assert event['eventtime'] == datetime.datetime.fromtimestamp(1327651953) + datetime.timedelta(
        microseconds=75000
    )


def test_quotes_commas_and_line_breaks_inside_values():
    line = MASTER_LINE.replace('"Sup - 0472445668"', '"Sup, ""the"" boss\nsecond line"')
    [event] = read(line)
    assert event['cid_name'] == 'Sup, "the" boss\nsecond line'


def test_amaflags_by_name_or_empty():
    assert read(MASTER_LINE.replace('"3"', '"BILLING"'))[0]['amaflags'] == 2
    assert read(MASTER_LINE.replace('"3"', '""'))[0]['amaflags'] == 0


def test_a_header_names_the_columns():
    text = (
        'id,EventTime,eventtype,CIDName,AcctCode,PeerAcct,call_log_id,extra\n'
        '99,1327651953.5,ANSWER,Ann,acc,peer-acc,12,x\n'
        '100,2012-01-27T03:12:33,HANGUP,Bob,,,,\n'
    )
    first, second = read(text)
    assert (
        first['eventtype'],
        first['cid_name'],
        first['accountcode'],
        first['peeraccount'],
        first['call_log_id'],
        first['exten'],
    ) == ('ANSWER', 'Ann', 'acc', 'peer-acc', 12, '')
    assert (second['eventtime'], second['call_log_id'], second['amaflags']) == (
        datetime.datetime(2012, 1, 27, 3, 12, 33),
        None,
        0,
    )


@pytest.mark.parametrize(
    'text,reason',
    [
        (MASTER_LINE + '"ANSWER","x"\n', 'line 2: 2 values, expected 19 or 20'),
        (MASTER_LINE.replace('2012-01-27 03:12:33.175832', 'yesterday'), 'line 1: eventtime'),
        (MASTER_LINE.replace('2012-01-27 03:12:33.175832', ''), 'line 1: eventtime'),
        (
            MASTER_LINE.replace('2012-01-27 03:12:33.175832', '2012-01-27 03:12:33+02:00'),
            'line 1: eventtime',
        ),
        (MASTER_LINE.replace('2012-01-27 03:12:33.175832', '999999999999'), 'line 1: eventtime'),
        (MASTER_LINE.replace('"CHAN_START"', '""'), 'line 1: eventtype: is required'),
        (MASTER_LINE.replace('"3"', '"7"'), 'line 1: amaflags'),
        (MASTER_LINE.replace('"uf"', '"a\x00b"'), 'line 1: userfield: contains a NUL'),
        ('eventtype,eventtime,colour\nA,2012-01-01 00:00:00,red\n', 'unknown columns: colour'),
        ('eventtype,eventtime,cidname,cid_name\n', 'a column is named twice'),
        ('eventtype,eventtime,call_log_id\nA,2012-01-01 00:00:00,x\n', 'line 2: call_log_id'),
        ('eventtype,eventtime\nA,2012-01-01 00:00:00,extra\n', 'line 2: 3 values, expected 2'),
    ],
)
def test_refusals_name_the_line(text, reason):
    with pytest.raises(InvalidInput) as error:
        read(text)
    assert reason in error.value.message
