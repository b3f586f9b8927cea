"""/extension/{id}/queue/: the parameters of a queue extension's queue, and its
status from Asterisk.

Mapping onto the store (json.php shows the same values): `strategy` the queue's
strategy (seed name <-> Asterisk name, below); `max_wait_time` its wait timeout
(queuefeatures `timeout`: a caller leaves after it, to `timeout_transfer_dst`);
`announce_frequency` its `announce-frequency`; `announce_sound` its `announce`
and `sound` its music class (`musicclass`) with `sound_type` `music`, or, with
`sound_type` `ring`, callers hear ringing (queue option `r`); `record_enabled`
its recording (`monitor-type` mixmonitor); `timeout_transfer_dst` the number its
no-answer dial action goes to (an `extension` action in the queue's context);
the tier rule fields the queue's tier rule (xivows/resources/tier_rules)."""

import datetime

from flask import jsonify
from marshmallow import Schema, ValidationError, fields, validate

from compat.callqueue import extensions
from compat.callqueue.common import Bool, Int, Str, document, renamed
from xivows.live import queries as live
from xivows.live import queue_callers
from xivows.resources.dialaction import service as dialactions
from xivows.resources.queues import queries as queue_queries
from xivows.resources.queues import service as queues
from xivows.resources.queues.inputs import QueueInput
from xivows.resources.tier_rules import service as tier_rules

# seed strategy -> Asterisk strategy (those with an equivalent)
STRATEGIES = {
    'ring-all': 'ringall',
    'longest-idle-agent': 'leastrecent',
    'agent-with-fewest-calls': 'fewestcalls',
    'random': 'random',
    'round-robin': 'rrmemory',
    'top-down': 'linear',
}
SHOWN_STRATEGIES = {asterisk: seed for seed, asterisk in STRATEGIES.items()}
SOUND_TYPES = ('music', 'ring')
DESTINATION = r'[0-9*#]{1,40}\Z'  # the whole value (Regexp matches a prefix)
# domain field -> this dialect's, in refusals
_NAMES = {
    'queue.strategy': 'strategy',
    'queue.announce-frequency': 'announce_frequency',
    'queue.announce': 'announce_sound',
    'queue.musicclass': 'sound',
    'queuefeatures.timeout': 'max_wait_time',
    'dialaction.noanswer.actionarg1': 'timeout_transfer_dst',
}


