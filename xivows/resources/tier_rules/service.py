"""Tier rules of queues (seed 003): members of the lowest penalty level ring
first; the next level is added `wait_second` seconds later (multiplied by that
level when `multiply_level`), and so on. The parameters are stored per queue;
the rule applies while the queue's `defaultrule` option names it (so json.php
shows, and may change, whether it applies). The Asterisk configuration makes it a
queuerules.conf rule of penalty changes (xivows/asterisk/config/queuerules.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from xivows.errors import InvalidInput
from xivows.models.callqueue import QueueTierRule
from xivows.resources.queues import queries as queue_queries
from xivows.resources.queues import service as queues
from xivows.resources.queues.inputs import QueueInput

if TYPE_CHECKING:
    from xivows.models.queue import Queue, QueueFeatures

MAX_WAIT = 3600


@dataclass(frozen=True)
class TierRule:
    applies: bool = False
    wait_second: int = 0
    multiply_level: bool = False


def get(queue_id: int) -> TierRule:
    features = queues.get(queue_id)
    return of(features, queue_queries.options_of(features))


def of(features: QueueFeatures, options: Queue | None) -> TierRule:
    """The tier rule of a queue whose features and options rows are read: one query."""
    row = QueueTierRule.get_or_none(QueueTierRule.queue == features.id)
    applies = options is not None and options.defaultrule == QueueTierRule.rule_name(features.id)
    if row is None:
        return TierRule(applies=applies)
    return TierRule(applies, row.wait_second, row.multiply_level)


def check(
    applies: object = None, wait_second: object = None, multiply_level: object = None
) -> None:
    """InvalidInput naming the field; None: not given."""
    for name, value in (
        ('tier_rules_apply', applies),
        ('tier_rule_wait_multiply_level', multiply_level),
    ):
        if value is not None and not isinstance(value, bool):
            raise InvalidInput(f'{name}: must be true or false')
    if wait_second is not None and (
        isinstance(wait_second, bool)
        or not isinstance(wait_second, int)
        or not 0 <= wait_second <= MAX_WAIT
    ):
        raise InvalidInput(f'tier_rule_wait_second: must be 0 to {MAX_WAIT} seconds')


def configure(
    queue_id: int,
    applies: bool | None = None,
    wait_second: int | None = None,
    multiply_level: bool | None = None,
) -> TierRule:
    """Change what is given (None keeps it)."""
    check(applies, wait_second, multiply_level)
    features = queues.get(queue_id)
    if wait_second is not None or multiply_level is not None:
        row = QueueTierRule.get_or_none(QueueTierRule.queue == queue_id)
        if row is None:
            row = QueueTierRule(queue=queue_id)
        if wait_second is not None:
            row.wait_second = wait_second
        if multiply_level is not None:
            row.multiply_level = multiply_level
        row.save()
    if applies is not None:
        name = QueueTierRule.rule_name(queue_id)
        options = queue_queries.options_of(features)
        current = options.defaultrule if options is not None else None
        wanted = name if applies else (None if current == name else current)
        if wanted != current:
            queues.edit(queue_id, QueueInput(options={'defaultrule': wanted}))
    return get(queue_id)
