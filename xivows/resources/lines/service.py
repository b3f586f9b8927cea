"""Lines: a linefeatures row plus its protocol row (SIP peer, SCCP line or custom
interface). A line belongs to at most one user (user_line); the number of a
user's line is held as the user's extension. Lines added through the lines
service are free and hold no extension until a user takes them."""
import secrets
import string

from xivows import numbering, settings
from xivows.errors import InvalidInput, NotFound
from xivows.models.line import LineFeatures, UserLine
from xivows.resources.lines import queries
from xivows.resources.lines.schemas import (PROTOCOL_SCHEMAS, PROTOCOLS, line_features_schema)
from xivows.schemas import load
from xivows.jsonphp.documents import body_object, host_fields

_NAME_ALPHABET = string.ascii_lowercase + string.digits
_SECRET_ALPHABET = string.ascii_uppercase + string.digits


def _random(alphabet, size=6):
    return ''.join(secrets.choice(alphabet) for _ in range(size))


def random_secret():
    return _random(_SECRET_ALPHABET)


def random_name():
    """A line name as the original generated them (6 characters [a-z0-9])."""
    return _random(_NAME_ALPHABET)


def _free_sip_name():
    while True:
        name = _random(_NAME_ALPHABET)
        if not queries.sip_name_taken(name):
            return name


def _free_provisioningid():
    while True:
        value = 100000 + secrets.randbelow(100000)
        if not queries.provisioningid_taken(value):
            return value


def _server_address():
    return settings.get('SERVER_ADDRESS')


def get(line_id):
    line = queries.find(line_id)
    if line is None:
        raise NotFound.of('line', line_id)
    return line


def protocol_of(line):
    row = queries.protocol_row(line)
    if row is None:  # never left so by this service
        raise NotFound(f'line {line.id} has no {line.protocol} row')
    return row


def interface_of(line):
    """The Asterisk interface of a line, as queue and group members use it."""
    row = queries.protocol_row(line)
    return _interface(line, row.__data__ if row else None)


def interfaces_of(lines):
    """{line id: interface_of(line)} of many lines: one query per protocol."""
    rows = {protocol: queries.protocol_rows(protocol, [line.protocolid for line in lines
                                                       if line.protocol == protocol])
            for protocol in {line.protocol for line in lines}}
    return {line.id: _interface(line, rows[line.protocol].get(line.protocolid))
            for line in lines}


def _interface(line, row):
    """`row`: the line's protocol row as a dict (None when missing)."""
    if line.protocol == 'sip':
        return f'SIP/{row["name"]}', 'SIP'
    if line.protocol == 'sccp':
        return f'SCCP/{row["name"]}', 'SCCP'
    interface = row['interface'] if row else line.name
    return interface, 'Local' if interface.lower().startswith('local/') else 'Custom'


def dial_string_of(line):
    """What Asterisk 21 dials to reach a line, and the device whose state tells
    whether it is free: `PJSIP/<name>` for SIP lines (Asterisk 21 has no chan_sip:
    a `SIP/` state interface is Invalid and app_queue never rings it),
    `SCCP/<name>`, or a custom line's interface. `interface_of` keeps the legacy
    `SIP/<name>` that json.php clients read in member rows."""
    row = queries.protocol_row(line)
    if line.protocol == 'sip':
        return f'PJSIP/{row.name}'
    if line.protocol == 'sccp':
        return f'SCCP/{row.name}'
    return row.interface if row else line.name


def user_id_of(line):
    link = queries.user_line_of(line.id)
    return link.user_id if link else None


# -- validation ------------------------------------------------------------------


def parse_protocol(document, current=None):
    """The `protocol` object -> (protocol name, validated values)."""
    if not isinstance(document, dict):
        raise InvalidInput('protocol: must be an object')
    protocol = document.get('protocol') or (current.protocol if current else None)
    if protocol not in PROTOCOLS:
        raise InvalidInput('protocol.protocol: must be one of: ' + ', '.join(PROTOCOLS))
    if current is not None and protocol != current.protocol:
        raise InvalidInput('protocol.protocol: the protocol of a line cannot change')
    if protocol == 'sip':
        document = host_fields(document)
    return protocol, load(PROTOCOL_SCHEMAS[protocol], document, 'protocol')


def parse_features(document):
    if document in (None, False):
        document = {}
    return load(line_features_schema, document, 'linefeatures')


