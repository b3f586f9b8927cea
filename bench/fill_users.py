"""The fill command of the floor benchmark (shared/bench/run_bench.py
--xivows-fill-cmd): imports its JSONL file of add documents with `xivows users
import` (the same code, in this process) and prints the time it took.

    --xivows-fill-cmd '{python} {checkout}/bench/fill_users.py {data}'

The harness runs it with XIVOWS_DATABASE_URL set to the target's store while
the fill server is up; the rows are imported by batches, each its own
transaction (SQLite: the fill server waits at most a batch for its write lock).
Exit status 1 when a row was refused (its reason on stderr)."""

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))

from xivows.cli import main


def fill(path):
    started = time.perf_counter()
    try:
        main(
            ['users', 'import', '--format', 'jsonl', '--no-progress', path], standalone_mode=False
        )
        status = 0
    except SystemExit as exc:
        status = exc.code or 0
    wall = time.perf_counter() - started
    print(f'fill_users: {path}: {wall:.2f} s (startup included), status {status}', flush=True)
    return status


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit('usage: fill_users.py USERS.jsonl')
    sys.exit(fill(sys.argv[1]))
