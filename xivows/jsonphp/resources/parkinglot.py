"""/service/ipbx/json.php/<mode>/pbx_services/parkinglot (no search act): the
acts, and the add/edit document (the lot itself) read into a ParkinglotInput."""
from xivows.jsonphp import crud, documents
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.parkinglot import parkinglot_row
from xivows.resources.parkinglot import queries, service
from xivows.resources.parkinglot.inputs import ParkinglotInput


def parkinglot_input(document):
    # `id`: the view's, sent back by clients editing what they viewed.
    documents.body_object(document)
    return ParkinglotInput(fields={key: value for key, value in document.items()
                                   if key != 'id'})


register(JsonService('ipbx', 'pbx_services/parkinglot', acts=crud.acts(
    'parking lot', rows=lambda term: [parkinglot_row(lot) for lot in queries.listed()],
    view=lambda lot_id: parkinglot_row(service.get(lot_id)),
    create=lambda document: service.create(parkinglot_input(document)),
    edit=lambda lot_id, document: service.edit(lot_id, parkinglot_input(document)),
    delete=service.delete, search=False,
    new_id=str)))  # the original answered the new id as a JSON string
