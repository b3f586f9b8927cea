"""/v1/admin/{dialplan,pjsip,queue,park}/configurations[/<name>]: the Asterisk
configuration files xivows generates from the store (xivows.asterisk.config),
as {"name": file name, "data": text}. They are not edited here (PUT and DELETE
answer 405): the store is the source, change it instead.

The files are shown with their secrets masked (SIP passwords and MD5
credentials of pjsip.conf, conference room PINs of extensions.conf): /v1 never
shows a credential elsewhere, and these reads belong to the seed's read-only
`user` permission that wallboards are given."""

import re

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
HIDDEN = '********'
# `password = ...`, `md5_cred = ...` options (pjsip.conf auth sections)
_SECRET_OPTION = re.compile(r'^([ \t]*(?:password|md5_cred)[ \t]*=[ \t]*).*$', re.MULTILINE)
# the PIN comparisons of a conference room's dial plan
_PIN = re.compile(r'("\$\{XIVO_PIN\}" = ")[^"]*(")')
SHAPE = {'name': str, 'data': str}
ITEM, ONE, MANY = envelope.schemas('Configuration', SHAPE)
GENERATED = (
    'the configuration files are generated from the store: change the store '
    '(/v1 cfg_ resources, json.php, ...) and they follow'
)


def masked(text):
    text = _SECRET_OPTION.sub(lambda match: match.group(1) + HIDDEN, text)
    return _PIN.sub(lambda match: match.group(1) + HIDDEN + match.group(2), text)


def _files(family):
    rendered = render().files
    return [{'name': name, 'data': masked(rendered.get(name, ''))} for name in FAMILIES[family]]


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
