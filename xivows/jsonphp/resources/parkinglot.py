"""/service/ipbx/json.php/<mode>/pbx_services/parkinglot (no search act): the
acts, and the add/edit document (the lot itself) read into a ParkinglotInput."""

from xivows.constants import MAX_ID
from xivows.errors import InvalidInput, NotFound
from xivows.ids import parse_int
from xivows.jsonphp import answers, crud, documents
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.parkinglot import parkinglot_row
from xivows.resources.parkinglot import queries, service
from xivows.resources.parkinglot.inputs import ParkinglotInput

KIND = 'parking lot'


def parkinglot_input(document):
    # `id`: the view's, sent back by clients editing what they viewed (edit
    # reads it when the URL has none).
    documents.body_object(document)
    return ParkinglotInput(fields={key: value for key, value in document.items() if key != 'id'})


def _body_id(value):
    """The `id` key of an edit body (a view's id: an integer or a string), or None."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None
    lot_id = parse_int(str(value))
    return lot_id if lot_id is not None and 1 <= lot_id <= MAX_ID else None


def edit(call):
    """The seed document edits without `id` in the URL, the lot's `id` being in
    the body (the original server only read the URL's): either is accepted,
    and both must then agree."""
    if call.param('id'):
        lot_id = call.int_id(KIND)
        given = call.object().get('id')
        if given is not None and _body_id(given) != lot_id:
            raise InvalidInput('id: does not match the id parameter')
    else:
        given = call.object().get('id')
        if given is None:
            lot_id = call.int_id(KIND)  # NotFound: missing id
        else:
            lot_id = _body_id(given)
            if lot_id is None:
                raise NotFound.of(KIND, given)
    service.edit(lot_id, parkinglot_input(call.object()))
    return answers.empty()


ACTS = crud.acts(
    KIND,
    rows=lambda term: [parkinglot_row(lot) for lot in queries.listed()],
    view=lambda lot_id: parkinglot_row(service.get(lot_id)),
    create=lambda document: service.create(parkinglot_input(document)),
    delete=service.delete,
    search=False,
    new_id=str,
)  # the original answered the new id as a JSON string
ACTS['edit'] = edit
register(JsonService('ipbx', 'pbx_services/parkinglot', acts=ACTS))
