"""Writing the files, reloading Asterisk through the AMI (a fake AMI peer
speaking the real protocol), the background worker's entry point and the
`xivows asterisk` commands."""

import os
import stat

import pytest

from tests.asterisk.scenario import add_user, provision
from tests.helpers.fake_ami import FakeAmi
from tests.helpers.fixtures import make_default_context
from xivows import cli
from xivows.ami.client import AmiClient
from xivows.asterisk import config
from xivows.asterisk.config import deploy as apply_module

ALL_FILES = [
    'confbridge.conf',
    'extensions.conf',
    'pjsip.conf',
    'queuerules.conf',
    'queues.conf',
    'res_parking.conf',
    'voicemail.conf',
]
ALL_MODULES = [
    'res_pjsip.so',
    'app_voicemail.so',
    'app_confbridge.so',
    'res_parking.so',
    'app_queue.so',
    'pbx_config.so',
]


class ReloadingAmi(FakeAmi):
    """The fake AMI peer, answering Reload as Asterisk 21's manager does."""

    def _reload(self, stream, action):
        self._reply(stream, action, 'Success', 'Module Reloaded')


@pytest.fixture
def ami():
    peer = ReloadingAmi().start()
    yield peer
    peer.stop()


@pytest.fixture
def ami_client(ami):
    manager = AmiClient('127.0.0.1', ami.port, ami.username, ami.secret, timeout=3)
    yield manager
    manager.close()


def reloads(ami):
    return [action['Module'] for action in ami.received('Reload')]


# -- write ------------------------------------------------------------------------------


def test_write_only_rewrites_changed_files(tmp_path):
    assert config.write(tmp_path, {'a.conf': 'one\n', 'b.conf': 'two\n'}) == ['a.conf', 'b.conf']
    assert stat.S_IMODE(os.stat(tmp_path / 'a.conf').st_mode) == 0o640
    os.chmod(tmp_path / 'b.conf', 0o644)
    before = os.stat(tmp_path / 'a.conf').st_ino
    assert config.write(tmp_path, {'a.conf': 'one\n', 'b.conf': 'deux\n'}) == ['b.conf']
    assert os.stat(tmp_path / 'a.conf').st_ino == before  # untouched
    assert (tmp_path / 'b.conf').read_text() == 'deux\n'
    assert stat.S_IMODE(os.stat(tmp_path / 'b.conf').st_mode) == 0o644  # mode kept
    assert sorted(os.listdir(tmp_path)) == ['a.conf', 'b.conf']  # no temporary left


def test_a_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    config.write(tmp_path, {'a.conf': 'old\n'})

    def broken(*args):
        raise OSError('disk full')

    monkeypatch.setattr(apply_module.os, 'replace', broken)
    with pytest.raises(OSError):
        config.write(tmp_path, {'a.conf': 'new\n'})
    assert (tmp_path / 'a.conf').read_text() == 'old\n'
    assert os.listdir(tmp_path) == ['a.conf']


# -- apply -----------------------------------------------------------------------------


def test_apply_writes_everything_then_only_what_changed(api, tmp_path, ami, ami_client):
    provision(api)
    result = config.apply(tmp_path, ami_client)
    assert sorted(result.changed) == ALL_FILES
    assert result.reloaded == ALL_MODULES == reloads(ami)
    assert sorted(os.listdir(tmp_path)) == ALL_FILES
    assert config.last_status()['ok'] is True

    again = config.apply(tmp_path, ami_client)
    assert (again.changed, again.reloaded) == ([], [])
    assert reloads(ami) == ALL_MODULES  # nothing more sent

    added = add_user(api, 'Dave', '1004', 'pw')
    third = config.apply(tmp_path, ami_client)
    assert sorted(third.changed) == ['extensions.conf', 'pjsip.conf']
    assert third.reloaded == ['res_pjsip.so', 'pbx_config.so']
    assert f'[{added.line}]' in (tmp_path / 'pjsip.conf').read_text()


def test_a_queue_change_reloads_app_queue_and_the_dial_plan(api, tmp_path, ami, ami_client):
    make_default_context()
    config.apply(tmp_path, ami_client)
    api.add(
        'callcenter',
        'settings/queues',
        {
            'queuefeatures': {'name': 'helpdesk', 'number': '3100', 'context': 'default'},
            'queue': {},
        },
    )
    result = config.apply(tmp_path, ami_client)
    assert sorted(result.changed) == ['extensions.conf', 'queues.conf']
    assert result.reloaded == ['app_queue.so', 'pbx_config.so']


