"""extensions.conf: the dial plan.

Each object of the store gets its own context, named xivo-<kind>-<id> (the
store refuses context names starting with `xivo-`): xivo-user-12 dials the
user's lines, xivo-group-3 and xivo-queue-4 enter app_queue, xivo-meetme-5
joins a ConfBridge, xivo-outcall-6 dials its trunks in order,
xivo-schedule-7 checks opening hours. The store's own contexts hold the
numbers (users, groups, queues, rooms, incall DIDs, outcall patterns), which
go to those contexts, plus their includes and the parking lots' contexts.
`agentcallback` dials the line a logged agent is on (AstDB, see
AGENT_DB_FAMILY)."""

from xivows.asterisk.config import destinations, parking, queues
from xivows.asterisk.config.common import AGENT_CALLBACK, AGENT_DB_FAMILY, internal
from xivows.asterisk.config.dialplan import Context, step
from xivows.asterisk.config.text import PATTERN, comment, is_identifier, is_number, plain_text

FILENAME = 'extensions.conf'
DIAL_STATUSES = {
    'NOANSWER': 'noanswer',
    'BUSY': 'busy',
    'CONGESTION': 'congestion',
    'CHANUNAVAIL': 'chanunavail',
}
OTHER_DIAL_STATUSES = ('ANSWER', 'CANCEL', 'DONTCALL', 'TORTURE', 'INVALIDARGS')
# QUEUESTATUS after Queue() -> the dial action event it leads to.
QUEUE_STATUSES = {
    'TIMEOUT': 'noanswer',
    'FULL': 'busy',
    'JOINEMPTY': 'congestion',
    'LEAVEEMPTY': 'congestion',
    'JOINUNAVAIL': 'chanunavail',
    'LEAVEUNAVAIL': 'chanunavail',
}
OTHER_QUEUE_STATUSES = ('CONTINUE', 'WITHDRAW')
WEEKDAYS = ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')  # the store's 1 to 7
MONTHS = ('jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec')


# -- shared pieces --------------------------------------------------------------------


def _fullname(row):
    return plain_text(f'{row.get("firstname") or ""} {row.get("lastname") or ""}') or '-'


def _event_steps(build, category, ident, event, owner, context, fallback=None):
    row = build.data.dialactions.get((category, str(ident), event))
    if row is None or row['action'] in (None, 'none'):
        if fallback is not None:
            return fallback
        return destinations.hangup()
    if not row['linked']:
        build.problem(f'{owner}: {event} destination was deleted: hangs up')
        return destinations.hangup()
    return destinations.steps_for(
        build, row['action'], row['actionarg1'], row['actionarg2'], f'{owner} ({event})', context
    )


def _callerid_steps(build, kind, ident):
    row = build.data.callerids.get((kind, ident))
    if row is None:
        return []
    display = plain_text(row['callerdisplay'])
    if not display:
        return []
    if row['mode'] == 'prepend':
        return [step('Set', f'CALLERID(name)={display}${{CALLERID(name)}}')]
    if row['mode'] == 'append':
        return [step('Set', f'CALLERID(name)=${{CALLERID(name)}}{display}')]
    return [step('Set', f'CALLERID(name)={display}')]


def _subroutine_steps(build, name, owner):
    if not name:
        return []
    if not build.context_known(name):
        build.problem(f'{owner}: preprocess subroutine {name!r} is not a context: not called')
        return []
    return [step('Gosub', name, 's', 1)]


def _schedule_steps(build, path, ident):
    schedule_id = build.data.schedule_paths.get((path, ident))
    if not schedule_id:
        return []
    context = internal('schedule', schedule_id)
    if context not in build.object_contexts:
        return []
    return [step('Gosub', context, 's', 1)]


def _prologue(build, owner, path, ident, callerid_kind=None, subroutine=None):
    steps = []
    if callerid_kind:
        steps += _callerid_steps(build, callerid_kind, ident)
    steps += _subroutine_steps(build, subroutine, owner)
    steps += _schedule_steps(build, path, ident)
    return steps


def _ranges(text, names=None):
    """'1-5,7' -> 'mon-fri&sun' (names) or '1-5&7'."""
    if not text:
        return '*'
    parts = []
    for item in text.split(','):
        bounds = item.split('-')
        if not all(bound.isdigit() for bound in bounds) or len(bounds) > 2:
            return None
        if names:
            try:
                bounds = [names[int(bound) - 1] for bound in bounds]
            except IndexError:
                return None
        parts.append('-'.join(bounds))
    return '&'.join(parts)


