"""Reading the parts of a json.php add/edit document into a resource's input:
the sections that must be objects, id lists, and the optional parts that are
replaced only when given (a key absent or null means "keep what is stored")."""

from xivows.errors import InvalidInput
from xivows.schemas.fields import IdList

KEEP = object()  # a part the document does not give, when None has a meaning


def body_object(document):
    if not isinstance(document, dict):
        raise InvalidInput('body: must be an object')
    return document


def object_part(document, key, required=False):
    """The object under `key`; {} when absent or null (unless required)."""
    value = document.get(key)
    if value is None and not required:
        return {}
    if not isinstance(value, dict):
        raise InvalidInput(
            f'{key}: is required and must be an object'
            if value is None
            else f'{key}: must be an object'
        )
    return value


def given_part(document, key, parse, absent=None):
    """parse(value), or `absent` when the document does not give the key."""
    value = document.get(key)
    return absent if value is None else parse(value)


_ids = IdList()


def id_list(document, key, kind):
    """The ids listed under `key` in order (duplicates dropped); None when absent
    or null; false or {} (the view's "none") is an empty list."""
    if key not in document or document[key] is None:
        return None
    value = document[key]
    if value is False or value == {}:
        return []
    try:
        return _ids.deserialize(value)
    except Exception:
        raise InvalidInput(f'{key}: must be a list of {kind} ids') from None


def host_fields(document):
    """host-type/host-static (the web form, sent by xivo-ws for lines and
    trunks) -> host."""
    host_type = document.get('host-type')
    if host_type is None:
        return document
    document = dict(document)
    if host_type == 'static':
        if not document.get('host-static'):
            raise InvalidInput('protocol.host-static: is required with host-type static')
        document['host'] = document['host-static']
    elif host_type == 'dynamic':
        document['host'] = 'dynamic'
    else:
        raise InvalidInput('protocol.host-type: must be one of: dynamic, static')
    return document
