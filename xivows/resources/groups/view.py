"""List items and the `view` object of a group."""
from xivows.resources.callerid import service as callerids
from xivows.resources.dialaction import service as dialactions
from xivows.resources.groups import queries
from xivows.resources.groups.schemas import features_view, group_item, member_view, queue_view
from xivows.resources.rightcall import service as rightcalls
from xivows.resources.schedule import links as schedules

KIND = 'group'


def items(rows):
    return [group_item(row) for row in rows]


def group_view(features):
    view = {
        'groupfeatures': features_view(features),
        'queue': queue_view(queries.options_of(features.name)),
        'user': [member_view(row) for row in queries.members(features.name)] or False,
        'rightcall': rightcalls.view_for(KIND, features.id),
        'dialaction': dialactions.view_for(KIND, features.id),
        'callerid': callerids.view_for(KIND, features.id),
    }
    schedule_id = schedules.schedule_of(KIND, features.id)
    if schedule_id:
        view['schedule_id'] = schedule_id
    return view
