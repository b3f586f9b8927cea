"""Clean-up across resources: when an object is deleted, the resources that
reference it remove or unlink their references, in the same transaction.

    cascade.on_delete('user')(forget_user)                     # forget_user(user_id)
    cascade.on_delete('user', many=forget_users)(forget_user)  # forget_users([ids])
    cascade.on_delete('user', every=forget_every_user)(forget_user)

and the deleting service calls `cascade.deleted('user', user_id)`; when it
deletes many objects at once, `cascade.deleted_many('user', ids)`, and when it
deletes every object of the kind (delete-all), `cascade.deleted_all('user', ids)`:
a handler's set-based variant (`every()` for all of them, `many(ids)` for some)
then runs once, a constant number of queries; a handler without one runs once
per id."""

from collections import defaultdict

_handlers = defaultdict(list)  # kind -> [handler(ident)]
_many = defaultdict(dict)  # kind -> {handler: many(idents)}
_every = defaultdict(dict)  # kind -> {handler: every()}


def on_delete(kind, many=None, every=None):
    """Register `handler(ident)` for the deletion of one object of `kind`;
    `many(idents)`: the same for several at once; `every()`: for all of them."""

    def register(function):
        if function not in _handlers[kind]:
            _handlers[kind].append(function)
        if many is not None:
            _many[kind][function] = many
        if every is not None:
            _every[kind][function] = every
        return function

    return register


def deleted(kind, ident):
    for handler in _handlers[kind]:
        handler(ident)


def deleted_many(kind, idents):
    """Several objects of `kind` (`idents`) are being deleted."""
    idents = list(idents)
    if not idents:
        return
    for handler in _handlers[kind]:
        many = _many[kind].get(handler)
        if many is not None:
            many(idents)
        else:
            for ident in idents:
                handler(ident)


def deleted_all(kind, idents):
    """Every object of `kind` (`idents`) is being deleted."""
    idents = list(idents)
    if not idents:
        return
    for handler in _handlers[kind]:
        every = _every[kind].get(handler)
        many = _many[kind].get(handler)
        if every is not None:
            every()
        elif many is not None:
            many(idents)
        else:
            for ident in idents:
                handler(ident)
