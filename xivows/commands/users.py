"""`xivows users import|export`: users files (xivows.userfiles) in and out.

The import streams its file (memory holds one batch of rows whatever the file's
size), shows a progress bar (rows/s, ETA) when stderr is a terminal and stays
quiet in scripts, and reports each refused row on stderr as
`row N<TAB>field<TAB>reason`. Its exit status is 0 when every row was stored,
1 otherwise."""

import os
import sys

import click
from tqdm import tqdm

from xivows import transaction
from xivows.errors import ServiceError
from xivows.resources.users import bulk
from xivows.userfiles import read, write

_EXTENSIONS = {'.csv': 'csv', '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.json': 'jsonl'}


def _format_of(path, given):
    if given:
        return given
    return _EXTENSIONS.get(os.path.splitext(path)[1].lower(), 'pipe')


def _records_in(stream, format):
    """About how many rows a seekable file holds (its lines, less the header),
    for the ETA; None when it cannot be told without consuming the stream."""
    try:
        start = stream.tell()
        lines = sum(chunk.count(b'\n') for chunk in iter(lambda: stream.read(1 << 20), b''))
        stream.seek(start)
    except (OSError, ValueError, AttributeError):
        return None
    return max(lines - (0 if format == 'jsonl' else 1), 0)


@click.group('users')
def users():
    """Users in files: bulk import and export (pipe, csv, jsonl)."""


@users.command('import')
@click.argument('file', type=click.File('rb'))
@click.option(
    '--format',
    'format_',
    type=click.Choice(read.FORMATS),
    help='pipe (the original\'s | separated text with a header of field names), '
    'csv (the same names, comma separated) or jsonl (one json.php add '
    'document per line). Default: from the file name (.csv; .jsonl, .ndjson, .json), else pipe.',
)
@click.option(
    '--dry-run',
    is_flag=True,
    help='Validate every row against the store (and the rows before it); write nothing.',
)
@click.option(
    '--atomic', is_flag=True, help='All or nothing: when any row is refused, no row is stored.'
)
@click.option(
    '--batch-size',
    type=click.IntRange(1, 10000),
    default=bulk.BATCH,
    show_default=True,
    help='Rows validated and written together.',
)
@click.option(
    '--progress/--no-progress',
    default=None,
    help='Show a progress bar (default: when stderr is a terminal).',
)
def users_import(file, format_, dry_run, atomic, batch_size, progress):
    """Import the users of FILE (- for standard input): each row is one add
    (its line, voicemail and incall with it), rows are independent unless
    --atomic. Refused rows are reported on stderr (row, field, reason)."""
    name = getattr(file, 'name', '-')
    format_ = _format_of(name, format_)
    show = sys.stderr.isatty() if progress is None else progress
    try:
        source = read.read(file, format_)
    except ServiceError as exc:
        raise click.ClickException(f'{name}: {exc.message}') from None
    total = _records_in(file, format_) if show else None
    bar = tqdm(
        total=total,
        unit='row',
        disable=not show,
        file=sys.stderr,
        dynamic_ncols=True,
        smoothing=0.1,
    )

    def refused(error):
        error = source.report(error)
        tqdm.write(f'row {error.row}\t{error.field or "-"}\t{error.reason}', file=sys.stderr)

    try:
        report = bulk.import_users(
            source.rows,
            atomic=atomic,
            dry_run=dry_run,
            batch_size=batch_size,
            on_error=refused,
            on_progress=bar.update,
            keep_errors=0,
        )
    except ServiceError as exc:
        raise click.ClickException(exc.message) from None
    finally:
        bar.close()
        source.close()
    _summary(report, dry_run, atomic)
    if report.failed:
        sys.exit(1)


def _summary(report, dry_run, atomic):
    refused = f', {report.failed} refused' if report.failed else ''
    if dry_run:
        click.echo(
            f'dry run: {report.rows} rows read, {report.created} valid{refused}; nothing stored'
        )
    elif not report.stored:
        click.echo(f'{report.rows} rows read{refused}; nothing stored (--atomic)')
    else:
        click.echo(f'{report.rows} rows read, {report.created} users created{refused}')


@users.command('export')
@click.argument('file', default='-')
@click.option(
    '--format',
    'format_',
    type=click.Choice(read.FORMATS),
    help='As for import. Default: from the file name, else pipe.',
)
def users_export(file, format_):
    """Write every user to FILE (default -: standard output), in the format
    `import` reads back: export, then import, gives the same users. The file
    holds secrets (passwords): it is created readable by its owner only."""
    format_ = _format_of(file, format_)
    if file == '-':
        out = sys.stdout
        count = transaction.run_read(write.export, out, format_)
        out.flush()
    else:
        try:
            descriptor = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            # An existing file keeps its mode through O_TRUNC: the passwords must
            # not land in a file others can read.
            os.fchmod(descriptor, 0o600)
        except OSError as exc:
            raise click.ClickException(f'{file}: {exc.strerror}') from None
        with open(descriptor, 'w', encoding='utf-8', newline='') as out:
            count = transaction.run_read(write.export, out, format_)
    click.echo(f'{count} users exported', err=True)
