"""Clean-up across resources: when an object is deleted, the resources that
reference it remove or unlink their references, in the same transaction.

    cascade.on_delete('user', many=forget_users)(forget_user)

and the deleting service calls `cascade.deleted('user', user_id)`, or
`cascade.deleted_many('user', user_ids)` when it deletes many at once (a
delete-all): each handler's set-based variant (`many`, one query whatever the
number of ids) runs then, or, for a handler without one, the handler once per id."""
from collections import defaultdict

_handlers = defaultdict(list)
_registered = defaultdict(set)  # kind -> identities of its handlers
_many = {}  # handler -> its set-based variant


def _identity(function):
    """The same handler registered again (wiring runs once per app factory, and
    declares lambdas) is the same code with the same defaults."""
    code = getattr(function, '__code__', None)
    return (code, getattr(function, '__defaults__', None)) if code is not None else function


def on_delete(kind, many=None):
    def register(function):
        identity = _identity(function)
        if identity not in _registered[kind]:
            _registered[kind].add(identity)
            _handlers[kind].append(function)
            if many is not None:
                _many[function] = many
        return function
    return register


def deleted(kind, ident):
    for handler in _handlers[kind]:
        handler(ident)


def deleted_many(kind, idents):
    idents = list(idents)
    if not idents:
        return
    for handler in _handlers[kind]:
        many = _many.get(handler)
        if many is not None:
            many(idents)
        else:
            for ident in idents:
                handler(ident)
