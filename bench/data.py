"""The benchmark's data set, the same as the floor benchmark's (shared/bench/run_bench.py):
user #i is first name FIRST_NAMES[i % 100] (so a first name matches 1 % of users), last
name Doe%07d, userfield uf%07d, a SIP line 1000000+i and a voicemail of that number in
context `benchctx` of entity `bench`. Queues (for the services benchmark) are `benchq%05d`,
number 3000000+j in the same context, with 5 users as members."""

import random
import time

ENTITY_NAME, CONTEXT_NAME = 'bench', 'benchctx'
FIRST_NUMBER, RANGE_END = 1000000, 1999999
FIRST_QUEUE_NUMBER, QUEUE_RANGE_END = 3000000, 3999999
QUEUE_MEMBERS = 5


def require_empty(database):
    """Exit when the store already has tables: the benchmarks fill the store they
    are given, and a database named by mistake (the server's admin database, a
    production one) would be filled too."""
    tables = database.get_tables()
    if tables:
        raise SystemExit(
            f'the database must be empty (it has {len(tables)} tables, e.g. {tables[0]}): '
            'create one for the benchmark'
        )


def first_names(seed=7):
    """100 distinct CVCVCV first names: none is a substring of another user's full name."""
    rng = random.Random(seed)
    syllables = [c + v for c in 'bdfgklmnprstvz' for v in 'aeiou']
    names = set()
    while len(names) < 100:
        names.add(''.join(rng.choice(syllables) for _ in range(3)).capitalize())
    return sorted(names)


FIRST_NAMES = first_names()


def user_body(i, entity_id):
    """The add body of user #i, as xivo-ws sends it (without its all-`none` dialaction)."""
    first, last = FIRST_NAMES[i % 100], f'Doe{i:07d}'
    number = str(FIRST_NUMBER + i)
    return {
        'userfeatures': {
            'firstname': first,
            'lastname': last,
            'entityid': entity_id,
            'musiconhold': 'default',
            'enablexfer': True,
            'enablehint': True,
            'bsfilter': 'no',
            'language': 'en_US',
            'userfield': f'uf{i:07d}',
        },
        'linefeatures': {
            'protocol': ['sip'],
            'context': [CONTEXT_NAME],
            'number': [number],
            'secret': [f's{i:07d}'],
        },
        'voicemail': {
            'name': f'{first} {last}',
            'number': number,
            'context': CONTEXT_NAME,
            'password': f'{i % 10000:04d}',
        },
    }


def queue_body(j, user_ids):
    """The add body of queue #j as xivo-ws sends it, with users as members."""
    return {
        'queuefeatures': {
            'timeout': '0',
            'hitting_caller': True,
            'transfer_user': True,
            'name': f'benchq{j:05d}',
            'displayname': f'Bench queue {j}',
            'number': str(FIRST_QUEUE_NUMBER + j),
            'context': CONTEXT_NAME,
            'waittime': None,
            'waitratio': None,
        },
        'queue': {
            'musicclass': 'default',
            'min-announce-frequency': '60',
            'announce-position': 'yes',
            'announce-position-limit': '5',
            'timeoutpriority': 'app',
            'ringinuse': True,
            'autofill': True,
            'setqueueentryvar': True,
            'setqueuevar': True,
            'strategy': 'ringall',
            'maxlen': 0,
            'joinempty': None,
            'leavewhenempty': None,
            'autopause': True,
            'wrapuptime': 0,
        },
        'agent': [],
        'user': [str(user_id) for user_id in user_ids],
    }


def fill_in_process(users, queues=0):
    """Entity, context, `users` users and `queues` queues through the services, in
    one transaction (inside an app context); returns their ids."""
    from xivows.db import database
    from xivows.jsonphp.resources.queues import queue_input
    from xivows.jsonphp.resources.users import user_input
    from xivows.models.context import Context, ContextNumbers
    from xivows.models.entity import Entity
    from xivows.models.line import LineFeatures
    from xivows.resources.lines import queries as line_queries  # noqa: F401
    from xivows.resources.queues import service as queue_service
    from xivows.resources.users import queries as user_queries
    from xivows.resources.users import service as user_service

    with database.atomic():
        entity = Entity.create(
            name=ENTITY_NAME, displayname='Bench entity', dcreate=int(time.time())
        )
        Context.create(name=CONTEXT_NAME, displayname='Bench context', entity=ENTITY_NAME)
        ContextNumbers.create(
            context=CONTEXT_NAME,
            type='user',
            numberbeg=str(FIRST_NUMBER),
            numberend=str(RANGE_END),
        )
        ContextNumbers.create(
            context=CONTEXT_NAME,
            type='queue',
            numberbeg=str(FIRST_QUEUE_NUMBER),
            numberend=str(QUEUE_RANGE_END),
        )
        for i in range(users):
            user_service.create(user_input(user_body(i, entity.id), adding=True))
        user_ids = user_queries.all_ids()
        queue_ids = []
        for j in range(queues):
            members = user_ids[j * QUEUE_MEMBERS % max(1, len(user_ids)) :][:QUEUE_MEMBERS]
            queue_ids.append(queue_service.create(queue_input(queue_body(j, members), True)))
        line_ids = [row[0] for row in LineFeatures.select(LineFeatures.id).tuples()]
    return {'entity': entity.id, 'users': user_ids, 'queues': queue_ids, 'lines': line_ids}
