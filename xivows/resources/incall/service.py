"""Incoming calls: a DID of an incall context, its answer destination, call
permissions, caller id rule and schedule. An add or edit validates every part
before the first write; a delete removes every part."""
from xivows import cascade, numbering
from xivows.errors import InvalidInput, NotFound
from xivows.models.incall import Incall
from xivows.resources.dialaction import service as dialactions
from xivows.resources.incall import queries
from xivows.resources.incall.schemas import SHORTCUTS, STORED_INPUT, incall_schema
from xivows.resources.ownerlinks import service as ownerlinks
from xivows.schemas import load
from xivows.jsonphp.documents import body_object, object_part

KIND = 'incall'


def get(incall_id):
    incall = queries.find(incall_id)
    if incall is None:
        raise NotFound.of('incall', incall_id)
    return incall


def _shortcut_answer(section):
    """The add-only `incall.destination/action/arg1/arg2` as an answer entry."""
    if section.get('destination') in (None, ''):
        return None
    return {target: section[source] for source, target in SHORTCUTS if source in section}


class _Parts:
    """Every component of an add/edit document, validated; `incall` given when
    editing: what the document does not mention keeps its stored value."""

    def __init__(self, document, incall=None):
        body_object(document)
        section = object_part(document, 'incall')
        if incall is None and not section:
            raise InvalidInput('incall: is required')
        stored = {name: getattr(incall, name) for name in STORED_INPUT} if incall else {}
        given = {key: value for key, value in section.items() if value is not None}
        self.values = load(incall_schema, {**stored, **given}, 'incall')
        self.values['preprocess_subroutine'] = self.values['preprocess_subroutine'] or None
        numbering.check(self.values['context'], KIND, self.values['exten'],
                        incall.id if incall else None)
        self.dialaction = self._answer(document, section, incall)
        self.links = ownerlinks.GivenLinks(document, KIND,
                                           ('rightcall', 'callerid', 'schedule_id'))

    @staticmethod
    def _answer(document, section, incall):
        entries = document.get('dialaction')
        if entries is None:
            entries = {}
        if isinstance(entries, dict):  # parse() refuses anything else
            entries = {event: entry for event, entry in entries.items() if entry is not None}
            if incall is not None:
                entries = {**dialactions.input_for(KIND, incall.id), **entries}
            elif 'answer' not in entries and _shortcut_answer(section):
                entries['answer'] = _shortcut_answer(section)
        parsed = dialactions.parse(entries, KIND)
        if 'answer' not in parsed:
            raise InvalidInput('dialaction.answer: is required')
        return parsed


def _apply(incall, parts):
    numbering.assign(incall.context, KIND, incall.exten, incall.id)
    dialactions.replace(KIND, incall.id, parts.dialaction)
    parts.links.apply(incall.id)


def create(document):
    parts = _Parts(document)
    incall = Incall.create(**parts.values)
    _apply(incall, parts)
    return incall.id


def edit(incall_id, document):
    """Merge: the stored incall, answer, permissions, caller id and schedule
    stay unless the document gives them."""
    incall = get(incall_id)
    parts = _Parts(document, incall)
    for key, value in parts.values.items():
        setattr(incall, key, value)
    incall.save()
    _apply(incall, parts)


def delete(incall_id):
    incall = get(incall_id)
    numbering.release(KIND, incall.id)
    ownerlinks.delete_for(KIND, incall.id)
    cascade.deleted(KIND, incall.id)
    incall.delete_instance()


def delete_all():
    """Every incall (listed or not); None when there were none."""
    ids = queries.all_ids()
    if not ids:
        return None
    for incall_id in ids:
        delete(incall_id)
    return len(ids)
