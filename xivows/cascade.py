"""Clean-up across resources: when an object is deleted, the resources that
reference it remove or unlink their references, in the same transaction.

    @cascade.on_delete('user')
    def _forget_user(user_id): ...

and the deleting service calls `cascade.deleted('user', user_id)`."""
from collections import defaultdict

_handlers = defaultdict(list)


def on_delete(kind):
    def register(function):
        if function not in _handlers[kind]:
            _handlers[kind].append(function)
        return function
    return register


def deleted(kind, ident):
    for handler in _handlers[kind]:
        handler(ident)
