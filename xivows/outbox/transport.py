"""One HTTP request of a callback, with urllib3, to an address checked just before.

The host name is resolved once (`network.resolve`, which refuses denied
addresses); urllib3 then connects to that very address, while the Host header,
TLS SNI and certificate check use the name from the URL. urllib3 never resolves
the name itself, so a second, different DNS answer cannot slip in. Redirects are
not followed: a 3xx answer is a failed attempt."""

import time
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

import urllib3
from urllib3.exceptions import HTTPError
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from xivows.outbox import network

USER_AGENT = 'xivows-callbacks/1'
MAX_BODY = 64 * 1024  # of the receiver's answer, read then dropped
MAX_ADDRESSES = 3  # tried in turn while connecting fails
_URL_SAFE = "/?#[]@!$&'()*+,;=%:~-._"


@dataclass(frozen=True)
class Result:
    status: int | None  # the HTTP status, None when there was no answer
    error: str | None  # why the attempt failed, None when delivered
    duration: float

    @property
    def delivered(self):
        return self.error is None


def _request_parts(method, url, fields):
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = network.ascii_host(parts.hostname)
    port = parts.port or (443 if scheme == 'https' else 80)
    query = parts.query
    data = urlencode(fields)
    body = None
    if method == 'GET':
        query = f'{query}&{data}' if query and data else query or data
    else:
        body = data.encode('ascii')
    target = (parts.path or '/') + (f'?{query}' if query else '')
    target = quote(target, safe=_URL_SAFE)  # non-ASCII characters, as a browser would
    host_header = f'[{host}]' if ':' in host else host
    if parts.port is not None:
        host_header += f':{parts.port}'
    return scheme, host, port, target, body, host_header


def _pool(scheme, address, port, host, timeout, ca_file):
    options = dict(
        timeout=urllib3.Timeout(connect=timeout, read=timeout),
        retries=False,
        maxsize=1,
        block=False,
    )
    if scheme == 'https':
        return urllib3.HTTPSConnectionPool(
            address,
            port,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs='CERT_REQUIRED',
            ca_certs=ca_file or None,
            **options,
        )
    return urllib3.HTTPConnectionPool(address, port, **options)


def _describe(exc, timeout):
    # NewConnectionError (refused, unreachable) is a subclass of the timeout error.
    timed_out = 'timed out' in str(exc) or (
        isinstance(exc, Urllib3Timeout)
        and not isinstance(exc, urllib3.exceptions.NewConnectionError)
    )
    if timed_out:
        return f'no answer within {timeout:g} s'
    reason = getattr(exc, 'reason', None) or exc
    return f'{type(reason).__name__}: {reason}'[:500]


def send(method, url, fields, headers, timeout, ca_file=None):
    """Send `fields` (form-encoded: query string for GET, body for POST); never
    raises for network trouble: the Result says what happened."""
    started = time.monotonic()

    def result(status, error):
        return Result(status, error, time.monotonic() - started)

    try:
        scheme, host, port, target, body, host_header = _request_parts(method, url, fields)
        addresses = network.resolve(host, port)
    except (ValueError, network.Refused) as exc:
        return result(None, f'refused: {exc}')
    request_headers = {'Host': host_header, 'User-Agent': USER_AGENT, **headers}
    if body is not None:
        request_headers['Content-Type'] = 'application/x-www-form-urlencoded'
    error = None
    for address in addresses[:MAX_ADDRESSES]:
        pool = _pool(scheme, address, port, host, timeout, ca_file)
        try:
            response = pool.urlopen(
                method,
                target,
                body=body,
                headers=request_headers,
                redirect=False,
                retries=False,
                assert_same_host=False,
                preload_content=False,
            )
        except urllib3.exceptions.ConnectTimeoutError as exc:  # NewConnectionError too
            error = _describe(exc, timeout)  # not connected: the next address may answer
            pool.close()
            continue
        except (HTTPError, OSError) as exc:
            pool.close()
            return result(None, _describe(exc, timeout))
        try:
            response.read(MAX_BODY)
        except (HTTPError, OSError):
            pass  # the status line came: the answer counts
        finally:
            response.release_conn()
            pool.close()
        status = response.status
        if 200 <= status < 300:
            return result(status, None)
        if 300 <= status < 400:
            location = response.headers.get('Location', '')[:300]
            return result(status, f'HTTP {status}: redirect to {location!r} not followed')
        return result(status, f'HTTP {status}')
    return result(None, error or 'no address')
