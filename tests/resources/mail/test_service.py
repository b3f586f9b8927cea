"""The mail settings service with its typed input: settings merged, canonical
rules replaced when given, wrongly typed fields refused."""

import pytest

from tests.helpers.scenarios import unchanged_store
from xivows.errors import InvalidInput
from xivows.models.mail import Mail
from xivows.resources.mail import service
from xivows.resources.mail.inputs import CanonicalRule, MailInput


def test_merge_and_rules(app):
    service.edit(
        MailInput(
            {'mydomain': 'example.com'},
            canonical=[CanonicalRule('root', 'admin@example.com'), CanonicalRule('bounce')],
        )
    )
    service.edit(MailInput({'relayhost': 'smtp.example.com'}))
    mail = Mail.get()
    assert (mail.mydomain, mail.relayhost) == ('example.com', 'smtp.example.com')
    assert mail.canonical == 'root admin@example.com\nbounce\n'
    service.edit(MailInput(canonical=[]))
    assert Mail.get().canonical == ''


@pytest.mark.parametrize(
    'changes,reason',
    [
        (MailInput({'mydomain': ['example.com']}), 'mydomain: must be a string'),
        (MailInput({'relayhost': 'bad host'}), 'relayhost: has an invalid format'),
        (MailInput('x'), 'body: must be an object'),
        (MailInput(canonical='root admin'), 'canonical: must be a list of {pattern, result}'),
        (MailInput(canonical=[{'pattern': 'root'}]), 'canonical.0: must be an object'),
        (MailInput(canonical=[CanonicalRule(['root'])]), 'canonical.0.pattern: must be a string'),
        (MailInput(canonical=[CanonicalRule(result='x')]), 'canonical.0.pattern: is required'),
    ],
)
def test_wrong_fields_are_refused(app, changes, reason):
    service.edit(MailInput({'mydomain': 'example.com'}))
    with unchanged_store():
        with pytest.raises(InvalidInput) as refused:
            service.edit(changes)
    assert refused.value.message == reason
