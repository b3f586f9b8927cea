"""What the generators share: the snapshot with the problems found while
rendering, the dial strings of lines and the names of generated contexts."""

import functools
import re
from dataclasses import dataclass, field

from xivows.asterisk.config.text import is_identifier, is_number

# Every context that xivows itself adds starts with `xivo-`: the store refuses
# context names starting so (ContextName), so they can never collide.
INTERNAL_PREFIX = 'xivo-'
# The context queue members of logged agents dial (PARALLEL.md, AstDB contract).
AGENT_CALLBACK = 'agentcallback'
AGENT_DB_FAMILY = 'xivows/agent'
RESERVED_CONTEXTS = {AGENT_CALLBACK, 'general', 'globals'}
# A custom interface (DAHDI/g1, Local/100@default...) is one Dial() argument: no
# separator, no expansion.
CUSTOM_INTERFACE = re.compile(r'[A-Za-z][A-Za-z0-9_]*/[A-Za-z0-9_.+@:/#*-]+')


def internal(kind, ident):
    """The context of one object: xivo-user-12, xivo-queue-3..."""
    return f'{INTERNAL_PREFIX}{kind}-{ident}'


@dataclass
class Build:
    """One rendering: the store snapshot and what could not be generated."""

    data: object
    problems: list = field(default_factory=list)
    # Names of the generated object contexts (xivo-user-12...), known before
    # any dial action is written so that destinations can be checked.
    object_contexts: set = field(default_factory=set)
    # Queue name -> the penalty level its callers start at (a tier rule raises it).
    queue_max_penalty: dict = field(default_factory=dict)

    def problem(self, text):
        if text not in self.problems:
            self.problems.append(text)

    # -- contexts --------------------------------------------------------------------

    def store_contexts(self):
        """Names of the store's contexts that are generated, in order."""
        names = []
        for row in self.data.contexts:
            name = row['name']
            if row['commented']:
                continue
            if (
                not is_identifier(name)
                or name in RESERVED_CONTEXTS
                or name.startswith(INTERNAL_PREFIX)
            ):
                self.problem(f'context {name!r}: name not usable in Asterisk, skipped')
                continue
            names.append(name)
        return names

    @functools.cached_property
    def known_contexts(self):
        return frozenset(self.store_contexts())

    def context_known(self, name):
        return name in self.known_contexts

    # -- voicemail -------------------------------------------------------------------

    def mailbox(self, voicemail_id):
        """'<mailbox>@<context>' of a usable voicemail, or None."""
        row = self.data.voicemails.get(voicemail_id) if voicemail_id is not None else None
        if (
            row is None
            or row['commented']
            or not is_identifier(row['context'])
            or not is_number(row['mailbox'])
            or row['mailbox'].startswith('+')
        ):
            return None
        return f'{row["mailbox"]}@{row["context"]}'

    # -- lines -----------------------------------------------------------------------

    def sip_peer(self, line):
        """The usersip row of a SIP line, if usable as a PJSIP endpoint."""
        row = self.data.sip.get(line['protocolid'])
        if row is None or row['commented'] or not is_identifier(row['name']):
            return None
        return row

    def line_interface(self, line):
        """The dial string of a line: PJSIP/<name>, SCCP/<name> or the custom
        interface; None when the line cannot be dialled."""
        if line is None or line['commented']:
            return None
        if line['protocol'] == 'sip':
            row = self.sip_peer(line)
            return f'PJSIP/{row["name"]}' if row else None
        if line['protocol'] == 'sccp':
            row = self.data.sccp.get(line['protocolid'])
            if row and not row['commented'] and is_identifier(row['name']):
                return f'SCCP/{row["name"]}'
            return None
        return self.custom_interface(self.data.custom.get(line['protocolid']))

    @staticmethod
    def custom_interface(row):
        """The interface of a usercustom row, if usable."""
        if row and not row['commented'] and CUSTOM_INTERFACE.fullmatch(row['interface'] or ''):
            return row['interface']
        return None

    def user_interfaces(self, user_id):
        """The dial strings of a user's lines, main line first."""
        found = []
        for line in self.data.lines_of_user(user_id):
            interface = self.line_interface(line)
            if interface and interface not in found:
                found.append(interface)
        return found


__all__ = [
    'Build',
    'internal',
    'AGENT_CALLBACK',
    'AGENT_DB_FAMILY',
    'INTERNAL_PREFIX',
    'is_identifier',
]
