"""/v1/admin/{dialplan,pjsip,queue,park}/configurations[/<name>]: the Asterisk
configuration files xivows generates from the store (xivows.asterisk.config),
as {"name": file name, "data": text}. They are not edited here (PUT and DELETE
answer 405): the store is the source, change it instead."""

from compat.v1 import envelope
from compat.v1.auth import own_transactions
from compat.v1.common import ReadOnly, page
from xivows.asterisk.config import (
    extensions,
    parking,
    pjsip,
    queuerules,
    queues,
    render,
)
from xivows.errors import NotFound

FAMILIES = {
    'dialplan': (extensions.FILENAME,),
    'pjsip': (pjsip.FILENAME,),
    'queue': (queues.FILENAME, queuerules.FILENAME),
    'park': (parking.FILENAME,),
}
SHAPE = {'name': str, 'data': str}
ITEM, ONE, MANY = envelope.schemas('Configuration', SHAPE)
GENERATED = (
    'the configuration files are generated from the store: change the store '
    '(/v1 cfg_ resources, json.php, ...) and they follow'
)


def _files(family):
    rendered = render().files
    return [{'name': name, 'data': rendered.get(name, '')} for name in FAMILIES[family]]


def lister(family):
    def list_configurations():
        limit, offset = page()
        files = _files(family)
        files = files[offset:] if limit is None else files[offset : offset + limit]
        return envelope.listed(files)

    list_configurations.__name__ = f'list_{family}_configurations'
    return list_configurations


def getter(family):
    def get_configuration(name):
        if name not in FAMILIES[family]:
            raise NotFound.of('configuration', name)
        return envelope.answer(next(item for item in _files(family) if item['name'] == name))

    get_configuration.__name__ = f'get_{family}_configuration'
    return get_configuration


@own_transactions
def refuse(name):
    raise ReadOnly(GENERATED)
