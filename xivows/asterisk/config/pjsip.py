"""pjsip.conf: transports, then per SIP line an endpoint + aor + auth named as
the line, per SIP trunk the same plus an identify (static host) and its
outbound registration.

chan_sip options of the store (usersip, the XiVO schema) are translated to
their PJSIP equivalents; options with no PJSIP equivalent are not written."""

import re

from xivows.asterisk.config.text import HOST, ConfFile, is_identifier
from xivows.constants import ASTERISK_FORMATS

FILENAME = 'pjsip.conf'
DEFAULT_CODECS = ('ulaw', 'alaw')
# A name Asterisk does not know would keep the whole endpoint from loading (a
# store filled before the services refused them): left out.
_CODECS = ASTERISK_FORMATS | {'all'}

# The SIP general settings (seed 000's SIPSysCfg); the store has no table for
# them yet, so a snapshot without settings uses these.
DEFAULT_SIP_SETTINGS = {
    'UDPEnable': '1',
    'UDPPort': '5060',
    'TCPEnable': '0',
    'TCPPort': '5060',
    'TLSEnable': '0',
    'TLSPort': '5061',
    'BindAddress': '0.0.0.0',
    'TLSCertFile': '',
    'TLSKeyFile': '',
}
PROTOCOLS = ('udp', 'tcp', 'tls')


def _enabled(value):
    return str(value).strip().lower() in ('1', 'true', 'yes', 'on')


def _port(value, default):
    text = str(value).strip()
    if text.isdigit() and 0 < int(text) < 65536:
        return int(text)
    return default


def transports(settings=None, problems=None):
    """[(section name, options)] of the enabled transports. `settings` holds
    SIPSysCfg's keys (UDPEnable, UDPPort, TCPEnable...; empty values take the
    defaults), plus BindAddress, TLSCertFile and TLSKeyFile."""
    merged = dict(DEFAULT_SIP_SETTINGS)
    for key, value in (settings or {}).items():
        if value not in (None, ''):
            merged[key] = value
    bind = str(merged['BindAddress']).strip()
    if not HOST.fullmatch(bind):
        bind = DEFAULT_SIP_SETTINGS['BindAddress']
    found = []
    for protocol in PROTOCOLS:
        upper = protocol.upper()
        if not _enabled(merged[f'{upper}Enable']):
            continue
        port = _port(merged[f'{upper}Port'], int(DEFAULT_SIP_SETTINGS[f'{upper}Port']))
        host = f'[{bind}]' if ':' in bind and not bind.startswith('[') else bind
        options = [('type', 'transport'), ('protocol', protocol), ('bind', f'{host}:{port}')]
        if protocol == 'tls':
            cert, key = merged['TLSCertFile'], merged['TLSKeyFile']
            if not cert or not key:
                if problems is not None:
                    problems.append(
                        'SIP TLS transport enabled without TLSCertFile and '
                        'TLSKeyFile: not generated'
                    )
                continue
            options += [('cert_file', cert), ('priv_key_file', key), ('method', 'tlsv1_2')]
        found.append((f'transport-{protocol}', options))
    return found


def _codecs(row):
    allowed = [codec.strip().lower() for codec in re.split(r'[,|]', row.get('allow') or '')]
    allowed = [codec for codec in allowed if codec in _CODECS]
    return ','.join(dict.fromkeys(allowed or DEFAULT_CODECS))


def _dtmf(value):
    return {
        'rfc2833': 'rfc4733',
        'inband': 'inband',
        'info': 'info',
        'shortinfo': 'info',
        'auto': 'auto',
    }.get((value or '').lower())


def _nat_options(value):
    value = (value or '').lower()
    if not value or value == 'no':
        return []
    return [('rtp_symmetric', True), ('force_rport', True), ('rewrite_contact', True)]


def _direct_media(value):
    value = (value or '').lower()
    if value == 'yes':
        return [('direct_media', True)]
    if value == 'update':
        return [('direct_media', True), ('direct_media_method', 'update')]
    if value == 'nonat':
        return [('direct_media', True), ('disable_direct_media_on_nat', True)]
    return [('direct_media', False)]


def _qualify(value, frequency):
    value = (value or '').lower()
    if value in ('', 'no'):
        return 0
    seconds = _port(frequency, 0) if frequency else 0
    return seconds or 60


def _rpid(row):
    options = []
    send = (row.get('sendrpid') or '').lower()
    if send in ('yes', 'rpid'):
        options.append(('send_rpid', True))
    elif send == 'pai':
        options.append(('send_pai', True))
    if (row.get('trustrpid') or '').lower() == 'yes':
        options.append(('trust_id_inbound', True))
    return options


