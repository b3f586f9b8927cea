"""/service/ipbx/json.php/<mode>/system_management/context (ids are context
names): the acts, and the add/edit document read into a ContextInput:

    {"context": {name, displayname, entity, contexttype?, description?, commented?},
     "contextinclude": [context name, ...]?            (priority = list order)
     "contextnumbers": {user|group|queue|meetme|incall: [{numberbeg, numberend?,
                                                          didlength}]}?}"""

from xivows.errors import InvalidInput
from xivows.jsonphp import answers, documents
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views import context as view
from xivows.models.context import NUMBER_TYPES
from xivows.resources.context import queries, service
from xivows.resources.context.inputs import ContextInput, NumberRange


def _includes(value):
    """Names in priority order; the view's rows ({"include": name, ...}) are read
    as their name; false or '' is none; absent or null keeps them."""
    if value is None:
        return None
    if value is False or value == '':
        return []
    if not isinstance(value, list):
        raise InvalidInput('contextinclude: must be a list of context names')
    return [item.get('include') if isinstance(item, dict) else item for item in value]


def _numbers(value):
    """The range types given: false, [], '' or absent give none; other keys are
    ignored; a type's false or '' is no range."""
    if value is None or value is False or value == '' or value == []:
        return {}
    if not isinstance(value, dict):
        raise InvalidInput('contextnumbers: must be an object keyed by type')
    numbers = {}
    for kind in NUMBER_TYPES:
        rows = value.get(kind)
        if rows is None:
            continue
        if rows is False or rows == '':
            rows = []
        if not isinstance(rows, list):
            raise InvalidInput(f'contextnumbers.{kind}: must be a list of ranges')
        ranges = []
        for index, row in enumerate(rows):
            if not isinstance(row, dict):
                raise InvalidInput(f'contextnumbers.{kind}.{index}: must be an object')
            ranges.append(
                NumberRange(row.get('numberbeg'), row.get('numberend'), row.get('didlength'))
            )
        numbers[kind] = ranges
    return numbers


def context_input(document, adding):
    documents.body_object(document)
    fields = document.get('context')
    if fields is None and adding:
        raise InvalidInput('context: is required')
    if fields is not None and not isinstance(fields, dict):
        raise InvalidInput('context: must be an object')
    return ContextInput(
        context=fields or {},
        includes=_includes(document.get('contextinclude')),
        numbers=_numbers(document.get('contextnumbers')),
    )


def list_(call):
    return answers.rows(call, view.list_items(queries.contexts()))


def search(call):
    term = call.param('search')
    if not term:
        return answers.rows(call, [])
    return answers.rows(call, view.list_items(queries.contexts(term)))


def view_(call):
    return answers.json(call, view.context_view(service.get(call.id('context'))))


def add(call):
    return answers.json(call, service.create(context_input(call.object(), adding=True)))


def edit(call):
    name = call.id('context')
    service.edit(name, context_input(call.object(), adding=False))
    return answers.empty()


def delete(call):
    service.delete(call.id('context'))
    return answers.empty()


register(
    JsonService(
        'ipbx',
        'system_management/context',
        acts={
            'list': list_,
            'search': search,
            'view': view_,
            'add': add,
            'edit': edit,
            'delete': delete,
        },
    )
)
