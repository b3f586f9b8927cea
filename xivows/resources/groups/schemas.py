"""Groups: the rules of a group's own fields (`groupfeatures`) and of its
Asterisk options (`queue`)."""

from marshmallow import ValidationError, post_load

from xivows.constants import MAX_INT
from xivows.schemas import LegacySchema
from xivows.schemas.fields import ContextName, Flag, Integer, Text

RESERVED_NAMES = ('general',)
STRATEGIES = ('ringall', 'leastrecent', 'fewestcalls', 'rrmemory', 'random', 'linear', 'wrandom')
# Options a group always has, whatever the input says (as the original forced them).
FORCED_OPTIONS = {
    'category': 'group',
    'timeoutpriority': 'app',
    'autopause': 'no',
    'min_announce_frequency': 60,
    'announce_position': 'no',
    'announce_position_limit': 5,
}


class GroupFeaturesSchema(LegacySchema):
    name = Text(required=True, min_length=1, max_length=128, pattern=r'[a-z0-9_.-]+', lower=True)
    number = Text(max_length=40, pattern=r'[0-9*#]*', load_default='')
    context = ContextName(required=True)
    timeout = Integer(minimum=0, maximum=MAX_INT, load_default=0)
    transfer_user = Flag(load_default=False)
    transfer_call = Flag(load_default=False)
    write_caller = Flag(load_default=False)
    write_calling = Flag(load_default=False)
    preprocess_subroutine = ContextName(load_default=None)

    @post_load
    def _normalise(self, data, **kwargs):
        if data['name'] in RESERVED_NAMES:
            raise ValidationError('is a reserved name', 'name')
        data['preprocess_subroutine'] = data['preprocess_subroutine'] or None
        return data


def _count():
    return Integer(minimum=0, maximum=MAX_INT, load_default=0)


def _text(length, key=None):
    return Text(data_key=key, max_length=length, printable=True, load_default=None)


class GroupQueueSchema(LegacySchema):
    """The Asterisk options a group uses; the forced ones are not read."""

    strategy = Text(choices=STRATEGIES, load_default='ringall')
    musicclass = _text(128)
    timeout = Integer(minimum=0, maximum=MAX_INT, load_default=15)
    retry = Integer(minimum=0, maximum=MAX_INT, load_default=5)
    weight = _count()
    wrapuptime = _count()
    maxlen = _count()
    memberdelay = _count()
    servicelevel = Integer(minimum=0, maximum=MAX_INT, load_default=None)
    joinempty = _text(255)
    leavewhenempty = _text(255)
    announce = _text(128)
    membermacro = _text(1024)
    defaultrule = _text(1024)
    context = ContextName(load_default=None)
    monitor_type = Text(
        data_key='monitor-type', choices=('no', 'mixmonitor', ''), load_default=None
    )
    monitor_format = Text(
        data_key='monitor-format', choices=('gsm', 'wav', 'wav49', ''), load_default=None
    )
    ringinuse = Flag(load_default=False)
    reportholdtime = Flag(load_default=False)
    timeoutrestart = Flag(load_default=False)
    autofill = Flag(load_default=True)
    setinterfacevar = Flag(load_default=False)
    setqueueentryvar = Flag(load_default=False)
    setqueuevar = Flag(load_default=False)

    @post_load
    def _normalise(self, data, **kwargs):
        for key, value in data.items():
            if value == '':
                data[key] = None
        return data


groupfeatures_schema = GroupFeaturesSchema()
queue_schema = GroupQueueSchema()


def groupfeatures_input(features):
    """The stored groupfeatures in the add/edit format (base of an edit merge)."""
    return {key: getattr(features, key) for key in groupfeatures_schema.fields}


def queue_input(queue):
    """The stored options in the add/edit format (keys as on the wire)."""
    if queue is None:
        return {}
    return {
        field.data_key or name: getattr(queue, name) for name, field in queue_schema.fields.items()
    }
