from tests.helpers.outbox_fixtures import (  # noqa: F401
    acme,
    agent,
    change,
    configure,
    loopback_allowed,
    receiver,
    subscribe,
    wired,
)