def test_a_refused_reload_is_an_apply_error(app, tmp_path, ami, ami_client):
    ami.fail_next('Reload', 'No such module')
    with pytest.raises(
        config.ApplyError, match='Asterisk did not reload res_pjsip.so: No such module'
    ):
        config.apply(tmp_path, ami_client)
    status = config.last_status()
    assert status['ok'] is False and 'No such module' in status['error']
    # The files are written; what is left to reload is remembered beside them.
    assert sorted(os.listdir(tmp_path)) == sorted(ALL_FILES + [apply_module.PENDING_FILE])
    assert apply_module.pending_reloads(tmp_path) == set(ALL_MODULES)


def test_modules_left_unreloaded_are_reloaded_by_the_next_apply(api, tmp_path, ami, ami_client):
    """Found on a real Asterisk: a line added while the AMI was down was written
    but never reloaded (the next runs saw the files up to date), so it never
    registered."""
    make_default_context()
    config.apply(tmp_path, ami_client)
    added = add_user(api, 'Dave', '1004', 'pw')
    ami.stop()
    with pytest.raises(config.ApplyError, match='did not reload res_pjsip.so'):
        config.apply_if_changed(tmp_path, ami_client)
    assert f'[{added.line}]' in (tmp_path / 'pjsip.conf').read_text()
    ami.start()
    before = len(reloads(ami))
    result = config.apply_if_changed(tmp_path, ami_client)
    assert result.changed == [] and result.reloaded == ['res_pjsip.so', 'pbx_config.so']
    assert reloads(ami)[before:] == ['res_pjsip.so', 'pbx_config.so']
    assert config.apply_if_changed(tmp_path, ami_client).reloaded == []  # nothing left
    assert sorted(os.listdir(tmp_path)) == ALL_FILES


def test_a_refusal_midway_leaves_only_the_rest_to_reload(app, tmp_path, ami, ami_client):
    refused = []

    def refuse_app_queue(stream, action):
        if action['Module'] == 'app_queue.so' and not refused:
            refused.append(action)
            ami._reply(stream, action, 'Error', 'No such module')
        else:
            ami._reply(stream, action, 'Success', 'Module Reloaded')

    ami._reload = refuse_app_queue
    with pytest.raises(config.ApplyError, match='app_queue.so'):
        config.apply(tmp_path, ami_client)
    assert apply_module.pending_reloads(tmp_path) == {'app_queue.so', 'pbx_config.so'}
    assert config.apply_if_changed(tmp_path, ami_client).reloaded == [
        'app_queue.so',
        'pbx_config.so',
    ]
    assert apply_module.pending_reloads(tmp_path) == set()


def test_a_busy_reload_is_tried_again(app, tmp_path, ami, ami_client, monkeypatch):
    monkeypatch.setattr(apply_module, 'RELOAD_RETRY_DELAY', 0)
    ami.fail_next('Reload', 'A reload is in progress')
    result = config.apply(tmp_path, ami_client)
    assert result.reloaded == ALL_MODULES
    assert reloads(ami) == ['res_pjsip.so'] + ALL_MODULES


def test_an_unreachable_ami_is_an_apply_error(app, tmp_path, ami, ami_client):
    ami.stop()
    with pytest.raises(config.ApplyError, match='unreachable'):
        config.apply(tmp_path, ami_client)


def test_without_ami_the_files_are_written_only(app, tmp_path):
    result = config.apply(tmp_path, False)
    assert sorted(result.changed) == ALL_FILES
    assert result.reloaded == []
    assert result.reload_skipped == 'no AMI configured (AMI_HOST is empty)'


def test_a_missing_directory_is_an_apply_error(app, tmp_path):
    with pytest.raises(config.ApplyError, match='ASTERISK_CONFIG_DIR is not a directory'):
        config.apply(tmp_path / 'nowhere', False)
    assert config.last_status()['ok'] is False


def test_apply_if_changed_does_nothing_when_nothing_changed(api, tmp_path, ami, ami_client):
    make_default_context()
    config.apply_if_changed(tmp_path, ami_client)
    count = len(ami.received())
    logins = ami.logins
    result = config.apply_if_changed(tmp_path, ami_client)
    assert (result.changed, result.reloaded) == ([], [])
    assert len(ami.received()) == count and ami.logins == logins
    add_user(api, 'Dave', '1004', 'pw')
    assert config.apply_if_changed(tmp_path, ami_client).reloaded == [
        'res_pjsip.so',
        'pbx_config.so',
    ]


