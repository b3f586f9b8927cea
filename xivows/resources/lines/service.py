"""Lines: a linefeatures row plus its protocol row (SIP peer, SCCP line or custom
interface). A line belongs to at most one user (user_line); the number of a
user's line is held as the user's extension, and the user's queue and group
memberships reach it through the line's interface. Lines added by `create` are
free and hold no extension until a user takes them.

Every write is validated before it starts: the schemas first, then the
lookups (context, names, device, number), which a caller that writes more
than a line shares with its own through one probe (one query)."""

from __future__ import annotations

import secrets
import string
from typing import TYPE_CHECKING

from xivows import cascade, domain_events, numbering, settings
from xivows.errors import InvalidInput, NotFound
from xivows.idsets import in_ids, texts
from xivows.models.extension import Extension
from xivows.models.line import LineFeatures, UserLine
from xivows.probe import Probe
from xivows.resources import lookup
from xivows.resources.lines import queries
from xivows.resources.lines.inputs import LineInput
from xivows.resources.lines.schemas import PROTOCOL_SCHEMAS, PROTOCOLS, line_features_schema
from xivows.resources.queue_members import service as queue_members
from xivows.schemas import load

if TYPE_CHECKING:
    from collections.abc import Collection

    from xivows.models.line import SCCPLine, UserCustom, UserSIP

USER = 'user'  # the extension type of a user's number
_FIELDS = ('protocol.context', 'linefeatures.number')  # what numbering's refusals name
_NAME_ALPHABET = string.ascii_lowercase + string.digits
_SECRET_ALPHABET = string.ascii_uppercase + string.digits
# Provisioning ids tried at once (random, 6 digits starting with 1).
_PROVISIONING_CANDIDATES = 3


def _random(alphabet: str, size: int = 6) -> str:
    """`size` characters of `alphabet`, uniformly (one draw of the system's
    random source for all of them)."""
    return _spelled(secrets.randbelow(len(alphabet) ** size), alphabet, size)


def _spelled(value: int, alphabet: str, size: int) -> str:
    """A number below len(alphabet) ** size as `size` characters of `alphabet`."""
    characters = []
    for _ in range(size):
        value, index = divmod(value, len(alphabet))
        characters.append(alphabet[index])
    return ''.join(characters)


def random_secret() -> str:
    return _random(_SECRET_ALPHABET)


def random_name() -> str:
    """A line name as the original generated them (6 characters [a-z0-9])."""
    return _random(_NAME_ALPHABET)


def _random_provisioningid() -> int:
    return 100000 + secrets.randbelow(100000)


def _random_provisioningids(count: int) -> set[int]:
    """`count` random provisioning ids (one draw of the system's random source)."""
    return _provisioningids(secrets.randbelow(100000**count), count)


_NAMES = len(_NAME_ALPHABET) ** 6


def _random_name_and_provisioningids(count: int) -> tuple[str, set[int]]:
    """random_name() and _random_provisioningids(count), from one draw of the
    system's random source (independent and uniform as two draws would be)."""
    value, name = divmod(secrets.randbelow(_NAMES * 100000**count), _NAMES)
    return _spelled(name, _NAME_ALPHABET, 6), _provisioningids(value, count)


def _provisioningids(value: int, count: int) -> set[int]:
    """A number below 100000 ** count as `count` provisioning ids."""
    ids = set()
    for _ in range(count):
        value, draw = divmod(value, 100000)
        ids.add(100000 + draw)
    return ids


def _server_address():
    return settings.get('SERVER_ADDRESS')


def get(line_id: int) -> LineFeatures:
    return lookup.found(queries.find(line_id), 'line', line_id)


def exists(line_id: int) -> bool:
    return queries.find(line_id) is not None


def protocol_of(line: LineFeatures) -> UserSIP | SCCPLine | UserCustom:
    row = queries.protocol_row(line)
    if row is None:  # never left so by this service
        raise NotFound(f'line {line.id} has no {line.protocol} row')
    return row


def _interface(
    protocol: str, row: UserSIP | SCCPLine | UserCustom | None, line_name: str
) -> tuple[str, str]:
    if protocol == 'sip':
        return f'SIP/{row.name if row else line_name}', 'SIP'
    if protocol == 'sccp':
        return f'SCCP/{row.name if row else line_name}', 'SCCP'
    interface = row.interface if row else line_name
    return interface, 'Local' if interface.lower().startswith('local/') else 'Custom'


