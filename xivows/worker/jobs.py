"""The tasks the background worker runs besides the reconciler and the live
feed, registered in one place (`register_all`, called when the worker starts):

- `outbox`: deliver the HTTP callbacks due, soon after an event is queued;
- `purge`: forget expired tokens, old failed-authentication counts and finished
  callback events;
- `asterisk-config` (with ASTERISK_AUTO_APPLY): write the generated Asterisk
  configuration and reload what changed, soon after a write transaction (each
  write bumps the topic; one run covers every write committed before it)."""

import logging

from xivows import settings
from xivows.asterisk.config import deploy
from xivows.auth import throttle
from xivows.outbox import delivery, events
from xivows.resources.api_clients import service as api_clients
from xivows.resources.ws_tokens import service as ws_tokens
from xivows.worker import changes, tasks

logger = logging.getLogger('xivows.worker')


def _purge():
    removed = {
        'api client tokens': api_clients.purge_expired(),
        'web-service user tokens': ws_tokens.purge_expired(),
        'failed-authentication counts': throttle.purge_expired(),
        'finished callback events': delivery.purge_old(),
    }
    done = {what: count for what, count in removed.items() if count}
    if done:
        logger.info('purged %s', ', '.join(f'{count} {what}' for what, count in done.items()))


def _apply_asterisk_config():
    # A failure (ApplyError: which file or module, and why) is logged and kept as
    # the task's outcome, which /healthz shows.
    deploy.apply_if_changed()


def register_all():
    tasks.register('outbox', delivery.deliver_due, every=5, wake_on=events.TOPIC)
    tasks.register('purge', _purge, every=600)
    if settings.get('ASTERISK_AUTO_APPLY'):
        tasks.register(
            changes.ASTERISK_CONFIG,
            _apply_asterisk_config,
            every=300,
            wake_on=changes.ASTERISK_CONFIG,
        )
