"""The `view` object of a queue."""
from xivows.resources.callerid import service as callerids
from xivows.resources.dialaction import service as dialactions
from xivows.resources.queues import queries
from xivows.resources.queues.schemas import features_view, member_view, queue_view
from xivows.resources.schedule import links as schedules


def queue_view_object(features):
    view = {
        'queuefeatures': features_view(features),
        'queue': queue_view(queries.options_of(features)),
        'agent': [member_view(row) for row in queries.members(features.name, 'agent')] or False,
        'user': [member_view(row) for row in queries.members(features.name, 'user')] or False,
        'dialaction': dialactions.view_for('queue', features.id),
        'callerid': callerids.view_for('queue', features.id),
    }
    schedule_id = schedules.schedule_of('queue', features.id)
    if schedule_id:
        view['schedule_id'] = schedule_id
    return view
