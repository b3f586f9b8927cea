"""`xivows asterisk ...`: the Asterisk 21 configuration generated from the store."""

import contextlib
import logging
import os

import click

from xivows import config as configuration
from xivows import db
from xivows.asterisk import config as asterisk_config
from xivows.asterisk.config import deploy


def _store():
    """The schema setup every `xivows` command runs first."""
    from xivows.cli import _upgraded  # late: xivows.cli registers this group

    return _upgraded()


def _report_problems(problems):
    for problem in problems:
        click.echo(f'warning: {problem}', err=True)


@contextlib.contextmanager
def _deploy_log_muted():
    """What the deploy logs for the worker (files written, reloads, problems, a
    failure), the command prints itself: its log lines would say it twice on
    stderr, and a successful run in a script would not be quiet."""
    logger = deploy.logger
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)


@click.group('asterisk')
def asterisk():
    """The Asterisk 21 configuration generated from the store."""


@asterisk.command('config')
@click.option(
    '--output',
    type=click.Path(file_okay=False),
    help='Directory to write the files into (created if missing; only files '
    'whose text changed are rewritten). Without it the files are printed.',
)
def config(output):
    """Generate pjsip.conf, extensions.conf, queues.conf, queuerules.conf,
    voicemail.conf, confbridge.conf and res_parking.conf. Objects that cannot
    be generated are reported on standard error."""
    _store()
    with db.database.atomic():
        rendered = asterisk_config.render()
    _report_problems(rendered.problems)
    if output is None:
        for name, text in rendered.files.items():
            click.echo(f';;; ==> {name} <==')
            click.echo(text, nl=False)
        return
    try:
        os.makedirs(output, exist_ok=True)
        changed = asterisk_config.write(output, rendered.files)
    except OSError as exc:
        raise click.ClickException(f'cannot write into {output}: {exc}') from None
    for name in changed:
        click.echo(f'wrote {os.path.join(output, name)}')
    click.echo(f'{len(changed)} file(s) changed, {len(rendered.files) - len(changed)} unchanged')


@asterisk.command('apply')
def apply():
    """Write the files into ASTERISK_CONFIG_DIR and reload, through the AMI,
    the Asterisk modules whose files changed."""
    _store()
    loaded = configuration.load()
    client = asterisk_config.ami_client(loaded.get) or False
    try:
        with _deploy_log_muted():
            result = asterisk_config.apply(loaded['ASTERISK_CONFIG_DIR'], client)
    except asterisk_config.ApplyError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if client:
            client.close()
    _report_problems(result.problems)
    for name in result.changed:
        click.echo(f'wrote {name}')
    if result.reloaded:
        click.echo('reloaded ' + ', '.join(result.reloaded))
    elif result.reload_skipped:
        click.echo(f'not reloaded: {result.reload_skipped}')
    if not result.changed:
        click.echo('configuration unchanged')
