"""PJSIP, live: /v1/peers[/] (chan_sip peers in the seed: Asterisk 21 has PJSIP
endpoints, `peer` is `PJSIP/<endpoint>`), /v1/registries[/] (outbound
registrations) and /v1/admin/pjsip/{endpoints,aors,auths,contacts,
registration_outbounds}[/<name>]. Auth passwords (and MD5 credentials) are never
shown. chan_sip options a PJSIP endpoint does not have are null in /v1/peers."""

import re

from compat.v1 import envelope
from compat.v1.common import found, fresh, key, page
from xivows.live import queries as live

# chan_sip peer options of the seed with no PJSIP endpoint counterpart
SIP_ONLY = (
    'acl',
    'auto_comedia',
    'auto_force_port',
    'comedia',
    'description',
    'dynamic',
    'force_port',
    'realtime_device',
    'text_support',
    'video_support',
)
TRUE = ('true', 'yes', '1', 'on')

PEER = {
    'peer': str,
    'status': str,
    'address': str,
    'monitor_status': str,
    'channel_type': str,
    'chan_object_type': str,
    'contacts': int,
    **{name: str for name in SIP_ONLY},
    'tm_update': str,
}
REGISTRY = {
    'account': str,
    'name': str,
    'state': str,
    'username': str,
    'domain': str,
    'domain_port': int,
    'host': str,
    'port': int,
    'refresh': int,
    'registration_time': int,
    'next_reg': int,
    'tm_update': str,
}
ENDPOINT = {
    'object_name': str,
    'object_type': str,
    'transport': str,
    'aors': str,
    'auth': str,
    'outbound_auth': str,
    'contacts': str,
    'device_state': str,
    'active_channels': int,
    'tm_update': str,
}
AOR = {
    'object_name': str,
    'object_type': str,
    'endpoint_name': str,
    'contacts': str,
    'contacts_registered': int,
    'total_contacts': int,
    'authenticate_qualify': str,
    'default_expiration': int,
    'mailboxes': str,
    'max_contacts': int,
    'maximum_expiration': int,
    'minimum_expiration': int,
    'outbound_proxy': str,
    'qualify_frequency': int,
    'qualify_timeout': float,
    'remove_existing': str,
    'support_path': str,
    'voicemail_extension': str,
    'tm_update': str,
}
AUTH = {
    'object_name': str,
    'object_type': str,
    'username': str,
    'auth_type': str,
    'realm': str,
    'nonce_lifetime': int,
    'endpoint_name': str,
    'tm_update': str,
}
CONTACT = {
    'id': str,
    'call_id': str,
    'uri': str,
    'aor': str,
    'endpoint_name': str,
    'status': str,
    'qualify_frequency': int,
    'qualify_timout': float,
    'qualify_timeout': float,
    'authentication_qualify': int,
    'outbound_proxy': str,
    'path': str,
    'reg_expire': int,
    'round_trip_usec': str,
    'user_agent': str,
    'via_address': str,
    'tm_update': str,
}
REGISTRATION = {
    'object_name': str,
    'object_type': str,
    'client_uri': str,
    'server_uri': str,
    'status': str,
    'next_reg': int,
    'expiration': int,
    'tm_update': str,
}
SCHEMAS = {
    name: envelope.schemas(name, shape)
    for name, shape in (
        ('Peer', PEER),
        ('Registry', REGISTRY),
        ('Endpoint', ENDPOINT),
        ('Aor', AOR),
        ('Auth', AUTH),
        ('Contact', CONTACT),
        ('RegistrationOutbound', REGISTRATION),
    )
}
_, _, PEER_NAMES = envelope.schemas('PeerName', {'peer': str})
_, _, ACCOUNTS = envelope.schemas('RegistryAccount', {'account': str})

_URI = re.compile(
    r'^(?:sips?:)?(?:(?P<user>[^@;]*)@)?(?P<host>\[[^\]]*\]|[^:;>]*)'
    r'(?::(?P<port>\d+))?'
)


