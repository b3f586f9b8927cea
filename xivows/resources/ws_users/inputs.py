"""A web-service user as a caller gives it, to add one or to change one."""

from dataclasses import dataclass


@dataclass
class WsUserInput:
    """`login` and `password` (Basic credentials; the password is stored hashed),
    `name` (unique), `context` (a dial plan context, shown, not interpreted),
    `grants` (ACL sections or prefixes: the whole list the user will hold). An
    edit gives only what changes: None keeps the stored value."""

    name: str | None = None
    login: str | None = None
    password: str | None = None
    context: str | None = None
    grants: list[str] | None = None
