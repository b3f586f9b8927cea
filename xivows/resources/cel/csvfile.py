"""Call events from Asterisk's CSV files (cel_custom, e.g. cel-custom/Master.csv).

Without a header the columns are those of the Master.csv mapping of Asterisk's
cel_custom.conf sample (1.8 to 22), in this order:

    eventtype, eventtime, CALLERID(name), CALLERID(num), CALLERID(ANI),
    CALLERID(RDNIS), CALLERID(DNID), CHANNEL(exten), CHANNEL(context),
    CHANNEL(channame), CHANNEL(appname), CHANNEL(appdata), CHANNEL(amaflags),
    CHANNEL(accountcode), CHANNEL(uniqueid), CHANNEL(linkedid), BRIDGEPEER,
    CHANNEL(userfield), userdeftype, eventextra

(the last column may be missing). A first line naming `eventtype` and
`eventtime` is a header instead: it names the columns, in any order, with the
cel table's names or cel_custom's field names (CIDName, AcctCode, ...);
`id`, `eventextra`/`extra`, `eventenum` and `tenantid` are read and ignored.

`eventtime` is Asterisk's default `<seconds>.<microseconds>` since the epoch
(stored in local time, as Asterisk's database backends store it) or a date
such as `2012-02-27 03:27:21.017623` (cel.conf `dateformat = %F %T`).
`amaflags` is a number (0 to 3) or its name (DEFAULT, OMIT, BILLING,
DOCUMENTATION)."""

import csv
import datetime
import re

from xivows.constants import MAX_INT
from xivows.errors import InvalidInput
from xivows.resources.cel.queries import INSERTED
from xivows.resources.cel.schemas import AMA_FLAGS

MASTER_CSV = (
    'eventtype',
    'eventtime',
    'cid_name',
    'cid_num',
    'cid_ani',
    'cid_rdnis',
    'cid_dnid',
    'exten',
    'context',
    'channame',
    'appname',
    'appdata',
    'amaflags',
    'accountcode',
    'uniqueid',
    'linkedid',
    'peer',
    'userfield',
    'userdeftype',
    'eventextra',
)

# cel_custom's field names for the cel table's columns
ALIASES = {
    'cidname': 'cid_name',
    'cidnum': 'cid_num',
    'cidani': 'cid_ani',
    'cidrdnis': 'cid_rdnis',
    'ciddnid': 'cid_dnid',
    'acctcode': 'accountcode',
    'peeracct': 'peeraccount',
    'usereventname': 'userdeftype',
    'bridgepeer': 'peer',
}
IGNORED = frozenset(('id', 'eventextra', 'extra', 'eventenum', 'tenantid'))
COLUMNS = tuple(field.name for field in INSERTED)

_EPOCH = re.compile(r'([0-9]{1,12})(?:\.([0-9]{1,6}))?')
# A time zone offset would make the stored (naive) local time ambiguous: refused.
_DATE = re.compile(
    r'[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}'
    r'(:[0-9]{2}(\.[0-9]{1,6})?)?'
)


def _eventtime(text):
    match = _EPOCH.fullmatch(text)
    if match:
        seconds, fraction = match.groups()
        moment = datetime.datetime.fromtimestamp(int(seconds))
        return moment + datetime.timedelta(microseconds=int((fraction or '0').ljust(6, '0')))
    if _DATE.fullmatch(text):
        return datetime.datetime.fromisoformat(text)
    raise ValueError('must be seconds since the epoch or a date such as 2012-02-27 03:27:21')


def _amaflags(text):
    if not text:
        return 0
    if text.isascii() and text.isdigit() and int(text) < len(AMA_FLAGS):
        return int(text)
    name = text.lower()
    if name in AMA_FLAGS:
        return AMA_FLAGS.index(name)
    raise ValueError('must be 0 to 3 or DEFAULT, OMIT, BILLING, DOCUMENTATION')


def _call_log_id(text):
    if not text:
        return None
    if text.isascii() and text.isdigit() and int(text) <= MAX_INT:
        return int(text)
    raise ValueError('must be an id')


CONVERTERS = {'eventtime': _eventtime, 'amaflags': _amaflags, 'call_log_id': _call_log_id}


def _header(cells, line):
    """Column names of a header line, or None when the line holds data."""
    names = [ALIASES.get(cell.strip().lower(), cell.strip().lower()) for cell in cells]
    if 'eventtype' not in names or 'eventtime' not in names:
        return None
    unknown = [
        cell for cell, name in zip(cells, names) if name not in COLUMNS and name not in IGNORED
    ]
    if unknown:
        raise InvalidInput(
            f'line {line}: unknown columns: {", ".join(unknown)} (known: {", ".join(COLUMNS)})'
        )
    if len(set(names)) != len(names):
        raise InvalidInput(f'line {line}: a column is named twice')
    return names


def _event(names, cells, line):
    values = dict.fromkeys(COLUMNS, '')
    values.update(amaflags=0, call_log_id=None)
    for name, cell in zip(names, cells):
        if name in IGNORED:
            continue
        if '\x00' in cell:
            raise InvalidInput(f'line {line}: {name}: contains a NUL character')
        convert = CONVERTERS.get(name)
        if convert is None:
            values[name] = cell
            continue
        try:
            values[name] = convert(cell.strip())
        except (ValueError, OverflowError, OSError) as exc:
            raise InvalidInput(f'line {line}: {name}: {exc}') from None
    if not values['eventtype']:
        raise InvalidInput(f'line {line}: eventtype: is required')
    if values['eventtime'] == '':
        raise InvalidInput(f'line {line}: eventtime: is required')
    return tuple(values[name] for name in COLUMNS)


def events(stream):
    """Tuples in INSERTED order from a text stream; InvalidInput names the
    first bad line. The first line that is not blank may be a header."""
    reader = csv.reader(stream)
    names = None
    try:
        for cells in reader:
            line = reader.line_num
            if not cells or cells == ['']:
                continue
            if names is None:
                names = _header(cells, line)
                if names is not None:
                    continue
                names = MASTER_CSV
            expected = (len(names),) if names is not MASTER_CSV else (19, 20)
            if len(cells) not in expected:
                raise InvalidInput(
                    f'line {line}: {len(cells)} values, expected {" or ".join(map(str, expected))}'
                )
            yield _event(names, cells, line)
    except csv.Error as exc:
        raise InvalidInput(f'line {reader.line_num}: unreadable CSV: {exc}') from None