def interface_of(line: LineFeatures) -> tuple[str, str]:
    """(interface, channel) of a line, as queue and group members reach it."""
    return _interface(line.protocol, queries.protocol_row(line), line.name)


def interfaces_of(lines: list) -> dict:
    """{line id: (interface, channel)}, one query per protocol present."""
    ids_by_protocol = {}
    for line in lines:
        ids_by_protocol.setdefault(line.protocol, set()).add(line.protocolid)
    rows = {
        protocol: queries.protocol_objects(protocol, ids)
        for protocol, ids in ids_by_protocol.items()
    }
    return {
        line.id: _interface(line.protocol, rows[line.protocol].get(line.protocolid), line.name)
        for line in lines
    }


def dial_string_of(line: LineFeatures) -> str:
    """What Asterisk 21 dials to reach a line, and the device whose state tells
    whether it is free: `PJSIP/<name>` for SIP lines (Asterisk 21 has no chan_sip:
    a `SIP/` state interface is Invalid and app_queue never rings it),
    `SCCP/<name>`, or a custom line's interface. `interface_of` keeps the legacy
    `SIP/<name>` that json.php clients read in member rows."""
    return _dial_string(line.protocol, queries.protocol_row(line), line.name)


def _dial_string(
    protocol: str, row: UserSIP | SCCPLine | UserCustom | None, line_name: str
) -> str:
    if protocol == 'sip':
        return f'PJSIP/{row.name}'
    if protocol == 'sccp':
        return f'SCCP/{row.name}'
    return row.interface if row else line_name


def user_id_of(line: LineFeatures) -> int | None:
    link = queries.user_line_of(line.id)
    return link.user_id if link else None


def caller_id(name: str, number: str) -> str:
    """A SIP line's caller id: `"<name>" <number>`."""
    name = name.replace('"', '')
    return f'"{name}" <{number}>' if number else f'"{name}"'


# -- validation --------------------------------------------------------------------


def _protocol(given: str | None, current: LineFeatures | None = None) -> str:
    protocol = given or (current.protocol if current is not None else None)
    if protocol not in PROTOCOLS:
        raise InvalidInput('protocol.protocol: must be one of: ' + ', '.join(PROTOCOLS))
    if current is not None and protocol != current.protocol:
        raise InvalidInput('protocol.protocol: the protocol of a line cannot change')
    return protocol


def _check_interface(protocol: str, line: LineInput) -> None:
    if protocol != 'custom' and (line.interface is not None or 'interface' in line.options):
        raise InvalidInput('protocol.interface: only a custom line has an interface')


def _features(line: LineInput) -> dict:
    return load(line_features_schema, line.line_fields(), 'linefeatures')


def _stored_protocol_fields(protocol: str, row: UserSIP | SCCPLine | UserCustom) -> dict:
    """The protocol row as its schema reads it (base of an edit merge)."""
    data = {}
    for name, field in PROTOCOL_SCHEMAS[protocol].fields.items():
        value = getattr(row, name, None)
        if value is not None:
            data[field.data_key or name] = value
    return data


class _Lookups:
    """The rules of a line's values that need the store, asked through a probe;
    `verify()` raises the first broken one, naming its field as the schemas do
    (`protocol.context`, `linefeatures.device`): each dialect renames it."""

    def __init__(
        self,
        probe: Probe,
        protocol: str,
        values: dict,
        features: dict,
        line: LineFeatures | None = None,
        protocol_id: int | None = None,
    ):
        self.context = values['context']
        self.context_known = probe.exists(queries.context_query, self.context)
        self.name = values.get('name')
        self.name_taken = None
        if protocol == 'sip' and self.name:
            self.name_taken = probe.exists(queries.sip_name_query, self.name, protocol_id)
        self.protocol = protocol
        if protocol == 'sccp':
            self.name = self.name or features.get('number') or (line.number if line else '')
            if self.name:
                self.name_taken = probe.exists(queries.sccp_name_query, self.name, protocol_id)
        self.device = features.get('device')
        if self.device:
            self.num = features.get('num') or (line.num if line else 1)
            self.device_known = probe.exists(queries.device_query, self.device)
            self.slot_taken = probe.exists(
                queries.device_slot_query, self.device, self.num, line.id if line else None
            )

    def verify(self):
        if not self.context_known.value:
            raise InvalidInput(f'protocol.context: no such context: {self.context}')
        if self.protocol == 'sip' and self.name_taken is not None and self.name_taken.value:
            raise InvalidInput(f'protocol.name: SIP name already used: {self.name}')
        if self.protocol == 'sccp':
            if not self.name:
                raise InvalidInput('protocol.name: an SCCP line needs a name or a number')
            if self.name_taken.value:
                raise InvalidInput(f'protocol.name: SCCP line already exists: {self.name}')
        if self.device:
            if not self.device_known.value:
                raise InvalidInput(f'linefeatures.device: no such device: {self.device}')
            if self.slot_taken.value:
                raise InvalidInput(
                    f'linefeatures.num: line {self.num} of device {self.device} is already used'
                )


