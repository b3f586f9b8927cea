"""Checks of generated Asterisk configuration files, independent of the code
that writes them: a parser of Asterisk's configuration syntax, then per file
what Asterisk 21 would refuse or warn about, and the references between files
(endpoints, auths, aors, transports, contexts, queues, mailboxes, conference
profiles, parking contexts). check_all() returns the list of errors found."""

import re
from dataclasses import dataclass, field

from tests.asterisk import asterisk21

_SECTION = re.compile(r'\[([^\]\s;\[]+)\](?:\(([^)\s;]+)\))?')
_OPTION = re.compile(r'([A-Za-z0-9_.-]+)\s*(=>|=)\s*(.*)')
_UNESCAPED_SEMICOLON = re.compile(r'(?<!\\);')
_CONTROL = re.compile(r'[\x00-\x08\x0b-\x1f\x7f]')
_FUNCTION = re.compile(r'\$\{([A-Za-z_0-9]+)\(')
_APP = re.compile(r'([A-Za-z][A-Za-z0-9_]*)\((.*)\)')


@dataclass
class Section:
    name: str
    template: str | None
    line: int
    options: list = field(default_factory=list)  # (key, operator, value, line)

    def values(self, key):
        return [value for name, _, value, _ in self.options if name == key]

    def first(self, key):
        found = self.values(key)
        return found[0] if found else None


def parse(text, filename, errors):
    """Sections of a configuration file; syntax errors are appended to `errors`."""
    sections = []
    if not text.endswith('\n'):
        errors.append(f'{filename}: does not end with a newline')
    for number, line in enumerate(text.split('\n'), start=1):
        where = f'{filename}:{number}'
        if _CONTROL.search(line) or '\r' in line:
            errors.append(f'{where}: control character')
        stripped = line.strip()
        if not stripped or stripped.startswith(';'):
            continue
        if _UNESCAPED_SEMICOLON.search(line):
            errors.append(f'{where}: a `;` inside a line starts a comment: {line!r}')
        section = _SECTION.fullmatch(stripped)
        if section:
            sections.append(Section(section.group(1), section.group(2), number))
            continue
        option = _OPTION.fullmatch(stripped)
        if option is None:
            errors.append(f'{where}: neither a section, an option nor a comment: {line!r}')
            continue
        if not sections:
            errors.append(f'{where}: option outside any section')
            continue
        sections[-1].options.append(
            (option.group(1), option.group(2), option.group(3).strip(), number)
        )
    return sections


def as_read(value):
    """A raw option value as Asterisk's configuration parser gives it to the
    module (main/config.c): `\\;` is a `;`, every other backslash is kept."""
    return value.replace('\\;', ';')


def split_args(text):
    """Application arguments split on top-level commas (not inside ${...},
    $[...] or parentheses)."""
    parts, depth, current = [], 0, ''
    for char in text:
        if char in '([{':
            depth += 1
        elif char in ')]}':
            depth -= 1
        if char == ',' and depth == 0:
            parts.append(current)
            current = ''
        else:
            current += char
    parts.append(current)
    return parts


def balanced(text):
    depth = 0
    for char in text:
        depth += char in '([{'
        depth -= char in ')]}'
        if depth < 0:
            return False
    return depth == 0


def pattern_matches(pattern, exten):
    """Asterisk extension pattern matching (enough for the dial plan's checks)."""
    if not pattern.startswith('_'):
        return pattern == exten
    regex = ''
    body = pattern[1:]
    index = 0
    while index < len(body):
        char = body[index]
        if char in 'Xx':
            regex += '[0-9]'
        elif char in 'Zz':
            regex += '[1-9]'
        elif char in 'Nn':
            regex += '[2-9]'
        elif char == '.':
            regex += '.+'
        elif char == '!':
            regex += '.*'
        elif char == '[':
            end = body.index(']', index)
            regex += '[' + body[index + 1 : end] + ']'
            index = end
        else:
            regex += re.escape(char)
        index += 1
    return re.fullmatch(regex, exten) is not None


# -- extensions.conf ------------------------------------------------------------------


@dataclass
class Dialplan:
    contexts: dict = field(default_factory=dict)  # name -> {'includes', 'extensions', 'hints'}


