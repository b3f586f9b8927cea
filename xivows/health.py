"""GET /healthz: 200 when the database answers, with the background worker's state
(`worker`: whether a worker holds the lease, and its AMI link). Public (no
authentication)."""

import time

from flask import Blueprint, jsonify
from peewee import PeeweeException

from xivows.db import database
from xivows.live import queries as live
from xivows.worker import lease, tasks

bp = Blueprint('health', __name__)


def _worker():
    now = time.time()
    held = lease.current()
    link = live.connection()
    state = {
        'active': bool(held and held[1] >= now),
        'lease_expires_in': round(held[1] - now, 1) if held and held[1] >= now else None,
    }
    if link is not None:
        state['ami'] = {
            'configured': link.configured,
            'connected': link.connected,
            'since': link.since,
            'synced_at': link.synced_at,
            'checked_at': link.checked_at,
            'last_event_at': link.last_event_at,
            'error': link.error,
        }
    state['tasks'] = tasks.outcomes()
    return state


@bp.get('/healthz')
def healthz():
    try:
        database.execute_sql('SELECT 1')
        worker = _worker()
    except PeeweeException:
        return jsonify(status='database unavailable'), 503
    return jsonify(status='ok', worker=worker)
