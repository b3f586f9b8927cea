"""/service/ipbx/json.php/<mode>/trunk_management/{sip,iax,custom}: one
implementation, one service per protocol. The add/edit document (`protocol`,
`trunkfeatures`, `register`) is read into a TrunkInput."""

from functools import partial

from xivows.errors import InvalidInput
from xivows.jsonphp import crud, documents
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.trunks import items, trunk_view
from xivows.resources.trunks import service
from xivows.resources.trunks.inputs import TrunkInput


def _register(document):
    """`register`: None when absent (kept), {} for "none" (false, empty)."""
    value = document.get('register')
    if value is None:
        return None
    if value in (False, '', [], {}):
        return {}
    if not isinstance(value, dict):
        raise InvalidInput('register: must be an object')
    return value


def trunk_input(protocol, document, adding):
    documents.body_object(document)
    section = documents.object_part(document, 'protocol')
    if adding and not section:
        raise InvalidInput('protocol: is required')
    if section.get('protocol') not in (None, '', protocol):
        raise InvalidInput(f'protocol.protocol: must be {protocol}')
    # `protocol` (the row's protocol, shown by the view) is checked above;
    # host-type/host-static are the web form's host.
    options = {
        key: value
        for key, value in documents.host_fields(section).items()
        if key not in ('protocol', 'host-type', 'host-static')
    }
    return TrunkInput(
        options=options,
        features=documents.object_part(document, 'trunkfeatures'),
        register=_register(document),
    )


def _create(protocol, document):
    return service.create(protocol, trunk_input(protocol, document, adding=True))


def _edit(protocol, trunk_id, document):
    service.edit(protocol, trunk_id, trunk_input(protocol, document, adding=False))


def _view(protocol, trunk_id):
    return trunk_view(protocol, service.get(protocol, trunk_id))


for _protocol in ('sip', 'iax', 'custom'):
    register(
        JsonService(
            'ipbx',
            f'trunk_management/{_protocol}',
            acts=crud.acts(
                f'{_protocol} trunk',
                rows=partial(items, _protocol),
                view=partial(_view, _protocol),
                create=partial(_create, _protocol),
                edit=partial(_edit, _protocol),
                delete=partial(service.delete, _protocol),
                delete_all=partial(service.delete_all, _protocol),
            ),
        )
    )  # the original's ids: integers