def _timers(row):
    value = (row.get('session_timers') or '').lower()
    timers = {'originate': 'always', 'accept': 'yes', 'refuse': 'no'}.get(value)
    options = [('timers', timers)] if timers else []
    for column, key in (
        ('session_expires', 'timers_sess_expires'),
        ('session_minse', 'timers_min_se'),
    ):
        if str(row.get(column) or '').isdigit():
            options.append((key, row[column]))
    return options


def _word(value):
    """An optional one-word option value (language, moh class, account code)."""
    return value if value and is_identifier(value) else None


def _transport(build, row, enabled):
    wanted = [part.strip().lower() for part in (row.get('transport') or '').split(',')]
    for protocol in wanted:
        if f'transport-{protocol}' in enabled:
            return f'transport-{protocol}'
    return None


def _static_host(row):
    host = (row.get('host') or '').strip()
    if not host or host.lower() == 'dynamic' or not HOST.fullmatch(host):
        return None
    return host


def endpoint_options(build, row, context, mailboxes=None, callerid=None, enabled=(), auth=None):
    """The endpoint options common to lines and trunks."""
    options = [
        ('type', 'endpoint'),
        ('transport', _transport(build, row, enabled)),
        ('context', context),
        ('disallow', 'all'),
        ('allow', _codecs(row)),
        ('aors', row['name']),
        ('auth', auth),
    ]
    options.append(('callerid', callerid))
    options.append(('language', _word(row.get('language'))))
    options.append(('mailboxes', mailboxes))
    options.append(('dtmf_mode', _dtmf(row.get('dtmfmode'))))
    options += _direct_media(row.get('directmedia'))
    options += _nat_options(row.get('nat'))
    options += _rpid(row)
    options += _timers(row)
    options.append(('moh_suggest', _word(row.get('mohsuggest'))))
    options.append(('accountcode', _word(row.get('accountcode'))))
    options.append(('from_user', _word(row.get('fromuser'))))
    domain = row.get('fromdomain')
    options.append(('from_domain', domain if domain and HOST.fullmatch(domain) else None))
    if (row.get('t38pt_udptl') or '').lower() == 'yes':
        options.append(('t38_udptl', True))
    if (row.get('encryption') or '').lower() == 'yes':
        options.append(('media_encryption', 'sdes'))
    if (row.get('allowsubscribe') or '').lower() == 'no':
        options.append(('allow_subscribe', False))
    if row.get('subscribecontext') and build.context_known(row['subscribecontext']):
        options.append(('subscribe_context', row['subscribecontext']))
    for column, key in (
        ('rtptimeout', 'rtp_timeout'),
        ('rtpholdtimeout', 'rtp_timeout_hold'),
        ('rtpkeepalive', 'rtp_keepalive'),
    ):
        if str(row.get(column) or '').isdigit():
            options.append((key, row[column]))
    if row.get('call_limit'):
        options.append(('device_state_busy_at', row['call_limit']))
    return options


def _callerid(row):
    """The line's caller id for Asterisk's caller id parser, which reads `\\x`
    in the name as x: a backslash of the store's value is written twice."""
    callerid = (row.get('callerid') or '').strip()
    return callerid.replace('\\', '\\\\') or None


def _line_sections(build, line, enabled, mailbox):
    row = build.sip_peer(line)
    if row is None:
        if not line['commented']:
            build.problem(
                f'line {line["id"]}: SIP peer missing, commented or with a name '
                f'not usable as an endpoint: skipped'
            )
        return []
    context = line['context'] or row.get('context')
    if not build.context_known(context):
        build.problem(f'line {line["id"]} ({row["name"]}): no such context {context!r}: skipped')
        return []
    name = row['name']
    endpoint = endpoint_options(
        build, row, context, mailboxes=mailbox, callerid=_callerid(row), enabled=enabled, auth=name
    )
    aor = [
        ('type', 'aor'),
        ('max_contacts', 1),
        ('remove_existing', True),
        ('qualify_frequency', _qualify(row.get('qualify'), row.get('qualifyfreq'))),
    ]
    host = _static_host(row)
    if host:
        port = _port(row.get('port'), 0)
        aor.append(('contact', f'sip:{name}@{host}' + (f':{port}' if port else '')))
    return [
        (name, endpoint, 'line ' + str(line['number'] or line['id'])),
        (name, aor, None),
        (name, _auth(name, row), None),
    ]


def _auth(username, row):
    if row.get('secret'):
        return [
            ('type', 'auth'),
            ('auth_type', 'userpass'),
            ('username', username),
            ('password', row['secret']),
        ]
    if row.get('md5secret'):
        return [
            ('type', 'auth'),
            ('auth_type', 'md5'),
            ('username', username),
            ('md5_cred', row['md5secret']),
        ]
    # No secret: the auth stays, with a password nobody knows (never open).
    return [('type', 'auth'), ('auth_type', 'userpass'), ('username', username), ('password', '!')]


