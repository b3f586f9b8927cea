"""Lenient fields of the legacy formats: numbers may come as strings and strings
as numbers, booleans in every PHP spelling; null means "not given"."""

import math
import re

from marshmallow import ValidationError, fields, missing

from xivows.constants import ASTERISK_FORMATS, MAX_INT

TRUE_WORDS = {'1', 'true', 'yes', 'y', 'on', 't'}
FALSE_WORDS = {'0', 'false', 'no', 'n', 'off', 'f', ''}
_CONTROL = re.compile(r'[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]')
# Every control character, tab and line breaks too: what a value written on one
# line of Asterisk's configuration (a SIP secret) cannot carry as given.
_ANY_CONTROL = re.compile(r'[\x00-\x1f\x7f]')


class _Lenient(fields.Field):
    default_error_messages = {
        'required': 'is required',
        'null': 'must not be null',
        'validator_failed': 'is invalid',
    }

    def deserialize(self, value, attr=None, data=None, **kwargs):
        if value is None:
            value = missing
        if value is missing or self.validators or self.pre_load or self.post_load:
            return super().deserialize(value, attr, data, **kwargs)
        # marshmallow's deserialize without the steps that do nothing here (it
        # builds a validator chain for every value, even an empty one)
        return self._deserialize(value, attr, data, **kwargs)

    def direct(self):
        """The function that loads a given value (not None) exactly as
        deserialize() does, called without deserialize()'s own steps (a
        schema's load calls it for each value given); None when deserialize()
        does more for this field."""
        if type(self).deserialize is not _Lenient.deserialize:
            return None
        if self.validators or self.pre_load or self.post_load:
            return None
        return self._deserialize


