"""Values as the legacy server emitted them: database values were text (PHP read
PostgreSQL rows as strings), except the keys a service cast to int or bool.

A RowFormat is built once per table and turns rows into wire dicts quickly
(list routes format tens of thousands of rows)."""


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
            elif field.name in raw:
                convert = as_is
            else:
                convert = text
            self.columns.append((field.name, field.column_name, convert))
        self.fields = [getattr(model, name) for name, _, _ in self.columns]

    def __call__(self, row):
        """`row`: a model instance or a dict keyed by field name."""
        if not isinstance(row, dict):
            row = row.__data__
        return {key: convert(row.get(name)) for name, key, convert in self.columns}
