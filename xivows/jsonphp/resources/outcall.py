"""/service/ipbx/json.php/<mode>/call_management/outcall: the acts, and the
add/edit document (`outcall`, `outcalltrunk`, `dialpattern`, `rightcall`,
`schedule_id`) read into an OutcallInput."""

from xivows.errors import InvalidInput
from xivows.jsonphp import crud, documents
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.outcall import items, outcall_view
from xivows.resources.outcall import service
from xivows.resources.outcall.inputs import OutcallInput
from xivows.resources.outcall.schemas import PATTERN_FIELDS
from xivows.resources.ownerlinks.inputs import OwnerLinks

# The keys of a dial pattern row of the form (`id` "0" for a new one).
PATTERN_KEYS = ('id',) + PATTERN_FIELDS


def _trunk_ids(document):
    """`outcalltrunk`: trunk ids in priority order, or the view's rows."""
    value = document.get('outcalltrunk')
    if isinstance(value, list):
        value = [
            item['trunkfeaturesid']
            if isinstance(item, dict) and 'trunkfeaturesid' in item
            else item
            for item in value
        ]
    return documents.id_list({'outcalltrunk': value}, 'outcalltrunk', 'trunk')


def _rows_of_columns(columns):
    """The column-array encoding ({key: [values]}) -> rows, the last one being
    the client's trailing sentinel. Keys that are not pattern keys are ignored,
    as unknown keys are everywhere else."""
    columns = {key: values for key, values in columns.items() if key in PATTERN_KEYS}
    if not all(isinstance(values, list) for values in columns.values()):
        raise InvalidInput('dialpattern: every key must hold a list (one element per pattern)')
    count = max((len(values) for values in columns.values()), default=0)
    if count > service.MAX_PATTERNS + 1:
        raise InvalidInput(f'dialpattern: at most {service.MAX_PATTERNS} patterns')
    return [
        {key: values[index] if index < len(values) else '' for key, values in columns.items()}
        for index in range(count)
    ]


def _is_blank(row):
    """A sentinel or an empty form row: no exten and nothing else but zeros."""
    return all(value in (None, '', 0, '0') for key, value in row.items() if key in PATTERN_KEYS)


def _patterns(document):
    """`dialpattern`: column arrays (as xivo-ws and the web form send them, with
    a trailing sentinel element) or a list of pattern objects -> rows without
    the blank ones; None when absent."""
    value = document.get('dialpattern')
    if value is None:
        return None
    if value in (False, '', [], {}):
        return []
    if isinstance(value, dict):
        rows = _rows_of_columns(value)
    elif isinstance(value, list):
        if len(value) > service.MAX_PATTERNS:
            raise InvalidInput(f'dialpattern: at most {service.MAX_PATTERNS} patterns')
        rows = value
    else:
        raise InvalidInput('dialpattern: must be an object of lists or a list of patterns')
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            raise InvalidInput(f'dialpattern.{index}: must be an object')
    return [row for row in rows if not _is_blank(row)]


def outcall_input(document, adding):
    documents.body_object(document)
    return OutcallInput(
        fields=documents.object_part(document, 'outcall', required=adding),
        trunks=_trunk_ids(document),
        patterns=_patterns(document),
        links=OwnerLinks.given(document, service.LINKS),
    )


register(
    JsonService(
        'ipbx',
        'call_management/outcall',
        acts=crud.acts(
            'outcall',
            rows=items,
            view=lambda outcall_id: outcall_view(service.get(outcall_id)),
            create=lambda document: service.create(outcall_input(document, adding=True)),
            edit=lambda outcall_id, document: service.edit(
                outcall_id, outcall_input(document, adding=False)
            ),
            delete=service.delete,
            delete_all=service.delete_all,
            new_id=str,
        ),
    )
)  # outcall ids are strings in lists
