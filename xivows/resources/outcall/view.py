"""List items and the `view` object of an outcall."""
from xivows.resources.outcall import queries
from xivows.resources.outcall.schemas import list_item, outcall_row, pattern_rows, trunk_rows
from xivows.resources.rightcall import service as rightcalls
from xivows.resources.schedule import links as schedules


def items(term=None):
    return [list_item(row) for row in queries.listed(term)]


def outcall_view(outcall):
    view = {
        'outcall': outcall_row(outcall),
        'dialpattern': pattern_rows(queries.patterns_of(outcall.id)),
        'outcalltrunk': trunk_rows(queries.trunks_of(outcall.id)),
        'rightcall': rightcalls.view_for(queries.KIND, outcall.id),
    }
    schedule_id = schedules.schedule_of(queries.KIND, outcall.id)
    if schedule_id:
        view['schedule_id'] = schedule_id
    return view