def _timing(build, period, timezone, owner):
    hours = period['hours'] or '*'
    if not all(part.replace(':', '').isdigit() for part in hours.split('-')) and hours != '*':
        hours = None
    weekdays = _ranges(period['weekdays'], WEEKDAYS)
    monthdays = _ranges(period['monthdays'])
    months = _ranges(period['months'], MONTHS)
    if None in (hours, weekdays, monthdays, months):
        build.problem(f'{owner}: period {period["id"]} not understood: ignored')
        return None
    fields = [hours, weekdays, monthdays, months]
    if timezone:
        fields.append(timezone)
    return ','.join(fields)


# -- object contexts ------------------------------------------------------------------


def _user_context(build, user):
    ident = user['id']
    owner = f'user {ident}'
    context = Context(internal('user', ident), note=f'user {ident}: {_fullname(user)}')
    lines = build.data.lines_of_user(ident)
    line_context = lines[0]['context'] if lines else None
    interfaces = build.user_interfaces(ident)
    steps = [step('NoOp', f'user {ident}')]
    steps += _prologue(build, owner, 'user', ident, subroutine=user['preprocess_subroutine'])
    if user['enableunc'] and is_number(user['destunc']) and line_context:
        steps.append(step('Goto', line_context, user['destunc'], 1))
    if user['enablednd']:
        steps.append(step('Goto', 'BUSY', 1))
    if user['callrecord']:
        steps.append(step('MixMonitor', f'user-{ident}-${{UNIQUEID}}.wav'))
    if interfaces:
        options = ''
        if user['enablexfer']:
            options += 't'
        if user['enableonlinerec']:
            options += 'x'
        ring = user['ringseconds'] if user['ringseconds'] and user['ringseconds'] > 0 else None
        steps.append(step('Dial', '&'.join(interfaces), ring, options or None))
        steps.append(step('Goto', '${DIALSTATUS}', 1))
    else:
        steps.append(step('Goto', 'CHANUNAVAIL', 1))
    context.add('s', steps)
    box = build.mailbox(user['voicemailid']) if user['enablevoicemail'] else None
    for status, event in DIAL_STATUSES.items():
        fallback = None
        forward = {'busy': ('enablebusy', 'destbusy'), 'noanswer': ('enablerna', 'destrna')}.get(
            event
        )
        if forward and user[forward[0]] and is_number(user[forward[1]]) and line_context:
            fallback = [step('Goto', line_context, user[forward[1]], 1)]
        elif box and event in ('noanswer', 'busy', 'chanunavail'):
            # XiVO's rule: a user with voicemail enabled and no other action
            # sends unanswered (u) and busy (b) calls to the mailbox.
            fallback = [step('VoiceMail', box, 'b' if event == 'busy' else 'u'), step('Hangup')]
        context.add(
            status, _event_steps(build, 'user', ident, event, owner, line_context, fallback)
        )
    for status in OTHER_DIAL_STATUSES:
        context.add(status, destinations.hangup())
    context.add('i', destinations.hangup())
    return context


def _queue_options(features):
    options = ''
    for column, letter in (
        ('data_quality', 'd'),
        ('hitting_callee', 'h'),
        ('hitting_caller', 'H'),
        ('retries', 'n'),
        ('ring', 'r'),
        ('transfer_user', 't'),
        ('transfer_call', 'T'),
        ('write_caller', 'x'),
        ('write_calling', 'X'),
    ):
        if features.get(column):
            options += letter
    return options or None


def _queue_statuses(build, context, category, ident, owner, owner_context):
    for status, event in QUEUE_STATUSES.items():
        context.add(status, _event_steps(build, category, ident, event, owner, owner_context))
    for status in OTHER_QUEUE_STATUSES:
        context.add(status, destinations.hangup())
    context.add('i', destinations.hangup())


