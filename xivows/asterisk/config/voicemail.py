"""voicemail.conf: one section per voicemail context, one mailbox line each
(`<mailbox> => <password>,<full name>,<email>,<pager>,<options>`, options
separated by `|`), and the time zones the mailboxes use in [zonemessages]."""

import re

from xivows.asterisk.config.text import ConfFile, conf_value, is_identifier, plain_text
from xivows.asterisk.config.zones import zone_of

FILENAME = 'voicemail.conf'
RESERVED = {'general', 'zonemessages'}
_EMAIL = re.compile(r'[^\s,|;@]+@[^\s,|;@]+')
_PASSWORD = re.compile(r'[0-9*#]{0,80}')
_TIMEZONE = re.compile(r'[A-Za-z][A-Za-z0-9_+/-]{0,79}')
_FLAGS = (
    'attach',
    'saycid',
    'review',
    'operator',
    'envelope',
    'sayduration',
    'sendvoicemail',
    'forcename',
    'forcegreetings',
    'tempgreetwarn',
    'messagewrap',
    'moveheard',
    'nextaftercmd',
)
_NUMBERS = ('saydurationm', 'maxmsg', 'minsecs', 'maxsecs', 'backupdeleted')


def zone_name(timezone):
    return timezone.lower().replace('/', '_').replace('+', 'plus').replace('-', '_')


def _options(build, row, zones):
    options = []
    for column in _FLAGS:
        if row[column] is not None:
            options.append(f'{column}={"yes" if row[column] else "no"}')
    for column in _NUMBERS:
        if row[column] is not None and row[column] >= 0:
            options.append(f'{column}={int(row[column])}')
    if row['deletevoicemail']:
        options.append('delete=yes')
    if (row['hidefromdir'] or '').lower() == 'yes':
        options.append('hidefromdir=yes')
    if row['language'] and is_identifier(row['language']):
        options.append(f'language={row["language"]}')
    if row['volgain'] and re.fullmatch(r'-?[0-9]{1,2}(\.[0-9])?', row['volgain']):
        options.append(f'volgain={row["volgain"]}')
    for column in ('dialout', 'callback', 'exitcontext'):
        if row[column] and build.context_known(row[column]):
            options.append(f'{column}={row[column]}')
    if row['tz'] and _TIMEZONE.fullmatch(row['tz']):
        zones.add(row['tz'])
        options.append(f'tz={zone_name(row["tz"])}')
    for column in ('emailsubject', 'emailbody'):
        if row[column]:
            options.append(f'{column}={plain_text(row[column], limit=500)}')
    return options


def render(build):
    conf = ConfFile('voicemail.conf: mailboxes')
    conf.section('general', [('format', 'wav'), ('attach', 'no')])
    contexts = {}
    for _, row in sorted(build.data.voicemails.items()):
        if row['commented']:
            continue
        if build.mailbox(row['uniqueid']) is None or row['context'] in RESERVED:
            build.problem(f'voicemail {row["uniqueid"]}: mailbox or context not usable: skipped')
            continue
        if not _PASSWORD.fullmatch(row['password'] or ''):
            build.problem(
                f'voicemail {row["mailbox"]}@{row["context"]}: password must be digits: skipped'
            )
            continue
        contexts.setdefault(row['context'], []).append(row)
    zones = set()
    lines_by_context = {}
    for context in sorted(contexts):
        lines = []
        for row in sorted(contexts[context], key=lambda row: row['mailbox']):
            email = row['email'] if row['email'] and _EMAIL.fullmatch(row['email']) else ''
            pager = row['pager'] if row['pager'] and _EMAIL.fullmatch(row['pager']) else ''
            fields = [
                row['password'] or '',
                plain_text(row['fullname']),
                email,
                pager,
                '|'.join(_options(build, row, zones)),
            ]
            lines.append(f'{row["mailbox"]} => ' + conf_value(','.join(fields).rstrip(',')))
        lines_by_context[context] = lines
    if zones:
        conf.section('zonemessages')
        for timezone in sorted(zones):
            conf.raw(
                f"{zone_name(timezone)} = {zone_of(timezone)}|'vm-received' Q 'digits/at' IMp"
            )
    for context, lines in lines_by_context.items():
        conf.section(context)
        for line in lines:
            conf.raw(line)
    return conf.text()
