"""Queue and group names share Asterisk's queue namespace (their options are
rows of one `queue` table): a name is used by at most one of them."""

from peewee import Value

from xivows.models.queue import GroupFeatures, Queue, QueueFeatures


def taken(name: str, own_name: str | None = None) -> bool:
    """Whether a queue, a group or an options row other than the object's own
    (`own_name`: its current name, when renaming) has `name`: one query."""
    if name == own_name:
        return False
    first, *others = [
        model.select(Value(1)).where(model.name == name)
        for model in (QueueFeatures, GroupFeatures, Queue)
    ]
    union = first
    for query in others:
        union = union | query
    return bool(list(union.limit(1).tuples()))
