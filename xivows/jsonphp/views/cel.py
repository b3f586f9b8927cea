"""Call events on the wire: the raw `cel` row, every value a string (the
original emitted PostgreSQL text), `call_log_id` null when unset."""

from xivows.resources.cel.schemas import AMA_FLAGS, COLUMNS

_ID, _TIME, _AMA, _CALL_LOG = (
    COLUMNS.index(name) for name in ('id', 'eventtime', 'amaflags', 'call_log_id')
)


def eventtime_text(value):
    """PostgreSQL's text of a timestamp: `YYYY-MM-DD HH:MM:SS[.ffffff]` with
    trailing zeros of the fraction dropped (SQLite hands back the stored text)."""
    if isinstance(value, str):
        head, dot, fraction = value.partition('.')
        fraction = fraction.rstrip('0')
        return f'{head}.{fraction}' if fraction else head
    text = value.strftime('%Y-%m-%d %H:%M:%S')
    if value.microsecond:
        text += '.' + f'{value.microsecond:06d}'.rstrip('0')
    return text


def ama_name(flags):
    """The AMA flag name the date search added (`amaflagsmeta`)."""
    flags = int(flags)
    return AMA_FLAGS[flags] if 0 <= flags < len(AMA_FLAGS) else str(flags)


def item(row, with_meta=False):
    """A found event (values in COLUMNS order) -> the wire dict."""
    values = list(row)
    values[_ID] = str(values[_ID])
    values[_TIME] = eventtime_text(values[_TIME])
    ama = values[_AMA]
    values[_AMA] = str(ama)
    if values[_CALL_LOG] is not None:
        values[_CALL_LOG] = str(values[_CALL_LOG])
    found = dict(zip(COLUMNS, values))
    if with_meta:
        found['amaflagsmeta'] = ama_name(ama)
    return found