def _group_context(build, group):
    ident = group['id']
    owner = f'group {group["name"]}'
    context = Context(internal('group', ident), note=f'group {ident}: {group["name"]}')
    steps = [step('NoOp', f'group {group["name"]}')]
    steps += _prologue(build, owner, 'group', ident, 'group', group['preprocess_subroutine'])
    timeout = group['timeout'] if group['timeout'] and group['timeout'] > 0 else None
    steps.append(step('Queue', group['name'], _queue_options(group), None, None, timeout))
    steps.append(step('Goto', '${QUEUESTATUS}', 1))
    context.add('s', steps)
    _queue_statuses(build, context, 'group', ident, owner, group['context'])
    return context


def _queue_url(build, owner, url):
    """Queue()'s URL (sent to the member's phone where its channel can take it):
    only a plain one, which no dial plan character can turn into something else."""
    if not url:
        return None
    if ' ' in url or plain_text(url, limit=len(url)) != url:
        build.problem(f'{owner}: url {url!r} cannot be a dial plan argument: left out')
        return None
    return url


def _announce_override(build, owner, sound):
    if not sound:
        return None
    if queues.sound_file(sound) is None:
        build.problem(f'{owner}: announce override {sound!r} is not a sound file: left out')
        return None
    return sound


def _queue_context(build, features):
    ident = features['id']
    name = features['name']
    owner = f'queue {name}'
    context = Context(internal('queue', ident), note=f'queue {ident}: {name}')
    steps = [step('NoOp', f'queue {name}')]
    steps += _prologue(build, owner, 'queue', ident, 'queue', features['preprocess_subroutine'])
    if features['waittime']:
        # QUEUE_VARIABLES sets QUEUEHOLDTIME (the queue's average hold time).
        steps.append(step('Set', f'XIVO_QUEUE_VARIABLES=${{QUEUE_VARIABLES({name})}}'))
        steps.append(
            step('GotoIf', f'$[0${{QUEUEHOLDTIME}} > {int(features["waittime"])}]?QWAITTIME,1')
        )
    if features['waitratio']:
        ratio = f'{float(features["waitratio"]):g}'
        steps.append(
            step(
                'GotoIf',
                f'$[${{QUEUE_WAITING_COUNT({name})}} >= '
                f'${{QUEUE_MEMBER({name},logged)}} * {ratio}]?QWAITRATIO,1',
            )
        )
    timeout = features['timeout'] if features['timeout'] and features['timeout'] > 0 else None
    if name in build.queue_max_penalty:
        # Its tier rule (queuerules.conf) raises the level from here.
        steps.append(step('Set', f'QUEUE_MAX_PENALTY={build.queue_max_penalty[name]}'))
    steps.append(
        step(
            'Queue',
            name,
            _queue_options(features),
            _queue_url(build, owner, features['url']),
            _announce_override(build, owner, features['announceoverride']),
            timeout,
        )
    )
    steps.append(step('Goto', '${QUEUESTATUS}', 1))
    context.add('s', steps)
    _queue_statuses(build, context, 'queue', ident, owner, features['context'])
    context.add(
        'QWAITTIME', _event_steps(build, 'queue', ident, 'qwaittime', owner, features['context'])
    )
    context.add(
        'QWAITRATIO', _event_steps(build, 'queue', ident, 'qwaitratio', owner, features['context'])
    )
    return context


def _meetme_context(build, meetme, pins):
    ident = meetme['id']
    owner = f'conference room {meetme["name"]}'
    context = Context(
        internal('meetme', ident), note=f'conference room {ident}: {plain_text(meetme["name"])}'
    )
    bridge, user, admin = (
        f'xivo-meetme-{ident}',
        f'xivo-meetme-{ident}-user',
        f'xivo-meetme-{ident}-admin',
    )
    pin, pinadmin = pins
    steps = [step('NoOp', f'conference room {ident}')]
    steps += _subroutine_steps(build, meetme['preprocess_subroutine'], owner)
    steps.append(step('Answer'))
    join_user = [step('ConfBridge', f'meetme-{ident}', bridge, user, label='user'), step('Hangup')]
    join_admin = [
        step('ConfBridge', f'meetme-{ident}', bridge, admin, label='admin'),
        step('Hangup'),
    ]
    if not pin and not pinadmin:
        context.add('s', steps + join_user)
        return context
    # One PIN prompt tells users from administrators; three wrong PINs hang up.
    steps.append(step('Set', 'XIVO_TRIES=0'))
    steps.append(step('Read', 'XIVO_PIN', 'conf-getpin', 20, None, 1, 10, label='pin'))
    if pinadmin:
        steps.append(step('GotoIf', f'$["${{XIVO_PIN}}" = "{pinadmin}"]?admin'))
    if pin:
        steps.append(step('GotoIf', f'$["${{XIVO_PIN}}" = "{pin}"]?user'))
        steps.append(step('Set', 'XIVO_TRIES=$[${XIVO_TRIES} + 1]'))
        steps.append(step('GotoIf', '$[${XIVO_TRIES} < 3]?pin'))
        steps.append(step('Hangup'))
    else:
        steps.append(step('Goto', 'user'))
    context.add('s', steps + join_user + join_admin)
    return context


