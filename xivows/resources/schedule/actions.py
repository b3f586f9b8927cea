"""The schedule's own dial-action shapes. A schedule stores its fallback in
its columns (fallback_action, fallback_actionid, fallback_actionargs) and each
closed period its destination in the period (action, actionid, actionargs);
both are validated as dial actions (destinations must exist).

View: {actiontype, action, actionarg1, actionarg2, <actiontype>: {...},
<action>: {...}}, the sub-objects being {action, actionarg1, actionarg2}."""
from xivows.resources.dialaction import service as dialactions

NONE = ('none', None, '')


def parse(entry, where):
    """A dial-action input -> (action, actionid, actionargs); nothing given -> none."""
    if entry in (None, False, '') or entry == [] or entry == {}:
        return NONE
    return dialactions.parse_one(entry, where)


def from_columns(action, actionid, actionargs):
    """Stored columns (a view row sent back) -> a dial-action input."""
    if not isinstance(action, str):
        return action  # parse_one refuses it with a reason
    actiontype, _, sub = action.partition(':')
    entry = {'actiontype': actiontype, 'actionarg1': actionid, 'actionarg2': actionargs}
    if sub:
        entry['action'] = sub
    return entry


def _args_view(args):
    # The original turned `a;b` argument lists into objects of flags.
    if isinstance(args, str) and ';' in args:
        return {flag: 1 for flag in args.split(';') if flag}
    return args


def view(action, actionid, actionargs):
    action = action or 'none'
    actiontype, _, sub = action.partition(':')
    sub = sub or actiontype
    detail = {'action': action, 'actionarg1': actionid, 'actionarg2': _args_view(actionargs)}
    return {'actiontype': actiontype, 'action': sub, 'actionarg1': actionid,
            'actionarg2': _args_view(actionargs), actiontype: detail, sub: dict(detail)}