class Text(_Lenient):
    """A string (a JSON number is accepted and written as digits)."""

    def __init__(
        self,
        *,
        max_length=None,
        min_length=0,
        pattern=None,
        choices=None,
        lower=False,
        printable=False,
        one_line=False,
        strip=True,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.max_length = max_length
        self.min_length = min_length
        self.pattern = re.compile(pattern) if isinstance(pattern, str) else pattern
        self.choices = choices
        self.lower = lower
        self.printable = printable or one_line
        self.one_line = one_line
        self.strip = strip
        self._text = self._text_loader()

    def _text_loader(self):
        """The function loading a value as this field does, its settings bound
        as constants (a schema load calls it for every text given)."""
        strip, lower, printable = self.strip, self.lower, self.printable
        required, min_length, max_length = self.required, self.min_length, self.max_length
        choices, pattern = self.choices, self.pattern
        control = (_ANY_CONTROL if self.one_line else _CONTROL).search
        control_reason = (
            'must be one line, without tabs or control characters'
            if self.one_line
            else 'must not contain control characters'
        )
        fullmatch = pattern.fullmatch if pattern is not None else None
        # The checks a text can fail, decided once: most fields have two or three.
        must_not_be_empty = bool(required and min_length)
        too_short = bool(min_length)
        longest = max_length if max_length is not None else math.inf

        def load(value, attr=None, data=None):
            if type(value) is str:
                text = value
            elif isinstance(value, bool) or not isinstance(value, (str, int, float)):
                raise ValidationError('must be a string')
            else:
                text = value if isinstance(value, str) else number_text(value)
            if strip:
                text = text.strip()
            if lower:
                text = text.lower()
            if must_not_be_empty and not text:
                raise ValidationError('must not be empty')
            if too_short and len(text) < min_length and (text or required):
                raise ValidationError(f'must be at least {min_length} characters')
            if len(text) > longest:
                raise ValidationError(f'must be at most {max_length} characters')
            if printable and control(text):
                raise ValidationError(control_reason)
            if choices is not None and text not in choices:
                raise ValidationError('must be one of: ' + ', '.join(map(str, choices)))
            if fullmatch is not None and text and not fullmatch(text):
                raise ValidationError('has an invalid format')
            return text

        return load

    def _deserialize(self, value, attr, data, **kwargs):
        return self._text(value)

    def direct(self):
        loader = super().direct()
        if loader is not None and type(self)._deserialize is Text._deserialize:
            return self._text  # the same function, one call less
        return loader


class CodecList(Text):
    """An Asterisk allow/disallow list as its parser reads it: items separated
    by `,` or `|`, each `all` or a format Asterisk knows (any case), with `!`
    before it for the opposite and `:` and a packetization in ms after it if
    wanted; empty items are skipped. Stored as given."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        for item in re.split(r'[,|]', text):
            item = item.strip()
            if not item:
                continue
            name, colon, framing = item.removeprefix('!').rpartition(':')
            if not colon:
                name, framing = framing, ''
            if name.lower() != 'all' and name.lower() not in ASTERISK_FORMATS:
                raise ValidationError(f'{item!r} is no codec Asterisk knows')
            if colon and not framing.isdigit():
                raise ValidationError(f'{item!r}: the packetization must be a number of ms')
        return text


class Flag(_Lenient):
    """A boolean: true/false, 1/0 and the words yes/no, on/off, t/f, y/n."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            if value in (0, 1):
                return bool(value)
            raise ValidationError('must be a boolean')
        if isinstance(value, str):
            word = value.strip().lower()
            if word in TRUE_WORDS:
                return True
            if word in FALSE_WORDS:
                return False
        raise ValidationError('must be a boolean')


class Integer(_Lenient):
    """An integer, as a JSON number or a string of digits, within bounds."""

    def __init__(
        self,
        *,
        minimum=None,
        maximum=None,
        step=None,
        choices=None,
        empty_is_missing=True,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.minimum = minimum
        self.maximum = maximum
        self.step = step
        self.choices = choices
        self.empty_is_missing = empty_is_missing

    def deserialize(self, value, attr=None, data=None, **kwargs):
        if self.empty_is_missing and isinstance(value, str) and not value.strip():
            value = None
        return super().deserialize(value, attr, data, **kwargs)

    def direct(self):
        """deserialize() of a value given: a blank string (missing) goes
        through it, any other value straight to _deserialize()."""
        if type(self).deserialize is not Integer.deserialize:
            return None
        if self.validators or self.pre_load or self.post_load:
            return None
        own = self._deserialize
        if not self.empty_is_missing:
            return own
        full = self.deserialize

        def load(value, attr=None, data=None):
            if isinstance(value, str) and not value.strip():
                return full(value, attr, data)
            return own(value, attr, data)

        return load

    def _deserialize(self, value, attr, data, **kwargs):
        number = to_int(value)
        if number is None:
            raise ValidationError('must be an integer')
        if self.minimum is not None and number < self.minimum:
            raise ValidationError(f'must be at least {self.minimum}')
        if self.maximum is not None and number > self.maximum:
            raise ValidationError(f'must be at most {self.maximum}')
        if (
            self.step
            and number not in (self.minimum, self.maximum)
            and (number - (self.minimum or 0)) % self.step
        ):
            raise ValidationError(f'must be a multiple of {self.step}')
        if self.choices is not None and number not in self.choices:
            raise ValidationError('must be one of: ' + ', '.join(map(str, self.choices)))
        return number


class IdList(_Lenient):
    """A list of database ids (numbers or digit strings)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, list):
            raise ValidationError('must be a list of ids')
        ids = {}  # in order, without duplicates (a dict: linear in the list's length)
        for item in value:
            number = to_int(item)
            if number is None or not 0 <= number <= MAX_INT:
                raise ValidationError('must be a list of ids')
            ids[number] = None
        return list(ids)


class Anything(_Lenient):
    """Kept as given (validated by the service)."""

    def _deserialize(self, value, attr, data, **kwargs):
        return value


def number_text(value):
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def to_int(value):
    """int from an int, an integral float or a string of digits; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if abs(value) <= 2**63 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) <= 2**53 else None
    if isinstance(value, str):
        text = value.strip()
        digits = text[1:] if text[:1] in '+-' else text
        if digits.isascii() and digits.isdigit() and len(digits) <= 18:
            return int(text)
    return None


_RESERVED_CONTEXTS = {
    'features',
    'general',
    'global',
    'globals',
    'parkedcalls',
    'xivo-features',
    'authentication',
    'zonemessages',
}


def _not_reserved(text):
    if text:
        lowered = text.lower()
        if lowered.startswith('xivo-') or lowered in _RESERVED_CONTEXTS:
            raise ValidationError('is a reserved context name')
    return text


class ContextName(Text):
    """1-39 of [a-zA-Z0-9_-], not starting with xivo-, not a reserved name."""

    def __init__(self, **kwargs):
        super().__init__(min_length=1, max_length=39, pattern=r'[a-zA-Z0-9_-]+', **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        return _not_reserved(super()._deserialize(value, attr, data, **kwargs))

    def direct(self):
        loader = super().direct()
        if loader is None or type(self)._deserialize is not ContextName._deserialize:
            return loader
        text_of = self._text  # _deserialize() without its two calls in between

        def load(value, attr=None, data=None):
            return _not_reserved(text_of(value))

        return load
