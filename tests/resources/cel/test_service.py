"""Storing call events (both backends: COPY on PostgreSQL, batches on SQLite)."""

import datetime
import io

from xivows.models.cel import Cel
from xivows.resources.cel import service
from xivows.resources.cel.schemas import COLUMNS


def test_import_keeps_every_character(app):
    odd = 'tab\there, back\\slash \\N, new\nline, cr\r, quote " and Zoë \U0001f600'
    text = (
        'eventtype,eventtime,cid_name,appdata\n'
        f'ODD,2012-01-27 03:12:33.000001,"{odd.replace(chr(34), chr(34) * 2)}",\\N\n'
    )
    assert service.import_csv([('odd.csv', io.StringIO(text, newline=''))]) == (1, 0)
    row = Cel.get(Cel.eventtype == 'ODD')
    assert (row.cid_name, row.appdata, row.call_log_id, row.amaflags) == (odd, '\\N', None, 0)
    [found] = service.search_after(row.id - 1)
    assert (found[COLUMNS.index('cid_name')], str(found[COLUMNS.index('eventtime')])) == (
        odd,
        '2012-01-27 03:12:33.000001',
    )


def test_generate_stores_calls_of_events(app):
    first = datetime.datetime(2013, 1, 1)
    assert service.generate(12000, first) == 12000
    rows = list(Cel.select().order_by(Cel.id))
    assert len(rows) == 12000
    assert [row.id - rows[0].id for row in rows[:3]] == [0, 1, 2]
    assert rows[0].eventtime == first and rows[-1].eventtime > rows[-2].eventtime
    assert [row.eventtype for row in rows[:2]] == ['CHAN_START', 'APP_START']
