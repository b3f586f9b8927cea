"""/service/ipbx/json.php/<mode>/call_management/cel (read-only): the acts,
their parameters read into the service's searches, and the found events as
wire items."""

from xivows.errors import InvalidInput
from xivows.ids import parse_int
from xivows.jsonphp import answers
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.cel import item
from xivows.resources.cel import dates, service
from xivows.resources.cel.inputs import CelSearch, Match


def _limit(call):
    """`limit`: absent -> 5000; above 5000 -> 5000."""
    text = call.param('limit')
    if text is None or text == '':
        return None
    value = parse_int(text)
    if value is None or value < 1:
        raise InvalidInput('limit: must be a positive integer')
    return value


def _match(call, name):
    value = call.param(name)
    if not value:
        return None
    return Match(name, call.param(f'{name}format') or 'exact', value)


def _search(call, filters):
    """`dbeg`, `dend` (inclusive periods: dates.bounds) and `limit`; with
    `filters`, also `dcontext` (exact) and `accountcode`/`userfield` with their
    `...format`."""
    start, end = dates.bounds(call.param('dbeg'), call.param('dend'))
    search = CelSearch(start, end, _limit(call))
    if filters:
        search.context = call.param('dcontext') or None
        search.matches = [
            found for found in (_match(call, 'accountcode'), _match(call, 'userfield')) if found
        ]
    return search


def searchid(call):
    # No act but a `dbeg`: the date search that was the default act until
    # 2015 (the seed document's `cel/?dbeg=2012-02-28`).
    if not call.param('act') and call.param('dbeg') is not None:
        return searchdb(call)
    idbeg = call.param('idbeg')
    if idbeg is None or idbeg == '':
        raise InvalidInput('missing parameter: idbeg')
    after = parse_int(idbeg)
    if after is None:
        raise InvalidInput('idbeg: must be an integer')
    rows = service.search_after(after, _limit(call))
    # Always a JSON list, even empty: xivo-ws's search_by_id decodes the body as
    # JSON without the empty-body case its list/search requests have (a 204 made
    # every poll without new events raise).
    return answers.json(call, [item(row) for row in rows])


def search(call):
    rows = service.search_between(_search(call, filters=False))
    return answers.rows(call, [item(row, with_meta=True) for row in rows])


def searchdb(call):
    rows = service.search_between(_search(call, filters=True))
    return answers.rows(call, [item(row, with_meta=True) for row in rows])


register(
    JsonService(
        'ipbx',
        'call_management/cel',
        acts={'searchid': searchid, 'search': search, 'searchdb': searchdb},
        default_act='searchid',
    )
)
