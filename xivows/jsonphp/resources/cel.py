"""/service/ipbx/json.php/<mode>/call_management/cel (read-only)"""
from xivows.jsonphp import answers
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.cel import service

DATE_PARAMS = ('dbeg', 'dend', 'limit', 'dcontext', 'accountcode', 'accountcodeformat',
               'userfield', 'userfieldformat')


def _params(call):
    return {name: call.param(name) for name in DATE_PARAMS}


def searchid(call):
    # No act but a `dbeg`: the date search that was the default act until
    # 2015 (the seed document's `cel/?dbeg=2012-02-28`).
    if not call.param('act') and call.param('dbeg') is not None:
        return searchdb(call)
    # Always a JSON list, even empty: xivo-ws's search_by_id decodes the body as
    # JSON without the empty-body case its list/search requests have (a 204 made
    # every poll without new events raise).
    return answers.json(call, service.search_by_id(call.param('idbeg'), call.param('limit')))


def search(call):
    return answers.rows(call, service.search_by_date(_params(call)))


def searchdb(call):
    return answers.rows(call, service.search_by_date(_params(call), filters=True))


register(JsonService('ipbx', 'call_management/cel', acts={
    'searchid': searchid, 'search': search, 'searchdb': searchdb}, default_act='searchid'))