def _trunk_dial(build, trunk_id, owner):
    trunk = build.data.trunks.get(trunk_id)
    if trunk is None:
        return None
    if trunk['protocol'] == 'sip':
        row = build.data.sip.get(trunk['protocolid'])
        if row and not row['commented'] and is_identifier(row['name']):
            return f'PJSIP/${{XIVO_DSTNUM}}@{row["name"]}'
    elif trunk['protocol'] == 'custom':
        row = build.data.custom.get(trunk['protocolid'])
        interface = build.custom_interface(row)
        if interface:
            suffix = row['intfsuffix'] or ''
            if suffix and not is_identifier(suffix.replace('@', '').replace('/', '')):
                suffix = ''
            return f'{interface}/${{XIVO_DSTNUM}}{suffix}'
    build.problem(f'{owner}: trunk {trunk_id} ({trunk["protocol"]}) cannot be dialled: skipped')
    return None


def _outcall_context(build, outcall):
    ident = outcall['id']
    owner = f'outcall {outcall["name"]}'
    context = Context(
        internal('outcall', ident), note=f'outcall {ident}: {plain_text(outcall["name"])}'
    )
    steps = [step('NoOp', f'outcall {ident} to ${{XIVO_DSTNUM}}')]
    steps += _prologue(build, owner, 'outcall', ident, subroutine=outcall['preprocess_subroutine'])
    ring = outcall['hangupringtime'] if outcall['hangupringtime'] > 0 else None
    dials = [
        dial
        for dial in (
            _trunk_dial(build, link['trunkfeaturesid'], owner)
            for link in build.data.outcall_trunks
            if link['outcallid'] == ident
        )
        if dial
    ]
    if not dials:
        build.problem(f'{owner}: no trunk to dial through: answers congestion')
    for index, dial in enumerate(dials):
        steps.append(step('Dial', dial, ring))
        if index < len(dials) - 1:
            # The next trunk only when this one could not take the call.
            steps.append(
                step(
                    'ExecIf',
                    '$["${DIALSTATUS}" != "CHANUNAVAIL" & '
                    '"${DIALSTATUS}" != "CONGESTION"]?Hangup()',
                )
            )
    steps.append(step('Congestion') if not dials else step('Hangup'))
    context.add('s', steps)
    return context


def _schedule_context(build, schedule):
    ident = schedule['id']
    owner = f'schedule {schedule["name"]}'
    context = Context(
        internal('schedule', ident), note=f'schedule {ident}: {plain_text(schedule["name"])}'
    )
    timezone = (
        schedule['timezone']
        if is_identifier((schedule['timezone'] or '').replace('/', ''))
        else None
    )
    steps = [step('NoOp', f'schedule {ident}')]
    closed = []
    periods = [
        row
        for row in build.data.schedule_times
        if row['schedule_id'] == ident and not row['commented']
    ]
    # Closed periods (holidays...) first: they win over opening hours.
    for period in (row for row in periods if row['mode'] == 'closed'):
        timing = _timing(build, period, timezone, owner)
        if timing:
            steps.append(step('GotoIfTime', f'{timing}?closed-{period["id"]},1'))
            closed.append(period)
    for period in (row for row in periods if row['mode'] == 'opened'):
        timing = _timing(build, period, timezone, owner)
        if timing:
            steps.append(step('GotoIfTime', f'{timing}?open,1'))
    steps.append(step('Goto', 'closed', 1))
    context.add('s', steps)
    context.add('open', [step('Return')], note='opened: back to the caller of the schedule')
    context.add(
        'closed',
        [step('StackPop')]
        + destinations.steps_for(
            build,
            schedule['fallback_action'],
            schedule['fallback_actionid'],
            schedule['fallback_actionargs'],
            f'{owner} (closed)',
        ),
    )
    for period in closed:
        context.add(
            f'closed-{period["id"]}',
            [step('StackPop')]
            + destinations.steps_for(
                build,
                period['action'],
                period['actionid'],
                period['actionargs'],
                f'{owner} (closed period {period["id"]})',
            ),
        )
    return context