def _uri(uri):
    """(user, host, port) of a SIP URI; the port is 5060 when not given."""
    match = _URI.match(uri or '')
    if match is None:
        return '', '', 5060
    return match.group('user') or '', match.group('host') or '', int(match.group('port') or 5060)


def _stamp(*moments):
    moments = [moment for moment in moments if moment]
    return envelope.stamp(max(moments)) if moments else None


# -- /peers ------------------------------------------------------------------------------


def _endpoint_name(peer):
    return peer.split('/', 1)[1] if peer.upper().startswith('PJSIP/') else peer


def list_peers():
    limit, offset = page()
    fresh()
    return envelope.listed(
        [{'peer': f'PJSIP/{row["name"]}'} for row in live.endpoint_page(limit, offset)]
    )


def get_peer():
    peer = key('peer')
    fresh()
    endpoint = found(live.endpoint_row(_endpoint_name(peer)), 'peer', peer)
    contacts = live.contact_page(endpoint=endpoint['name'])
    first = contacts[0] if contacts else None
    shown = {
        'peer': f'PJSIP/{endpoint["name"]}',
        'status': endpoint['device_state'],
        'address': f'{first["via_addr"]}:{first["via_port"]}' if first else None,
        'monitor_status': first['status'] if first else None,
        'channel_type': 'PJSIP',
        'chan_object_type': 'endpoint',
        'contacts': len(contacts),
    }
    shown.update(dict.fromkeys(SIP_ONLY))
    shown['tm_update'] = _stamp(
        endpoint['changed_at'], *(contact['changed_at'] for contact in contacts)
    )
    return envelope.answer(shown)


# -- /registries ---------------------------------------------------------------------------


def _account(row):
    return row['client_uri'].split(':', 1)[1] if ':' in row['client_uri'] else row['client_uri']


def list_registries():
    limit, offset = page()
    fresh()
    return envelope.listed(
        [{'account': _account(row)} for row in live.registration_page(limit, offset)]
    )


def get_registry():
    account = key('account')
    fresh()
    row = live.registration_row(account) or next(
        (
            row
            for row in live.registration_page()
            if account in (_account(row), _account(row).rsplit(':', 1)[0])
        ),
        None,
    )
    row = found(row, 'registry', account)
    user, host, port = _uri(row['client_uri'])
    _, domain, domain_port = _uri(row['server_uri'])
    return envelope.answer(
        {
            'account': _account(row),
            'name': row['name'],
            'state': row['status'],
            'username': user,
            'domain': domain,
            'domain_port': domain_port,
            'host': host,
            'port': port,
            'refresh': row['expiration'],
            'registration_time': None,
            'next_reg': row['next_reg'],
            'tm_update': envelope.stamp(row['changed_at']),
        }
    )


# -- /admin/pjsip ----------------------------------------------------------------------------


def _endpoint(row):
    return {
        'object_name': row['name'],
        'object_type': 'endpoint',
        'transport': row['transport'],
        'aors': row['aor'],
        'auth': row['auths'],
        'outbound_auth': row['outbound_auths'],
        'contacts': row['contacts'],
        'device_state': row['device_state'],
        'active_channels': row['active_channels'],
        'tm_update': envelope.stamp(row['changed_at']),
    }


def _users_of(links, position, name):
    """The endpoints whose AOR (position 1) or auths (2) name `name`."""
    return ','.join(
        link[0] for link in links if name in [part.strip() for part in link[position].split(',')]
    )


