"""/api/SIPSysCfg: the SIP settings of the store, every value a string."""

import pytest

from tests.helpers.scenarios import unchanged_store
from xivows import settings
from xivows.resources.sip_settings import service

DEFAULTS = {
    'UDPEnable': '1',
    'UDPPort': '5060',
    'TCPEnable': '0',
    'TCPPort': '5060',
    'TLSEnable': '0',
    'TLSPort': '5061',
    'AutoProvisioning': {'Enabled': '0', 'SvrIPv4Addr': ''},
}


def test_the_defaults_made_by_db_upgrade(rest):
    response = rest('GET', '/SIPSysCfg')
    assert response.status_code == 200
    assert response.get_json() == DEFAULTS


def test_put_merges_and_is_stored(rest):
    response = rest(
        'PUT',
        '/SIPSysCfg',
        raw=b'{"TCPEnable": "1", "TCPPort": "5070",\n'
        b' "AutoProvisioning": {"Enabled": "1",\n'
        b'   "SvrIPv4Addr": "10.0.0.5",},\n}',
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    expected = dict(
        DEFAULTS,
        TCPEnable='1',
        TCPPort='5070',
        AutoProvisioning={'Enabled': '1', 'SvrIPv4Addr': '10.0.0.5'},
    )
    assert response.get_json() == expected
    assert rest('GET', '/SIPSysCfg').get_json() == expected
    stored = service.get()
    assert (stored.tcp_enabled, stored.tcp_port, stored.autoprov_server_ipv4) == (
        True,
        5070,
        '10.0.0.5',
    )


@pytest.mark.parametrize(
    'body, reason',
    [
        ({'UDPPort': '0'}, 'UDPPort: must be a port number, "1" to "65535"'),
        ({'UDPPort': 5060}, 'UDPPort: Not a valid string.'),
        ({'TLSEnable': 'yes'}, 'TLSEnable: must be "0" or "1"'),
        (
            {'AutoProvisioning': {'SvrIPv4Addr': '10.0.0'}},
            'AutoProvisioning.SvrIPv4Addr: must be an IPv4 address',
        ),
        (
            {'TCPEnable': '1', 'TLSEnable': '1', 'TLSPort': '5060'},
            'TLSPort: TCP and TLS cannot listen on the same port',
        ),
        ({'Other': '1'}, 'Other: Unknown field.'),
    ],
)
def test_refusals(rest, body, reason):
    with unchanged_store():
        response = rest('PUT', '/SIPSysCfg', body)
    assert response.status_code == 400
    assert response.get_json() == {'error': reason}


def test_the_generated_asterisk_transports_follow(rest):
    from xivows.asterisk.config.render import render

    assert (
        rest(
            'PUT', '/SIPSysCfg', {'TCPEnable': '1', 'TCPPort': '5070', 'UDPEnable': '0'}
        ).status_code
        == 200
    )
    pjsip = render().files['pjsip.conf']
    sections = pjsip.split('\n[')
    transports = [section for section in sections if 'type = transport' in section]
    assert len(transports) == 1, pjsip[:600]
    assert 'protocol = tcp' in transports[0] and ':5070' in transports[0]


def test_tls_needs_the_configured_certificate(rest):
    # Asterisk's TLS transport needs them: without, TLSEnable "1" would be stored
    # and shown but never generated
    with unchanged_store():
        response = rest('PUT', '/SIPSysCfg', {'TLSEnable': '1'})
    assert response.status_code == 400
    assert response.get_json() == {
        'error': 'TLSEnable: needs a certificate: set SIP_TLS_CERT_FILE and '
        'SIP_TLS_KEY_FILE in the xivows configuration'
    }


def test_tls_with_the_configured_certificate_is_generated(rest, monkeypatch):
    from xivows.asterisk.config.render import render

    monkeypatch.setitem(settings._current, 'SIP_TLS_CERT_FILE', '/etc/asterisk/keys/sip.crt')
    monkeypatch.setitem(settings._current, 'SIP_TLS_KEY_FILE', '/etc/asterisk/keys/sip.key')
    response = rest('PUT', '/SIPSysCfg', {'TLSEnable': '1', 'TLSPort': '5062'})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()['TLSEnable'] == '1'
    rendered = render()
    assert rendered.problems == []
    tls = [part for part in rendered.files['pjsip.conf'].split('\n[') if 'protocol = tls' in part]
    assert len(tls) == 1
    assert 'bind = 0.0.0.0:5062' in tls[0]
    assert 'cert_file = /etc/asterisk/keys/sip.crt' in tls[0]
    assert 'priv_key_file = /etc/asterisk/keys/sip.key' in tls[0]
    # once on, the settings GET shows can be sent back even if the files are unset
    monkeypatch.setitem(settings._current, 'SIP_TLS_CERT_FILE', '')
    shown = rest('GET', '/SIPSysCfg').get_json()
    assert rest('PUT', '/SIPSysCfg', shown).status_code == 200
