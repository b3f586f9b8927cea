"""The routes of the `/api` dialect, declared once for Flask and OpenAPI."""

from flask import Blueprint, jsonify

from compat.restapi import agents, queues, sipsyscfg, sipusers
from compat.restapi.common import ErrorSchema, render_error
from xivows.http import openapi, operations
from xivows.http.operations import Operation

PREFIX = '/api'
OPENAPI = ('/api (agents, queues, SIP users)', f'{PREFIX}/openapi.json')
SECTIONS = (agents.SECTION, queues.SECTION, sipusers.SECTION, sipsyscfg.SECTION)

OPERATIONS = [
    Operation(
        'GET',
        '/agents',
        agents.list_agents,
        'List the agents',
        agents.SECTION,
        answer=agents.AgentSchema(many=True),
        errors=(401, 403),
        tags=('agents',),
    ),
    Operation(
        'GET',
        '/agent/<number>',
        agents.get_agent,
        'Get an agent (by number)',
        agents.SECTION,
        answer=agents.AgentSchema(),
        errors=(401, 403, 404),
        tags=('agents',),
    ),
    Operation(
        'PUT',
        '/agent/<number>',
        agents.put_agent,
        'Log an agent in (on contact, or its last one) or out',
        agents.SECTION,
        body=agents.AgentChangeSchema(),
        answer=agents.AgentSchema(),
        tags=('agents',),
    ),
    Operation(
        'DELETE',
        '/agent/<number>',
        agents.delete_agent,
        'Delete an agent',
        agents.SECTION,
        status=204,
        errors=(401, 403, 404),
        tags=('agents',),
    ),
    Operation(
        'GET',
        '/queues',
        queues.list_queues,
        'List the queues',
        queues.SECTION,
        answer=queues.QueueSchema(many=True),
        errors=(401, 403),
        tags=('queues',),
    ),
    Operation(
        'GET',
        '/queue/<name>',
        queues.get_queue,
        'Get a queue',
        queues.SECTION,
        answer=queues.QueueSchema(),
        errors=(401, 403, 404),
        tags=('queues',),
    ),
    Operation(
        'PUT',
        '/queue/<name>',
        queues.put_queue,
        'Change a queue: its agents (replaced) and/or its two times',
        queues.SECTION,
        body=queues.QueueChangeSchema(),
        answer=queues.QueueSchema(),
        tags=('queues',),
    ),
    Operation(
        'DELETE',
        '/queue/<name>',
        queues.delete_queue,
        'Delete a queue',
        queues.SECTION,
        status=204,
        errors=(401, 403, 404),
        tags=('queues',),
    ),
    Operation(
        'GET',
        '/SIPUsers',
        sipusers.list_sipusers,
        'List the SIP users',
        sipusers.SECTION,
        answer=sipusers.SipUserSchema(many=True),
        errors=(401, 403),
        tags=('SIP users',),
    ),
    Operation(
        'POST',
        '/SIPUsers',
        sipusers.post_sipusers,
        'Create a SIP user (a user with a SIP line; an addition to the seed)',
        sipusers.SECTION,
        body=sipusers.SipUserCreationSchema(),
        answer=sipusers.SipUserSchema(),
        status=201,
        errors=(400, 401, 403),
        tags=('SIP users',),
    ),
    Operation(
        'GET',
        '/SIPUser/<user_id>',
        sipusers.get_sipuser,
        'Get a SIP user',
        sipusers.SECTION,
        answer=sipusers.SipUserSchema(),
        errors=(401, 403, 404),
        tags=('SIP users',),
    ),
    Operation(
        'PUT',
        '/SIPUser/<user_id>',
        sipusers.put_sipuser,
        'Change some fields of a SIP user (not its UserID)',
        sipusers.SECTION,
        body=sipusers.SipUserChangeSchema(),
        answer=sipusers.SipUserSchema(),
        tags=('SIP users',),
    ),
    Operation(
        'DELETE',
        '/SIPUser/<user_id>',
        sipusers.delete_sipuser,
        'Delete a SIP user and its line',
        sipusers.SECTION,
        status=204,
        errors=(401, 403, 404),
        tags=('SIP users',),
    ),
    Operation(
        'GET',
        '/SIPSysCfg',
        sipsyscfg.get_settings,
        'Get the SIP system configuration',
        sipsyscfg.SECTION,
        answer=sipsyscfg.SipSysCfgSchema(),
        errors=(401, 403),
        tags=('SIP system configuration',),
    ),
    Operation(
        'PUT',
        '/SIPSysCfg',
        sipsyscfg.put_settings,
        'Change some items of the SIP system configuration',
        sipsyscfg.SECTION,
        body=sipsyscfg.SipSysCfgSchema(),
        answer=sipsyscfg.SipSysCfgSchema(),
        errors=(400, 401, 403),
        tags=('SIP system configuration',),
    ),
]


def _description():
    return openapi.build(
        'xivows /api',
        PREFIX,
        OPERATIONS,
        ErrorSchema(),
        description='Agents, queues, SIP users and SIP system configuration '
        '(seed 000), over the xivows store.',
    )


def init_app(app):
    bp = Blueprint('restapi', __name__, url_prefix=PREFIX)
    operations.install(bp, OPERATIONS, render_error)
    bp.add_url_rule('/openapi.json', 'openapi', lambda: jsonify(_description()))
    app.register_blueprint(bp)
