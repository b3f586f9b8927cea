"""Dial actions (what happens on no answer, busy... of an object, or where an
incall goes) as dial plan steps. A destination that does not exist any more
(unlinked, deleted, not generated) hangs up and is reported."""

import re

from xivows.asterisk.config.common import internal
from xivows.asterisk.config.dialplan import step
from xivows.asterisk.config.text import is_identifier, is_number

_SOUND = re.compile(r'[A-Za-z0-9_][A-Za-z0-9/_.-]{0,127}')
_VOICEMAIL_FLAGS = 'bsuUj'
_PLAYBACK_FLAGS = {'skip', 'noanswer'}
# A `custom` action: one call of a harmless application, its arguments without
# expansions (no ${...} or $[...]: functions such as DB_DELETE or SHELL), so
# that an API user cannot make Asterisk run commands (System, AGI, Exec...).
_CUSTOM = re.compile(r'([A-Za-z][A-Za-z0-9_]{0,39})\(([^$;`\\\n\r()]*)\)')
CUSTOM_APPLICATIONS = frozenset(
    (
        'Answer',
        'Background',
        'Busy',
        'ConfBridge',
        'Congestion',
        'Dial',
        'Echo',
        'Goto',
        'Hangup',
        'Log',
        'MusicOnHold',
        'NoOp',
        'Park',
        'ParkedCall',
        'Playback',
        'Progress',
        'Queue',
        'Ringing',
        'SayAlpha',
        'SayDigits',
        'SayNumber',
        'UserEvent',
        'Verbose',
        'VoiceMail',
        'VoiceMailMain',
        'Wait',
    )
)


def hangup():
    return [step('Hangup')]


def goto(context):
    return [step('Goto', context, 's', 1)]


def voicemail_steps(build, voicemail_id, flags=''):
    box = build.mailbox(voicemail_id)
    if box is None:
        return None
    flags = ''.join(flag for flag in dict.fromkeys(flags or '') if flag in _VOICEMAIL_FLAGS)
    return [step('VoiceMail', box, flags or None), step('Hangup')]


def _object_exists(build, kind, ident):
    return internal(kind, ident) in build.object_contexts


def steps_for(build, action, arg1, arg2, owner, owner_context=None):
    """The steps of one stored dial action. `owner` names the object in problem
    reports; `owner_context` is where an `extension` action without a context
    goes."""
    action = action or 'none'
    actiontype, _, sub = action.partition(':')
    if actiontype == 'none':
        return hangup()
    if actiontype == 'endcall':
        return [{'busy': step('Busy'), 'congestion': step('Congestion')}.get(sub, step('Hangup'))]
    if actiontype in ('user', 'group', 'queue', 'meetme', 'schedule', 'outcall'):
        ident = str(arg1 or '')
        if not ident.isdigit() or not _object_exists(build, actiontype, ident):
            build.problem(f'{owner}: destination {actiontype} {arg1} does not exist: hangs up')
            return hangup()
        context = internal(actiontype, ident)
        if actiontype == 'schedule':
            # Open: the schedule has nothing more to do (Return); closed: it leaves.
            return [step('Gosub', context, 's', 1), step('Hangup')]
        if actiontype == 'outcall':
            number = str(arg2 or '')
            if not is_number(number):
                build.problem(f'{owner}: outcall {arg1} without a number to dial: hangs up')
                return hangup()
            return [step('Set', f'XIVO_DSTNUM={number}'), step('Goto', context, 's', 1)]
        return goto(context)
    if actiontype == 'voicemail':
        found = voicemail_steps(build, int(arg1) if str(arg1 or '').isdigit() else None, arg2)
        if found is None:
            build.problem(f'{owner}: voicemail {arg1} does not exist: hangs up')
            return hangup()
        return found
    if actiontype == 'extension':
        exten, context = str(arg1 or ''), str(arg2 or '') or owner_context
        if not is_number(exten) or not context or not build.context_known(context):
            build.problem(f'{owner}: extension {arg1}@{arg2} not usable: hangs up')
            return hangup()
        return [step('Goto', context, exten, 1)]
    if actiontype == 'sound':
        sound = str(arg1 or '')
        if not _SOUND.fullmatch(sound):
            build.problem(f'{owner}: sound {arg1!r} not usable: hangs up')
            return hangup()
        flags = [
            flag for flag in re.split(r'[;&,\s]+', str(arg2 or '')) if flag in _PLAYBACK_FLAGS
        ]
        return [step('Playback', sound, '&'.join(flags) or None), step('Hangup')]
    if actiontype == 'application':
        if sub == 'voicemailmain':
            context = str(arg2 or '') or owner_context
            if context and is_identifier(context):
                return [step('VoiceMailMain', f'@{context}'), step('Hangup')]
            return [step('VoiceMailMain'), step('Hangup')]
        build.problem(
            f'{owner}: application {sub} is not available in the generated '
            'Asterisk configuration: hangs up'
        )
        return hangup()
    if actiontype == 'custom':
        match = _CUSTOM.fullmatch(str(arg1 or '').strip())
        if match is None or match.group(1) not in CUSTOM_APPLICATIONS:
            build.problem(
                f'{owner}: custom action {arg1!r} is not one call of an allowed '
                'application without expansions: hangs up'
            )
            return hangup()
        return [step(match.group(1), match.group(2)), step('Hangup')]
    build.problem(f'{owner}: unknown dial action {action}: hangs up')
    return hangup()
