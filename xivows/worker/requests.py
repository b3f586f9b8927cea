"""The worker's side of `xivows.live.requests`: claim each pending request
(pending -> running, a conditional update, so a request runs at most once), run
it if its deadline has not passed, write the answer."""

import json
import logging
import time

from xivows.ami import AmiError
from xivows.models.worker import WorkerRequest
from xivows.worker import live, store

logger = logging.getLogger(__name__)

# action -> (AMI action, headers from the request's params)
ACTIONS = {
    'hangup': lambda params: (
        'Hangup',
        {'Channel': params['channel'], 'Cause': params.get('cause')},
    ),
    'module_load': lambda params: ('ModuleLoad', {'LoadType': 'load', 'Module': params['module']}),
    'module_reload': lambda params: (
        'ModuleLoad',
        {'LoadType': 'reload', 'Module': params.get('module')},
    ),
    'module_unload': lambda params: (
        'ModuleLoad',
        {'LoadType': 'unload', 'Module': params['module']},
    ),
}


def _finish(request_id, state, answer):
    with store.writing():
        (
            WorkerRequest.update(state=state, answer=json.dumps(answer), answered_at=time.time())
            .where(WorkerRequest.id == request_id)
            .execute()
        )


def answer_pending(client):
    pending = list(
        WorkerRequest.select(
            WorkerRequest.id, WorkerRequest.action, WorkerRequest.params, WorkerRequest.deadline
        )
        .where(WorkerRequest.state == 'pending')
        .order_by(WorkerRequest.id)
    )
    for request in pending:
        with store.writing():
            claimed = (
                WorkerRequest.update(state='running')
                .where((WorkerRequest.id == request.id) & (WorkerRequest.state == 'pending'))
                .execute()
            )
        if not claimed:
            continue  # expired by the asker meanwhile
        if time.time() > request.deadline:
            _finish(request.id, 'expired', {'ok': False, 'message': 'expired'})
            continue
        build = ACTIONS.get(request.action)
        if build is None:
            _finish(request.id, 'failed', {'ok': False, 'message': 'unknown request'})
            continue
        if client is None or not client.connected():
            _finish(
                request.id,
                'failed',
                {'ok': False, 'unreachable': True, 'message': 'Asterisk unreachable'},
            )
            continue
        try:
            name, headers = build(json.loads(request.params))
            response = client.action(name, **headers)
        except AmiError as exc:
            _finish(
                request.id,
                'failed',
                {'ok': False, 'message': str(exc), 'unreachable': not client.connected()},
            )
            continue
        except (KeyError, ValueError) as exc:
            _finish(request.id, 'failed', {'ok': False, 'message': f'bad request: {exc}'})
            continue
        if request.action.startswith('module_'):
            # The module list changes without an event: re-read it before answering,
            # so that the asker's next read sees it.
            try:
                live.refresh_modules(client)
            except AmiError as exc:
                logger.warning('module list not refreshed: %s', exc)
        _finish(request.id, 'done', {'ok': True, 'message': response.get('Message', '')})
