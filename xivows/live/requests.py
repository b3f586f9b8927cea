"""Asking the background worker for an AMI write, from a dialect:

    from xivows.live import requests
    answer = requests.ask('hangup', channel='PJSIP/alice-00000001')
    if not answer.ok: ...  # answer.message is Asterisk's (e.g. 'No such channel')

Actions: `hangup` (channel, cause optional), `module_load` / `module_unload`
(module, e.g. `app_queue.so`), `module_reload` (module optional: all). The request
is a row the worker claims, runs once and answers. `ask` raises
`xivows.errors.Unavailable` (503) when the worker is not connected to Asterisk,
when Asterisk is unreachable, or when no answer came within the bound (then the
request is withdrawn if the worker had not started it; if it had, it may still
happen). Call it outside a transaction (`transaction.run`): the request row must be
committed for the worker to see it."""

import json
import time
from dataclasses import dataclass

from xivows import settings
from xivows.db import database
from xivows.errors import Unavailable
from xivows.live import queries
from xivows.models.worker import WorkerRequest

ACTIONS = ('hangup', 'module_load', 'module_reload', 'module_unload')
POLL_SECONDS = 0.02


@dataclass(frozen=True)
class Answer:
    ok: bool
    message: str


def _bound():
    # the worker's own AMI timeout, plus its polling and a margin
    return float(settings.get('AMI_TIMEOUT')) + 2.0


def ask(action, timeout=None, **params):
    if action not in ACTIONS:
        raise ValueError(f'unknown worker request {action!r}')
    if database.in_transaction():
        raise RuntimeError('ask() needs its request committed: call it outside a transaction')
    queries.require_connected()
    timeout = _bound() if timeout is None else timeout
    now = time.time()
    with database.atomic():
        request = WorkerRequest.create(
            action=action, params=json.dumps(params), created_at=now, deadline=now + timeout
        )
    while time.time() < now + timeout:
        time.sleep(POLL_SECONDS)
        row = (
            WorkerRequest.select(WorkerRequest.state, WorkerRequest.answer)
            .where(WorkerRequest.id == request.id)
            .get()
        )
        if row.state in ('done', 'failed', 'expired'):
            answer = json.loads(row.answer or '{}')
            if row.state == 'expired' or answer.get('unreachable'):
                raise Unavailable(f'Asterisk unavailable: {answer.get("message", "expired")}')
            return Answer(bool(answer.get('ok')), answer.get('message', ''))
    with database.atomic():
        (
            WorkerRequest.update(state='expired')
            .where((WorkerRequest.id == request.id) & (WorkerRequest.state == 'pending'))
            .execute()
        )
    raise Unavailable(f'Asterisk did not answer within {timeout:g} s')