# -- creation ----------------------------------------------------------------------


class LineCreation:
    """A new line, validated before any write. The schemas run when it is built;
    the lookups are asked through `probe` and read by `verify()`; `write()`
    stores it. A user's line (`for_user`) also claims its number as the user's
    extension (`user_id` None: the user is being created) and is linked to the
    user; its SIP caller id, language and call limit follow the user."""

    def __init__(
        self,
        line: LineInput,
        probe: Probe,
        *,
        for_user: bool = False,
        user_id: int | None = None,
        caller_name: str | None = None,
        language: str | None = None,
        simultcalls: int = 5,
    ):
        self.protocol = _protocol(line.protocol)
        _check_interface(self.protocol, line)
        self.values = load(PROTOCOL_SCHEMAS[self.protocol], line.protocol_fields(), 'protocol')
        self.features = _features(line)
        if self.protocol != 'sip' and self.features.get('callerid'):
            raise InvalidInput('linefeatures.callerid: only a SIP line has a caller id')
        self.number = self.features.get('number') or ''
        self.context = self.values['context']
        self.for_user = for_user
        self.user_id = user_id
        self.caller_name, self.language, self.simultcalls = caller_name, language, simultcalls
        self._lookups = _Lookups(probe, self.protocol, self.values, self.features)
        self._probe = probe
        if for_user and self.number:
            numbering.ask(probe, self.context, USER, self.number, user_id)
        # Generated SIP name and provisioning ids, checked free with the rest.
        self._name = None
        self._provisioning = []
        if self.protocol == 'sip':
            # A batch's probe answers any number of candidates in the same query:
            # it asks more, so that a free one is among them even in a full store.
            count = getattr(probe, 'random_candidates', _PROVISIONING_CANDIDATES)
            if not self.values.get('name'):
                self._name, candidates = _random_name_and_provisioningids(count)
                self._name_taken = probe.exists(queries.sip_name_query, self._name, None)
            else:
                candidates = _random_provisioningids(count)
            self._provisioning = [
                (value, probe.exists(queries.provisioningid_query, value)) for value in candidates
            ]
        # Provisioning ids given by other lines of the same transaction (a batch).
        self.avoid_provisioning = ()

    def verify(self) -> None:
        self._lookups.verify()
        if self.for_user and self.number:
            numbering.check(
                self.context, USER, self.number, self.user_id, probe=self._probe, fields=_FIELDS
            )

    def _sip_name(self):
        name = self._name
        while self._name_taken.value:  # a generated name already used: rare
            name = random_name()
            self._name_taken = Probe().exists(queries.sip_name_query(name))
        return name

    def _provisioningid(self, avoid: Collection[int] = ()) -> int:
        for value, taken in self._provisioning:
            if not taken.value and value not in avoid:
                return value
        while True:  # every candidate taken: one in eight lines at 50,000 lines
            value = _random_provisioningid()
            if value not in avoid and not queries.provisioningid_query(value).exists():
                return value

    def rows(
        self, mailbox: str | None = None, avoid_provisioning: Collection[int] = ()
    ) -> tuple[dict, dict]:
        """(protocol row, linefeatures row without `protocolid`) of the line
        (verified); `avoid_provisioning`: provisioning ids already given in
        this transaction (a batch's other lines)."""
        values = dict(self.values)
        features = self.features
        number = self.number
        protocol = self.protocol
        secret = features.get('secret') or values.get('secret') or random_secret()
        if protocol == 'sip':
            values['name'] = values.get('name') or self._sip_name()
            values['secret'] = secret
            values.setdefault('type', 'friend')
            values.setdefault('host', 'dynamic')
            values.setdefault('call_limit', 2 * self.simultcalls)
            if self.language and not values.get('language'):
                values['language'] = self.language
            if not values.get('callerid'):
                if features.get('callerid'):
                    values['callerid'] = features['callerid']
                elif self.caller_name:
                    values['callerid'] = caller_id(self.caller_name, number)
            if mailbox:
                values['mailbox'] = mailbox
            values['category'] = 'user'
            name = values['name']
        elif protocol == 'sccp':
            values['name'] = values.get('name') or number
            if self.caller_name:
                values.setdefault('cid_name', self.caller_name.replace('"', ''))
            values.setdefault('cid_num', number)
            name = values['name']
        else:
            values['category'] = 'user'
            values['name'] = values.get('name') or None
            name = values['interface']
        line = {
            'protocol': protocol,
            'name': name,
            'number': number,
            'context': self.context,
            'device': features.get('device') or '',
            'num': features.get('num') or 1,
            'configregistrar': features.get('configregistrar') or 'default',
            'provisioningid': self._provisioningid(avoid_provisioning or self.avoid_provisioning)
            if protocol == 'sip'
            else 0,
            'ipfrom': _server_address(),
            'description': features.get('description') or '',
            'commented': bool(features.get('commented')),
        }
        return values, line

    def write(self, user_id: int | None = None, mailbox: str | None = None) -> LineFeatures:
        """Store the line (verified); a user's line is linked to `user_id`."""
        values, line_values = self.rows(mailbox)
        row = queries.PROTOCOL_MODELS[self.protocol].create(**values)
        line = LineFeatures.create(protocolid=row.id, **line_values)
        if self.for_user:
            extension = (
                numbering.assign(self.context, USER, self.number, user_id, checked=True, new=True)
                if self.number
                else None
            )
            UserLine.create(
                user_id=user_id, line_id=line.id, extension_id=extension.id if extension else None
            )
        return line


