"""List items and the `view` object of a group."""
from xivows.jsonphp.views import ownerlinks
from xivows.resources.groups import queries
from xivows.resources.groups.schemas import features_view, group_item, member_view, queue_view

KIND = 'group'


def items(rows):
    return [group_item(row) for row in rows]


def group_view(features):
    view = {
        'groupfeatures': features_view(features),
        'queue': queue_view(queries.options_of(features.name)),
        'user': [member_view(row) for row in queries.members(features.name)] or False,
        'rightcall': ownerlinks.rightcall_view(KIND, features.id),
        'dialaction': ownerlinks.dialaction_view(KIND, features.id),
        'callerid': ownerlinks.callerid_view(KIND, features.id),
    }
    return ownerlinks.with_schedule(view, KIND, features.id)
