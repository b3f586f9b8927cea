"""`python -m xivows.worker [--parent-pid PID]`: the background worker process
that `xivows serve` starts beside gunicorn (README "Background worker").

The same process as `xivows worker`, built without the web application: the
settings, the store and the wiring every process of xivows has, but neither
Flask, nor the dialects, nor the CLI, none of which the worker uses. That keeps
about 15 MB of resident memory out of the server's process tree."""

import argparse
import logging
import signal
import sys
import threading

from xivows import config as configuration
from xivows import drivers


def main(argv=None):
    parser = argparse.ArgumentParser(prog='python -m xivows.worker')
    parser.add_argument(
        '--parent-pid', type=int, help='stop when this process (xivows serve) is gone'
    )
    args = parser.parse_args(argv)
    try:
        settings = configuration.load()
    except configuration.ConfigError as exc:  # one line, as every command
        sys.exit(f'Error: {exc}')
    # Imported once the store is known: on SQLite, without PostgreSQL's drivers.
    drivers.sqlite_only(settings['DATABASE_URL'])
    from xivows import db, migrations, wiring
    from xivows import settings as installed_settings
    from xivows.worker import process

    installed_settings.install(settings)
    logging.basicConfig(level=settings['LOG_LEVEL'], format=process.LOG_FORMAT)
    db.bind(
        settings['DATABASE_URL'],
        settings['DATABASE_POOL_SIZE'],
        settings['DATABASE_CONNECT_TIMEOUT'],
    )
    wiring.wire()
    try:
        migrations.upgrade()
    except migrations.StoreNotReady as exc:  # a newer xivows upgraded the store meanwhile
        sys.exit(f'Error: {exc}')
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    process.run(stop, parent_pid=args.parent_pid)


if __name__ == '__main__':
    main()
