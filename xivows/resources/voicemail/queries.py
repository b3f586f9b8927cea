from __future__ import annotations

from typing import TYPE_CHECKING

from xivows import numbering
from xivows.idsets import in_ids
from xivows.models.line import UserSIP
from xivows.models.user import UserFeatures
from xivows.models.voicemail import Voicemail
from xivows.prepared import Prepared, param
from xivows.probe import lookup
from xivows.resources.lines.queries import entities_by_context
from xivows.search import contains_any

if TYPE_CHECKING:
    from collections.abc import Collection

    from peewee import ModelSelect

    from xivows.prepared import Bound

SEARCHABLE = (Voicemail.fullname, Voicemail.mailbox, Voicemail.email)


def all_voicemails() -> ModelSelect:
    return Voicemail.select().order_by(Voicemail.uniqueid)


def search(term: str) -> ModelSelect:
    return all_voicemails().where(contains_any(SEARCHABLE, term))


def find(uniqueid: int) -> Voicemail | None:
    return Voicemail.get_or_none(Voicemail.uniqueid == uniqueid)


def find_mailbox(mailbox: str, context: str) -> Voicemail | None:
    return Voicemail.get_or_none((Voicemail.mailbox == mailbox) & (Voicemail.context == context))


def exists(uniqueid: int) -> bool:
    return Voicemail.select().where(Voicemail.uniqueid == uniqueid).exists()


# Asked on every add or edit, prepared (xivows/prepared.py): a probe uses its
# SQL as it is (xivows/probe.py).
_MAILBOX_LOOKUP = Prepared(
    lambda: Voicemail.select(Voicemail.uniqueid).where(
        (Voicemail.mailbox == param('mailbox', Voicemail.mailbox))
        & (Voicemail.context == param('context', Voicemail.context))
    )
)

context_query = numbering.context_query


def _boxes_found(keys: Collection[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """many() of mailbox_query: {(mailbox, context): id} in one query per context."""
    found = {}
    for context in {context for _, context in keys}:
        mailboxes = [mailbox for mailbox, in_context in keys if in_context == context]
        found.update(
            {
                (mailbox, context): uniqueid
                for mailbox, uniqueid in Voicemail.select(Voicemail.mailbox, Voicemail.uniqueid)
                .where((Voicemail.context == context) & in_ids(Voicemail.mailbox, mailboxes))
                .tuples()
            }
        )
    return found


def _mailbox(mailbox: str, context: str) -> tuple[str, str, str]:
    return ('mailbox', mailbox, context)


@lookup(many=_boxes_found, holds=_mailbox)
def mailbox_query(mailbox: str, context: str) -> Bound:
    """The id of the box of mailbox@context."""
    return _MAILBOX_LOOKUP.bind(mailbox=mailbox, context=context)


def entity_displaynames() -> dict[str, str]:
    """{context name: display name of its entity} (one query)."""
    return {context: row['displayname'] for context, row in entities_by_context().items()}


def forget_in_users(uniqueid: int) -> None:
    """Users of a deleted voicemail keep no reference to it."""
    (
        UserFeatures.update(voicemailid=None, voicemailtype=None, enablevoicemail=False)
        .where(UserFeatures.voicemailid == uniqueid)
        .execute()
    )


def move_sip_mailbox(old: str, new: str | None) -> None:
    """SIP lines whose mailbox is `old` (mailbox@context) get `new` (None clears)."""
    (
        UserSIP.update(mailbox=new)
        .where((UserSIP.mailbox == old) & (UserSIP.category == 'user'))
        .execute()
    )
