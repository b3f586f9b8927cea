"""SCCP general settings: the rules of each option and their stored text."""

from marshmallow import ValidationError

from xivows.constants import LANGUAGES
from xivows.schemas import LegacySchema
from xivows.schemas.fields import Flag, Integer, Text

# The codecs chan_sccp negotiates (the original offered exactly these).
SCCP_CODECS = ('ulaw', 'alaw', 'g722', 'g729')


class CodecList(Text):
    """A list of SCCP codecs, or their comma-separated string; stored
    comma-joined, lower case, without duplicates ('' for none)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, list):
            if not all(isinstance(item, str) for item in value):
                raise ValidationError('must be a list of codecs')
            items = value
        else:
            items = super()._deserialize(value, attr, data, **kwargs).split(',')
        codecs = {}  # ordered, without duplicates
        for item in items:
            codec = item.strip().lower()
            if not codec:
                continue
            if codec not in SCCP_CODECS:
                raise ValidationError('must be codecs among: ' + ', '.join(SCCP_CODECS))
            codecs[codec] = None
        return ','.join(codecs)


class SccpSettingsSchema(LegacySchema):
    """No defaults: only the options present in the body are loaded."""

    directmedia = Flag()
    dialtimeout = Integer(minimum=1, maximum=10)
    keepalive = Integer(minimum=1, maximum=120)
    language = Text(choices=LANGUAGES + ('',))
    allow = CodecList(max_length=80)
    disallow = Text(choices=('all',), lower=True)


sccp_settings_schema = SccpSettingsSchema()


def option_values(values):
    """Loaded options -> the text stored for each."""
    stored = {}
    for name, value in values.items():
        if isinstance(value, bool):
            stored[name] = 'yes' if value else 'no'
        else:
            stored[name] = str(value)
    return stored
