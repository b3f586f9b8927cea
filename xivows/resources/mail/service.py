"""The mail (SMTP relay) settings: one record, created by the first edit;
until then it reads as empty settings."""
from xivows.errors import InvalidInput
from xivows.resources.mail import queries
from xivows.resources.mail.schemas import (MAX_CANONICAL, mail_input, mail_schema,
                                           rule_schema, rules_text)
from xivows.schemas import load
from xivows.jsonphp.documents import body_object


def get():
    return queries.current()


def _rules(value):
    if value is False or value == [] or value == {}:
        return []
    if not isinstance(value, list):
        raise InvalidInput('canonical: must be a list of {pattern, result}')
    return [load(rule_schema, rule, f'canonical.{index}') for index, rule in enumerate(value)]


def edit(document):
    """Keys absent from the document (or null) keep their stored values;
    `canonical`, when given, replaces every rule."""
    body_object(document)
    given = {key: value for key, value in document.items() if value is not None}
    values = load(mail_schema, {**mail_input(get()), **given})
    canonical = rules_text(_rules(values.pop('canonical')))
    if len(canonical) > MAX_CANONICAL:
        raise InvalidInput(f'canonical: the rules must take at most {MAX_CANONICAL} '
                           f'characters')
    queries.save({**values, 'canonical': canonical})
