"""Voicemail boxes (the `voicemail` table), used by json.php and by users.

Values are keyed by column name and validated with the add schema. A mailbox is
unique in its context and the context must exist. Deleting a voicemail leaves no
reference behind: users lose it, SIP lines their mailbox, dial actions to it
are unlinked."""
from xivows import cascade
from xivows.errors import InvalidInput, NotFound
from xivows.models.voicemail import Voicemail
from xivows.resources.dialaction import service as dialactions
from xivows.resources.voicemail import queries
from xivows.resources.voicemail.schemas import (fullmailbox, stored_input,
                                                voicemail_schema)
from xivows.schemas import load



def exists(uniqueid):
    return queries.exists(uniqueid)


def get(uniqueid):
    voicemail = queries.find(uniqueid)
    if voicemail is None:
        raise NotFound.of('voicemail', uniqueid)
    return voicemail


def find(mailbox, context):
    """The voicemail of mailbox@context, or None."""
    return queries.find_mailbox(mailbox, context)


def _validated(values, current=None):
    values = load(voicemail_schema, values, 'voicemail')
    if not queries.context_exists(values['context']):
        raise InvalidInput(f'voicemail.context: no such context: {values["context"]}')
    other = queries.find_mailbox(values['mailbox'], values['context'])
    if other is not None and (current is None or other.uniqueid != current.uniqueid):
        raise InvalidInput(f'voicemail.mailbox: already used: '
                           f'{values["mailbox"]}@{values["context"]}')
    return values


def create(values):
    """A new voicemail from column values (context `default` when absent)."""
    return Voicemail.create(**_validated(values))


def update(voicemail, values):
    """Overlay `values` on the stored columns (None resets a column to its
    default) and validate like an add. SIP lines follow a mailbox@context change."""
    old = fullmailbox(voicemail)
    values = _validated({**stored_input(voicemail), **values}, voicemail)
    for key, value in values.items():
        setattr(voicemail, key, value)
    voicemail.save()
    if fullmailbox(voicemail) != old:
        queries.move_sip_mailbox(old, fullmailbox(voicemail))
    return voicemail


def delete(uniqueid):
    voicemail = get(uniqueid)
    queries.forget_in_users(voicemail.uniqueid)
    queries.move_sip_mailbox(fullmailbox(voicemail), None)
    dialactions.unlink('voicemail', voicemail.uniqueid)
    cascade.deleted('voicemail', voicemail.uniqueid)
    voicemail.delete_instance()


# -- the json.php documents: {"voicemail": {...}} -----------------------------------


def _section(document):
    if not isinstance(document, dict) or 'voicemail' not in document:
        raise InvalidInput('voicemail: is required')
    section = document['voicemail']
    if not isinstance(section, dict):
        raise InvalidInput('voicemail: must be an object')
    return section


def create_from_document(document):
    return create(_section(document))


def edit_from_document(voicemail, document):
    """Merge: keys absent (or null) in the body keep their stored values."""
    given = {key: value for key, value in _section(document).items() if value is not None}
    return update(voicemail, given)
