"""Voicemail boxes (the `voicemail` table), used by json.php and by users.

Fields are keyed by column name and validated with `VoicemailSchema`. A mailbox
is unique in its context and the context must exist. Deleting a voicemail
leaves no reference behind: users lose it, SIP lines their mailbox, dial
actions to it are unlinked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xivows import cascade
from xivows.errors import InvalidInput
from xivows.models.voicemail import Voicemail
from xivows.probe import Probe
from xivows.resources import lookup
from xivows.resources.dialaction import service as dialactions
from xivows.resources.voicemail import queries
from xivows.resources.voicemail.inputs import VoicemailInput
from xivows.resources.voicemail.schemas import fullmailbox, stored_input, voicemail_schema
from xivows.schemas import load

if TYPE_CHECKING:
    from xivows.probe import Answer


def exists(uniqueid: int) -> bool:
    return queries.exists(uniqueid)


def get(uniqueid: int) -> Voicemail:
    return lookup.found(queries.find(uniqueid), 'voicemail', uniqueid)


def find(mailbox: str, context: str) -> Voicemail | None:
    """The voicemail of mailbox@context, or None."""
    return queries.find_mailbox(mailbox, context)


# -- validation (also used by users, which share their lookups through a probe) -------


def checked_fields(values: dict) -> dict:
    """The values as the schema loads them (no lookup)."""
    return load(voicemail_schema, values, 'voicemail')


def lookups(probe: Probe, mailbox: str, context: str) -> tuple[Answer, Answer]:
    """(context exists, id of the box of mailbox@context or None) as probe answers."""
    return (
        probe.exists(queries.context_query, context),
        probe.first(queries.mailbox_query, mailbox, context),
    )


def validated(
    values: dict,
    current: Voicemail | None = None,
    probe: Probe | None = None,
    loaded: bool = False,
) -> dict:
    """Validated column values of a new box (or of `current` changed);
    `loaded`: the values are already checked_fields()'."""
    if not loaded:
        values = checked_fields(values)
    context_known, holder = lookups(probe or Probe(), values['mailbox'], values['context'])
    if not context_known.value:
        raise InvalidInput(f'voicemail.context: no such context: {values["context"]}')
    if holder.value is not None and (current is None or holder.value != current.uniqueid):
        raise InvalidInput(
            f'voicemail.mailbox: already used: {values["mailbox"]}@{values["context"]}'
        )
    return values


def store(values: dict, current: Voicemail | None = None) -> Voicemail:
    """Write validated values: a new box, or `current` changed (its SIP lines
    follow a mailbox@context change)."""
    if current is None:
        return Voicemail.create(**values)
    old = fullmailbox(current)
    for key, value in values.items():
        setattr(current, key, value)
    current.save()
    if fullmailbox(current) != old:
        queries.move_sip_mailbox(old, fullmailbox(current))
    return current


# -- the service --------------------------------------------------------------------


def create(voicemail: VoicemailInput) -> int:
    """A new voicemail (context `default` when absent); its id."""
    return store(validated(voicemail.fields)).uniqueid


def edit(uniqueid: int, changes: VoicemailInput) -> None:
    """Overlay the given fields on the stored ones (None resets a field to its
    default) and validate like an add."""
    voicemail = get(uniqueid)
    store(validated({**stored_input(voicemail), **changes.fields}, voicemail), voicemail)


def delete(uniqueid: int) -> None:
    voicemail = get(uniqueid)
    queries.forget_in_users(voicemail.uniqueid)
    queries.move_sip_mailbox(fullmailbox(voicemail), None)
    dialactions.unlink('voicemail', voicemail.uniqueid)
    cascade.deleted('voicemail', voicemail.uniqueid)
    voicemail.delete_instance()
