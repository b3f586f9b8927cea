"""The network policy of callbacks and URL validation."""

import pytest

from xivows.errors import InvalidInput
from xivows.outbox import network

REFUSED_BY_DEFAULT = [
    '127.0.0.1',
    '127.1.2.3',
    '::1',
    '0.0.0.0',
    '::',
    '169.254.169.254',
    '169.254.1.1',
    'fe80::1',
    '100.100.100.200',
    '192.0.0.192',
    'fd00:ec2::254',
    '224.0.0.1',
    'ff02::1',
    '255.255.255.255',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    '64:ff9b::a9fe:a9fe',
    '2002:a9fe:a9fe::1',
    '::a9fe:a9fe',
]
ALLOWED_BY_DEFAULT = [
    '93.184.216.34',
    '10.1.2.3',
    '192.168.1.10',
    '172.16.0.1',
    '2001:db8::1',
    'fd12::1',
    '::ffff:93.184.216.34',
]


@pytest.fixture(autouse=True)
def _defaults(configure):
    configure(CALLBACK_ALLOWED_NETWORKS=[], CALLBACK_DENIED_NETWORKS=[])


@pytest.mark.parametrize('address', REFUSED_BY_DEFAULT)
def test_refused_by_default(address):
    assert network.refusal(address)


@pytest.mark.parametrize('address', ALLOWED_BY_DEFAULT)
def test_allowed_by_default(address):
    assert network.refusal(address) is None


def test_configured_networks(configure):
    configure(CALLBACK_ALLOWED_NETWORKS=['127.0.0.1/32'], CALLBACK_DENIED_NETWORKS=['10.0.0.0/8'])
    assert network.refusal('127.0.0.1') is None
    assert network.refusal('127.0.0.2')
    assert 'CALLBACK_DENIED_NETWORKS' in network.refusal('10.9.9.9')
    assert 'CALLBACK_DENIED_NETWORKS' in network.refusal('::ffff:10.9.9.9')
    configure(CALLBACK_ALLOWED_NETWORKS=['10.0.0.0/8'])
    assert network.refusal('10.9.9.9')  # denied wins over allowed


def test_an_invalid_configured_network_is_a_clear_error(configure):
    configure(CALLBACK_DENIED_NETWORKS=['not-a-network'])
    with pytest.raises(ValueError, match='not-a-network'):
        network.refusal('10.0.0.1')


def test_resolve_keeps_only_allowed_addresses(monkeypatch):
    monkeypatch.setattr(
        network,
        '_lookup',
        lambda host, port: ['169.254.169.254', '93.184.216.34', '93.184.216.34'],
    )
    assert network.resolve('mixed.test', 80) == ['93.184.216.34']
    monkeypatch.setattr(network, '_lookup', lambda host, port: ['169.254.169.254'])
    with pytest.raises(network.Refused, match='169.254.169.254'):
        network.resolve('metadata.test', 80)

    def fails(host, port):
        raise OSError('Name or service not known')

    monkeypatch.setattr(network, '_lookup', fails)
    with pytest.raises(network.Refused, match='cannot resolve'):
        network.resolve('nowhere.test', 80)


def test_resolve_literals_without_dns(monkeypatch):
    monkeypatch.setattr(network, '_lookup', None)  # never called
    assert network.resolve('93.184.216.34', 80) == ['93.184.216.34']
    with pytest.raises(network.Refused):
        network.resolve('169.254.169.254', 80)


@pytest.mark.parametrize(
    'url',
    [
        'http://hooks.example/agent',
        'https://hooks.example:8443/a?b=c',
        'HTTPS://Hooks.Example/',
        'http://93.184.216.34/',
        'http://[2001:db8::1]:8080/x',
        'http://bücher.example/',
        'http://10.1.2.3/internal',
        'http://10.1/',  # 10.0.0.1, as the resolver reads it: a private network
        'http://1e100.example/',
    ],
)
def test_valid_urls(url):
    assert network.validate_url(url) == url


@pytest.mark.parametrize(
    'url,reason',
    [
        (None, 'required'),
        ('', 'required'),
        ('ftp://hooks.example/', 'only http and https'),
        ('file:///etc/passwd', 'only http and https'),
        ('gopher://x/', 'only http and https'),
        ('javascript:alert(1)', 'only http and https'),
        ('http://', 'no host'),
        ('http:///path', 'no host'),
        ('http://user:pw@hooks.example/', 'credentials'),
        ('http://hooks.example:99999/', 'url'),
        ('http://hooks.example:0/', 'port'),
        ('http://hooks .example/', 'spaces'),
        ('http://hooks.example/a\nb', 'control'),
        ('http://169.254.169.254/latest/meta-data/', '169.254.169.254'),
        ('http://127.0.0.1:8000/', '127.0.0.1'),
        ('http://[::1]/', '::1'),
        ('http://[::ffff:169.254.169.254]/', '169.254.169.254'),
        ('http://0.0.0.0/', '0.0.0.0'),
        ('http://' + 'a' * 3000 + '.example/', 'longer than'),
        # the shorthand IPv4 forms the resolver reads as addresses without any DNS
        ('http://127.1/', '127.0.0.1'),
        ('http://2130706433/', '127.0.0.1'),
        ('http://0x7f000001/', '127.0.0.1'),
        ('http://0177.0.0.1/', '127.0.0.1'),
        ('http://0/', '0.0.0.0'),
        ('http://0xa9.0xfe.0xa9.0xfe/', '169.254.169.254'),
    ],
)
def test_refused_urls(url, reason):
    with pytest.raises(InvalidInput, match='url') as refused:
        network.validate_url(url)
    assert reason in refused.value.message
