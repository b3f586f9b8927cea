"""Outgoing call routes: an outcall of a context, the trunks it dials through
(priority = position in `outcalltrunk`), its dial patterns (each held as an
extension of type outcall in the outcall's context), call permissions and
schedule. An add or edit validates every part before the first write; a delete
removes every part. An outcall is a dial-action destination."""
from xivows import cascade
from xivows.errors import InvalidInput, NotFound
from xivows.models.extension import Extension
from xivows.models.outcall import DialPattern, Outcall, OutcallTrunk
from xivows.resources.dialaction import service as dialactions
from xivows.resources.outcall import queries
from xivows.resources.ownerlinks import service as ownerlinks
from xivows.resources.outcall.schemas import (PATTERN_KEYS, STORED_INPUT, dialpattern_schema,
                                              outcall_schema)
from xivows.schemas import load
from xivows.schemas.fields import IdList
from xivows.jsonphp.documents import KEEP, body_object, given_part, object_part

KIND = queries.KIND
MAX_PATTERNS = 1000
MAX_TRUNKS = 100


_trunk_ids = IdList()


def exists(outcall_id):
    return queries.find(outcall_id) is not None


def get(outcall_id):
    outcall = queries.find(outcall_id)
    if outcall is None:
        raise NotFound.of('outcall', outcall_id)
    return outcall


def parse_trunks(value):
    """`outcalltrunk`: trunk ids in priority order (or the view's rows)."""
    if isinstance(value, list):
        value = [item['trunkfeaturesid'] if isinstance(item, dict) and 'trunkfeaturesid' in item
                 else item for item in value]
    try:
        ids = _trunk_ids.deserialize(value)
    except Exception:
        raise InvalidInput('outcalltrunk: must be a list of trunk ids') from None
    if not ids:
        raise InvalidInput('outcalltrunk: at least one trunk is required')
    if len(ids) > MAX_TRUNKS:
        raise InvalidInput(f'outcalltrunk: at most {MAX_TRUNKS} trunks')
    known = queries.existing_trunk_ids(ids)
    missing = [trunk_id for trunk_id in ids if trunk_id not in known]
    if missing:
        raise InvalidInput(f'outcalltrunk: no such trunk: {missing[0]}')
    return ids


def _rows_of_columns(columns):
    """The column-array encoding ({key: [values]}) -> rows, the last one being
    the client's trailing sentinel. Keys that are not pattern keys are ignored,
    as unknown keys are everywhere else."""
    columns = {key: values for key, values in columns.items() if key in PATTERN_KEYS}
    if not all(isinstance(values, list) for values in columns.values()):
        raise InvalidInput('dialpattern: every key must hold a list (one element per pattern)')
    count = max((len(values) for values in columns.values()), default=0)
    if count > MAX_PATTERNS + 1:
        raise InvalidInput(f'dialpattern: at most {MAX_PATTERNS} patterns')
    return [{key: values[index] if index < len(values) else ''
             for key, values in columns.items()} for index in range(count)]


def _is_blank(row):
    """A sentinel or an empty form row: no exten and nothing else but zeros."""
    return all(value in (None, '', 0, '0') for key, value in row.items() if key in PATTERN_KEYS)


def parse_patterns(value):
    """`dialpattern`: column arrays (as xivo-ws and the web form send them, with
    a trailing sentinel element) or a list of pattern objects -> rows."""
    if value in (False, '', [], {}):
        return []
    if isinstance(value, dict):
        rows = _rows_of_columns(value)
    elif isinstance(value, list):
        if len(value) > MAX_PATTERNS:
            raise InvalidInput(f'dialpattern: at most {MAX_PATTERNS} patterns')
        rows = value
    else:
        raise InvalidInput('dialpattern: must be an object of lists or a list of patterns')
    patterns = []
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            raise InvalidInput(f'dialpattern.{index}: must be an object')
        if _is_blank(row):
            continue
        patterns.append(load(dialpattern_schema, row, f'dialpattern.{index}'))
    seen = set()
    for pattern in patterns:
        if pattern['exten'] in seen:
            raise InvalidInput(f'dialpattern: exten given twice: {pattern["exten"]}')
        seen.add(pattern['exten'])
    return patterns


