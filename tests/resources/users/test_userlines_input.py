"""A user's new line is built from the caller's LineInput without changing it
(a SIP or SCCP line is only read; a line without protocol or a custom one is
copied before its defaults are set)."""

import copy

import pytest

from tests.helpers.fixtures import make_default_context
from xivows.models.entity import Entity
from xivows.models.line import LineFeatures, UserLine
from xivows.resources.lines.inputs import LineInput
from xivows.resources.users import service
from xivows.resources.users.inputs import UserInput


@pytest.fixture
def entity(app):
    with app.app_context():
        make_default_context()
        yield Entity.get(Entity.name == 'acme').id


@pytest.mark.parametrize(
    'line',
    [
        LineInput(protocol='sip', context='default', number='1001', options={'nat': 'no'}),
        LineInput(context='default', number='1002', options={'nat': 'no'}),
        LineInput(protocol='sccp', context='default', number='1003'),
        LineInput(
            protocol='custom', context='default', number='1004', options={'name': 'dahdi/g1/x'}
        ),
    ],
    ids=['sip', 'no protocol', 'sccp', 'custom'],
)
def test_the_callers_line_input_is_left_as_given(entity, line):
    given = copy.deepcopy(line)
    user_id = service.create(
        UserInput(features={'firstname': 'Line', 'entityid': entity}, line=line)
    )
    assert line == given
    stored = LineFeatures.get_by_id(UserLine.get(UserLine.user_id == user_id).line_id)
    assert (stored.protocol, stored.number) == (line.protocol or 'sip', line.number)