def _trunk_sections(build, trunk, enabled):
    row = build.data.sip.get(trunk['protocolid'])
    if row is None or row['commented'] or not is_identifier(row['name']):
        build.problem(
            f'SIP trunk {trunk["id"]}: peer missing, commented or with a name '
            'not usable as an endpoint: skipped'
        )
        return []
    name = row['name']
    context = row.get('context')
    if not context or not build.context_known(context):
        build.problem(f'SIP trunk {name}: no such context {context!r}: skipped')
        return []
    host = _static_host(row)
    has_secret = bool(row.get('secret') or row.get('md5secret'))
    # Without a static host the provider registers to us: it authenticates too.
    endpoint = endpoint_options(
        build,
        row,
        context,
        callerid=_callerid(row),
        enabled=enabled,
        auth=name if has_secret and host is None else None,
    )
    if has_secret:
        endpoint.append(('outbound_auth', name))
    sections = [(name, endpoint, f'trunk {trunk["id"]}')]
    aor = [('type', 'aor')]
    port = _port(row.get('port'), 0)
    if host:
        aor += [
            ('contact', f'sip:{host}' + (f':{port}' if port else '')),
            ('qualify_frequency', _qualify(row.get('qualify'), row.get('qualifyfreq'))),
        ]
    else:
        aor += [('max_contacts', 1), ('remove_existing', True)]
    sections.append((name, aor, None))
    if has_secret:
        sections.append((name, _auth(row.get('username') or name, row), None))
    if host:
        sections.append(
            (name, [('type', 'identify'), ('endpoint', name), ('match', host.strip('[]'))], None)
        )
    sections += _registration(build, trunk, name, enabled)
    return sections


def _registration(build, trunk, name, enabled):
    register = build.data.registers.get(trunk['registerid']) if trunk['registerid'] else None
    if (
        register is None
        or trunk['registercommented']
        or register['commented']
        or register['protocol'] != 'sip'
    ):
        return []
    host = register['host']
    if not host or not HOST.fullmatch(host) or not register['username']:
        build.problem(f'SIP trunk {name}: register line without host or username: skipped')
        return []
    port = _port(register['port'], 0)
    server = f'sip:{host}' + (f':{port}' if port else '')
    options = [
        ('type', 'registration'),
        (
            'transport',
            f'transport-{register["transport"]}'
            if f'transport-{register["transport"]}' in enabled
            else None,
        ),
        ('server_uri', server),
        ('client_uri', f'sip:{register["username"]}@{host}' + (f':{port}' if port else '')),
        ('contact_user', register['contact'] if is_identifier(register['contact']) else None),
        ('expiration', register['expiry'] if str(register['expiry']).isdigit() else None),
        ('retry_interval', 60),
    ]
    sections = []
    if register['password']:
        # Upper case: SIP names of the store are lower case, so no collision.
        auth = f'{name}-REG'
        options.append(('outbound_auth', auth))
        sections.append(
            (
                auth,
                [
                    ('type', 'auth'),
                    ('auth_type', 'userpass'),
                    ('username', register['authuser'] or register['username']),
                    ('password', register['password']),
                ],
                None,
            )
        )
    return [(f'{name}-REG', options, f'registration of trunk {name}')] + sections


def render(build, voicemail_boxes):
    """The text of pjsip.conf. `voicemail_boxes`: {line id: 'box@context'}."""
    conf = ConfFile('pjsip.conf: SIP transports, lines (endpoint, aor, auth) and trunks')
    found = transports(build.data.sip_settings, build.problems)
    enabled = {name for name, _ in found}
    if not found:
        build.problem('no SIP transport enabled: SIP phones cannot register')
    for name, options in found:
        conf.section(name, options)
    for line_id in sorted(build.data.lines):
        line = build.data.lines[line_id]
        if line['protocol'] != 'sip' or line['commented']:
            continue
        for name, options, note in _line_sections(
            build, line, enabled, voicemail_boxes.get(line_id)
        ):
            conf.section(name, options, note=note)
    for trunk_id in sorted(build.data.trunks):
        trunk = build.data.trunks[trunk_id]
        if trunk['protocol'] != 'sip':
            if trunk['protocol'] == 'iax':
                build.problem(
                    f'IAX trunk {trunk_id}: chan_iax2 is not configured by xivows: skipped'
                )
            continue
        for name, options, note in _trunk_sections(build, trunk, enabled):
            conf.section(name, options, note=note)
    return conf.text()
