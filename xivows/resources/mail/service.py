"""The mail (SMTP relay) settings: one record, created by the first edit;
until then it reads as empty settings."""

from dataclasses import asdict

from xivows.errors import InvalidInput
from xivows.models.mail import Mail
from xivows.resources.mail import queries
from xivows.resources.mail.inputs import CanonicalRule, MailInput
from xivows.resources.mail.schemas import (
    MAX_CANONICAL,
    mail_input,
    mail_schema,
    rule_schema,
    rules_text,
)
from xivows.schemas import load


def get() -> Mail:
    return queries.current()


def _rules(rules: object) -> list[dict]:
    if not isinstance(rules, list):
        raise InvalidInput('canonical: must be a list of {pattern, result}')
    loaded = []
    for index, rule in enumerate(rules):
        where = f'canonical.{index}'
        if not isinstance(rule, CanonicalRule):
            raise InvalidInput(f'{where}: must be an object')
        given = {key: value for key, value in asdict(rule).items() if value is not None}
        loaded.append(load(rule_schema, given, where))
    return loaded


def edit(changes: MailInput) -> None:
    """Settings not given keep their stored values; the canonical rules, when
    given, replace every rule."""
    if not isinstance(changes.settings, dict):
        raise InvalidInput('body: must be an object')
    mail = get()
    values = load(mail_schema, {**mail_input(mail), **changes.settings})
    if changes.canonical is None:
        canonical = mail.canonical or ''
    else:
        canonical = rules_text(_rules(changes.canonical))
        if len(canonical) > MAX_CANONICAL:
            raise InvalidInput(
                f'canonical: the rules must take at most {MAX_CANONICAL} characters'
            )
    queries.save({**values, 'canonical': canonical})