def _agentcallback(build):
    context = Context(
        AGENT_CALLBACK,
        note='queue members of logged agents '
        '(Local/id-<agent id>@agentcallback) ring the line the agent is '
        f'logged on: AstDB {AGENT_DB_FAMILY}/<agent id>, kept by the worker',
    )
    for agent_id in sorted(build.data.agents):
        agent = build.data.agents[agent_id]
        context.add(
            f'id-{agent_id}',
            [
                step('NoOp', f'agent {agent_id} {plain_text(agent["number"])}'),
                step('Set', f'XIVO_AGENT_LINE=${{DB({AGENT_DB_FAMILY}/{agent_id})}}'),
                step('GotoIf', '$["${XIVO_AGENT_LINE}" = ""]?nobody'),
                step('Dial', '${XIVO_AGENT_LINE}'),
                step('Hangup'),
                step('Congestion', label='nobody'),
            ],
        )
    return context


# -- which objects exist --------------------------------------------------------------


def _users(build):
    return [user for _, user in sorted(build.data.users.items()) if not user['commented']]


def _groups(build):
    found = []
    for _, group in sorted(build.data.group_features.items()):
        queue = build.data.queues.get(group['name'])
        if group['deleted'] or queue is None or queue['commented']:
            continue
        if not is_identifier(group['name']):
            build.problem(f'group {group["name"]!r}: name not usable: skipped')
            continue
        found.append(group)
    return found


def _queues(build):
    found = []
    for _, features in sorted(build.data.queue_features.items()):
        queue = build.data.queues.get(features['name'])
        if queue is None or queue['commented'] or queue['category'] != 'queue':
            continue
        if not is_identifier(features['name']):
            build.problem(f'queue {features["name"]!r}: name not usable: skipped')
            continue
        found.append(features)
    return found


def meetme_pins(build, meetme):
    """(pin, admin pin) of a room ('' when none), from its meetme.conf line
    `<confno>,<pin>,<pinadmin>`."""
    room = build.data.static_meetmes.get(meetme['meetmeid'])
    parts = ((room or {}).get('var_val') or '').split(',')
    pin = parts[1] if len(parts) > 1 else ''
    pinadmin = parts[2] if len(parts) > 2 else ''
    return (pin if pin.isdigit() else '', pinadmin if pinadmin.isdigit() else '')


def meetmes(build):
    return [row for _, row in sorted(build.data.meetmes.items()) if not row['commented']]


def _outcalls(build):
    return [row for _, row in sorted(build.data.outcalls.items()) if not row['commented']]


def _schedules(build):
    return [row for _, row in sorted(build.data.schedules.items()) if not row['commented']]


# -- the store's contexts -------------------------------------------------------------


def _number_extension(build, context, row, generated):
    """One `extensions` row of a store context -> an extension going to its object."""
    kind, ident = row['type'], row['typeval']
    exten = row['exten']
    if kind == 'outcall':
        return _pattern_extension(build, context, row)
    if not is_number(exten):
        build.problem(f'number {exten!r}@{context.name} not usable: skipped')
        return
    target = internal(kind, ident)
    if kind == 'incall':
        return _incall_extension(build, context, row)
    if target not in generated:
        return  # an object that is not generated (commented, deleted...)
    hint = None
    if kind == 'user':
        user = build.data.users.get(int(ident)) if ident.isdigit() else None
        if user and user['enablehint']:
            hint = '&'.join(build.user_interfaces(user['id'])) or None
    context.add(exten, [step('Goto', target, 's', 1)], hint=hint)


def _incall_extension(build, context, row):
    incall = build.data.incalls.get(int(row['typeval'])) if row['typeval'].isdigit() else None
    if incall is None or incall['commented']:
        return
    ident = incall['id']
    owner = f'incall {incall["exten"]}@{incall["context"]}'
    steps = [step('NoOp', f'incall {ident}')]
    steps += _prologue(build, owner, 'incall', ident, 'incall', incall['preprocess_subroutine'])
    steps += _event_steps(build, 'incall', ident, 'answer', owner, incall['context'])
    context.add(row['exten'], steps)


