"""queues.conf: one app_queue queue per store queue and per group (XiVO's
groups are ring-all queues of users).

Members: users of groups and queues are static `member =>` lines dialling
their line (PJSIP/<name> for SIP lines, computed from the line the user has
now). Agents are never listed: the worker adds a logged agent at run time
(QueueAdd Local/id-<agent id>@agentcallback), so a reload never logs agents
in or out; `persistentmembers = no` keeps Asterisk from restoring members
the store no longer has (the worker re-adds the logged ones)."""

import re

from xivows.asterisk.config.text import ConfFile, is_identifier, plain_text

FILENAME = 'queues.conf'
STRATEGIES = (
    'ringall',
    'leastrecent',
    'fewestcalls',
    'random',
    'rrmemory',
    'rrordered',
    'linear',
    'wrandom',
)
EMPTY_FACTORS = (
    'paused',
    'penalty',
    'inuse',
    'ringing',
    'unavailable',
    'invalid',
    'unknown',
    'wrapup',
)
_LEGACY_EMPTY = ('yes', 'no', 'strict', 'loose')
_SOUND = re.compile(r'[A-Za-z0-9_][A-Za-z0-9/_.-]{0,127}')
MONITOR_FORMATS = ('gsm', 'wav', 'wav49')
SOUNDS = (
    'queue-youarenext',
    'queue-thereare',
    'queue-callswaiting',
    'queue-holdtime',
    'queue-minutes',
    'queue-seconds',
    'queue-thankyou',
    'queue-reporthold',
)


def _empty(build, name, key, value):
    """joinempty/leavewhenempty: the known factors of the stored list."""
    if not value:
        return None
    words = [word.strip().lower() for word in value.split(',') if word.strip()]
    words = ['paused' if word == 'pause' else word for word in words]
    if len(words) == 1 and words[0] in _LEGACY_EMPTY:
        return words[0]
    known = [word for word in dict.fromkeys(words) if word in EMPTY_FACTORS]
    unknown = [word for word in words if word not in EMPTY_FACTORS]
    if unknown:
        build.problem(f'queue {name}: {key} {", ".join(unknown)} unknown to Asterisk 21: left out')
    return ','.join(known) or None


def sound_file(value):
    """The value when it is a sound file name Asterisk can be given, else None."""
    return value if value and _SOUND.fullmatch(value) else None


