"""The routes of the `/api` dialect, declared once for Flask and OpenAPI."""
from flask import Blueprint, jsonify

from compat.restapi import queues, sipsyscfg
from compat.restapi.common import ErrorSchema, render_error
from xivows.http import openapi, operations
from xivows.http.operations import Operation

PREFIX = '/api'
OPENAPI = ('/api (agents, queues, SIP users)', f'{PREFIX}/openapi.json')
SECTIONS = ('api/agents', queues.SECTION, 'api/sipusers', sipsyscfg.SECTION)

OPERATIONS = [
    Operation('GET', '/queues', queues.list_queues, 'List the queues', queues.SECTION,
              answer=queues.QueueSchema(many=True), errors=(401, 403), tags=('queues',)),
    Operation('GET', '/queue/<name>', queues.get_queue, 'Get a queue', queues.SECTION,
              answer=queues.QueueSchema(), errors=(401, 403, 404), tags=('queues',)),
    Operation('PUT', '/queue/<name>', queues.put_queue,
              'Change a queue: its agents (replaced) and/or its two times', queues.SECTION,
              body=queues.QueueChangeSchema(), answer=queues.QueueSchema(), tags=('queues',)),
    Operation('DELETE', '/queue/<name>', queues.delete_queue, 'Delete a queue',
              queues.SECTION, status=204, errors=(401, 403, 404), tags=('queues',)),
    Operation('GET', '/SIPSysCfg', sipsyscfg.get_settings, 'Get the SIP system configuration',
              sipsyscfg.SECTION, answer=sipsyscfg.SipSysCfgSchema(), errors=(401, 403),
              tags=('SIP system configuration',)),
    Operation('PUT', '/SIPSysCfg', sipsyscfg.put_settings,
              'Change some items of the SIP system configuration', sipsyscfg.SECTION,
              body=sipsyscfg.SipSysCfgSchema(), answer=sipsyscfg.SipSysCfgSchema(),
              errors=(400, 401, 403), tags=('SIP system configuration',)),
]


def _description():
    return openapi.build('xivows /api', PREFIX, OPERATIONS, ErrorSchema(),
                         description='Agents, queues, SIP users and SIP system configuration '
                                     '(seed 000), over the xivows store.')


def init_app(app):
    bp = Blueprint('restapi', __name__, url_prefix=PREFIX)
    operations.install(bp, OPERATIONS, render_error)
    bp.add_url_rule('/openapi.json', 'openapi', lambda: jsonify(_description()))
    app.register_blueprint(bp)
