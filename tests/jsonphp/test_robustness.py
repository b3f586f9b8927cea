"""Every act of every json.php service, fed junk: never a 500, always a short
reason on refusals, and a refused request leaves the store as it was."""

import json
import random
import zlib

import pytest

from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import MALFORMED_BODIES, snapshot
from xivows.jsonphp import registry

KEYS = [
    'userfeatures',
    'linefeatures',
    'voicemail',
    'voicemail-option',
    'dialaction',
    'rightcall',
    'schedule_id',
    'context',
    'contextnumbers',
    'contextinclude',
    'name',
    'displayname',
    'number',
    'entity',
    'entityid',
    'protocol',
    'id',
    'groupfeatures',
    'queue',
    'user',
    'agent',
    'incall',
    'outcall',
    'outcalltrunk',
    'dialpattern',
    'trunkfeatures',
    'register',
    'meetmefeatures',
    'meetmeroom',
    'schedule',
    'opened',
    'closed',
    'members',
    'agentfeatures',
    'queuefeatures',
    'user-select',
    'queue-select',
    'group-select',
    'category_name',
    'rule',
    'stats_conf',
    'mailbox',
    'fullname',
    'firstname',
    'exten',
    'actiontype',
    'actionarg1',
    'canonical',
    'mydomain',
    'origin',
    'extension',
    'positions',
    'directmedia',
    'dialtimeout',
    'language',
    'phonefunckey',
]
SCALARS = [
    None,
    True,
    False,
    0,
    -1,
    1,
    2**40,
    1.5,
    1e300,
    '',
    ' ',
    'x' * 300,
    '1000',
    'default',
    "'; DROP TABLE users; --",
    '<script>alert(1)</script>',
    '%',
    '_',
    '\u202e\u0301\U0001f600',
    'Ünïcødé',
    '../../etc/passwd',
    '\t\n',
    '0x10',
]


def junk(rng, depth=0):
    kind = rng.random()
    if depth > 3 or kind < 0.45:
        return rng.choice(SCALARS)
    if kind < 0.7:
        return [junk(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(KEYS): junk(rng, depth + 1) for _ in range(rng.randint(0, 5))}


def documents(seed, count):
    rng = random.Random(seed)
    found = [{key: junk(rng)} for key in KEYS[:12]]
    while len(found) < count:
        found.append({rng.choice(KEYS): junk(rng) for _ in range(rng.randint(1, 6))})
    return found


ODD_PARAMS = [
    {},
    {'id': ''},
    {'id': '1'},
    {'id': '-5'},
    {'id': 'abc'},
    {'id': '1' * 40},
    {'id': '%00'},
    {'id': 'default'},
    {'search': "'"},
    {'search': '%_'},
    {'search': '\u00e9\U0001f600'},
    {'idbeg': 'x'},
    {'idbeg': '-1', 'limit': '-3'},
    {'dbeg': '2012-13-45'},
    {'dbeg': '2999'},
    {'context': 'default', 'obj': 'user', 'number': 'x'},
    {'free': 'x'},
    {'protocol': 'sip', 'free': '1'},
    {'sum': 'zz'},
]


def _services():
    from xivows.jsonphp import resources

    resources.load()
    return sorted(registry.services(), key=lambda service: (service.family, service.path))


def check(response, before, writes, act=None):
    assert response.status_code < 500, (response.status_code, response.get_data(as_text=True))
    if response.status_code >= 400:
        text = response.get_data(as_text=True)
        assert len(text) < 1000
        if act == 'import':  # the users import answers plain-text lines, as the original
            assert response.content_type == 'text/plain; charset=UTF-8' and text.strip()
        elif text:
            assert json.loads(text)['error']
        if writes:
            assert snapshot() == before


READ_ACTS = {'list', 'search', 'view', 'searchid', 'searchdb', 'check', ''}


@pytest.mark.parametrize('service', _services(), ids=lambda s: f'{s.family}:{s.path}')
def test_no_junk_reaches_a_500(api, service):
    make_default_context()
    mode = registry.RESTRICTED
    for index, act in enumerate(list(service.acts) + ['', 'bogus']):
        writes = act not in READ_ACTS
        for params in ODD_PARAMS[index % 3 :: 3]:
            before = snapshot() if writes else None
            response = api.request(service.family, service.path, act or None, mode=mode, **params)
            check(response, before, writes, act)
    for act in service.acts:
        writes = act not in READ_ACTS
        cases = [{'raw': raw, 'method': 'POST'} for raw in MALFORMED_BODIES[:8]]
        cases += [
            {'body': document}
            for document in documents(zlib.crc32(f'{service.path}:{act}'.encode()), 15)
        ]
        for case in cases:
            before = snapshot() if writes else None
            check(
                api.request(service.family, service.path, act, id='1', mode=mode, **case),
                before,
                writes,
                act,
            )
