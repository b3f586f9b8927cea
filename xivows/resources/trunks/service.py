"""Trunks of the three protocols: a trunkfeatures row, the protocol row it names
(category 'trunk') and, for SIP and IAX, an optional register line. An add or
edit validates every part before the first write; a trunk an outcall dials
through cannot be deleted."""
from xivows.errors import InUse, InvalidInput, NotFound
from xivows.models.trunk import TrunkFeatures, TrunkRegister
from xivows.resources.lines.service import host_fields
from xivows.resources.trunks import queries
from xivows.resources.trunks.schemas import (CustomTrunkSchema, IaxRegisterSchema,
                                             IaxTrunkSchema, SipRegisterSchema, SipTrunkSchema,
                                             trunk_features_schema)
from xivows.schemas import load
from xivows.jsonphp.documents import KEEP, body_object, object_part

PROTOCOL_SCHEMAS = {'sip': SipTrunkSchema(), 'iax': IaxTrunkSchema(),
                    'custom': CustomTrunkSchema()}
REGISTER_SCHEMAS = {'sip': SipRegisterSchema(), 'iax': IaxRegisterSchema()}



def get(protocol, trunk_id):
    features = queries.find(protocol, trunk_id)
    if features is None:
        raise NotFound.of(f'{protocol} trunk', trunk_id)
    return features


def protocol_of(features):
    row = queries.protocol_row(features)
    if row is None:  # never left so by this service
        raise NotFound(f'trunk {features.id} has no {features.protocol} row')
    return row


def _stored_input(protocol, row):
    """The protocol row in the add/edit input shape (base of an edit merge)."""
    data = {}
    for name, field in PROTOCOL_SCHEMAS[protocol].fields.items():
        value = getattr(row, name, None)
        if value is not None:
            data[field.data_key or name] = value
    return data


def _register(protocol, value):
    """The register input -> values, or None for "no register"."""
    if value in (None, False, '', [], {}):
        return None
    values = load(REGISTER_SCHEMAS[protocol], value, 'register')
    if not any(values.values()):
        return None
    for key in ('username', 'host'):
        if not values[key]:
            raise InvalidInput(f'register.{key}: is required')
    return values


class _Parts:
    """Every part of an add/edit document, validated. With `features` (edit),
    what the document does not give keeps its stored value."""

    def __init__(self, protocol, document, features=None):
        body_object(document)
        section = object_part(document, 'protocol')
        if features is None and not section:
            raise InvalidInput('protocol: is required')
        if section.get('protocol') not in (None, '', protocol):
            raise InvalidInput(f'protocol.protocol: must be {protocol}')
        self.row = protocol_of(features) if features is not None else None
        stored = _stored_input(protocol, self.row) if self.row is not None else {}
        given = {key: value for key, value in host_fields(section).items()
                 if value is not None}
        self.values = load(PROTOCOL_SCHEMAS[protocol], {**stored, **given}, 'protocol')
        self.values['commented'] = False
        self._check(protocol)
        trunkfeatures = object_part(document, 'trunkfeatures')
        description = features.description if features is not None else ''
        self.description = load(trunk_features_schema, trunkfeatures, 'trunkfeatures') \
            .get('description', description)
        if protocol == 'custom' or 'register' not in document:
            self.register = KEEP
        else:
            self.register = _register(protocol, document['register'])

    def _check(self, protocol):
        values = self.values
        own_id = self.row.id if self.row is not None else None
        if protocol in ('sip', 'iax'):
            if values.get('type') == 'user':
                values['host'] = 'dynamic'
            values.setdefault('host', 'dynamic')
            values['host'] = values['host'] or 'dynamic'
        if protocol == 'iax' and values.get('type') == 'friend':
            values['username'] = values['name']
        if protocol == 'custom':
            values['intfsuffix'] = values.get('intfsuffix') or ''
            if queries.interface_taken(values['interface'], values['intfsuffix'], own_id):
                raise InvalidInput(f'interface already used: {values["interface"]}')
        if values.get('context') and not queries.context_exists(values['context']):
            raise InvalidInput(f'no such context: {values["context"]}')
        if queries.name_taken(protocol, values['name'], own_id):
            raise InvalidInput(f'name already used: {values["name"]}')


def _write_register(protocol, features, values):
    current = queries.register_of(features)
    if values is None:
        if current is not None:
            current.delete_instance()
        features.registerid = 0
        return
    if current is None:
        current = TrunkRegister.create(protocol=protocol, **values)
    else:
        for key, value in values.items():
            setattr(current, key, value)
        current.save()
    features.registerid = current.id


def create(protocol, document):
    parts = _Parts(protocol, document)
    row = queries.MODELS[protocol].create(**parts.values, category='trunk')
    features = TrunkFeatures.create(protocol=protocol, protocolid=row.id,
                                    description=parts.description)
    if parts.register is not KEEP:
        _write_register(protocol, features, parts.register)
        features.save()
    return features.id


def edit(protocol, trunk_id, document):
    """Merge: the stored protocol options, description and register line stay
    unless the document gives them."""
    features = get(protocol, trunk_id)
    parts = _Parts(protocol, document, features)
    for key, value in parts.values.items():
        setattr(parts.row, key, value)
    parts.row.save()
    features.description = parts.description
    if parts.register is not KEEP:
        _write_register(protocol, features, parts.register)
    features.save()


def _delete(features):
    outcalls = queries.outcalls_using(features.id)
    if outcalls:
        raise InUse(f'trunk {features.id} is used by outcalls: ' + ', '.join(outcalls))
    register = queries.register_of(features)
    if register is not None:
        register.delete_instance()
    row = queries.protocol_row(features)
    if row is not None:
        row.delete_instance()
    features.delete_instance()


def delete(protocol, trunk_id):
    _delete(get(protocol, trunk_id))


def delete_all(protocol):
    """Every trunk of the protocol (all or none: one in use refuses the lot);
    None when there were none."""
    trunks = queries.all_of(protocol)
    if not trunks:
        return None
    for features in trunks:
        _delete(features)
    return len(trunks)