def parse_dialplan(sections, errors):
    plan = Dialplan()
    for section in sections:
        if section.name in ('general', 'globals'):
            continue
        if section.name in plan.contexts:
            errors.append(f'extensions.conf:{section.line}: context {section.name} twice')
        context = plan.contexts.setdefault(
            section.name, {'includes': [], 'extensions': {}, 'hints': {}}
        )
        current = None
        for key, operator, value, line in section.options:
            where = f'extensions.conf:{line}'
            if operator != '=>':
                errors.append(f'{where}: dial plan lines use =>')
            if key == 'include':
                context['includes'].append((value, line))
            elif key == 'exten':
                parts = value.split(',', 2)
                if len(parts) != 3:
                    errors.append(f'{where}: exten => name,priority,application expected')
                    continue
                name, priority, call = parts
                if priority == 'hint':
                    context['hints'][name] = (call, line)
                    continue
                match = re.fullmatch(r'1(?:\(([A-Za-z0-9_-]+)\))?', priority)
                if not match:
                    errors.append(f'{where}: the first step of {name} must be priority 1')
                    continue
                if name in context['extensions']:
                    errors.append(
                        f'{where}: duplicate extension {name},1 in context {section.name}'
                    )
                current = context['extensions'][name] = [(match.group(1), call, line)]
            elif key == 'same':
                priority, _, call = value.partition(',')
                match = re.fullmatch(r'n(?:\(([A-Za-z0-9_-]+)\))?', priority)
                if current is None or not match:
                    errors.append(f'{where}: same => n[(label)],application after an exten')
                    continue
                current.append((match.group(1), call, line))
            else:
                errors.append(f'{where}: unknown dial plan key {key}')
    for name, context in plan.contexts.items():
        for exten, steps in context['extensions'].items():
            labels = [label for label, _, _ in steps if label]
            if len(labels) != len(set(labels)):
                errors.append(f'extensions.conf: {exten}@{name}: duplicate label')
    return plan


def _target(plan, external, here_context, here_exten, args, where, errors):
    """Check a Goto-like target: [[context,]exten,]priority."""
    parts = [part.strip() for part in split_args(args)]
    if len(parts) == 1:
        context, exten, priority = here_context, here_exten, parts[0]
    elif len(parts) == 2:
        context, (exten, priority) = here_context, parts
    elif len(parts) == 3:
        context, exten, priority = parts
    else:
        errors.append(f'{where}: bad jump target {args!r}')
        return
    if '${' in context:
        return
    if context not in plan.contexts:
        if context not in external:
            errors.append(f'{where}: jump to unknown context {context}')
        return
    if '${' in exten:
        return
    extensions = plan.contexts[context]['extensions']
    steps = extensions.get(exten)
    if steps is None:
        if not _reachable(plan, external, context, exten, set()):
            errors.append(f'{where}: jump to unknown extension {exten}@{context}')
        return
    if (
        not priority.isdigit()
        and '${' not in priority
        and priority not in {label for label, _, _ in steps}
    ):
        errors.append(f'{where}: jump to unknown label {priority} of {exten}@{context}')
    elif priority.isdigit() and not 1 <= int(priority) <= len(steps):
        errors.append(f'{where}: jump to missing priority {priority} of {exten}@{context}')


def _reachable(plan, external, context, exten, seen):
    """Whether `exten` matches in `context` or a context it includes (as
    Asterisk searches them); `external`: {context: extensions} that other
    modules (res_parking) register."""
    if context in seen:
        return False
    seen.add(context)
    if context not in plan.contexts:
        return exten in external.get(context, ())
    found = plan.contexts[context]
    if any(pattern_matches(name, exten) for name in found['extensions']):
        return True
    return any(
        _reachable(plan, external, include, exten, seen) for include, _ in found['includes']
    )


