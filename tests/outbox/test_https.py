"""https callbacks: connected to the checked address, while TLS (SNI and the
certificate check) uses the name of the URL."""

import datetime
import ssl

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tests.helpers.receiver import Receiver
from xivows.models.outbox import OutboxAttempt
from xivows.outbox import delivery, network


def _name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificates(directory, host):
    """A test CA and a server certificate for `host` signed by it."""
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name('xivows test CA'))
        .issuer_name(_name('xivows test CA'))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    leaf = (
        x509.CertificateBuilder()
        .subject_name(_name(host))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_path, cert_path, key_path = (
        directory / 'ca.pem',
        directory / 'cert.pem',
        directory / 'key.pem',
    )
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return ca_path, cert_path, key_path


@pytest.fixture
def tls_receiver(tmp_path, loopback_allowed, configure, monkeypatch):
    ca_path, cert_path, key_path = _certificates(tmp_path, 'receiver.test')
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    server_names = []
    context.sni_callback = lambda sock, name, ctx: server_names.append(name)
    monkeypatch.setattr(network, '_lookup', lambda host, port: ['127.0.0.1'])
    configure(CALLBACK_CA_FILE=str(ca_path))
    with Receiver(wrap=lambda sock: context.wrap_socket(sock, server_side=True)) as receiver:
        receiver.server_names = server_names
        yield receiver


def test_https_to_the_pinned_address_with_the_urls_name(tls_receiver, subscribe, change):
    subscribe(tls_receiver.url('/hook', host='receiver.test', scheme='https'))
    change(True)
    assert delivery.deliver_due().delivered == 1
    assert tls_receiver.server_names == ['receiver.test']
    assert tls_receiver.requests[0].headers['Host'] == f'receiver.test:{tls_receiver.port}'


def test_a_certificate_for_another_name_is_refused(tls_receiver, subscribe, change):
    subscribe(tls_receiver.url('/hook', host='impostor.test', scheme='https'))
    change(True)
    assert delivery.deliver_due().retried == 1
    assert tls_receiver.requests == []
    error = OutboxAttempt.get().error
    assert 'certificate' in error.lower() or 'hostname' in error.lower(), error


def test_an_unknown_authority_is_refused(tls_receiver, subscribe, change, configure):
    configure(CALLBACK_CA_FILE='')
    subscribe(tls_receiver.url('/hook', host='receiver.test', scheme='https'))
    change(True)
    assert delivery.deliver_due().retried == 1
    assert 'certificate' in OutboxAttempt.get().error.lower()