def _stored_patterns(outcall):
    return [{key: getattr(pattern, key) for key in dialpattern_schema.fields}
            for pattern in queries.patterns_of(outcall.id)]


class _Parts:
    """Every component of an add/edit document, validated; `outcall` given when
    editing: what the document does not give keeps its stored value."""

    def __init__(self, document, outcall=None):
        body_object(document)
        adding = outcall is None
        section = object_part(document, 'outcall', required=adding)
        stored = {name: getattr(outcall, name) for name in STORED_INPUT} if outcall else {}
        given = {key: value for key, value in section.items() if value is not None}
        self.values = load(outcall_schema, {**stored, **given}, 'outcall')
        values = self.values
        values['preprocess_subroutine'] = values['preprocess_subroutine'] or None
        if queries.name_taken(values['name'], None if adding else outcall.id):
            raise InvalidInput(f'outcall.name: already used: {values["name"]}')
        if not queries.context_exists(values['context']):
            raise InvalidInput(f'outcall.context: no such context: {values["context"]}')
        if adding and document.get('outcalltrunk') is None:
            raise InvalidInput('outcalltrunk: at least one trunk is required')
        self.trunks = given_part(document, 'outcalltrunk', parse_trunks, KEEP)
        self.patterns = given_part(document, 'dialpattern', parse_patterns, KEEP)
        self.links = ownerlinks.GivenLinks(document, KIND, ('rightcall', 'schedule_id'))
        self._check_extens(outcall)

    def _check_extens(self, outcall):
        """Each pattern is an extension of the outcall's context: none may be
        held there by another object (the outcall's own patterns are replaced)."""
        patterns = self.patterns
        if patterns is KEEP:
            if outcall is None or outcall.context == self.values['context']:
                return
            patterns = _stored_patterns(outcall)  # they move to the new context
        own = [pattern.id for pattern in queries.patterns_of(outcall.id)] if outcall else []
        taken = queries.extens_taken(self.values['context'],
                                     {pattern['exten'] for pattern in patterns}, own)
        if taken:
            raise InvalidInput(f'dialpattern: exten already used in context '
                               f'{self.values["context"]}: {taken[0]}')


def _write_patterns(outcall, patterns):
    queries.delete_patterns(outcall.id)
    for pattern in patterns:
        row = DialPattern.create(type=KIND, typeid=outcall.id, **pattern)
        Extension.create(context=outcall.context, exten=pattern['exten'], type=KIND,
                         typeval=str(row.id))


def _write_trunks(outcall, trunk_ids):
    queries.delete_trunks(outcall.id)
    for priority, trunk_id in enumerate(trunk_ids):
        OutcallTrunk.create(outcallid=outcall.id, trunkfeaturesid=trunk_id, priority=priority)


def _apply(outcall, parts, context_changed=False):
    if parts.trunks is not KEEP:
        _write_trunks(outcall, parts.trunks)
    if parts.patterns is not KEEP:
        _write_patterns(outcall, parts.patterns)
    elif context_changed:
        _write_patterns(outcall, _stored_patterns(outcall))
    parts.links.apply(outcall.id)


def create(document):
    parts = _Parts(document)
    outcall = Outcall.create(**parts.values)
    _apply(outcall, parts)
    return outcall.id


def edit(outcall_id, document):
    """Merge: the stored outcall, trunks, patterns, permissions and schedule
    stay unless the document gives them."""
    outcall = get(outcall_id)
    parts = _Parts(document, outcall)
    context_changed = parts.values['context'] != outcall.context
    for key, value in parts.values.items():
        setattr(outcall, key, value)
    outcall.save()
    _apply(outcall, parts, context_changed)


def delete(outcall_id):
    outcall = get(outcall_id)
    dialactions.unlink(KIND, outcall.id)
    cascade.deleted(KIND, outcall.id)
    queries.delete_patterns(outcall.id)
    queries.delete_trunks(outcall.id)
    ownerlinks.delete_for(KIND, outcall.id)
    outcall.delete_instance()


def delete_all():
    """Every outcall; None when there were none."""
    ids = queries.all_ids()
    if not ids:
        return None
    for outcall_id in ids:
        delete(outcall_id)
    return len(ids)