def create(line: LineInput) -> int:
    """A free line (no user, no extension); its id."""
    creation = LineCreation(line, Probe())
    creation.verify()
    return creation.write().id


# -- edition -----------------------------------------------------------------------


class LineEdit:
    """A change of a stored line, validated before any write (as LineCreation).
    Absent fields keep their values; the protocol cannot change. A user's line
    moves the user's extension with its number or context, and the user's
    queue and group memberships follow its interface. `taken`: the line has
    just been given to its owner, whose extension it now holds (`owner_id`
    None: an owner being created, whose id is set before `write()`)."""

    def __init__(
        self,
        line: LineFeatures,
        changes: LineInput,
        probe: Probe,
        owner_id: int | None = None,
        owner_name: str | None = None,
        taken: bool = False,
    ):
        self.line = line
        self.owner_id = owner_id
        self.owner_name = owner_name
        self.row = protocol_of(line)
        protocol = _protocol(changes.protocol, current=line)
        _check_interface(protocol, changes)
        merged = {**_stored_protocol_fields(protocol, self.row), **changes.protocol_fields()}
        self.values = load(PROTOCOL_SCHEMAS[protocol], merged, 'protocol')
        self.features = _features(changes)
        if protocol != 'sip' and self.features.get('callerid'):
            raise InvalidInput('linefeatures.callerid: only a SIP line has a caller id')
        self.callerid_given = 'callerid' in changes.protocol_fields() or bool(
            self.features.get('callerid')
        )
        self._lookups = _Lookups(probe, protocol, self.values, self.features, line, self.row.id)
        self._probe = probe
        self.number = self.features['number'] if 'number' in self.features else line.number
        self.number = self.number or ''
        self.context = self.values['context']
        self.moves = taken or (
            owner_id is not None and ((self.number, self.context) != (line.number, line.context))
        )
        if self.moves and self.number:
            numbering.ask(probe, self.context, USER, self.number, owner_id)

    def verify(self) -> None:
        self._lookups.verify()
        if self.moves and self.number:
            numbering.check(
                self.context, USER, self.number, self.owner_id, probe=self._probe, fields=_FIELDS
            )

    def write(self) -> LineFeatures:
        line, row, features = self.line, self.row, self.features
        protocol = line.protocol
        values = dict(self.values)
        interface_before = _interface(protocol, row, line.name)
        number_before = line.number
        place_before = (line.number, line.context)
        dial_before = _dial_string(protocol, row, line.name)
        if features.get('secret') and protocol == 'sip':
            values['secret'] = features['secret']
        if protocol in ('sip', 'sccp') and not values.get('name'):
            values['name'] = row.name
        if protocol == 'sip' and features.get('callerid'):
            values['callerid'] = features['callerid']
        for key, value in values.items():
            setattr(row, key, value)
        line.context = self.context
        line.name = values['interface'] if protocol == 'custom' else values['name']
        for key in ('number', 'device', 'num', 'configregistrar', 'description', 'commented'):
            if key in features:
                setattr(line, key, features[key] if features[key] is not None else '')
        if self.owner_id is not None:
            self._follow_owner(row, values, number_before, interface_before)
        row.save()
        line.save()
        if self.owner_id is not None:
            place, dial = (line.number, line.context), _dial_string(protocol, row, line.name)
            if (place, dial) != (place_before, dial_before):
                # What is logged on the user's extension follows it (agents).
                domain_events.emit(
                    'user_line_changed', before=place_before, after=place, dial_string=dial
                )
        return line

    def _follow_owner(
        self,
        row: UserSIP | SCCPLine | UserCustom,
        values: dict,
        number_before: str,
        interface_before: tuple[str, str],
    ) -> None:
        """The user's extension, caller id and memberships follow the line."""
        line, owner_id = self.line, self.owner_id
        if self.moves:
            extension = numbering.assign(line.context, USER, line.number, owner_id, checked=True)
            UserLine.update(extension_id=extension.id if extension else None).where(
                UserLine.line_id == line.id
            ).execute()
        if line.number != number_before and not self.callerid_given:
            if line.protocol == 'sip':
                name = self.owner_name or ' '.join(queries.user_name(owner_id)).strip() or '-'
                row.callerid = caller_id(name, line.number)
            elif line.protocol == 'sccp':
                row.cid_num = line.number
        interface = _interface(line.protocol, row, line.name)
        if interface != interface_before:
            queue_members.follow_interface(queue_members.USER, owner_id, *interface)


