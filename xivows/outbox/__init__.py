"""The outbox of HTTP callbacks (seed 003's agent event callbacks).

An event is a row written in the transaction of the change that caused it
(`events.py`: the subscriber of the domain event `agent_login_changed`), so a change
and its events commit or roll back together and a restart loses nothing. The
background worker calls `delivery.deliver_due()`, which sends due events with a
timeout, in order per callback, at least once (receivers dedupe on `X-Event-Id`),
retrying with backoff until `CALLBACK_RETRY_FOR` seconds after the change, then
marks them failed; every attempt is kept (`xivows events list`) until
`delivery.purge_old()` removes finished events older than `CALLBACK_KEEP`.

Requests go only to http/https URLs, follow no redirect, and connect only to an
address that was resolved and checked against the network policy
(`network.py`) just before, so a name that changes its answer (DNS rebinding)
cannot lead a callback to a refused address (`transport.py`)."""

from xivows.outbox.delivery import deliver_due, purge_old  # noqa: E402,F401
from xivows.outbox.events import wire  # noqa: E402,F401
