"""The generated files against golden files written by hand (golden/), one
per object kind, for a PBX provisioned through json.php."""

import os

import pytest

from tests.asterisk import extract
from tests.asterisk.scenario import provision
from xivows.asterisk import config
from xivows.models.outcall import DialPattern
from xivows.models.schedule import ScheduleTime

GOLDEN = os.path.join(os.path.dirname(__file__), 'golden')


def golden(name, values):
    with open(os.path.join(GOLDEN, name), encoding='utf-8') as stream:
        text = stream.read()
    for key, value in values.items():
        text = text.replace(f'@{key}@', str(value))
    assert '@' not in text.replace('@default', '').replace('@provider', '').replace('@127', ''), (
        f'unknown placeholder in {name}'
    )
    return text


@pytest.fixture
def generated(api):
    pbx = provision(api)
    rendered = config.render()
    closed = ScheduleTime.get(
        (ScheduleTime.schedule_id == pbx.schedule) & (ScheduleTime.mode == 'closed')
    )
    pattern = DialPattern.get(DialPattern.typeid == pbx.outcall)
    values = {
        'ALICE': pbx.alice,
        'BOB': pbx.bob,
        'CAROL': pbx.carol,
        'ALICE_LINE': pbx.alice_line,
        'BOB_LINE': pbx.bob_line,
        'CAROL_LINE': pbx.carol_line,
        'SALES': pbx.sales,
        'SUPPORT': pbx.support,
        'AGENT': pbx.agent,
        'ROOM': pbx.room,
        'LOT': pbx.lot,
        'OUTCALL': pbx.outcall,
        'PATTERN': pattern.id,
        'SCHEDULE': pbx.schedule,
        'CLOSED': closed.id,
        'INCALL': pbx.incall,
    }
    return pbx, rendered.files, values


def test_sip_transport(generated):
    pbx, files, values = generated
    assert extract.sections(files['pjsip.conf'], 'transport-udp') == golden(
        'transport.pjsip.conf', values
    )


def test_user_line_is_an_endpoint_aor_and_auth(generated):
    pbx, files, values = generated
    assert extract.sections(files['pjsip.conf'], pbx.alice_line) == golden(
        'user_line.pjsip.conf', values
    )


def test_user_number_and_hint(generated):
    pbx, files, values = generated
    assert extract.extension(files['extensions.conf'], 'default', '1001') == golden(
        'user_number.extensions.conf', values
    )


def test_user_with_voicemail(generated):
    pbx, files, values = generated
    assert extract.sections(files['extensions.conf'], f'xivo-user-{pbx.alice}') == golden(
        'user_with_voicemail.extensions.conf', values
    )
    assert extract.sections(files['voicemail.conf'], 'default') == golden(
        'voicemail.voicemail.conf', values
    )


def test_user_dial_actions(generated):
    pbx, files, values = generated
    assert extract.sections(files['extensions.conf'], f'xivo-user-{pbx.bob}') == golden(
        'user_dialactions.extensions.conf', values
    )


def test_queue(generated):
    pbx, files, values = generated
    assert extract.sections(files['queues.conf'], 'support') == golden('queue.queues.conf', values)
    assert extract.sections(files['extensions.conf'], f'xivo-queue-{pbx.support}') == golden(
        'queue.extensions.conf', values
    )


def test_group(generated):
    pbx, files, values = generated
    assert extract.lines_of(files['queues.conf'], 'sales', 'member =>') == golden(
        'group_members.queues.conf', values
    )
    assert extract.sections(files['extensions.conf'], f'xivo-group-{pbx.sales}') == golden(
        'group.extensions.conf', values
    )


def test_agent_callback(generated):
    pbx, files, values = generated
    assert extract.sections(files['extensions.conf'], 'agentcallback') == golden(
        'agent.extensions.conf', values
    )


def test_conference_room(generated):
    pbx, files, values = generated
    room = f'xivo-meetme-{pbx.room}'
    assert extract.sections(
        files['confbridge.conf'], room, f'{room}-user', f'{room}-admin'
    ) == golden('meetme.confbridge.conf', values)
    assert extract.sections(files['extensions.conf'], room) == golden(
        'meetme.extensions.conf', values
    )


def test_parking_lot(generated):
    pbx, files, values = generated
    assert extract.sections(files['res_parking.conf'], 'lot1') == golden(
        'parking.res_parking.conf', values
    )


def test_store_context(generated):
    pbx, files, values = generated
    assert extract.sections(files['extensions.conf'], 'default') == golden(
        'store_context.extensions.conf', values
    )


def test_sip_trunk_and_its_registration(generated):
    pbx, files, values = generated
    assert extract.sections(files['pjsip.conf'], 'provider') == golden('trunk.pjsip.conf', values)
    assert extract.sections(files['pjsip.conf'], 'provider-REG') == golden(
        'trunk_registration.pjsip.conf', values
    )


def test_outcall(generated):
    pbx, files, values = generated
    assert extract.sections(
        files['extensions.conf'], 'to-extern', f'xivo-outcall-{pbx.outcall}'
    ) == golden('outcall.extensions.conf', values)


def test_incall(generated):
    pbx, files, values = generated
    assert extract.sections(files['extensions.conf'], 'from-extern') == golden(
        'incall.extensions.conf', values
    )


def test_schedule(generated):
    pbx, files, values = generated
    assert extract.sections(files['extensions.conf'], f'xivo-schedule-{pbx.schedule}') == golden(
        'schedule.extensions.conf', values
    )
