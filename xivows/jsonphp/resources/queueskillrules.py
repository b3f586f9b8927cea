"""/callcenter/json.php/<mode>/settings/queueskillrules"""

from xivows.jsonphp import answers, documents
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.queueskillrules import rule_item
from xivows.resources.queueskillrules import queries, service
from xivows.resources.queueskillrules.inputs import QueueSkillRuleInput


def rule_input(document):
    """The add document {name, rule} (other keys are ignored)."""
    documents.body_object(document)
    return QueueSkillRuleInput(name=document.get('name'), rule=document.get('rule'))


def list_(call):
    return answers.rows(call, [rule_item(row) for row in queries.all_rules()])


def search(call):
    term = call.param('search')
    if not term:
        return answers.rows(call, [])
    return answers.rows(call, [rule_item(row) for row in queries.search(term)])


def view(call):
    return answers.json(call, rule_item(service.get(call.int_id('queue skill rule'))))


def add(call):
    return answers.json(call, str(service.create(rule_input(call.object()))))


def delete(call):
    service.delete(call.int_id('queue skill rule'))
    return answers.empty()


register(
    JsonService(
        'callcenter',
        'settings/queueskillrules',
        acts={'list': list_, 'search': search, 'view': view, 'add': add, 'delete': delete},
    )
)
