"""A SIP phone over TLS for smoke.py, small on purpose: Debian's SIPp 3.6.1 is
built without TLS. It connects to Asterisk's TLS transport trusting only the
given certificate (the chain and 127.0.0.1 against its subjectAltName are
verified by Python's ssl module), registers a line with digest
authentication (RFC 2617 MD5, qop=auth when offered: what Asterisk's 401
asks), and unregisters on the same connection."""

import hashlib
import re
import socket
import ssl
import uuid

_CHALLENGE_PARAM = re.compile(r'(\w+)=(?:"([^"]*)"|([^\s,]+))')


def _md5(text):
    return hashlib.md5(text.encode()).hexdigest()


class TlsPhone:
    def __init__(self, port, cafile, user, secret, host='127.0.0.1'):
        self.host, self.port, self.user, self.secret = host, port, user, secret
        context = ssl.create_default_context(cafile=cafile)
        raw = socket.create_connection((host, port), timeout=10)
        try:
            self.tls = context.wrap_socket(raw, server_hostname=host)
        except BaseException:
            raw.close()
            raise
        self.certificate_name = dict(item[0] for item in self.tls.getpeercert()['subject']).get(
            'commonName'
        )
        self.local = '%s:%d' % self.tls.getsockname()[:2]
        self.call_id = f'{uuid.uuid4().hex}@smoke-tls'
        self.cseq = 0
        self.nonce_count = 0
        self._buffer = b''

    def close(self):
        self.tls.close()

    def _read_response(self):
        """The next SIP response (requests Asterisk sends, e.g. a qualify
        OPTIONS, are skipped): (status code, headers {lower name: [values]})."""
        while True:
            while b'\r\n\r\n' not in self._buffer:
                chunk = self.tls.recv(4096)
                if not chunk:
                    raise ConnectionError('Asterisk closed the TLS connection')
                self._buffer += chunk
            head, self._buffer = self._buffer.split(b'\r\n\r\n', 1)
            lines = head.decode('utf-8', 'replace').split('\r\n')
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(':')
                headers.setdefault(name.strip().lower(), []).append(value.strip())
            length = int((headers.get('content-length') or ['0'])[0])
            while len(self._buffer) < length:
                self._buffer += self.tls.recv(4096)
            self._buffer = self._buffer[length:]
            if lines[0].startswith('SIP/2.0 '):
                return int(lines[0].split()[1]), headers

    def _authorization(self, challenge, uri):
        params = {
            m.group(1).lower(): m.group(2) or m.group(3)
            for m in _CHALLENGE_PARAM.finditer(challenge)
        }
        realm, nonce = params['realm'], params['nonce']
        ha1 = _md5(f'{self.user}:{realm}:{self.secret}')
        ha2 = _md5(f'REGISTER:{uri}')
        fields = [
            f'username="{self.user}"',
            f'realm="{realm}"',
            f'nonce="{nonce}"',
            f'uri="{uri}"',
            'algorithm=MD5',
        ]
        if 'auth' in (params.get('qop') or '').split(','):
            self.nonce_count += 1
            nc, cnonce = f'{self.nonce_count:08x}', uuid.uuid4().hex[:16]
            response = _md5(f'{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}')
            fields += ['qop=auth', f'nc={nc}', f'cnonce="{cnonce}"']
        else:
            response = _md5(f'{ha1}:{nonce}:{ha2}')
        fields.append(f'response="{response}"')
        if params.get('opaque'):
            fields.append(f'opaque="{params["opaque"]}"')
        return 'Digest ' + ', '.join(fields)

    def _send_register(self, expires, authorization=None):
        self.cseq += 1
        uri = f'sip:{self.host}:{self.port};transport=tls'
        lines = [
            f'REGISTER {uri} SIP/2.0',
            f'Via: SIP/2.0/TLS {self.local};branch=z9hG4bK{uuid.uuid4().hex};rport',
            'Max-Forwards: 70',
            f'From: <sip:{self.user}@{self.host}>;tag=smoke-tls',
            f'To: <sip:{self.user}@{self.host}>',
            f'Call-ID: {self.call_id}',
            f'CSeq: {self.cseq} REGISTER',
            f'Contact: <sip:{self.user}@{self.local};transport=tls>',
            f'Expires: {expires}',
        ]
        if authorization:
            lines.append(f'Authorization: {authorization}')
        lines += ['Content-Length: 0', '', '']
        self.tls.sendall('\r\n'.join(lines).encode())
        return uri

    def register(self, expires=60):
        """REGISTER (answering a digest challenge once): [status codes of the
        final answers], e.g. [401, 200]."""
        uri = self._send_register(expires)
        status, headers = self._read_response()
        while status == 100:
            status, headers = self._read_response()
        statuses = [status]
        if status == 401:
            challenges = [
                challenge
                for challenge in headers.get('www-authenticate', [])
                if 'algorithm=md5' in challenge.lower().replace('"', '')
                or 'algorithm' not in challenge.lower()
            ]
            if not challenges:
                return statuses
            self._send_register(expires, self._authorization(challenges[0], uri))
            status, _ = self._read_response()
            while status == 100:
                status, _ = self._read_response()
            statuses.append(status)
        return statuses

    def unregister(self):
        return self.register(expires=0)
