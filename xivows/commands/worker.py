"""`xivows worker`: the background worker process (README "Background worker")."""

import logging
import signal
import threading

import click

from xivows.worker.process import LOG_FORMAT


@click.command('worker')
@click.option(
    '--parent-pid', type=int, hidden=True, help='Stop when this process (xivows serve) is gone.'
)
def worker(parent_pid):
    """Run the background worker (AMI, reconciler, live state, tasks)."""
    from xivows import create_app, migrations
    from xivows.worker import process

    create_app()  # settings, database, wiring: as every process of xivows
    for handler in logging.getLogger().handlers:
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
    try:
        migrations.upgrade()
    except migrations.StoreNotReady as exc:  # a newer xivows upgraded the store meanwhile
        raise click.ClickException(str(exc)) from None
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    process.run(stop, parent_pid=parent_pid)


worker.keeps_log = True  # its log is where database faults are told (xivows.cli)
