"""Queues: the rules of a queue's own fields (`queuefeatures`) and of its
Asterisk options (`queue`)."""

import math
import re

from marshmallow import ValidationError, fields, missing, post_load

from xivows.constants import MAX_INT, QUEUE_STRATEGIES
from xivows.schemas import LegacySchema
from xivows.schemas.fields import FALSE_WORDS, TRUE_WORDS, ContextName, Flag, Integer, Text

NAME = r'[a-zA-Z0-9_.-]+'
RESERVED_NAMES = ('general',)
WAITTIMES = (
    5,
    10,
    15,
    20,
    30,
    40,
    50,
    60,
    120,
    180,
    240,
    300,
    360,
    420,
    480,
    540,
    600,
    900,
    1200,
    1500,
    1800,
)
MAX_WAITRATIO = 100_000
_DECIMAL = re.compile(r'[0-9]{1,9}(\.[0-9]{1,9})?')
STRATEGIES = QUEUE_STRATEGIES
# "1 to 60, step 5": the multiples of 5 and the ends of the range.
RETRIES = (1,) + tuple(range(5, 61, 5))
FREQUENCIES = tuple(range(0, 301, 15))
ROUND_SECONDS = (0, 5, 10, 15, 20, 30)
AUTOPAUSE = ('no', 'yes', 'all')
PERIODIC_ANNOUNCE = 'queue-periodic-announce'
MAX_PERIODIC_SOUNDS = 10


