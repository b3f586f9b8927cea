"""Trunks of the three protocols: a trunkfeatures row, the protocol row it names
(category 'trunk') and, for SIP and IAX, an optional register line. An add or
edit validates every part before the first write; a trunk an outcall dials
through cannot be deleted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xivows.errors import InUse, InvalidInput, NotFound
from xivows.models.trunk import TrunkFeatures, TrunkRegister
from xivows.resources.trunks import queries
from xivows.resources.trunks.inputs import TrunkInput
from xivows.resources.trunks.schemas import (
    CustomTrunkSchema,
    IaxRegisterSchema,
    IaxTrunkSchema,
    SipRegisterSchema,
    SipTrunkSchema,
    trunk_features_schema,
)
from xivows.schemas import load

if TYPE_CHECKING:
    from peewee import Expression

    from xivows.models.line import UserCustom, UserSIP
    from xivows.models.trunk import UserIAX

PROTOCOL_SCHEMAS = {
    'sip': SipTrunkSchema(),
    'iax': IaxTrunkSchema(),
    'custom': CustomTrunkSchema(),
}
REGISTER_SCHEMAS = {'sip': SipRegisterSchema(), 'iax': IaxRegisterSchema()}


def get(protocol: str, trunk_id: int) -> TrunkFeatures:
    features = queries.find(protocol, trunk_id)
    if features is None:
        raise NotFound.of(f'{protocol} trunk', trunk_id)
    return features


def listed(protocol: str) -> list[tuple]:
    """[(features dict, protocol row dict, register dict or None)] in id order."""
    return queries.listed(protocol)


def get_by_name(protocol: str, name: str) -> tuple:
    """(features dict, protocol row dict, register dict or None) of the trunk
    named `name`; NotFound otherwise."""
    for trunk in queries.listed(protocol):
        if trunk[1]['name'] == name:
            return trunk
    raise NotFound.of(f'{protocol} trunk', name)


def protocol_of(features: TrunkFeatures) -> UserSIP | UserIAX | UserCustom:
    row = queries.protocol_row(features)
    if row is None:  # never left so by this service
        raise NotFound(f'trunk {features.id} has no {features.protocol} row')
    return row


def _stored_input(protocol: str, row: UserSIP | UserIAX | UserCustom) -> dict:
    """The protocol row in the input shape (base of an edit merge)."""
    data = {}
    for name, field in PROTOCOL_SCHEMAS[protocol].fields.items():
        value = getattr(row, name, None)
        if value is not None:
            data[field.data_key or name] = value
    return data


def _register(protocol: str, value: object) -> dict | None:
    """The register input -> values, or None for "no register"."""
    if protocol not in REGISTER_SCHEMAS:
        if value:
            raise InvalidInput(f'register: {protocol} trunks have no register line')
        return None
    if not value:
        return None
    values = load(REGISTER_SCHEMAS[protocol], value, 'register')
    if not any(values.values()):
        return None
    for key in ('username', 'host'):
        if not values[key]:
            raise InvalidInput(f'register.{key}: is required')
    return values


class _Parts:
    """Every part of a trunk input, validated. With `features` (edit), what
    the input does not give keeps its stored value."""

    def __init__(self, protocol: str, given: TrunkInput, features: TrunkFeatures | None = None):
        self.row = protocol_of(features) if features is not None else None
        stored = _stored_input(protocol, self.row) if self.row is not None else {}
        options = {key: value for key, value in given.options.items() if value is not None}
        self.values = load(PROTOCOL_SCHEMAS[protocol], {**stored, **options}, 'protocol')
        if self.values.get('commented'):
            # As the original, a trunk is never stored disabled: refused, not dropped.
            raise InvalidInput('protocol.commented: must be false (a trunk cannot be disabled)')
        self.values['commented'] = False
        self._check(protocol)
        description = features.description if features is not None else ''
        self.description = load(trunk_features_schema, given.features, 'trunkfeatures').get(
            'description', description
        )
        self.register = None if given.register is None else _register(protocol, given.register)
        self.keep_register = given.register is None

    def _check(self, protocol: str) -> None:
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
                raise InvalidInput(f'protocol.interface: already used: {values["interface"]}')
        if values.get('context') and not queries.context_exists(values['context']):
            raise InvalidInput(f'protocol.context: no such context: {values["context"]}')
        if queries.name_taken(protocol, values['name'], own_id):
            raise InvalidInput(f'protocol.name: already used: {values["name"]}')


def _write_register(protocol: str, features: TrunkFeatures, values: dict | None) -> None:
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


def create(protocol: str, given: TrunkInput) -> int:
    parts = _Parts(protocol, given)
    row = queries.MODELS[protocol].create(**parts.values, category='trunk')
    features = TrunkFeatures.create(
        protocol=protocol, protocolid=row.id, description=parts.description
    )
    if parts.register is not None:
        _write_register(protocol, features, parts.register)
        features.save()
    return features.id


def edit(protocol: str, trunk_id: int, changes: TrunkInput) -> None:
    """Merge: the stored protocol options, description and register line stay
    unless the input gives them."""
    features = get(protocol, trunk_id)
    parts = _Parts(protocol, changes, features)
    for key, value in parts.values.items():
        setattr(parts.row, key, value)
    parts.row.save()
    features.description = parts.description
    if not parts.keep_register:
        _write_register(protocol, features, parts.register)
    features.save()


def _refuse_if_used(trunks: Expression) -> None:
    used = queries.first_used(trunks)
    if used is not None:
        trunk_id, outcalls = used
        raise InUse(f'trunk {trunk_id} is used by outcalls: ' + ', '.join(outcalls))


def delete(protocol: str, trunk_id: int) -> None:
    which = queries.one(get(protocol, trunk_id).id)
    _refuse_if_used(which)
    queries.delete_trunks(protocol, which)


def delete_all(protocol: str) -> int | None:
    """Every trunk of the protocol (all or none: one in use refuses the lot),
    set-based; None when there were none."""
    count = queries.count_of(protocol)
    if not count:
        return None
    trunks = queries.of_protocol(protocol)
    _refuse_if_used(trunks)
    queries.delete_trunks(protocol, trunks)
    return count