def edit(line_id: int, changes: LineInput) -> None:
    line, owner_id = queries.with_owner(line_id)
    if line is None:
        raise NotFound.of('line', line_id)
    edition = LineEdit(line, changes, Probe(), owner_id)
    edition.verify()
    edition.write()


# -- deletion ----------------------------------------------------------------------


def delete_lines(lines: list, owners_deleted: bool = False) -> None:
    """Delete these lines (rows with their `user_id`, None when free): their
    protocol rows, user links and the extensions of their users; those users'
    memberships go (a member is reachable only through its line), unless the
    users themselves are being deleted (`owners_deleted`: their caller does
    it). A constant number of queries whatever the number of lines."""
    if not lines:
        return
    cascade.deleted_many('line', [line.id for line in lines])  # while they still exist
    owners = [line.user_id for line in lines if getattr(line, 'user_id', None) is not None]
    if owners and not owners_deleted:
        Extension.delete().where(
            (Extension.type == USER) & in_ids(Extension.typeval, texts(owners))
        ).execute()
        queue_members.delete_members(queue_members.USER, owners)
    line_ids = [line.id for line in lines]
    UserLine.delete().where(in_ids(UserLine.line_id, line_ids)).execute()
    by_protocol = {}
    for line in lines:
        by_protocol.setdefault(line.protocol, []).append(line.protocolid)
    for protocol, ids in by_protocol.items():
        model = queries.PROTOCOL_MODELS[protocol]
        model.delete().where(in_ids(model.id, ids)).execute()
    LineFeatures.delete().where(in_ids(LineFeatures.id, line_ids)).execute()


def delete(line_id: int) -> None:
    """Delete the line, its protocol row, its user link and its extension."""
    line, owner_id = queries.with_owner(line_id)
    if line is None:
        raise NotFound.of('line', line_id)
    line.user_id = owner_id
    delete_lines([line])


def delete_all() -> int | None:
    """Every line (None when there was none)."""
    lines = queries.all_with_owner()
    if not lines:
        return None
    delete_lines(lines)
    return len(lines)
