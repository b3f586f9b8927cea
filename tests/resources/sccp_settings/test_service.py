"""The SCCP settings service with its typed input: wrongly typed options refused."""

import pytest

from tests.helpers.scenarios import unchanged_store
from xivows.errors import InvalidInput
from xivows.resources.sccp_settings import service
from xivows.resources.sccp_settings.inputs import SccpSettingsInput


def test_edit(app):
    service.edit(SccpSettingsInput({'keepalive': 60, 'allow': ['alaw', 'ulaw']}))
    stored = dict(service.options())
    assert (stored['keepalive'], stored['allow']) == ('60', 'alaw,ulaw')


@pytest.mark.parametrize(
    'changes,reason',
    [
        (SccpSettingsInput({'keepalive': [60]}), 'keepalive: must be an integer'),
        (SccpSettingsInput({'directmedia': 'maybe'}), 'directmedia: must be a boolean'),
        (SccpSettingsInput({'language': ['fr_FR']}), 'language: must be a string'),
        (SccpSettingsInput([]), 'body: must be an object'),
    ],
)
def test_wrong_options_are_refused(app, changes, reason):
    with unchanged_store():
        with pytest.raises(InvalidInput) as refused:
            service.edit(changes)
    assert refused.value.message == reason
