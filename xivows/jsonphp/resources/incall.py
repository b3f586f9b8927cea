"""/service/ipbx/json.php/<mode>/call_management/incall: the acts, and the
add/edit document (`incall`, `dialaction`, `rightcall`, `callerid`,
`schedule_id`) read into an IncallInput."""

from xivows.errors import InvalidInput
from xivows.jsonphp import crud, documents
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.incall import incall_view, items
from xivows.resources.incall import queries, service
from xivows.resources.incall.inputs import IncallInput
from xivows.resources.ownerlinks.inputs import OwnerLinks

# Shortcuts of the `incall` section for its answer (`dialaction.answer`), used
# when the document does not give that answer itself.
SHORTCUTS = (
    ('destination', 'actiontype'),
    ('action', 'action'),
    ('arg1', 'actionarg1'),
    ('arg2', 'actionarg2'),
)


def _shortcut_answer(section):
    if section.get('destination') in (None, ''):
        return None
    return {target: section[source] for source, target in SHORTCUTS if source in section}


def incall_input(document, adding):
    documents.body_object(document)
    section = documents.object_part(document, 'incall')
    if adding and not section:
        raise InvalidInput('incall: is required')
    links = OwnerLinks.given(document, ('dialaction', 'rightcall', 'callerid', 'schedule_id'))
    shortcut = _shortcut_answer(section)
    if shortcut is not None:
        entries = links.dialaction if links.dialaction is not None else {}
        if isinstance(entries, dict) and entries.get('answer') is None:
            links.dialaction = {**entries, 'answer': shortcut}
    fields = {key: value for key, value in section.items() if key not in dict(SHORTCUTS)}
    return IncallInput(fields=fields, links=links)


register(
    JsonService(
        'ipbx',
        'call_management/incall',
        acts=crud.acts(
            'incall',
            rows=lambda term: items(queries.listed(term)),
            view=lambda incall_id: incall_view(service.get(incall_id)),
            create=lambda document: service.create(incall_input(document, adding=True)),
            edit=lambda incall_id, document: service.edit(
                incall_id, incall_input(document, adding=False)
            ),
            delete=service.delete,
            delete_all=service.delete_all,
            new_id=str,
        ),
    )
)  # incall ids are strings in lists
