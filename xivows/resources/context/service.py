"""Contexts: dial-plan partitions of an entity, with the number ranges their
users, groups, queues, conference rooms and incalls draw from, and the other
contexts they include. A context is known by its name."""
from xivows.errors import InUse, InvalidInput, NotFound
from xivows.models.context import Context
from xivows.resources.context import queries, references
from xivows.resources.context.schemas import (context_input, load_context, load_includes,
                                              load_numbers, numbers_overlay)
from xivows.jsonphp.documents import body_object


def get(name):
    context = queries.find(name)
    if context is None:
        raise NotFound.of('context', name)
    return context




def _check(values, includes):
    """What the schemas cannot see: referenced rows must exist."""
    if not queries.entity_exists(values['entity']):
        raise InvalidInput(f"context.entity: no such entity: {values['entity']}")
    if not queries.context_type_exists(values['contexttype']):
        raise InvalidInput(f"context.contexttype: no such context type: "
                           f"{values['contexttype']}")
    if values['name'] in includes:
        raise InvalidInput('contextinclude: a context cannot include itself')
    existing = queries.existing_names(includes)
    missing = [name for name in includes if name not in existing]
    if missing:
        raise InvalidInput(f'contextinclude: no such context: {missing[0]}')


def _write(name, includes, numbers):
    if includes is not None:
        queries.replace_includes(name, includes)
    for kind, rows in numbers.items():
        queries.replace_ranges(name, kind, rows)


def create(document):
    """Store a new context; returns its name."""
    document = body_object(document)
    if document.get('context') is None:
        raise InvalidInput('context: is required')
    values = load_context(document['context'])
    includes = load_includes(document.get('contextinclude')) or []
    numbers = load_numbers(numbers_overlay(document.get('contextnumbers')))
    if queries.find(values['name']) is not None:
        raise InvalidInput(f"context.name: context already exists: {values['name']}")
    _check(values, includes)
    Context.create(**values)
    _write(values['name'], includes, numbers)
    return values['name']


def edit(name, document):
    """Merge the document into the stored context: absent keys keep their
    values, `contextinclude` is replaced when given, and each range type given
    in `contextnumbers` replaces that type's ranges. The name cannot change."""
    context = get(name)
    document = body_object(document)
    stored = context_input(context, queries.ranges([name]), queries.includes([name]))
    given = document.get('context')
    if given is not None and not isinstance(given, dict):
        raise InvalidInput('context: must be an object')
    overlay = {key: value for key, value in (given or {}).items() if value is not None}
    values = load_context({**stored['context'], **overlay, 'name': context.name})
    includes = load_includes(document.get('contextinclude'))
    ranges_given = numbers_overlay(document.get('contextnumbers'))
    # Validate the whole merged object, like an add; write only what was given.
    load_numbers({**stored['contextnumbers'], **ranges_given})
    numbers = load_numbers(ranges_given)
    _check(values, stored['contextinclude'] if includes is None else includes)
    for key, value in values.items():
        setattr(context, key, value)
    context.save()
    _write(context.name, includes, numbers)


def delete(name):
    """Remove the context with its ranges, its own includes and the includes of
    other contexts naming it; refused while anything else stored names it (see
    references)."""
    context = get(name)
    users = references.used_by(context.name)
    if users:
        raise InUse('context is in use by: ' + ', '.join(users))
    queries.delete(context.name)
