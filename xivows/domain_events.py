"""Domain events raised inside a write transaction, for other resources to act on
in that same transaction (e.g. an agent's login state changed: queue an outbound
callback in the outbox). Subscriptions are made by the explicit wiring step
(`xivows.wiring`), never by import side effects of a dialect.

    domain_events.subscribe('agent_login_changed', handler)
    domain_events.emit('agent_login_changed', agent_id=3, logged=True, source='api')

Handlers run synchronously, in subscription order, and may refuse the write by
raising a ServiceError (the transaction then rolls back)."""

from collections import defaultdict
from typing import Callable

_subscribers: dict[str, list[Callable]] = defaultdict(list)


def subscribe(name: str, handler: Callable) -> None:
    if handler not in _subscribers[name]:
        _subscribers[name].append(handler)


def emit(name: str, **data) -> None:
    for handler in _subscribers[name]:
        handler(**data)
