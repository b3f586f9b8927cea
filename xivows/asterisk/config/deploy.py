"""Writing the generated files and making Asterisk reload them."""

import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field

from xivows import settings
from xivows.asterisk.config.render import RELOADS, render
from xivows.db import database

logger = logging.getLogger(__name__)
NEW_FILE_MODE = 0o640  # the files hold SIP and voicemail secrets

# Reload order: what the dial plan refers to (endpoints, queues, parking
# lots) before the dial plan itself.
# Asterisk answers this while another reload runs: worth a few more tries.
RELOAD_BUSY = 'A reload is in progress'
RELOAD_TRIES, RELOAD_RETRY_DELAY = 3, 1.0
RELOAD_ORDER = (
    'res_pjsip.so',
    'app_voicemail.so',
    'app_confbridge.so',
    'res_parking.so',
    'app_queue.so',
    'pbx_config.so',
)


# The modules whose files were written but that Asterisk has not reloaded yet
# (the AMI was unreachable, or Asterisk refused): kept in ASTERISK_CONFIG_DIR, so
# the next apply reloads them even when no file changed since, whichever
# process (the worker, after a restart too, or `xivows asterisk apply`) runs it.
PENDING_FILE = '.xivows-reload-pending'


class ApplyError(Exception):
    """The files could not be written or Asterisk did not reload them; the
    message says which and why (what the worker shows in /healthz)."""


@dataclass
class ApplyResult:
    changed: list = field(default_factory=list)  # files written
    reloaded: list = field(default_factory=list)  # modules Asterisk reloaded
    problems: list = field(default_factory=list)  # objects left out (see render)
    reload_skipped: str | None = None  # why nothing was reloaded, if so


_status_lock = threading.Lock()
_status = {'at': None, 'ok': None, 'error': None, 'changed': [], 'reloaded': []}


def last_status():
    """The outcome of the last apply in this process: {at, ok, error, changed,
    reloaded} (at = UNIX time, None before the first apply)."""
    with _status_lock:
        return dict(_status)


def _record(ok, error=None, result=None):
    with _status_lock:
        _status.update(
            at=time.time(),
            ok=ok,
            error=error,
            changed=list(result.changed) if result else [],
            reloaded=list(result.reloaded) if result else [],
        )


def _read(path):
    try:
        with open(path, encoding='utf-8') as stream:
            return stream.read()
    except FileNotFoundError:
        return None


def changed_files(directory, files):
    """Names of the files whose text differs from what `directory` holds."""
    return [name for name, text in files.items() if _read(os.path.join(directory, name)) != text]


def write(directory, files):
    """Write the files that changed, each atomically (a temporary file in the
    same directory, then rename); returns their names."""
    changed = changed_files(directory, files)
    for name in changed:
        path = os.path.join(directory, name)
        try:
            mode = os.stat(path).st_mode & 0o777
        except FileNotFoundError:
            mode = NEW_FILE_MODE
        handle, temporary = tempfile.mkstemp(prefix=f'.{name}.', dir=directory)
        try:
            with os.fdopen(handle, 'w', encoding='utf-8') as stream:
                stream.write(files[name])
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, mode)
            os.replace(temporary, path)
        except BaseException:
            try:
                os.unlink(temporary)
            except FileNotFoundError:
                pass
            raise
    return changed


def ami_client(get=settings.get):
    """An AMI client from the AMI_* keys (`get` reads a key), or None when no
    AMI is configured."""
    if not get('AMI_HOST'):
        return None
    from xivows.ami.client import AmiClient

    return AmiClient(
        get('AMI_HOST'),
        get('AMI_PORT'),
        get('AMI_USERNAME'),
        get('AMI_SECRET'),
        get('AMI_TIMEOUT'),
    )


def pending_reloads(directory):
    """The modules a previous apply could not reload (see PENDING_FILE)."""
    text = _read(os.path.join(directory, PENDING_FILE)) or ''
    return {line.strip() for line in text.splitlines() if line.strip() in RELOAD_ORDER}


