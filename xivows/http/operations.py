"""The operations of a REST dialect, declared once: the same table installs the
Flask views (each guarded by its ACL section) and describes them in OpenAPI
(`xivows.http.openapi`), so the documentation cannot drift from the routes.

    OPERATIONS = [
        Operation('GET', '/queues', list_queues, 'List the queues', SECTION,
                  answer=QueueSchema(many=True)),
        ...
    ]
    operations.install(blueprint, OPERATIONS, render_error)
"""

from dataclasses import dataclass, field
from typing import Callable

from marshmallow import Schema

from xivows.http import guard


@dataclass(frozen=True)
class Operation:
    method: str
    rule: str  # Flask rule below the dialect's prefix, e.g. '/queue/<queue_id>'
    view: Callable
    summary: str
    section: str  # the ACL section the caller must hold
    body: Schema | None = None  # the request body, when there is one
    answer: Schema | None = None  # the answer's body (None: no body)
    status: int = 200  # the status of a success
    errors: tuple[int, ...] = (400, 401, 403, 404)
    tags: tuple[str, ...] = ()
    query: dict = field(default_factory=dict)  # query parameter -> description

    @property
    def writes(self) -> bool:
        return self.method not in ('GET', 'HEAD')

    @property
    def endpoint(self) -> str:
        return f'{self.method.lower()}_{self.rule}'


def install(blueprint, operations, render_error, guarded=None):
    """Add every operation to `blueprint`: authentication and the ACL section,
    one transaction, the service errors in the dialect's shape (`render_error`).
    `guarded(operation)` replaces the default guard (dialects with their own
    authentication, e.g. bearer tokens)."""
    for operation in operations:
        if guarded is None:
            view = guard.guarded(operation.section, render_error, operation.writes)(operation.view)
        else:
            view = guarded(operation)
        blueprint.add_url_rule(
            operation.rule,
            operation.endpoint,
            view,
            methods=[operation.method],
            strict_slashes=False,
        )
