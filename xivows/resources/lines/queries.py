from peewee import JOIN

from xivows.models.context import Context
from xivows.models.device import Device
from xivows.models.entity import Entity
from xivows.models.line import LineFeatures, SCCPLine, UserCustom, UserLine, UserSIP
from xivows.models.user import UserFeatures
from xivows.idsets import in_ids
from xivows.prepared import Prepared, Rows, param
from xivows.search import contains_any

PROTOCOL_MODELS = {'sip': UserSIP, 'sccp': SCCPLine, 'custom': UserCustom}


# Rows every line view reads, prepared (xivows/prepared.py)
_LINE = Rows(LineFeatures, ('id',), limit=1)
_PROTOCOL_ROW = {protocol: Rows(model, ('id',), limit=1)
                 for protocol, model in PROTOCOL_MODELS.items()}
_USER_LINE = Rows(UserLine, ('line_id',), limit=1)


def find(line_id):
    return _LINE.first(id=line_id)


def lines(search=None, free=None, protocol=None, context=None):
    """Lines with their user (or None), filtered as list/search ask."""
    query = (LineFeatures
             .select(LineFeatures, UserLine.user_id.alias('user_id'))
             .join(UserLine, JOIN.LEFT_OUTER, on=(UserLine.line_id == LineFeatures.id))
             .order_by(LineFeatures.id))
    if free is True:
        query = query.where(UserLine.id.is_null())
    elif free is False:
        query = query.where(UserLine.id.is_null(False))
    if protocol:
        query = query.where(LineFeatures.protocol == protocol)
    if context:
        query = query.where(LineFeatures.context == context)
    if search:
        fields = [LineFeatures.number, LineFeatures.name]
        if not context:
            fields.append(LineFeatures.context)
        query = query.where(contains_any(fields, search))
    return query.dicts()


def protocol_rows(protocol, ids):
    """{id: row dict} of the protocol rows (one query)."""
    if not ids:
        return {}
    model = PROTOCOL_MODELS[protocol]
    if len(ids) > 900:  # whole table beats a huge IN list
        query = model.select()
    else:
        query = model.select().where(model.id.in_(list(ids)))
    return {row['id']: row for row in query.dicts()}


def protocol_objects(protocol, ids):
    """{id: protocol row} (one query)."""
    model = PROTOCOL_MODELS[protocol]
    return {row.id: row for row in model.select().where(in_ids(model.id, ids))}


def users_by_id(ids):
    if not ids:
        return {}
    query = UserFeatures.select(UserFeatures.id, UserFeatures.firstname, UserFeatures.lastname)
    if len(ids) <= 900:
        query = query.where(UserFeatures.id.in_(list(ids)))
    return {row['id']: row for row in query.dicts()}


def entities_by_context():
    """{context name: entity row} for contexts that belong to an entity."""
    query = (Context.select(Context.name.alias('context_name'), Entity)
             .join(Entity, on=(Entity.name == Context.entity)).dicts())
    return {row.pop('context_name'): row for row in query}


def protocol_row(line):
    return _PROTOCOL_ROW[line.protocol].first(id=line.protocolid)


def user_line_of(line_id):
    return _USER_LINE.first(line_id=line_id)


def with_owner(line_id):
    """(line, its user id or None), one query; (None, None) when no such line."""
    row = (LineFeatures.select(LineFeatures, UserLine.user_id.alias('owner_id'))
           .join(UserLine, JOIN.LEFT_OUTER, on=(UserLine.line_id == LineFeatures.id))
           .where(LineFeatures.id == line_id).objects().first())
    return (row, row.owner_id) if row is not None else (None, None)


def all_with_owner():
    """Every line with its `user_id` (None when free), one query."""
    return list(LineFeatures.select(LineFeatures, UserLine.user_id.alias('user_id'))
                .join(UserLine, JOIN.LEFT_OUTER, on=(UserLine.line_id == LineFeatures.id))
                .objects())


def of_users(user_ids):
    """The lines of these users (with their `user_id`, `main_line` and `link_id`),
    one query."""
    return list(LineFeatures.select(LineFeatures, UserLine.user_id.alias('user_id'),
                                    UserLine.main_line.alias('main_line'),
                                    UserLine.id.alias('link_id'))
                .join(UserLine, on=(UserLine.line_id == LineFeatures.id))
                .where(in_ids(UserLine.user_id, user_ids)).objects())


def user_name(user_id):
    """(firstname, lastname) of a user."""
    row = (UserFeatures.select(UserFeatures.firstname, UserFeatures.lastname)
           .where(UserFeatures.id == user_id).tuples().first())
    return row or ('', '')


# -- lookups, as queries for a probe -------------------------------------------------


def _sip_name_lookup(excluding):
    query = UserSIP.select().where(UserSIP.name == param('name', UserSIP.name))
    if excluding:
        query = query.where(UserSIP.id != param('except_id', UserSIP.id))
    return query


# Lookups asked on every add or edit, prepared (xivows/prepared.py): a probe
# uses their SQL as it is (xivows/probe.py).
_SIP_NAME_LOOKUPS = {excluding: Prepared(lambda e=excluding: _sip_name_lookup(e))
                     for excluding in (False, True)}
_PROVISIONINGID_LOOKUP = Prepared(lambda: LineFeatures.select().where(
    LineFeatures.provisioningid == param('value', LineFeatures.provisioningid)))
CONTEXT_LOOKUP = Prepared(lambda: Context.select().where(
    Context.name == param('name', Context.name)))


def sip_name_query(name, except_id=None):
    return _SIP_NAME_LOOKUPS[except_id is not None].bind(name=name, except_id=except_id)


def sccp_name_query(name, except_id=None):
    query = SCCPLine.select().where(SCCPLine.name == name)
    if except_id is not None:
        query = query.where(SCCPLine.id != except_id)
    return query


def device_query(device_id):
    return Device.select().where(Device.id == device_id)


def device_slot_query(device_id, num, except_line_id=None):
    query = LineFeatures.select().where((LineFeatures.device == device_id)
                                        & (LineFeatures.num == num))
    if except_line_id is not None:
        query = query.where(LineFeatures.id != except_line_id)
    return query


def provisioningid_query(value):
    return LineFeatures.select().where(LineFeatures.provisioningid == value)


def provisioningid_lookup(value):
    """provisioningid_query for a probe."""
    return _PROVISIONINGID_LOOKUP.bind(value=value)


def context_query(name):
    return CONTEXT_LOOKUP.bind(name=name)