def _pattern_extension(build, context, row):
    pattern = (
        build.data.dialpatterns.get(int(row['typeval'])) if row['typeval'].isdigit() else None
    )
    if pattern is None:
        return
    outcall = build.data.outcalls.get(pattern['typeid'])
    target = internal('outcall', pattern['typeid'])
    if outcall is None or target not in build.object_contexts:
        return
    exten = pattern['exten']
    if not PATTERN.fullmatch(exten):
        build.problem(f'outcall {outcall["name"]}: pattern {exten!r} not usable: skipped')
        return
    strip = pattern['stripnum'] or 0
    prefix = pattern['externprefix'] or ''
    if prefix and not is_number(prefix):
        prefix = ''
    steps = [
        step('NoOp', f'outcall {outcall["id"]} pattern {pattern["id"]}'),
        step(
            'Set',
            f'XIVO_DSTNUM={prefix}${{EXTEN:{strip}}}'
            if strip
            else f'XIVO_DSTNUM={prefix}${{EXTEN}}',
        ),
    ]
    callerid = (pattern['callerid'] or '').strip()
    if callerid and not outcall['internal']:
        if is_number(callerid):
            steps.append(step('Set', f'CALLERID(num)={callerid}'))
        else:
            build.problem(
                f'outcall {outcall["name"]}: caller id {callerid!r} is not a number: not set'
            )
    steps.append(step('Goto', target, 's', 1))
    context.add(exten, steps)


def _store_context(build, name, numbers, parking_contexts, generated):
    row = next(row for row in build.data.contexts if row['name'] == name)
    context = Context(
        name, note=f'context {name} ({row["contexttype"]}): {plain_text(row["displayname"])}'
    )
    for include in build.data.includes:
        if include['context'] != name:
            continue
        if build.context_known(include['include']) and include['include'] != name:
            context.includes.append(include['include'])
        else:
            build.problem(
                f'context {name}: included context {include["include"]!r} '
                'does not exist: not included'
            )
    context.includes += parking_contexts.get(name, [])
    for number in numbers.get(name, []):
        _number_extension(build, context, number, generated)
    return context


# -- the file --------------------------------------------------------------------------


def object_contexts(build):
    """Name every object context first (destinations are checked against them)."""
    names = set()
    names |= {internal('user', user['id']) for user in _users(build)}
    names |= {internal('group', group['id']) for group in _groups(build)}
    names |= {internal('queue', queue['id']) for queue in _queues(build)}
    names |= {internal('meetme', room['id']) for room in meetmes(build)}
    names |= {internal('outcall', outcall['id']) for outcall in _outcalls(build)}
    names |= {internal('schedule', schedule['id']) for schedule in _schedules(build)}
    return names


def render(build):
    build.object_contexts = object_contexts(build)
    contexts = []
    store = build.store_contexts()
    numbers = {}
    for row in build.data.extensions:
        numbers.setdefault(row['context'], []).append(row)
    parking_contexts = parking.included_contexts(build)
    for name in store:
        contexts.append(
            _store_context(build, name, numbers, parking_contexts, build.object_contexts)
        )
    contexts += [_user_context(build, user) for user in _users(build)]
    contexts += [_group_context(build, group) for group in _groups(build)]
    contexts += [_queue_context(build, queue) for queue in _queues(build)]
    contexts += [_meetme_context(build, room, meetme_pins(build, room)) for room in meetmes(build)]
    contexts += [_outcall_context(build, outcall) for outcall in _outcalls(build)]
    contexts += [_schedule_context(build, schedule) for schedule in _schedules(build)]
    contexts.append(_agentcallback(build))
    lines = [
        comment('extensions.conf: the dial plan of the store'),
        comment('Generated by xivows from its store: edits here are overwritten.'),
        '',
        '[general]',
        'static = yes',
        'writeprotect = yes',
        'autofallthrough = yes',
        'clearglobalvars = no',
        '',
        '[globals]',
    ]
    for context in contexts:
        lines.append('')
        lines += context.lines()
    return '\n'.join(lines) + '\n'
