"""Reading a users file, row after row (nothing but the current row is held):

- `pipe`: the original's import format: UTF-8 text, `|`-separated, the first
  record a header of field names (xivows.userfiles.columns), `"` quotes a
  value holding a `|`, a quote or a line break (`""` is a quote in it);
- `csv`: the same with commas: ordinary CSV (RFC 4180) with the same names;
- `jsonl`: one json.php add document per line ({"userfeatures": ...,
  "linefeatures": ..., "voicemail": ...}), as the benchmark writes them, and
  optionally "incall": {"exten", "context", "ringseconds"}.

Each row becomes an add document of json.php read by json.php's own reader
(`user_input`), so that a row is exactly an add. Row numbers count the records
after the header (blank lines are skipped and not counted), from 1."""

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from xivows.errors import InvalidInput
from xivows.http import body
from xivows.jsonphp.resources.users import user_input
from xivows.resources.users.bulk import IncallPart, Row, RowError, row_error
from xivows.schemas.fields import FALSE_WORDS, TRUE_WORDS
from xivows.userfiles import columns
from xivows.userfiles.columns import INCALL, LINE, USER, VOICEMAIL, FileRefused

FORMATS = ('pipe', 'csv', 'jsonl')
DELIMITERS = {'pipe': '|', 'csv': ','}
csv.field_size_limit(1024 * 1024)  # one value; a row is bounded by the body limit


@dataclass
class Source:
    """The rows of a file (read lazily) and how its reports name a field.
    `close()` lets the stream go (it stays open: its owner closes it)."""

    rows: Iterator[Row]
    field_name: Callable[[str], str]
    text: io.TextIOWrapper | None = None

    def report(self, error: RowError) -> RowError:
        return RowError(error.row, self.field_name(error.field), error.reason)

    def close(self) -> None:
        if self.text is not None:
            self.text.detach()
            self.text = None


def read(stream, format: str) -> Source:
    """`stream`: a binary stream. The header of a pipe or CSV file is read
    now (FileRefused when it cannot be); the rows when iterated."""
    if format == 'jsonl':
        return Source(_jsonl_rows(stream), lambda path: path)
    if format not in DELIMITERS:
        raise ValueError(f'unknown users file format: {format}')
    text = io.TextIOWrapper(stream, encoding='utf-8-sig', errors='surrogateescape', newline='')
    records = csv.reader(
        text, delimiter=DELIMITERS[format], quotechar='"', doublequote=True, strict=False
    )
    try:
        names = next((record for record in records if record), None)
        if names is None:
            raise FileRefused('the file has no header (a first line of field names)')
        places = columns.header(names)
    except csv.Error as exc:
        text.detach()
        raise FileRefused(f'the header cannot be read: {exc}') from None
    except BaseException:
        text.detach()
        raise
    named = {place: name.strip() for place, name in zip(places, names) if place is not None}
    return Source(_table_rows(records, places), lambda path: columns.reported(path, named), text)


def _table_rows(records, places) -> Iterator[Row]:
    number = 0
    while True:
        try:
            values = next(records)
        except StopIteration:
            return
        except csv.Error as exc:  # the record cannot be split; the next can
            number += 1
            yield Row(number, error=RowError(number, '', f'unreadable record: {exc}'))
            continue
        if not values:
            continue
        number += 1
        try:
            user, incall = _table_row(values, places)
        except InvalidInput as exc:
            yield Row(number, error=row_error(number, exc))
            continue
        yield Row(number, user=user, incall=incall)


def _table_row(values, places):
    if len(values) > len(places) and any(value.strip() for value in values[len(places) :]):
        raise InvalidInput(f'the row has {len(values)} values, the header {len(places)} fields')
    parts = {USER: {}, LINE: {}, VOICEMAIL: {}, INCALL: {}}
    for place, value in zip(places, values):
        if place is None or value == '':
            continue
        part, key = place
        try:
            parts[part][key] = body.check_text(value)
        except InvalidInput as exc:
            raise InvalidInput(f'{part}.{key}: {exc.message}') from None
    document = {USER: parts[USER]}
    if parts[LINE]:
        document[LINE] = {key: [value] for key, value in parts[LINE].items()}
    voicemail = parts[VOICEMAIL]
    if 'skippass' in voicemail:
        voicemail['ask_password'] = not _flag(voicemail.pop('skippass'), 'voicemail.skippass')
    if voicemail:
        document[VOICEMAIL] = voicemail
    return user_input(document, adding=True), _incall(parts[INCALL])


def _flag(value, where):
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise InvalidInput(f'{where}: must be a boolean')


def _incall(given) -> IncallPart | None:
    """The row's incall (created when its DID is given, as the original did)."""
    if not given:
        return None
    if not isinstance(given, dict):
        raise InvalidInput('incall: must be an object')
    values = {}
    for key in ('exten', 'context', 'ringseconds'):
        value = given.get(key)
        if value is None or value == '':
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise InvalidInput(f'incall.{key}: must be a string')
        values[key] = str(value).strip()
    if not values.get('exten'):
        if values:
            raise InvalidInput('incall.exten: is required with the other incall fields')
        return None
    ringseconds = values.get('ringseconds', '')
    if ringseconds and not (
        ringseconds.isascii() and ringseconds.isdigit() and int(ringseconds) <= 3600
    ):
        raise InvalidInput('incall.ringseconds: must be a number of seconds (0 to 3600)')
    return IncallPart(values['exten'], values.get('context', ''), ringseconds)


MAX_LINE = 1024 * 1024  # bytes of one JSON line (an add document is a few hundred)


def _lines(stream):
    """The stream's lines, a line longer than MAX_LINE as None (skipped whole:
    never held)."""
    while True:
        line = stream.readline(MAX_LINE + 1)
        if not line:
            return
        if len(line) > MAX_LINE and not line.endswith(b'\n'):
            while line and not line.endswith(b'\n'):
                line = stream.readline(MAX_LINE)
            yield None
            continue
        yield line


def _jsonl_rows(stream) -> Iterator[Row]:
    number = 0
    for line in _lines(stream):
        if line is not None and not line.strip():
            continue
        number += 1
        if line is None:
            yield Row(
                number, error=RowError(number, '', f'the line is longer than {MAX_LINE} bytes')
            )
            continue
        try:
            document = body.parse(line)
            if not isinstance(document, dict):
                raise InvalidInput('the line must be a JSON object (an add document)')
            incall = _incall(document.pop(INCALL, None))
            user = user_input(document, adding=True)
        except InvalidInput as exc:
            yield Row(number, error=row_error(number, exc))
            continue
        yield Row(number, user=user, incall=incall)