def _aor(row, links, counts):
    total, registered = counts.get(row['name'], (0, 0))
    return {
        'object_name': row['name'],
        'object_type': 'aor',
        'endpoint_name': _users_of(links, 1, row['name']),
        'contacts': row['contacts'],
        'contacts_registered': registered,
        'total_contacts': total,
        'authenticate_qualify': row['authenticate_qualify'],
        'default_expiration': row['default_expiration'],
        'mailboxes': row['mailboxes'],
        'max_contacts': row['max_contacts'],
        'maximum_expiration': row['maximum_expiration'],
        'minimum_expiration': row['minimum_expiration'],
        'outbound_proxy': row['outbound_proxy'],
        'qualify_frequency': row['qualify_frequency'],
        'qualify_timeout': row['qualify_timeout'],
        'remove_existing': 'true' if row['remove_existing'] else 'false',
        'support_path': row['support_path'],
        'voicemail_extension': row['voicemail_extension'],
        'tm_update': envelope.stamp(row['changed_at']),
    }


def _auth(row, links):
    return {
        'object_name': row['name'],
        'object_type': 'auth',
        'username': row['username'],
        'auth_type': row['auth_type'],
        'realm': row['realm'],
        'nonce_lifetime': row['nonce_lifetime'],
        'endpoint_name': _users_of(links, 2, row['name']),
        'tm_update': envelope.stamp(row['changed_at']),
    }


def _contact(row):
    return {
        'id': row['name'],
        'call_id': row['call_id'],
        'uri': row['uri'],
        'aor': row['aor'],
        'endpoint_name': row['endpoint'],
        'status': row['status'],
        'qualify_frequency': row['qualify_frequency'],
        'qualify_timout': row['qualify_timeout'],
        'qualify_timeout': row['qualify_timeout'],
        'authentication_qualify': int(row['authenticate_qualify'].lower() in TRUE),
        'outbound_proxy': row['outbound_proxy'],
        'path': row['path'],
        'reg_expire': row['expiration_time'],
        'round_trip_usec': row['roundtrip_usec'],
        'user_agent': row['user_agent'],
        'via_address': f'{row["via_addr"]}:{row["via_port"]}' if row['via_addr'] else '',
        'tm_update': envelope.stamp(row['changed_at']),
    }


def _registration(row):
    return {
        'object_name': row['name'],
        'object_type': 'registration',
        'client_uri': row['client_uri'],
        'server_uri': row['server_uri'],
        'status': row['status'],
        'next_reg': row['next_reg'],
        'expiration': row['expiration'],
        'tm_update': envelope.stamp(row['changed_at']),
    }


def list_endpoints():
    limit, offset = page()
    fresh()
    return envelope.listed([_endpoint(row) for row in live.endpoint_page(limit, offset)])


def get_endpoint(name):
    fresh()
    return envelope.answer(_endpoint(found(live.endpoint_row(name), 'endpoint', name)))


def list_aors():
    limit, offset = page()
    fresh()
    links, counts = live.endpoint_links(), live.contact_counts()
    return envelope.listed([_aor(row, links, counts) for row in live.aor_page(limit, offset)])


def get_aor(name):
    fresh()
    row = found(live.aor_row(name), 'aor', name)
    return envelope.answer(_aor(row, live.endpoint_links(), live.contact_counts()))


def list_auths():
    limit, offset = page()
    fresh()
    links = live.endpoint_links()
    return envelope.listed([_auth(row, links) for row in live.auth_page(limit, offset)])


def get_auth(name):
    fresh()
    return envelope.answer(_auth(found(live.auth_row(name), 'auth', name), live.endpoint_links()))


def list_contacts():
    limit, offset = page()
    fresh()
    return envelope.listed([_contact(row) for row in live.contact_page(limit, offset)])


def get_contact(name):
    fresh()
    return envelope.answer(_contact(found(live.contact_row(name), 'contact', name)))


def list_registrations():
    limit, offset = page()
    fresh()
    return envelope.listed([_registration(row) for row in live.registration_page(limit, offset)])


def get_registration(name):
    fresh()
    row = found(live.registration_row(name), 'outbound registration', name)
    return envelope.answer(_registration(row))
