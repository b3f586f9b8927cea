"""Objects attached to a schedule (`schedule_path`): users, groups, queues,
incalls, outcalls. `schedule_id` 0 (or absent) means none."""

from xivows.constants import MAX_INT
from xivows.errors import InvalidInput
from xivows.ids import batches
from xivows.models.dialaction import SchedulePath
from xivows.models.schedule import Schedule
from xivows.prepared import Rows
from xivows.schemas.fields import to_int


def parse(value, where: str = 'schedule_id') -> int:
    """-> a schedule id (existing) or 0."""
    if value in (None, '', False):
        return 0
    number = to_int(value)
    if number is None or number < 0 or number > MAX_INT:
        raise InvalidInput(f'{where}: must be a schedule id')
    if number and not Schedule.select().where(Schedule.id == number).exists():
        raise InvalidInput(f'{where}: no such schedule: {number}')
    return number


def replace(path: str, owner_id: int, schedule_id: int) -> None:
    delete_for(path, owner_id)
    if schedule_id:
        SchedulePath.create(schedule_id=schedule_id, path=path, pathid=owner_id)


def delete_for(path: str, owner_id: int) -> None:
    SchedulePath.delete().where(
        (SchedulePath.path == path) & (SchedulePath.pathid == owner_id)
    ).execute()


def delete_for_many(path, owner_ids):
    for batch in batches(owner_ids):
        SchedulePath.delete().where(
            (SchedulePath.path == path) & (SchedulePath.pathid.in_(batch))
        ).execute()


def delete_every(path: str) -> None:
    """The schedules of every owner of `path` (all of them are deleted)."""
    SchedulePath.delete().where(SchedulePath.path == path).execute()


_PATH = Rows(SchedulePath, ('path', 'pathid'), limit=1)  # every view reads it


def schedule_of(path: str, owner_id: int) -> int:
    """The attached schedule id, or 0."""
    row = _PATH.first(path=path, pathid=owner_id)
    return row.schedule_id if row else 0


def detach_all(schedule_id: int) -> None:
    SchedulePath.delete().where(SchedulePath.schedule_id == schedule_id).execute()