def _device(device, refs, where, errors):
    if device.startswith('${') or '${' in device.split('/', 1)[-1].split('@')[-1]:
        return  # a dial string held in a variable
    tech, _, resource = device.partition('/')
    if tech == 'PJSIP':
        endpoint = resource.split('@')[-1] if '@' in resource else resource
        if endpoint not in refs['endpoints']:
            errors.append(f'{where}: unknown PJSIP endpoint {endpoint}')
    elif tech == 'Local':
        context = resource.split('@', 1)[1].split('/')[0] if '@' in resource else None
        if context not in refs['contexts']:
            errors.append(f'{where}: Local channel into unknown context {context}')
    elif tech in ('SCCP', 'Custom', 'DAHDI'):
        pass
    else:
        errors.append(f'{where}: unknown channel technology {tech}')


def check_dialplan(plan, refs, errors):
    external = refs['external_contexts']
    for name, context in plan.contexts.items():
        for include, line in context['includes']:
            if include not in plan.contexts and include not in external:
                errors.append(f'extensions.conf:{line}: include of unknown context {include}')
        for _exten, (device, line) in context['hints'].items():
            for part in device.split('&'):
                _device(part, refs, f'extensions.conf:{line}', errors)
        for exten, steps in context['extensions'].items():
            for _label, call, line in steps:
                _check_call(plan, refs, name, exten, call, f'extensions.conf:{line}', errors)


def _check_call(plan, refs, context, exten, call, where, errors):
    match = _APP.fullmatch(call)
    if match is None:
        errors.append(f'{where}: not an application call: {call!r}')
        return
    app, args = match.groups()
    if app not in asterisk21.APPLICATIONS:
        errors.append(f'{where}: application {app} does not exist in Asterisk 21')
    if not balanced(args):
        errors.append(f'{where}: unbalanced brackets in {args!r}')
    for function in _FUNCTION.findall(args):
        if function not in asterisk21.FUNCTIONS:
            errors.append(f'{where}: function {function} does not exist in Asterisk 21')
    external = refs['external_contexts']
    parts = split_args(args)
    if app in ('Goto', 'Gosub'):
        target = args.split('(', 1)[0] if app == 'Gosub' else args
        _target(plan, external, context, exten, target, where, errors)
    elif app in ('GotoIf', 'GotoIfTime', 'ExecIf'):
        condition, question, branches = args.partition('?')
        if not question:
            errors.append(f'{where}: {app} without ?')
            return
        for branch in _branches(branches):
            if app == 'ExecIf':
                _check_call(plan, refs, context, exten, branch, where, errors)
            elif branch:
                _target(plan, external, context, exten, branch, where, errors)
    elif app == 'Dial':
        for device in parts[0].split('&'):
            _device(device, refs, where, errors)
    elif app == 'Queue':
        if parts[0] not in refs['queues']:
            errors.append(f'{where}: unknown queue {parts[0]}')
    elif app == 'ConfBridge':
        if (
            len(parts) < 3
            or parts[1] not in refs['bridge_profiles']
            or parts[2] not in refs['user_profiles']
        ):
            errors.append(f'{where}: ConfBridge profiles missing: {args}')
    elif app == 'VoiceMail':
        if parts[0] not in refs['mailboxes']:
            errors.append(f'{where}: unknown mailbox {parts[0]}')
    elif app == 'VoiceMailMain' and parts[0].startswith('@'):
        if parts[0][1:] not in refs['voicemail_contexts']:
            errors.append(f'{where}: unknown voicemail context {parts[0][1:]}')


def _branches(text):
    """The branches of `true:false` at top level."""
    depth, current, found = 0, '', []
    for char in text:
        depth += char in '([{'
        depth -= char in ')]}'
        if char == ':' and depth == 0:
            found.append(current)
            current = ''
        else:
            current += char
    found.append(current)
    return found


# -- the other files ------------------------------------------------------------------