def _number(value):
    return (
        int(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0
        else None
    )


def queue_options(build, queue, rules=()):
    name = queue['name']
    strategy = (queue['strategy'] or 'ringall').lower()
    if strategy not in STRATEGIES:
        build.problem(f'queue {name}: strategy {strategy!r} unknown: ringall')
        strategy = 'ringall'
    options = [
        ('strategy', strategy),
        ('musicclass', queue['musicclass'] if is_identifier(queue['musicclass'] or '') else None),
        ('announce', sound_file(queue['announce'])),
        ('timeout', _number(queue['timeout'])),
        ('retry', _number(queue['retry'])),
        (
            'timeoutpriority',
            queue['timeoutpriority'] if queue['timeoutpriority'] in ('app', 'conf') else None,
        ),
        ('timeoutrestart', bool(queue['timeoutrestart'])),
        ('weight', _number(queue['weight'])),
        ('wrapuptime', _number(queue['wrapuptime'])),
        ('autofill', bool(queue['autofill'])),
        ('autopause', queue['autopause'] if queue['autopause'] in ('yes', 'no', 'all') else None),
        ('maxlen', _number(queue['maxlen'])),
        ('servicelevel', _number(queue['servicelevel'])),
        ('memberdelay', _number(queue['memberdelay'])),
        ('ringinuse', bool(queue['ringinuse'])),
        ('reportholdtime', bool(queue['reportholdtime'])),
        ('setinterfacevar', bool(queue['setinterfacevar'])),
        ('setqueueentryvar', bool(queue['setqueueentryvar'])),
        ('setqueuevar', bool(queue['setqueuevar'])),
        ('joinempty', _empty(build, name, 'joinempty', queue['joinempty'])),
        ('leavewhenempty', _empty(build, name, 'leavewhenempty', queue['leavewhenempty'])),
        ('announce-frequency', _number(queue['announce_frequency'])),
        ('min-announce-frequency', _number(queue['min_announce_frequency'])),
        ('periodic-announce-frequency', _number(queue['periodic_announce_frequency'])),
        ('random-periodic-announce', bool(queue['random_periodic_announce'])),
        ('announce-round-seconds', _number(queue['announce_round_seconds'])),
        ('announce-position-limit', _number(queue['announce_position_limit'])),
    ]
    holdtime = (queue['announce_holdtime'] or '').lower()
    options.append(('announce-holdtime', holdtime if holdtime in ('yes', 'no', 'once') else None))
    position = (queue['announce_position'] or '').lower()
    options.append(
        ('announce-position', position if position in ('yes', 'no', 'limit', 'more') else None)
    )
    periodic = [
        sound
        for sound in (queue['periodic_announce'] or '').split(',')
        if sound_file(sound.strip())
    ]
    options.append(('periodic-announce', ','.join(sound.strip() for sound in periodic) or None))
    for key in SOUNDS:
        options.append((key, sound_file(queue[key.replace('-', '_')])))
    if queue['defaultrule']:
        if queue['defaultrule'] in rules:
            options.append(('defaultrule', queue['defaultrule']))
        else:
            build.problem(
                f'queue {name}: default rule {queue["defaultrule"]!r} is not in '
                'queuerules.conf: left out'
            )
    if (queue['monitor_type'] or '').lower() == 'mixmonitor':
        # Asterisk 21 records a queue's calls (MixMonitor) when it has a format.
        fmt = (queue['monitor_format'] or 'wav').lower()
        options.append(('monitor-format', fmt if fmt in MONITOR_FORMATS else 'wav'))
    if queue['membermacro']:
        build.problem(f'queue {name}: membermacro is gone in Asterisk 21 (no app_macro): left out')
    return options


def members(build, queue):
    """The static members (users) of a queue or group: [(interface, penalty, name)]."""
    found = []
    for row in build.data.queue_members:
        if row['queue_name'] != queue['name'] or row['commented'] or row['usertype'] != 'user':
            continue
        user = build.data.users.get(row['userid'])
        interfaces = build.user_interfaces(row['userid']) if user else []
        if not interfaces:
            build.problem(
                f'queue {queue["name"]}: member user {row["userid"]} has no line to dial: left out'
            )
            continue
        name = plain_text(f'{user["firstname"]} {user["lastname"]}') or interfaces[0]
        found.append((interfaces[0], max(int(row['penalty'] or 0), 0), name))
    return found


def usable_queues(build):
    """(queue row, kind) of every generated queue and group, by name."""
    found = []
    groups = {row['name'] for row in build.data.group_features.values() if not row['deleted']}
    queues = {row['name'] for row in build.data.queue_features.values()}
    for name, queue in sorted(build.data.queues.items()):
        if queue['commented']:
            continue
        kind = queue['category']
        if (kind == 'group' and name not in groups) or (kind == 'queue' and name not in queues):
            continue
        if not is_identifier(name) or name == 'general':
            build.problem(f'queue {name!r}: name not usable: skipped')
            continue
        found.append((queue, kind))
    return found


def render(build, rules=()):
    conf = ConfFile('queues.conf: queues and groups, with their users as static members')
    conf.comment(
        'Agents are not listed: the worker adds logged agents at run time '
        '(QueueAdd Local/id-<agent id>@agentcallback).'
    )
    conf.section(
        'general',
        [
            ('persistentmembers', False),
            ('autofill', True),
            ('shared_lastcall', True),
            ('log_membername_as_agent', True),
        ],
    )
    for queue, kind in usable_queues(build):
        conf.section(queue['name'], queue_options(build, queue, rules), note=f'{kind}')
        for interface, penalty, name in members(build, queue):
            conf.option('member', f'{interface},{penalty},{name}', '=>')
    return conf.text()
