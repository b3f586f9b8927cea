"""Clean-up across resources: when an object is deleted, the resources that
reference it remove or unlink their references, in the same transaction.

    cascade.on_delete('user')(forget_user)                  # forget_user(user_id)
    cascade.on_delete('user', many=forget_users)(forget_user)  # forget_users([ids])

and the deleting service calls `cascade.deleted('user', user_id)`, or, when it
deletes many objects at once (delete-all), `cascade.deleted_many('user', ids)`:
a handler registered with a set-based `many` variant runs once for all of them
(a constant number of queries); the others run once per id."""
from collections import defaultdict

_handlers = defaultdict(list)
_many = {}  # handler -> its set-based variant


def on_delete(kind, many=None):
    def register(function):
        if function not in _handlers[kind]:
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
