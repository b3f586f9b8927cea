"""`xivows cel ...`: the call events that call_management/cel serves."""

import io
import sys

import click

from xivows import transaction
from xivows.errors import ServiceError
from xivows.resources.cel import service
from xivows.resources.cel.csvfile import MASTER_CSV


def _open(path, encoding):
    # newline='': quoted values may hold line breaks (csv module's rule)
    if path == '-':
        return io.TextIOWrapper(sys.stdin.buffer, encoding=encoding, newline='')
    return open(path, encoding=encoding, newline='')


def _close(path, handle):
    if path == '-':
        handle.detach()  # standard input stays open
    else:
        handle.close()


@click.group('cel')
def cel():
    """Call events (CEL) logged by Asterisk."""


@cel.command(
    'import',
    help=f"""Add the call events of Asterisk CSV files
(cel_custom's cel-custom/Master.csv; - reads standard input): all of them or,
on any error, none. Events already stored are skipped: an event is all its
fields (call_log_id aside), so a growing Master.csv can be imported again, and
a line repeated in a file is stored once. Prints the counts.

Without a header line the columns are those of the Master.csv mapping of
cel_custom.conf.sample: {', '.join(MASTER_CSV)} (the last one may be missing).
A first line naming eventtype and eventtime is a header: it names the columns
in any order, with the cel table's names or cel_custom's field names (CIDName,
AcctCode...).

eventtime: seconds.microseconds since the epoch (Asterisk's default, stored in
local time) or YYYY-MM-DD HH:MM:SS[.ffffff]. amaflags: 0 to 3 or DEFAULT, OMIT,
BILLING, DOCUMENTATION.""",
)
@click.argument('files', nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    '--encoding', default='utf-8', show_default=True, help='Encoding of the files (e.g. latin-1).'
)
def cel_import(files, encoding):
    handles = []
    try:
        for path in files:
            handles.append((path, _open(path, encoding)))
        counts = transaction.run(service.import_csv, handles)
    except ServiceError as exc:
        raise click.ClickException(exc.message) from None
    except (OSError, LookupError) as exc:
        raise click.ClickException(f'unreadable file: {exc}') from None
    finally:
        for path, handle in handles:
            _close(path, handle)
    skipped = f', {counts.skipped} already stored (skipped)' if counts.skipped else ''
    click.echo(f'{counts.stored} call event(s) imported{skipped}')