# -- commands ----------------------------------------------------------------------------


@pytest.fixture
def run(runner, database_url, monkeypatch):
    monkeypatch.setenv('XIVOWS_DATABASE_URL', database_url)
    monkeypatch.delenv('XIVOWS_AMI_HOST', raising=False)

    def invoke(*args):
        return runner.invoke(cli.main, list(args), catch_exceptions=False)

    return invoke


def test_config_prints_every_file(api, run):
    pbx = provision(api)
    result = run('asterisk', 'config')
    assert result.exit_code == 0, result.output
    for name in ALL_FILES:
        assert f';;; ==> {name} <==\n' in result.output
    assert f'[{pbx.alice_line}]\ntype = endpoint' in result.output


def test_config_output_writes_the_changed_files(api, run, tmp_path):
    provision(api)
    target = tmp_path / 'out'
    result = run('asterisk', 'config', '--output', str(target))
    assert result.exit_code == 0, result.output
    assert sorted(os.listdir(target)) == ALL_FILES
    assert result.output.endswith('7 file(s) changed, 0 unchanged\n')
    assert (
        run('asterisk', 'config', '--output', str(target)).output
        == '0 file(s) changed, 7 unchanged\n'
    )


def test_config_reports_what_cannot_be_generated(api, run):
    pbx = provision(api)
    api.delete('ipbx', 'pbx_settings/users', pbx.alice)
    result = run('asterisk', 'config')
    assert result.exit_code == 0
    assert (
        f'warning: user {pbx.bob}: noanswer destination was deleted: hangs up\n' in result.output
    )


def test_apply_command_without_ami(api, run, tmp_path, monkeypatch):
    make_default_context()
    monkeypatch.setenv('XIVOWS_ASTERISK_CONFIG_DIR', str(tmp_path))
    result = run('asterisk', 'apply')
    assert result.exit_code == 0, result.output
    assert 'wrote pjsip.conf\n' in result.output
    assert 'not reloaded: no AMI configured (AMI_HOST is empty)\n' in result.output
    assert run('asterisk', 'apply').output == 'configuration unchanged\n'


def test_apply_command_without_ami_names_the_reloads_a_failure_left(
    api, run, tmp_path, monkeypatch
):
    """Left by a reload that failed, then applied without an AMI: the command said
    'configuration unchanged' and the modules were forgotten without a word."""
    make_default_context()
    monkeypatch.setenv('XIVOWS_ASTERISK_CONFIG_DIR', str(tmp_path))
    assert run('asterisk', 'apply').exit_code == 0
    apply_module._keep_pending(str(tmp_path), {'pbx_config.so', 'app_queue.so'})
    result = run('asterisk', 'apply')
    assert result.exit_code == 0
    assert result.output == (
        'not reloaded: no AMI configured (AMI_HOST is empty); reload yourself '
        'app_queue.so, pbx_config.so (a reload of them had failed)\n'
        'configuration unchanged\n'
    )
    assert apply_module.pending_reloads(tmp_path) == set()
    assert run('asterisk', 'apply').output == 'configuration unchanged\n'


def test_apply_command_reloads_through_the_ami(api, run, tmp_path, monkeypatch, ami):
    make_default_context()
    for key, value in (
        ('ASTERISK_CONFIG_DIR', str(tmp_path)),
        ('AMI_HOST', '127.0.0.1'),
        ('AMI_PORT', str(ami.port)),
        ('AMI_USERNAME', ami.username),
        ('AMI_SECRET', ami.secret),
    ):
        monkeypatch.setenv(f'XIVOWS_{key}', value)
    result = run('asterisk', 'apply')
    assert result.exit_code == 0, result.output
    assert (
        'reloaded res_pjsip.so, app_voicemail.so, app_confbridge.so, res_parking.so, '
        'app_queue.so, pbx_config.so\n' in result.output
    )
    assert reloads(ami) == ALL_MODULES


def test_apply_command_fails_on_a_missing_directory(app, run, tmp_path, monkeypatch):
    monkeypatch.setenv('XIVOWS_ASTERISK_CONFIG_DIR', str(tmp_path / 'nowhere'))
    result = run('asterisk', 'apply')
    assert result.exit_code == 1
    assert 'ASTERISK_CONFIG_DIR is not a directory' in result.output
