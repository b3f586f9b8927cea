"""`xivows events ...`: the outbox of HTTP callbacks (seed-003 agent events)."""

import datetime
import json

import click

from xivows.outbox import delivery, queries

STATES = ('pending', 'delivered', 'failed')


def _store():
    """The schema setup every `xivows` command runs first."""
    from xivows.cli import _upgraded  # late: xivows.cli registers this group

    return _upgraded()


def _when(epoch):
    if epoch is None:
        return '-'
    moment = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc)
    return moment.isoformat(timespec='milliseconds').replace('+00:00', 'Z')


def _event_document(event):
    return {
        'id': event.id,
        'event_id': event.uuid,
        'state': event.state,
        'event_type': event.event_type,
        'callback_id': event.callback_id,
        'agent_id': event.callback.agent_id,
        'method': event.callback.method,
        'url': event.callback.url,
        'data': dict(json.loads(event.payload)),
        'created': _when(event.created_at),
        'finished': _when(event.finished_at),
        'next_attempt': _when(event.next_attempt_at) if event.state == 'pending' else '-',
        'attempts': [
            {
                'at': _when(attempt.started_at),
                'duration': round(attempt.duration, 3),
                'status': attempt.status_code,
                'error': attempt.error,
                'outcome': attempt.outcome,
            }
            for attempt in event.attempt_rows
        ],
    }


@click.group('events')
def events():
    """HTTP callbacks of agent events: queued, delivered, failed."""


@events.command('list')
@click.option('--state', type=click.Choice(STATES), help='Only events in this state.')
@click.option('--agent', 'agent_id', type=int, help='Only events of this agent id.')
@click.option(
    '--limit',
    type=click.IntRange(1, 100000),
    default=100,
    show_default=True,
    help='The newest N events.',
)
@click.option('--json', 'as_json', is_flag=True, help='Print a JSON list.')
def events_list(state, agent_id, limit, as_json):
    """List events, newest first, with their state and every delivery attempt."""
    _store()
    documents = [_event_document(event) for event in queries.events(state, agent_id, limit)]
    if as_json:
        click.echo(json.dumps(documents))
        return
    for document in documents:
        click.echo(
            f'{document["id"]}\t{document["state"]}\t{document["event_type"]}'
            f'\tagent={document["agent_id"]}\t{document["method"]} {document["url"]}'
            f'\tevent_id={document["event_id"]}\tcreated={document["created"]}'
            f'\tattempts={len(document["attempts"])}'
            + (f'\tnext={document["next_attempt"]}' if document['state'] == 'pending' else '')
        )
        for attempt in document['attempts']:
            status = attempt['status'] if attempt['status'] is not None else '-'
            click.echo(
                f'\t{attempt["at"]}\t{attempt["outcome"]}\tstatus={status}'
                f'\t{attempt["duration"]:.3f}s'
                + (f'\t{attempt["error"]}' if attempt['error'] else '')
            )


@events.command('deliver')
def events_deliver():
    """Send the due events now (what the background worker does continuously)."""
    _store()
    summary = delivery.deliver_due()
    click.echo(
        f'{summary.delivered} delivered, {summary.retried} to retry, {summary.failed} failed'
    )


@events.command('purge')
def events_purge():
    """Delete delivered and failed events older than CALLBACK_KEEP seconds."""
    _store()
    click.echo(f'{delivery.purge_old()} event(s) deleted')
