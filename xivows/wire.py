"""Values as the legacy server emitted them: database values were text (PHP read
PostgreSQL rows as strings), except the keys a service cast to int or bool.

A RowFormat is built once per table and turns rows into wire dicts quickly
(list routes format tens of thousands of rows)."""

from operator import itemgetter

from peewee import AutoField, BooleanField, CharField, FloatField, IntegerField, TextField

# Fields whose values the drivers already answer as peewee would convert them
# (or as the wire conversions read them: 0/1 or a bool for a boolean).
_DRIVER_NATIVE = (CharField, TextField, IntegerField, AutoField, BooleanField, FloatField)


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


boolean = bool  # the builtin itself: no Python call per value of a boolean column


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
        self._conversions = [
            (index, convert)
            for index, (_, _, convert) in enumerate(self.columns)
            if convert is not as_is
        ]
        self._get = itemgetter(*self._names) if len(self._names) > 1 else None
        # Rows as tuples of every column in field order (prepared queries)
        order = [field.name for field in model._meta.sorted_fields]
        self._positions = [order.index(name) for name in self._names]
        self._pick = itemgetter(*self._positions) if len(self._positions) > 1 else None
        self._tuple_conversions = []
        for index, (name, _, convert) in enumerate(self.columns):
            field = model._meta.fields[name]
            if not isinstance(field, _DRIVER_NATIVE):
                convert = _after(field.python_value, convert)
            if convert is not as_is:
                self._tuple_conversions.append((index, convert))

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

    def of_tuple(self, row):
        """The same from a tuple of every column of the model in field order,
        as the driver answered it (xivows/prepared.py)."""
        values = list(self._pick(row)) if self._pick else [row[self._positions[0]]]
        for index, convert in self._tuple_conversions:
            values[index] = convert(values[index])
        return dict(zip(self._keys, values))


def _after(python_value, convert):
    if convert is as_is:
        return python_value
    return lambda value: convert(python_value(value))
