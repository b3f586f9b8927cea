"""Who may call /v1, in one place (`guarded(operation)`):

- `POST /v1/admin/login` takes HTTP Basic credentials of a web-service user and
  issues an `authtoken` (xivows.resources.ws_tokens: stored as a digest, expiring
  after TOKEN_TTL seconds, valid on every worker and host);
- every other call gives it as `?authtoken=`; the operation's ACL section is
  then checked against the user's grants (403 without it); a few operations
  need the token only (logout, the caller's own account);
- failed logins and unknown tokens count as failed authentications
  (xivows.auth.throttle): past the limits the answer is 429 with Retry-After;
- the view then runs in one transaction (read-only for GET), except the views
  that ask the worker for an AMI write (they run their own, then ask outside
  it); every refusal is rendered in the envelope."""

import functools
import logging

from flask import g, request
from werkzeug.exceptions import HTTPException

from compat.v1 import envelope
from xivows import store_errors, transaction
from xivows.auth import throttle
from xivows.errors import ServiceError
from xivows.resources.ws_tokens import service as ws_tokens
from xivows.resources.ws_users import service as ws_users

logger = logging.getLogger(__name__)

REALM = 'xivows /v1'
# how a view is reached (`view.v1_access`)
PUBLIC, TOKEN, SECTION = 'public', 'token', 'section'


class Unauthenticated(ServiceError):
    """401. The login asks for Basic credentials; the other calls for a token, in
    a scheme of their own: a Basic challenge there would make a browser wallboard
    whose token expired prompt its viewer for a password."""

    status = 401

    def __init__(self, message, scheme='Authtoken'):
        super().__init__(message)
        self.scheme = scheme

    @property
    def headers(self):
        return {'WWW-Authenticate': f'{self.scheme} realm="{REALM}"'}


def public(view):
    """No token: the login itself."""
    view.v1_access = PUBLIC
    return view


def token_only(view):
    """Any valid token, whatever its user's grants (logout, own account)."""
    view.v1_access = TOKEN
    return view


def own_transactions(view):
    """The view opens its transactions itself (it asks the worker in between)."""
    view.v1_own_transactions = True
    return view


def peer():
    return request.remote_addr or ''


def token():
    return request.args.get('authtoken')


def _user_of_token():
    presented = token()
    if not presented:
        raise Unauthenticated('authtoken required: POST /v1/admin/login to get one')
    user = throttle.attempt(peer(), None, lambda: ws_tokens.verify(presented, peer=peer()))
    if user is None:
        raise Unauthenticated('invalid or expired authtoken')
    return user


def _rendered(exc):
    response = envelope.render_error(exc.status, exc.message)
    response.headers.update(getattr(exc, 'headers', None) or {})
    return response


def guarded(operation):
    view = operation.view
    access = getattr(view, 'v1_access', SECTION)
    own = getattr(view, 'v1_own_transactions', False)
    run = transaction.run if operation.writes else transaction.run_read

    @functools.wraps(view)
    def inner(**kwargs):
        try:
            # Database faults outside the transaction too (token check, the worker's
            # request rows): 503/507 with the reason.
            with store_errors.translated():
                if access != PUBLIC:
                    user = _user_of_token()
                    if access == SECTION and operation.section not in ws_users.sections_of(user):
                        raise ServiceError(f'access denied: {operation.section} required', 403)
                    g.v1_user = user
                if own:
                    return view(**kwargs)
                return run(view, **kwargs)
        except ServiceError as exc:
            return _rendered(exc)
        except HTTPException as exc:  # werkzeug's refusals (a body over the limit: 413)
            return envelope.render_error(exc.code, (exc.description or exc.name).split('\n')[0])
        except Exception:  # the envelope even then, and the trace in the log
            logger.exception('%s %s failed', request.method, request.path)
            return envelope.render_error(500, 'internal error')

    return inner


# -- login / logout -------------------------------------------------------------------


def _authorization():
    """The request's parsed Authorization header; None also for one werkzeug
    cannot decode (characters outside ASCII where base64 is expected: its
    parser lets base64's ValueError through)."""
    try:
        return request.authorization
    except ValueError:
        return None


@public
def login():
    credentials = _authorization()
    if credentials is None or credentials.type != 'basic':
        raise Unauthenticated('HTTP Basic credentials of a web-service user required', 'Basic')
    username, password = credentials.username or '', credentials.password or ''
    user = throttle.attempt(
        peer(), username or None, lambda: ws_users.authenticate(username, password, peer())
    )
    if user is None:
        raise Unauthenticated('wrong username or password', 'Basic')
    return transaction.run(lambda: envelope.answer({'authtoken': ws_tokens.issue(user)}))


login.v1_own_transactions = True


@token_only
def logout():
    ws_tokens.revoke(token())
    return envelope.answer()