class Sound(fields.Field):
    """A sound: its id (an integer, as the seed gives them) or name; null: none."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise ValidationError('must be a sound id or name')
        if isinstance(value, int) and not 0 <= value < 2**31:
            raise ValidationError('must be a sound id')
        return str(value)

    def _serialize(self, value, attr, obj, **kwargs):
        return value


class QueueParamsSchema(Schema):
    strategy = Str(
        validate=validate.OneOf(tuple(STRATEGIES)), metadata={'description': ', '.join(STRATEGIES)}
    )
    max_wait_time = Int(metadata={'description': 'Seconds a caller waits at most (0: no limit)'})
    announce_frequency = Int(
        metadata={'description': 'Seconds between position announcements: 0 to 300, step 15'}
    )
    announce_sound = Sound(allow_none=True)
    sound = Sound(allow_none=True, metadata={'description': 'Music on hold class'})
    sound_type = Str(validate=validate.OneOf(SOUND_TYPES))
    record_enabled = Bool()
    timeout_transfer_dst = Str(
        max_length=40,
        allow_none=True,
        validate=validate.Regexp(DESTINATION, error='must be a number'),
        metadata={'description': 'Number a caller goes to after max_wait_time'},
    )
    tier_rules_apply = Bool()
    tier_rule_wait_second = Int(maximum=tier_rules.MAX_WAIT)
    tier_rule_wait_multiply_level = Bool()


class QueueStatusSchema(Schema):
    answered_members = fields.Integer(metadata={'description': 'Callers connected to a member'})
    trying_members = fields.Integer(metadata={'description': 'Callers for whom a member rings'})
    waiting_members = fields.Integer(metadata={'description': 'Other callers in the queue'})


class QueueCallerSchema(Schema):
    call_api_id = fields.String(metadata={'description': "Asterisk's unique id of the call"})
    joined_datetime = fields.String(metadata={'description': 'YYYY-MM-DD HH:MM:SS, UTC'})
    number = fields.String()
    serving_agent = fields.String(
        allow_none=True,
        metadata={'description': 'The agents ringing for the caller (ids, comma-separated)'},
    )
    state = fields.String(metadata={'description': 'waiting or trying'})
    wait_time = fields.Integer(metadata={'description': 'Seconds in the queue'})


_params = QueueParamsSchema()


def _queue(extension_id):
    row, queue = extensions.find(extension_id, ('queue',))
    return row, queue


def _sound(value):
    if not value:
        return None
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else value


def _timeout_destination(queue_id):
    row = dialactions.input_for('queue', queue_id).get('noanswer')
    if row and row['actiontype'] == 'extension':
        return row['actionarg1'] or None
    return None


def shown(queue):
    options = queue_queries.options_of(queue)
    rule = tier_rules.of(queue, options)
    strategy = (options.strategy if options else None) or 'ringall'
    return {
        'strategy': SHOWN_STRATEGIES.get(strategy, strategy),
        'max_wait_time': queue.timeout or 0,
        'announce_frequency': (options.announce_frequency if options else 0) or 0,
        'announce_sound': _sound(options.announce if options else None),
        'sound': _sound(options.musicclass if options else None),
        'sound_type': 'ring' if queue.ring else 'music',
        'record_enabled': bool(options and (options.monitor_type or '').lower() == 'mixmonitor'),
        'timeout_transfer_dst': _timeout_destination(queue.id),
        'tier_rules_apply': rule.applies,
        'tier_rule_wait_second': rule.wait_second,
        'tier_rule_wait_multiply_level': rule.multiply_level,
    }


def get_params(extension_id):
    _, queue = _queue(extension_id)
    return jsonify(shown(queue))


def _changes(given, queue):
    features, options = {}, {}
    if 'max_wait_time' in given:
        features['timeout'] = given['max_wait_time']
    if 'sound_type' in given:
        features['ring'] = given['sound_type'] == 'ring'
    if 'strategy' in given:
        options['strategy'] = STRATEGIES[given['strategy']]
    if 'announce_frequency' in given:
        options['announce-frequency'] = given['announce_frequency']
    if 'announce_sound' in given:
        options['announce'] = given['announce_sound'] or ''
    if 'sound' in given:
        options['musicclass'] = given['sound'] or ''
    if 'record_enabled' in given:
        stored = queue_queries.options_of(queue)
        options['monitor-type'] = 'mixmonitor' if given['record_enabled'] else ''
        if given['record_enabled'] and not (stored and stored.monitor_format):
            options['monitor-format'] = 'wav'
    return features, options


def put_params(extension_id):
    row, queue = _queue(extension_id)
    given = document(_params)
    features, options = _changes(given, queue)
    tier = {
        'applies': given.get('tier_rules_apply'),
        'wait_second': given.get('tier_rule_wait_second'),
        'multiply_level': given.get('tier_rule_wait_multiply_level'),
    }
    tier_rules.check(**tier)
    destination = None
    if 'timeout_transfer_dst' in given:
        target = given['timeout_transfer_dst']
        entry = (
            {'actiontype': 'extension', 'actionarg1': target, 'actionarg2': row.context}
            if target
            else {'actiontype': 'none'}
        )
        destination = renamed(_NAMES, dialactions.parse_one, entry, 'dialaction.noanswer')
    if features or options:
        renamed(_NAMES, queues.edit, queue.id, QueueInput(features=features, options=options))
    if destination is not None:
        dialactions.replace('queue', queue.id, {'noanswer': destination}, events=('noanswer',))
    tier_rules.configure(queue.id, **tier)
    return jsonify(shown(queues.get(queue.id)))


# -- status (Asterisk) ----------------------------------------------------------------


def _joined(timestamp):
    moment = datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc)
    return moment.strftime('%Y-%m-%d %H:%M:%S')


def get_status(extension_id):
    _, queue = _queue(extension_id)
    live.require_fresh()
    callers = queue_callers.callers(queue.name)
    trying = sum(1 for caller in callers if caller.trying)
    return jsonify(
        {
            'answered_members': queue_callers.answered(queue.name),
            'trying_members': trying,
            'waiting_members': len(callers) - trying,
        }
    )


def get_status_members(extension_id):
    _, queue = _queue(extension_id)
    live.require_fresh()
    return jsonify(
        [
            {
                'call_api_id': caller.uniqueid,
                'joined_datetime': _joined(caller.joined_at),
                'number': caller.number,
                'serving_agent': ','.join(str(agent) for agent in caller.agent_ids) or None,
                'state': 'trying' if caller.trying else 'waiting',
                'wait_time': caller.wait_time,
            }
            for caller in queue_callers.callers(queue.name)
        ]
    )
