"""Values as the legacy server emitted them: database values were text (PHP read
PostgreSQL rows as strings), except the keys a service cast to int or bool.

A RowFormat is built once per table and turns rows into wire dicts quickly
(list routes format tens of thousands of rows)."""
from operator import itemgetter

from peewee import CharField, TextField


def text(value):
    if value is None:
        return None
    if value is True:
        return '1'
    if value is False:
        return '0'
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def integer(value):
    return None if value is None else int(value)


def boolean(value):
    return bool(value)


def as_is(value):
    return value


def yes_no(value):
    return 'yes' if value else 'no'


class RowFormat:
    """Wire dict of a model row: every column as text unless listed in `ints`,
    `bools` or `raw`; column names (e.g. 'call-limit') are the keys."""

    def __init__(self, model, ints=(), bools=(), raw=(), exclude=(), converters=None):
        converters = dict(converters or {})
        self.model = model
        self.columns = []
        for field in model._meta.sorted_fields:
            if field.name in exclude:
                continue
            if field.name in converters:
                convert = converters[field.name]
            elif field.name in ints:
                convert = integer
            elif field.name in bools:
                convert = boolean
            elif field.name in raw or isinstance(field, (CharField, TextField)):
                convert = as_is  # text columns are already text (or None)
            else:
                convert = text
            self.columns.append((field.name, field.column_name, convert))
        self.fields = [getattr(model, name) for name, _, _ in self.columns]
        self._names = [name for name, _, _ in self.columns]
        self._keys = [key for _, key, _ in self.columns]
        self._conversions = [(index, convert) for index, (_, _, convert)
                             in enumerate(self.columns) if convert is not as_is]
        self._get = itemgetter(*self._names) if len(self._names) > 1 else None

    def __call__(self, row):
        """`row`: a model instance or a dict keyed by field name."""
        if not isinstance(row, dict):
            row = row.__data__
        try:
            values = list(self._get(row)) if self._get else [row[self._names[0]]]
        except KeyError:
            values = [row.get(name) for name in self._names]
        for index, convert in self._conversions:
            values[index] = convert(values[index])
        return dict(zip(self._keys, values))
