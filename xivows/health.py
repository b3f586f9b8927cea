"""GET /healthz: 200 when the database answers. Public (no authentication)."""
from flask import Blueprint, jsonify
from peewee import PeeweeException

from xivows.db import database

bp = Blueprint('health', __name__)


@bp.get('/healthz')
def healthz():
    try:
        database.execute_sql('SELECT 1')
    except PeeweeException:
        return jsonify(status='database unavailable'), 503
    return jsonify(status='ok')