def _keep_pending(directory, modules):
    path = os.path.join(directory, PENDING_FILE)
    if not modules:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        return
    text = ''.join(f'{module}\n' for module in RELOAD_ORDER if module in modules)
    if _read(path) != text:
        write(directory, {PENDING_FILE: text})


def reload_modules(client, changed, modules=(), reloaded=None):
    """Ask Asterisk to reload the modules of the changed files (and `modules`),
    in order; returns the modules reloaded (also appended to `reloaded` as they
    go), raises ApplyError on the first refusal."""
    wanted = {RELOADS[name] for name in changed if name in RELOADS} | set(modules)
    reloaded = [] if reloaded is None else reloaded
    for module in RELOAD_ORDER:
        if module not in wanted:
            continue
        for attempt in range(1, RELOAD_TRIES + 1):
            try:
                client.action('Reload', Module=module)
                break
            except Exception as exc:  # AmiError, or the link failing
                if RELOAD_BUSY in str(exc) and attempt < RELOAD_TRIES:
                    time.sleep(RELOAD_RETRY_DELAY)
                    continue
                raise ApplyError(f'Asterisk did not reload {module}: {exc}') from None
        reloaded.append(module)
    return reloaded


def _render_store(render_options):
    opened = database.is_closed()
    if opened:  # the worker's own connection; a request's or a test's is reused
        database.connect()
    try:
        with database.atomic():  # one consistent view of the store
            return render(**render_options)
    finally:
        if opened:
            database.close()


def apply(directory=None, client=None, only_if_changed=False, **render_options):
    """Render, write into `directory` (default ASTERISK_CONFIG_DIR), reload
    what changed. `client`: an AMI client (default: one from the AMI_* keys);
    False, or no AMI configured: files only. `render_options` go to render()."""
    directory = directory or settings.get('ASTERISK_CONFIG_DIR')
    try:
        if not directory or not os.path.isdir(directory):
            raise ApplyError(f'ASTERISK_CONFIG_DIR is not a directory: {directory!r}')
        rendered = _render_store(render_options)
        result = ApplyResult(problems=rendered.problems)
        pending = pending_reloads(directory)
        if only_if_changed and not pending and not changed_files(directory, rendered.files):
            _record(True, result=result)
            return result
        try:
            result.changed = write(directory, rendered.files)
            modules = {RELOADS[name] for name in result.changed if name in RELOADS} | pending
            owned = client is None  # a session of our own: closed when done
            client = ami_client() if owned and modules else client
            if client is False or client is None:
                if result.changed:
                    result.reload_skipped = 'no AMI configured (AMI_HOST is empty)'
                elif modules:  # left by a failed reload: say which, now forgotten
                    result.reload_skipped = (
                        'no AMI configured (AMI_HOST is empty); reload yourself '
                        + ', '.join(module for module in RELOAD_ORDER if module in modules)
                        + ' (a reload of them had failed)'
                    )
                modules = set()  # no AMI: the operator reloads (nothing to remember)
            _keep_pending(directory, modules)  # before asking: a crash in between is kept
        except OSError as exc:
            raise ApplyError(
                f'cannot write the Asterisk configuration in {directory}: {exc}'
            ) from None
        if modules:
            try:
                reload_modules(client, [], modules, result.reloaded)
            finally:
                if owned:
                    client.close()
                try:
                    _keep_pending(directory, modules - set(result.reloaded))
                except OSError as exc:
                    logger.error('cannot record the modules left to reload: %s', exc)
    except ApplyError as exc:
        logger.error('asterisk apply failed: %s', exc)
        _record(False, str(exc))
        raise
    for problem in result.problems:
        logger.warning('asterisk config: %s', problem)
    if result.changed or result.reloaded:
        logger.info(
            'asterisk config: wrote %s, reloaded %s',
            ', '.join(result.changed) or 'nothing',
            ', '.join(result.reloaded) or 'nothing',
        )
    _record(True, result=result)
    return result


def apply_if_changed(directory=None, client=None):
    """For the background worker: apply when the store's configuration differs
    from the files; a no-op otherwise. Raises ApplyError (its message is what
    to show in /healthz); last_status() keeps the outcome."""
    return apply(directory, client, only_if_changed=True)
