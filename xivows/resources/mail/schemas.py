"""Mail (SMTP relay) settings: the rules of the settings and of the canonical
rewrite rules, stored as text, one "<pattern> <result>" rule per line."""

from xivows.schemas import LegacySchema
from xivows.schemas.fields import Text

MAX_CANONICAL = 255
DOMAIN = r'[A-Za-z0-9._-]+'
RELAY = r'[A-Za-z0-9._:\[\]-]+'  # host, [host], host:port, [ipv6:...]:port
# No whitespace: a rule is split on it when read back.
TOKEN = r'\S+'


class MailSchema(LegacySchema):
    mydomain = Text(max_length=255, pattern=DOMAIN, load_default='')
    origin = Text(max_length=255, pattern=DOMAIN, load_default='')
    relayhost = Text(max_length=255, pattern=RELAY, load_default='')
    fallback_relayhost = Text(max_length=255, pattern=RELAY, load_default='')


class RuleSchema(LegacySchema):
    pattern = Text(
        required=True, min_length=1, max_length=MAX_CANONICAL, pattern=TOKEN, printable=True
    )
    result = Text(max_length=MAX_CANONICAL, pattern=TOKEN, printable=True, load_default='')


mail_schema = MailSchema()
rule_schema = RuleSchema()

SETTINGS = ('mydomain', 'origin', 'relayhost', 'fallback_relayhost')


def rules_of(text):
    """The stored text as the original read it back: a rule per line, split on
    whitespace; lines starting blank are skipped; no result -> None."""
    rules = []
    for line in (text or '').splitlines():
        if not line or line[0].isspace():
            continue
        tokens = line.split()
        rules.append({'pattern': tokens[0], 'result': tokens[1] if len(tokens) > 1 else None})
    return rules


def rules_text(rules):
    return ''.join(
        f'{rule["pattern"]} {rule["result"]}\n' if rule['result'] else f'{rule["pattern"]}\n'
        for rule in rules
    )


def mail_input(mail):
    """The stored settings in the input format (base of an edit merge)."""
    return {key: getattr(mail, key) or '' for key in SETTINGS}