def check_pjsip(sections, refs, errors):
    seen = set()
    by_type = {}
    for section in sections:
        where = f'pjsip.conf:{section.line}'
        kind = section.first('type')
        if kind not in asterisk21.PJSIP_OPTIONS:
            errors.append(f'{where}: [{section.name}] has no known type ({kind})')
            continue
        if (section.name, kind) in seen:
            errors.append(f'{where}: {kind} {section.name} twice')
        seen.add((section.name, kind))
        by_type.setdefault(kind, {})[section.name] = section
        for key, operator, _value, line in section.options:
            if key not in asterisk21.PJSIP_OPTIONS[kind]:
                errors.append(f'pjsip.conf:{line}: {kind} option {key} unknown to Asterisk 21')
            if operator != '=':
                errors.append(f'pjsip.conf:{line}: use = in pjsip.conf')
    if not by_type.get('transport'):
        errors.append('pjsip.conf: no transport')
    for name, section in by_type.get('endpoint', {}).items():
        where = f'pjsip.conf:{section.line}'
        for aor in (section.first('aors') or '').split(','):
            if aor and aor not in by_type.get('aor', {}):
                errors.append(f'{where}: endpoint {name}: unknown aor {aor}')
        if not section.first('aors'):
            errors.append(f'{where}: endpoint {name} has no aor')
        for key in ('auth', 'outbound_auth'):
            for auth in (section.first(key) or '').split(','):
                if auth and auth not in by_type.get('auth', {}):
                    errors.append(f'{where}: endpoint {name}: unknown {key} {auth}')
        transport = section.first('transport')
        if transport and transport not in by_type.get('transport', {}):
            errors.append(f'{where}: endpoint {name}: unknown transport {transport}')
        if section.first('context') not in refs['contexts']:
            errors.append(f'{where}: endpoint {name}: unknown context {section.first("context")}')
        for box in (section.first('mailboxes') or '').split(','):
            if box and box not in refs['mailboxes']:
                errors.append(f'{where}: endpoint {name}: unknown mailbox {box}')
    for name, section in by_type.get('auth', {}).items():
        if not section.first('username') or not (
            section.first('password') or section.first('md5_cred')
        ):
            errors.append(f'pjsip.conf:{section.line}: auth {name} without credentials')
    for name, section in by_type.get('registration', {}).items():
        where = f'pjsip.conf:{section.line}'
        for key in ('server_uri', 'client_uri'):
            if not (section.first(key) or '').startswith('sip:'):
                errors.append(f'{where}: registration {name}: {key} must be a sip: URI')
        auth = section.first('outbound_auth')
        if auth and auth not in by_type.get('auth', {}):
            errors.append(f'{where}: registration {name}: unknown outbound_auth {auth}')
        transport = section.first('transport')
        if transport and transport not in by_type.get('transport', {}):
            errors.append(f'{where}: registration {name}: unknown transport {transport}')
    for name, section in by_type.get('identify', {}).items():
        if section.first('endpoint') not in by_type.get('endpoint', {}):
            errors.append(f'pjsip.conf:{section.line}: identify {name}: unknown endpoint')
    return set(by_type.get('endpoint', {}))


def check_queues(sections, refs, errors):
    names = set()
    for section in sections:
        allowed = (
            asterisk21.QUEUE_GENERAL_OPTIONS
            if section.name == 'general'
            else asterisk21.QUEUE_OPTIONS
        )
        if section.name != 'general':
            names.add(section.name)
        for key, _, value, line in section.options:
            where = f'queues.conf:{line}'
            if key not in allowed:
                errors.append(f'{where}: queue option {key} unknown to Asterisk 21')
            if key == 'member':
                fields = value.split(',')
                if len(fields) < 2 or not fields[1].isdigit():
                    errors.append(f'{where}: member => interface,penalty,name expected')
                if fields[0].startswith('Agent/') or '@agentcallback' in fields[0]:
                    errors.append(f'{where}: agents are added at run time, never listed')
                _device(fields[0], refs, where, errors)
    return names


def check_queuerules(sections, errors):
    for section in sections:
        for key, _, value, line in section.options:
            if section.name == 'general':
                continue
            if key != 'penaltychange' or not re.fullmatch(
                r'[0-9]+,[+-]?[0-9]+(,[+-]?[0-9]+){0,2}', value
            ):
                errors.append(
                    f'queuerules.conf:{line}: penaltychange => seconds,max[,min[,raise]] expected'
                )


