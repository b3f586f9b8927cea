"""Call events (CEL): read-only over json.php; stored by `xivows cel import`
(Asterisk's CSV files) or, for benchmarks, `generate`."""
import datetime

from xivows.errors import InvalidInput
from xivows.ids import parse_int
from xivows.resources.cel import csvfile, dates, queries
from xivows.resources.cel.schemas import item

MAX_ROWS = 5000
FORMATS = tuple(queries.MATCHES)


def limit_of(text):
    """`limit`: absent -> 5000; above 5000 -> 5000."""
    if text is None or text == '':
        return MAX_ROWS
    value = parse_int(text)
    if value is None or value < 1:
        raise InvalidInput('limit: must be a positive integer')
    return min(value, MAX_ROWS)


def search_by_id(idbeg, limit=None):
    """Events with an id greater than `idbeg` (required), by id."""
    if idbeg is None or idbeg == '':
        raise InvalidInput('missing parameter: idbeg')
    start = parse_int(idbeg)
    if start is None:
        raise InvalidInput('idbeg: must be an integer')
    return [item(row) for row in queries.after_id(start, limit_of(limit))]


def _match(params, name):
    value = params.get(name)
    if not value:
        return None
    form = params.get(f'{name}format') or 'exact'
    if form not in FORMATS:
        raise InvalidInput(f'{name}format: must be one of: {", ".join(FORMATS)}')
    return name, form, value


def search_by_date(params, filters=False, now=None):
    """Events from `dbeg` to `dend` (inclusive periods), by time. `params`:
    a mapping of the request's parameters. With `filters`: also `dcontext`
    (exact) and `accountcode`/`userfield` with their `...format`."""
    start, end = dates.bounds(params.get('dbeg'), params.get('dend'), now)
    limit = limit_of(params.get('limit'))
    context, matches = None, []
    if filters:
        context = params.get('dcontext') or None
        matches = [found for found in (_match(params, 'accountcode'),
                                       _match(params, 'userfield')) if found]
    rows = queries.between(start, end, limit, context, matches)
    return [item(row, with_meta=True) for row in rows]


def import_csv(streams):
    """Store the events of Asterisk CSV files (see csvfile) that are not stored
    yet (an event is all its fields: queries.fingerprint); returns the counts
    (queries.Imported: stored, skipped). The caller's transaction makes it all
    or nothing."""
    stored = skipped = 0
    for name, stream in streams:
        try:
            counts = queries.insert(csvfile.events(stream))
        except InvalidInput as exc:
            raise InvalidInput(f'{name}: {exc.message}') from None
        except UnicodeDecodeError as exc:
            raise InvalidInput(f'{name}: unreadable: {exc}') from None
        stored += counts.stored
        skipped += counts.skipped
    return queries.Imported(stored, skipped)


_CALL = (('CHAN_START', '', ''), ('APP_START', 'Dial', 'SIP/abc,30'),
         ('CHAN_START', '', ''), ('ANSWER', 'AppDial', '(Outgoing Line)'),
         ('ANSWER', 'Dial', 'SIP/abc,30'), ('BRIDGE_START', 'Dial', 'SIP/abc,30'),
         ('BRIDGE_END', 'Dial', 'SIP/abc,30'), ('HANGUP', '', ''), ('CHAN_END', '', ''),
         ('HANGUP', 'Dial', ''), ('CHAN_END', '', ''), ('LINKEDID_END', '', ''))


def _synthetic(count, first):
    """`count` events of calls of 12 events each, a second apart."""
    for index in range(count):
        call, step = divmod(index, len(_CALL))
        eventtype, appname, appdata = _CALL[step]
        caller = 1000 + call % 1000
        uniqueid = f'{1327651953 + call}.{call}'
        yield (eventtype, first + datetime.timedelta(seconds=index, microseconds=step),
               '', f'User {caller}', str(caller), str(caller), '', '1001', '1001', 'default',
               f'SIP/{caller}-{call:08x}', appname, appdata, 3, '', '', uniqueid,
               uniqueid, '', '', None)


def generate(count, first=None):
    """Store `count` synthetic events quickly (benchmarks); returns the count."""
    first = first or datetime.datetime.now().replace(microsecond=0) - \
        datetime.timedelta(seconds=count)
    return queries.insert(_synthetic(count, first)).stored
