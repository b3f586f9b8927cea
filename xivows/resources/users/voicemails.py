"""A user's voicemail box. An existing mailbox@context is associated (and
changed with the other fields given) rather than duplicated, so a client
resending the same user is harmless; a voicemail already used by another user
is refused. The lookups go through the user's probe: a new box costs no query
of its own before its insert."""

from xivows.errors import InvalidInput
from xivows.models.voicemail import Voicemail
from xivows.resources.users import queries
from xivows.resources.users.inputs import UserVoicemail
from xivows.resources.voicemail import service as voicemails
from xivows.resources.voicemail.schemas import fullmailbox, stored_input


class VoicemailPart:
    def __init__(self, given: UserVoicemail, probe, *, user_id, line_context, name, language):
        if not isinstance(given, UserVoicemail) or not isinstance(given.fields, dict):
            raise InvalidInput('voicemail: must be an object')
        fields = dict(given.fields)
        if not fields.get('context'):
            if line_context is None:
                raise InvalidInput('voicemail.context: is required (the user has no line)')
            fields['context'] = line_context
        self.fields = fields
        self.existing_only = given.existing_only
        defaults = {'fullname': name, **({'locale': language} if language else {})}
        # Validated as a new box now (the same fields are checked again over the
        # stored ones if the box exists): the lookups use the stored spellings.
        self.values = voicemails.checked_fields({**defaults, **fields})
        mailbox, context = self.values['mailbox'], self.values['context']
        self._probe = probe
        self._context_known, self._existing = voicemails.lookups(probe, mailbox, context)
        self._other_user = probe.first(queries.voicemail_user_query, mailbox, context, user_id)
        self.current = None

    @property
    def mailbox(self):
        """mailbox@context, as SIP lines refer to it."""
        return f'{self.values["mailbox"]}@{self.values["context"]}'

    def verify(self):
        existing = self._existing.value
        if existing is None:
            if self.existing_only:
                raise InvalidInput(f'voicemail.mailbox: no such voicemail: {self.mailbox}')
            self.values = voicemails.validated(self.values, probe=self._probe, loaded=True)
            return
        if self._other_user.value is not None:
            raise InvalidInput(
                f'voicemail.mailbox: voicemail {self.mailbox} already belongs to user '
                f'{self._other_user.value}'
            )
        self.current = voicemails.get(existing)
        self.values = voicemails.validated(
            {**stored_input(self.current), **self.fields}, self.current, probe=self._probe
        )

    @property
    def new(self):
        """A new box (else a stored one is associated), once verified."""
        return self.current is None

    def write(self) -> Voicemail:
        return voicemails.store(self.values, self.current)


def mailbox_of(user) -> str | None:
    """mailbox@context of the user's voicemail, or None."""
    if not user.voicemailid:
        return None
    voicemail = Voicemail.get_or_none(Voicemail.uniqueid == user.voicemailid)
    return fullmailbox(voicemail) if voicemail else None
