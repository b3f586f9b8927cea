"""/callcenter/json.php/<mode>/settings/queueskills, and the seed document's
spelling settings/queuesskills (same acts, same ACL section)."""

from dataclasses import fields

from xivows.errors import InvalidInput
from xivows.jsonphp import answers, documents
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.queueskills import skill_item
from xivows.resources.queueskills import queries, service
from xivows.resources.queueskills.inputs import QueueSkillInput

_KEYS = frozenset(field.name for field in fields(QueueSkillInput))


def skill_input(document):
    """The flat add document. Any other key is refused: the original wrote every
    key into the row, so an unknown one failed the add instead of being lost.
    `id` (a list item's, sent back) is ignored: the add answers the new id."""
    documents.body_object(document)
    unknown = [key for key in document if key not in _KEYS and key != 'id']
    if unknown:
        raise InvalidInput(f'{unknown[0]}: not a field of queue skills')
    return QueueSkillInput(**{key: document.get(key) for key in _KEYS})


def list_(call):
    return answers.rows(call, [skill_item(row) for row in queries.all_skills()])


def search(call):
    term = call.param('search')
    if not term:
        return answers.rows(call, [])
    return answers.rows(call, [skill_item(row) for row in queries.search(term)])


def view(call):
    return answers.json(call, skill_item(service.get(call.int_id('queue skill'))))


def add(call):
    return answers.json(call, str(service.create(skill_input(call.object()))))


def delete(call):
    service.delete(call.int_id('queue skill'))
    return answers.empty()


ACTS = {'list': list_, 'search': search, 'view': view, 'add': add, 'delete': delete}
SECTION = 'service/callcenter/settings/queueskills'

register(JsonService('callcenter', 'settings/queueskills', acts=ACTS, section=SECTION))
register(JsonService('callcenter', 'settings/queuesskills', acts=ACTS, section=SECTION))
