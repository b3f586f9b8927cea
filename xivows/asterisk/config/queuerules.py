"""queuerules.conf: rules that change a waiting caller's penalty limits over
time (`penaltychange => <seconds>,<max>[,<min>[,<raise>]]`).

Stock Asterisk 21 has no agent skills: XiVO's skill rules (queueskillrule,
conditions on agents' skill levels) needed XiVO's patched app_queue and
cannot be expressed with penaltychange, so they are listed here as comments
only. Tier rules (seed 003: the next penalty level is called after
tier_rule_wait_second, multiplied by the level when
tier_rule_wait_multiply_level) are penalty changes: `tier_rules()` makes them
from the store's queue_tier_rule rows and the levels the queue's members have
(a rule only acts on a queue call whose dial plan sets QUEUE_MAX_PENALTY first:
extensions.conf sets it to the lowest level)."""

from xivows.asterisk.config.text import ConfFile, is_identifier, plain_text
from xivows.models.callqueue import QueueTierRule

FILENAME = 'queuerules.conf'


def tier_rule(wait_second, levels, multiply_level=False):
    """The penaltychange steps of a tier rule: level L is opened after
    wait_second * L seconds (multiply_level: after the sum of wait_second * l
    for l up to L). Returns [(seconds, max penalty)], absolute values."""
    steps, elapsed = [], 0
    for level in range(1, levels + 1):
        elapsed += wait_second * level if multiply_level else wait_second
        steps.append((elapsed, level))
    return steps


def level_changes(wait_second, levels, multiply_level=False):
    """The penaltychange steps opening each of `levels` (sorted penalties) after
    the first: the next level `wait_second` seconds after the previous one
    (times that level when multiply_level). [(seconds, max penalty)]."""
    steps, elapsed = [], 0
    for level in levels[1:]:
        elapsed += wait_second * level if multiply_level else wait_second
        steps.append((elapsed, level))
    return steps


def tier_rules(data):
    """The tier rules of the snapshot's queues whose `defaultrule` names them:
    ([(rule name, penalty changes)], {queue name: lowest member penalty})."""
    rules, starts = [], {}
    for row in data.tier_rules:
        queue = data.queue_features.get(row['queue'])
        name = QueueTierRule.rule_name(row['queue'])
        options = data.queues.get(queue['name']) if queue else None
        if options is None or options['defaultrule'] != name:
            continue
        levels = sorted(
            {
                max(int(member['penalty'] or 0), 0)
                for member in data.queue_members
                if member['queue_name'] == queue['name']
                and member['category'] == 'queue'
                and not member['commented']
            }
        )
        rules.append((name, level_changes(row['wait_second'] or 0, levels, row['multiply_level'])))
        if levels:
            starts[queue['name']] = levels[0]
    return rules, starts


def render(build, rules=()):
    """`rules`: [(name, [(seconds, max penalty change, min penalty change or None)])]."""
    conf = ConfFile('queuerules.conf: penalty changes of waiting callers over time')
    conf.comment('Stock Asterisk 21 has no agent skills: the skill rules below are not applied.')
    for row in build.data.skill_rules:
        conf.comment(f'skill rule {plain_text(row["name"])}: {plain_text(row["rule"], limit=200)}')
    for name, changes in rules:
        if not is_identifier(name):
            build.problem(f'queue rule {name!r}: name not usable: skipped')
            continue
        conf.section(name)
        for change in changes:
            seconds, maximum, minimum = (tuple(change) + (None,))[:3]
            value = f'{int(seconds)},{maximum}' + (f',{minimum}' if minimum is not None else '')
            conf.option('penaltychange', value, '=>')
    return conf.text()