class UnsignedDecimal(fields.Field):
    """A non-negative number (JSON number or decimal string); null/'' = not given."""

    def __init__(self, *, maximum, **kwargs):
        super().__init__(**kwargs)
        self.maximum = maximum

    def deserialize(self, value, attr=None, data=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            value = missing
        return super().deserialize(value, attr, data, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str) and _DECIMAL.fullmatch(value.strip()):
            number = float(value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value) if abs(value) < 2**63 else math.inf
        else:
            raise ValidationError('must be a number')
        if not math.isfinite(number) or not 0 <= number <= self.maximum:
            raise ValidationError(f'must be 0 to {self.maximum}')
        return number


class Autopause(fields.Field):
    """no/yes/all; a boolean (the pre-2014 form xivo-ws still sends) is no/yes."""

    def deserialize(self, value, attr=None, data=None, **kwargs):
        if value is None:
            value = missing
        return super().deserialize(value, attr, data, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool):
            return 'yes' if value else 'no'
        if isinstance(value, int) and value in (0, 1):
            return 'yes' if value else 'no'
        if isinstance(value, str):
            word = value.strip().lower()
            if word in AUTOPAUSE:
                return word
            if word in TRUE_WORDS:
                return 'yes'
            if word in FALSE_WORDS:
                return 'no'
        raise ValidationError('must be one of: no, yes, all (or a boolean)')


class PeriodicAnnounce(fields.Field):
    """A sound name, or a list of at most 10 (stored comma-joined)."""

    _sound = Text(max_length=128, printable=True)

    def deserialize(self, value, attr=None, data=None, **kwargs):
        if value in (None, '', []):
            value = missing
        return super().deserialize(value, attr, data, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, list):
            if len(value) > MAX_PERIODIC_SOUNDS:
                raise ValidationError(f'at most {MAX_PERIODIC_SOUNDS} sounds')
            sounds = [self._sound.deserialize(item) for item in value]
            if any(not sound or ',' in sound for sound in sounds):
                raise ValidationError('must be a list of sound names')
            return ','.join(sounds)
        sound = self._sound.deserialize(value) if not isinstance(value, dict) else None
        if sound is None:
            raise ValidationError('must be a sound name or a list of them')
        return sound or PERIODIC_ANNOUNCE


# What Asterisk can be given (the generated queues.conf leaves out anything else):
# a music-on-hold class name, and a sound file (relative to the sounds directory,
# no extension); no line break, no `;` (a comment in Asterisk's files).
MUSIC_CLASS = r'[A-Za-z0-9][A-Za-z0-9_.+-]*'
SOUND_FILE = r'[A-Za-z0-9_][A-Za-z0-9/_.-]*'


class QueueFeaturesSchema(LegacySchema):
    name = Text(required=True, min_length=1, max_length=128, pattern=NAME)
    displayname = Text(max_length=128, printable=True, load_default='')
    number = Text(max_length=40, pattern=r'[0-9*#]*', load_default='')
    context = ContextName(required=True)
    data_quality = Flag(load_default=False)
    hitting_callee = Flag(load_default=False)
    hitting_caller = Flag(load_default=False)
    retries = Flag(load_default=False)
    ring = Flag(load_default=False)
    transfer_user = Flag(load_default=False)
    transfer_call = Flag(load_default=False)
    write_caller = Flag(load_default=False)
    write_calling = Flag(load_default=False)
    announce_holdtime = Flag(load_default=False)
    url = Text(max_length=255, printable=True, load_default='')
    # Queue()'s announcement to the member: a sound file, as `announce` is
    announceoverride = Text(max_length=128, pattern=SOUND_FILE, load_default='')
    timeout = Integer(minimum=0, maximum=MAX_INT, load_default=None)
    preprocess_subroutine = ContextName(load_default=None)
    waittime = Integer(choices=WAITTIMES, load_default=None)
    waitratio = UnsignedDecimal(maximum=MAX_WAITRATIO, load_default=None)

    @post_load
    def _normalise(self, data, **kwargs):
        if data['name'].lower() in RESERVED_NAMES:
            raise ValidationError('is a reserved name', 'name')
        data['displayname'] = data['displayname'] or data['name']
        data['preprocess_subroutine'] = data['preprocess_subroutine'] or None
        return data


def _sound(key):
    return Text(data_key=key, max_length=128, printable=True, load_default=key)


def _choice(key, choices):
    return Text(data_key=key, choices=choices + ('',), load_default=None)


class QueueSchema(LegacySchema):
    timeoutpriority = Text(choices=('app', 'conf'), load_default='app')
    autopause = Autopause(load_default='no')
    min_announce_frequency = Integer(
        data_key='min-announce-frequency', minimum=0, maximum=600, step=10, load_default=60
    )
    announce_position = Text(
        data_key='announce-position', choices=('yes', 'no', 'limit', 'more'), load_default='yes'
    )
    announce_position_limit = Integer(
        data_key='announce-position-limit', minimum=1, maximum=50, load_default=5
    )
    timeout = Integer(minimum=0, maximum=60, step=5, load_default=15)
    strategy = Text(choices=STRATEGIES, load_default='ringall')
    retry = Integer(choices=RETRIES, load_default=5)
    weight = Integer(minimum=0, maximum=10, load_default=0)
    wrapuptime = Integer(minimum=0, maximum=60, step=5, load_default=0)
    maxlen = Integer(minimum=0, maximum=65535, load_default=0)
    memberdelay = Integer(minimum=0, maximum=60, step=5, load_default=0)
    servicelevel = Integer(minimum=0, maximum=MAX_INT, load_default=None)
    musicclass = Text(max_length=20, pattern=MUSIC_CLASS, load_default='')
    announce = Text(max_length=128, pattern=SOUND_FILE, load_default='')
    queue_youarenext = _sound('queue-youarenext')
    queue_thereare = _sound('queue-thereare')
    queue_callswaiting = _sound('queue-callswaiting')
    queue_holdtime = _sound('queue-holdtime')
    queue_minutes = _sound('queue-minutes')
    queue_seconds = _sound('queue-seconds')
    queue_thankyou = _sound('queue-thankyou')
    queue_reporthold = _sound('queue-reporthold')
    periodic_announce = PeriodicAnnounce(
        data_key='periodic-announce', load_default=PERIODIC_ANNOUNCE
    )
    announce_frequency = Integer(
        data_key='announce-frequency', choices=FREQUENCIES, load_default=0
    )
    periodic_announce_frequency = Integer(
        data_key='periodic-announce-frequency', choices=FREQUENCIES, load_default=0
    )
    announce_holdtime = Text(
        data_key='announce-holdtime', choices=('no', 'yes', 'once'), load_default='no'
    )
    announce_round_seconds = Integer(
        data_key='announce-round-seconds', choices=ROUND_SECONDS, load_default=0
    )
    monitor_type = _choice('monitor-type', ('no', 'mixmonitor'))
    monitor_format = _choice('monitor-format', ('gsm', 'wav', 'wav49'))
    joinempty = Text(max_length=255, printable=True, load_default='')
    leavewhenempty = Text(max_length=255, printable=True, load_default='')
    context = ContextName(load_default=None)
    membermacro = Text(max_length=1024, printable=True, load_default=None)
    defaultrule = Text(max_length=1024, printable=True, load_default=None)
    ringinuse = Flag(load_default=False)
    reportholdtime = Flag(load_default=False)
    timeoutrestart = Flag(load_default=False)
    autofill = Flag(load_default=False)
    setinterfacevar = Flag(load_default=False)
    setqueueentryvar = Flag(load_default=False)
    setqueuevar = Flag(load_default=False)
    random_periodic_announce = Flag(data_key='random-periodic-announce', load_default=False)

    @post_load
    def _normalise(self, data, **kwargs):
        for key in ('monitor_type', 'monitor_format', 'context', 'membermacro', 'defaultrule'):
            data[key] = data[key] or None
        for key, field in self.fields.items():
            if key.startswith('queue_'):  # a sound left empty: the default sound
                data[key] = data[key] or field.data_key
        return data


queuefeatures_schema = QueueFeaturesSchema()
queue_schema = QueueSchema()


def queuefeatures_input(features):
    """The stored queuefeatures in the add/edit format (base of an edit merge)."""
    return {key: getattr(features, key) for key in queuefeatures_schema.fields}


def queue_input(queue):
    """The stored queue options in the add/edit format (keys as on the wire)."""
    if queue is None:
        return {}
    return {
        field.data_key or name: getattr(queue, name) for name, field in queue_schema.fields.items()
    }