def parse_voicemail(sections, errors):
    boxes, contexts, zones = set(), set(), set()
    for section in sections:
        if section.name == 'zonemessages':
            zones |= {key for key, _, _, _ in section.options}
    for section in sections:
        if section.name in ('general', 'zonemessages'):
            continue
        contexts.add(section.name)
        for key, operator, value, line in section.options:
            where = f'voicemail.conf:{line}'
            if operator != '=>' or not key.isdigit():
                errors.append(f'{where}: mailbox lines are <digits> => ...')
            fields = value.split(',')
            if len(fields) > 5 or not re.fullmatch(r'[0-9*#]*', fields[0]):
                errors.append(f'{where}: password,name,email,pager,options expected')
            if len(fields) == 5 and fields[4]:
                for option in fields[4].split('|'):
                    name, _, setting = option.partition('=')
                    if name not in asterisk21.VOICEMAIL_MAILBOX_OPTIONS or not setting:
                        errors.append(f'{where}: mailbox option {option!r} unknown')
                    if name == 'tz' and setting not in zones:
                        errors.append(f'{where}: time zone {setting} not in [zonemessages]')
            if f'{key}@{section.name}' in boxes:
                errors.append(f'{where}: mailbox {key}@{section.name} twice')
            boxes.add(f'{key}@{section.name}')
    return boxes, contexts


def check_confbridge(sections, errors):
    bridges, users = set(), set()
    for section in sections:
        if section.name == 'general':
            continue
        kind = section.first('type')
        if kind not in asterisk21.CONFBRIDGE_OPTIONS:
            errors.append(f'confbridge.conf:{section.line}: [{section.name}] without known type')
            continue
        (bridges if kind == 'bridge' else users).add(section.name)
        for key, _, _, line in section.options:
            if key not in asterisk21.CONFBRIDGE_OPTIONS[kind]:
                errors.append(f'confbridge.conf:{line}: {kind} option {key} unknown')
    return bridges, users


def check_parking(sections, errors):
    """{lot context: the extensions res_parking registers there}."""
    contexts = {}
    for section in sections:
        extensions = set()
        for key, _, value, line in section.options:
            if key not in asterisk21.PARKING_OPTIONS:
                errors.append(f'res_parking.conf:{line}: option {key} unknown')
            if key == 'parkpos':
                bounds = re.fullmatch(r'([0-9]+)-([0-9]+)', value)
                if not bounds:
                    errors.append(f'res_parking.conf:{line}: parkpos first-last expected')
                else:
                    extensions |= {
                        str(number)
                        for number in range(int(bounds.group(1)), int(bounds.group(2)) + 1)
                    }
            if key == 'parkext':
                extensions.add(value)
        if section.name != 'general':
            context = section.first('context')
            if not context or context in contexts:
                errors.append(
                    f'res_parking.conf:{section.line}: lot {section.name} needs its own context'
                )
            contexts[context] = extensions
    return contexts


def check_all(files):
    """Every error found in the generated files ({file name: text})."""
    errors = []
    parsed = {name: parse(text, name, errors) for name, text in files.items()}
    expected = {
        'pjsip.conf',
        'extensions.conf',
        'queues.conf',
        'queuerules.conf',
        'voicemail.conf',
        'confbridge.conf',
        'res_parking.conf',
    }
    if set(files) != expected:
        errors.append(f'files: {sorted(files)} instead of {sorted(expected)}')
        return errors
    plan = parse_dialplan(parsed['extensions.conf'], errors)
    parking_contexts = check_parking(parsed['res_parking.conf'], errors)
    boxes, voicemail_contexts = parse_voicemail(parsed['voicemail.conf'], errors)
    bridges, users = check_confbridge(parsed['confbridge.conf'], errors)
    refs = {
        'contexts': set(plan.contexts) | set(parking_contexts),
        'external_contexts': parking_contexts,
        'mailboxes': boxes,
        'voicemail_contexts': voicemail_contexts,
        'bridge_profiles': bridges,
        'user_profiles': users,
        'endpoints': set(),
        'queues': set(),
    }
    refs['endpoints'] = check_pjsip(parsed['pjsip.conf'], refs, errors)
    refs['queues'] = check_queues(parsed['queues.conf'], refs, errors)
    check_queuerules(parsed['queuerules.conf'], errors)
    check_dialplan(plan, refs, errors)
    included = {
        include for context in plan.contexts.values() for include, _ in context['includes']
    }
    for context in set(parking_contexts) - included:
        errors.append(f'res_parking.conf: parking context {context} is included nowhere')
    return errors
