"""What the worker's live feed keeps for /v1 besides the other dialects' needs:
modules (`module show`), the core settings and status, parking lots, and the
AOR/auth/contact/registration details; refreshed on the events that change them."""

import pytest

from xivows.ami import AmiError
from xivows.live import queries as live
from xivows.worker import live as feed


def test_a_resync_reads_modules_system_and_parking_lots(pbx):
    peer = pbx.peer
    peer.add_endpoint('alice')
    peer.register_contact('alice', 'sip:alice@127.0.0.1:5071')
    peer.add_registration('trunk', 'sip:trunk@127.0.0.1:5099', 'sip:127.0.0.1:5099')
    pbx.settle()
    modules = {row['name']: row for row in live.module_page()}
    assert set(modules) == {
        'app_queue.so',
        'app_voicemail.so',
        'chan_pjsip.so',
        'res_parking.so',
        'res_pjsip.so',
    }
    assert modules['app_voicemail.so']['description'] == 'Comedian Mail (Voicemail System)'
    assert (
        modules['app_queue.so']['status'],
        modules['app_queue.so']['use_count'],
        modules['app_queue.so']['support_level'],
    ) == ('Running', 0, 'core')
    assert live.module_row('app_queue')['name'] == 'app_queue.so'
    [system] = live.system_page()
    assert (
        system['asterisk_version'],
        system['ami_version'],
        system['cdr_enabled'],
        system['current_calls'],
    ) == ('21.12.3', '10.0.0', 'Yes', 0)
    assert len(system['startup_date']) == 10 and len(system['startup_time']) == 8
    [lot] = live.parking_lot_page()
    assert (lot['name'], lot['start_space'], lot['stop_space'], lot['timeout']) == (
        'default',
        '701',
        '720',
        300,
    )
    [aor] = live.aor_page()
    assert (aor['qualify_timeout'], aor['authenticate_qualify'], aor['support_path']) == (
        3.0,
        'false',
        'false',
    )
    [auth] = live.auth_page()
    assert auth['nonce_lifetime'] == 32
    [contact] = live.contact_page()
    assert (contact['qualify_timeout'], contact['authenticate_qualify']) == (3.0, 'no')
    assert live.contact_counts() == {'alice': (1, 1)}
    assert live.registration_row('trunk')['expiration'] == 3600


def test_calls_refresh_the_core_status(pbx):
    pbx.settle()
    pbx.peer.new_channel('PJSIP/alice-00000001', state='6')
    pbx.settle(lambda: live.system_page()[0]['current_calls'] == 1)
    pbx.peer.hangup_channel('PJSIP/alice-00000001')
    pbx.settle(lambda: live.system_page()[0]['current_calls'] == 0)


def test_cli_commands_answer_every_output_line(pbx):
    pbx.settle()
    lines = pbx.client.command('module show')
    assert lines[0].startswith('Module ') and lines[-1] == '5 modules loaded'
    with pytest.raises(AmiError, match="No such command 'core nothing'"):
        pbx.client.command('core nothing')
    assert pbx.client.action('Ping')['Ping'] == 'Pong'  # other answers unchanged


def test_module_lines_of_asterisk_21():
    lines = [
        (
            'Module                         Description                              '
            'Use Count  Status      Support Level'
        ),
        (
            'app_queue.so                   True Call Queueing                       '
            '0          Running              core'
        ),
        (
            'res_a_very_long_module_name_over_thirty.so A module with a description that i'
            's cut 3          Not Running      extended'
        ),
        (
            'chan_x.so                                                               '
            '1          Running           unknown'
        ),
        '3 modules loaded',
    ]
    assert feed._module_rows(lines) == [
        (
            {'name': 'app_queue.so'},
            {
                'description': 'True Call Queueing',
                'use_count': 0,
                'status': 'Running',
                'support_level': 'core',
            },
        ),
        (
            {'name': 'res_a_very_long_module_name_over_thirty.so'},
            {
                'description': 'A module with a description that is cut',
                'use_count': 3,
                'status': 'Not Running',
                'support_level': 'extended',
            },
        ),
        (
            {'name': 'chan_x.so'},
            {'description': '', 'use_count': 1, 'status': 'Running', 'support_level': 'unknown'},
        ),
    ]
