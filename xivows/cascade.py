"""Clean-up across resources: when an object is deleted, the resources that
reference it remove or unlink their references, in the same transaction.

    cascade.on_delete('user')(forget_user)                 # forget_user(user_id)
    cascade.on_delete('user', every=forget_every_user)(forget_user)

and the deleting service calls `cascade.deleted('user', user_id)`, or
`cascade.deleted_all('user', ids)` when it deletes every object of the kind
(delete-all): a handler registered with `every` then runs once, set-based,
instead of once per object."""
from collections import defaultdict

_handlers = defaultdict(list)  # kind -> [handler(ident)]
_every = defaultdict(dict)  # kind -> {handler: every()}


def on_delete(kind, every=None):
    """Register `handler(ident)` for the deletion of one object of `kind`;
    `every()`: the same for every object of the kind at once."""
    def register(function):
        if function not in _handlers[kind]:
            _handlers[kind].append(function)
        if every is not None:
            _every[kind][function] = every
        return function
    return register


def deleted(kind, ident):
    for handler in _handlers[kind]:
        handler(ident)


def deleted_all(kind, idents):
    """Every object of `kind` (`idents`) is being deleted."""
    for handler in _handlers[kind]:
        every = _every[kind].get(handler)
        if every is not None:
            every()
        else:
            for ident in idents:
                handler(ident)