def _check(protocol, values, features, line=None, protocol_id=None):
    context = values['context']
    if not queries.context_exists(context):
        raise InvalidInput(f'no such context: {context}')
    name = values.get('name')
    if protocol == 'sip' and name and queries.sip_name_taken(name, protocol_id):
        raise InvalidInput(f'SIP name already used: {name}')
    if protocol == 'sccp':
        name = name or features.get('number') or (line.number if line else '')
        if not name:
            raise InvalidInput('protocol.name: an SCCP line needs a name or a number')
        if queries.sccp_name_taken(name, protocol_id):
            raise InvalidInput(f'SCCP line already exists: {name}')
    device = features.get('device')
    if device:
        if not queries.device_exists(device):
            raise InvalidInput(f'no such device: {device}')
        num = features.get('num') or (line.num if line else 1)
        if queries.device_slot_taken(device, num, line.id if line else None):
            raise InvalidInput(f'line {num} of device {device} is already used')


# -- writes ------------------------------------------------------------------------


def create(protocol, values, features, caller_name=None, language=None, simultcalls=5):
    """Create the protocol row and the line (no user, no extension)."""
    values = dict(values)
    _check(protocol, values, features)
    number = features.get('number') or ''
    secret = features.get('secret') or values.get('secret') or random_secret()
    model = queries.PROTOCOL_MODELS[protocol]
    if protocol == 'sip':
        values.setdefault('name', None)
        values['name'] = values['name'] or _free_sip_name()
        values['secret'] = secret
        values.setdefault('type', 'friend')
        values.setdefault('host', 'dynamic')
        values.setdefault('call_limit', 2 * simultcalls)
        if language and not values.get('language'):
            values['language'] = language
        if not values.get('callerid') and caller_name:
            values['callerid'] = _callerid(caller_name, number)
        values['category'] = 'user'
        name = values['name']
    elif protocol == 'sccp':
        values['name'] = values.get('name') or number
        if caller_name:
            values.setdefault('cid_name', caller_name)
        values.setdefault('cid_num', number)
        name = values['name']
    else:
        values['category'] = 'user'
        values['name'] = values.get('name') or None
        name = values['interface']
    row = model.create(**values)
    line = LineFeatures.create(
        protocol=protocol, protocolid=row.id, name=name, number=number,
        context=values['context'], device=features.get('device') or '',
        num=features.get('num') or 1,
        configregistrar=features.get('configregistrar') or 'default',
        provisioningid=_free_provisioningid() if protocol == 'sip' else 0,
        ipfrom=_server_address(), description=features.get('description') or '',
        commented=bool(features.get('commented')))
    return line


def _callerid(name, number):
    name = name.replace('"', '')
    return f'"{name}" <{number}>' if number else f'"{name}"'


def update(line, values, features):
    """Edit the protocol row and the line; a user's line moves its extension."""
    row = protocol_of(line)
    protocol = line.protocol
    values = dict(values)
    _check(protocol, values, features, line, row.id)
    if features.get('secret') and protocol == 'sip':
        values['secret'] = features['secret']
    if protocol == 'sip' and not values.get('name'):
        values['name'] = row.name
    if protocol == 'sccp' and not values.get('name'):
        values['name'] = row.name
    for key, value in values.items():
        setattr(row, key, value)
    row.save()
    line.context = values['context']
    if protocol == 'custom':
        line.name = values['interface']
    else:
        line.name = values['name']
    for key in ('number', 'device', 'num', 'configregistrar', 'description', 'commented'):
        if key in features:
            setattr(line, key, features[key] if features[key] is not None else '')
    user_id = user_id_of(line)
    if user_id is not None:
        extension = numbering.assign(line.context, 'user', line.number, user_id)
        UserLine.update(extension_id=extension.id if extension else None).where(
            UserLine.line_id == line.id).execute()
    line.save()
    return line


def delete(line):
    """Delete the line, its protocol row, its user link and its extension."""
    link = queries.user_line_of(line.id)
    if link is not None:
        numbering.release('user', link.user_id)
        link.delete_instance()
    row = queries.protocol_row(line)
    if row is not None:
        row.delete_instance()
    line.delete_instance()


# -- json.php add/edit documents ---------------------------------------------------


def create_from_document(document):
    if not isinstance(document, dict) or 'protocol' not in document:
        raise InvalidInput('protocol: is required')
    protocol, values = parse_protocol(document['protocol'])
    features = parse_features(document.get('linefeatures'))
    return create(protocol, values, features)


def stored_protocol_input(line):
    """The protocol row in the add/edit input shape (base of an edit merge)."""
    row = protocol_of(line)
    schema = PROTOCOL_SCHEMAS[line.protocol]
    data = {'protocol': line.protocol}
    for name, field in schema.fields.items():
        value = getattr(row, name, None)
        if value is not None:
            data[field.data_key or name] = value
    return data


def edit_from_document(line_id, document):
    line = get(line_id)
    body_object(document)
    protocol_document = document.get('protocol') or {}
    if not isinstance(protocol_document, dict):
        raise InvalidInput('protocol: must be an object')
    merged = {**stored_protocol_input(line), **protocol_document}
    _, values = parse_protocol(merged, current=line)
    features = parse_features(document.get('linefeatures'))
    return update(line, values, features)
