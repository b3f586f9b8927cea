"""`guarded(section, render_error)`: what every restricted view of every dialect
needs, in one place: the web-service user (HTTP Basic and/or host), its ACL
section (401 vs 403), one transaction around the view (read-only views take no
write lock), and the service errors rendered in the dialect's shape."""

import functools

from xivows import transaction
from xivows.auth.basic import basic_auth
from xivows.errors import ServiceError


def rendered(render_error, exc):
    """A ServiceError in the dialect's shape, with its headers (Retry-After)."""
    response = render_error(exc.status, exc.message)
    response.headers.update(getattr(exc, 'headers', None) or {})
    return response


def run_view(render_error, write, view, *args, **kwargs):
    """The view in one transaction; a ServiceError becomes the dialect's error."""
    run = transaction.run if write else transaction.run_read
    try:
        return run(view, *args, **kwargs)
    except ServiceError as exc:
        return rendered(render_error, exc)


def authenticated(section, function, render_error):
    """`function` for web-service users holding `section` only; 401/403 otherwise
    (a 403 carries no Basic challenge: other credentials would not help). A
    refusal while identifying the client (too many failures: 429, store down:
    503) is rendered in the dialect's shape."""
    protected = basic_auth.login_required(role=section)(function)

    @functools.wraps(function)
    def checked(*args, **kwargs):
        try:
            response = protected(*args, **kwargs)
        except ServiceError as exc:
            response = rendered(render_error, exc)
        if response.status_code == 403:
            response.headers.pop('WWW-Authenticate', None)
        return response

    return checked


def guarded(section, render_error, write=True):
    """Decorator of a Flask view: authentication and ACL, then `run_view`."""

    def decorate(view):
        @functools.wraps(view)
        def inner(**kwargs):
            return run_view(render_error, write, view, **kwargs)

        return authenticated(section, inner, render_error)

    return decorate
