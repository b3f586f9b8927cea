"""Adding many users at once: the users import of json.php (`act=import`),
`xivows users import` and the benchmark's fill all come here.

Each row is one add, validated by the code of one add (`service.prepare`, then
`verify()`: the same schemas, numbering ranges, uniqueness and every other
rule), in batches: the store lookups of a whole batch are answered together
(xivows.batchprobe: one query per kind of lookup, whatever the number of rows),
then each table's rows of the batch are written by one statement
(xivows.bulkinsert). Rows stream through: memory holds one batch, whatever the
number of rows.

Rows are independent, as the original's import: a row that fails is reported
(row number, field, reason) and the others are stored. Two rows of a file that
would hold the same thing (a number in a context, a SIP name, a mailbox, a
client login...) are validated one after the other, as two adds would be: the
second waits for the next batch, where it sees the first one stored (and is
refused as an add would be, or associated with the first one's voicemail box
like an add resending a box). So the file's order decides which of two
duplicates is stored: the first valid one.

Modes: per batch (each batch is a transaction: a crash keeps the batches
already done), `atomic` (one transaction: every row is still validated and
reported, and nothing is stored when any row failed) and `dry_run` (atomic,
then rolled back whatever happened: every row validated against the store and
the rows before it, nothing written).

Rows that a batch cannot write with one statement per table (an existing
voicemail box to associate, an existing line to take, function keys, group or
queue memberships, call permissions, a schedule, an incall) are written one by
one after the batch's statements, each in a savepoint, with the writing code of
one add. If a batch's statements are refused by the database (a concurrent
writer took a number between the checks and the writes, on PostgreSQL), the
batch is written again row by row, each row validated and written as one add."""

import contextlib
import gc
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from peewee import DataError, IntegrityError

from xivows import bulkinsert, db, numbering, transaction
from xivows.batchprobe import BatchProbe
from xivows.db import database
from xivows.errors import InUse, InvalidInput, NotFound, ServiceError
from xivows.models.dialaction import Dialaction
from xivows.models.extension import Extension
from xivows.models.line import LineFeatures, UserLine
from xivows.models.user import UserFeatures
from xivows.models.voicemail import Voicemail
from xivows.resources.dialaction import service as dialactions
from xivows.resources.incall import service as incalls
from xivows.resources.incall.inputs import IncallInput
from xivows.resources.lines import queries as line_queries
from xivows.resources.ownerlinks.inputs import OwnerLinks
from xivows.resources.users import service
from xivows.resources.users.inputs import UserInput

logger = logging.getLogger(__name__)

BATCH = 500  # rows validated and written together
# PostgreSQL: an import storing at least this many users refreshes the planner's
# statistics of the tables it filled (autovacuum would, a minute or more later:
# meanwhile searches plan for tables it believes small and scan them).
ANALYZE_AFTER = 1000
# A row's refusals (a store that cannot be reached, a busy one, ends the import).
REFUSALS = (InvalidInput, NotFound, InUse)


@dataclass
class IncallPart:
    """An incall to the row's user: its DID `exten` in `context`, ringing the
    user `ringseconds` (empty: the default)."""

    exten: str
    context: str
    ringseconds: str = ''


@dataclass
class Row:
    """One row of a source: `number` (1 = the first row) names it in reports.
    `error`: the row could not be read (reported as is; `user` is None)."""

    number: int
    user: UserInput | None = None
    incall: IncallPart | None = None
    error: 'RowError | None' = None


@dataclass
class RowError:
    row: int
    field: str  # where in the add input, e.g. `linefeatures.number` ('' when unknown)
    reason: str


@dataclass
class Report:
    rows: int = 0  # rows read
    created: int = 0  # users stored (or that would be, in a dry run)
    failed: int = 0
    stored: bool = True  # False: atomic with failures, or a dry run: nothing kept
    errors: list[RowError] = field(default_factory=list)  # the first ones (see keep_errors)


class _RolledBack(Exception):
    """Ends an atomic import that must store nothing."""


class _IncallRefused(Exception):
    def __init__(self, error):
        super().__init__(error.message)
        self.error = error


def import_users(
    rows: Iterable[Row],
    *,
    atomic=False,
    dry_run=False,
    batch_size=BATCH,
    on_error: Callable[[RowError], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    keep_errors=1000,
) -> Report:
    """Add the users of `rows` (read lazily); the report says what happened.
    `on_error(RowError)` for each failed row as it fails, `on_progress(n)`
    after each batch with the number of rows it settled; `keep_errors`: how
    many errors the report keeps (the count is always exact)."""
    with _collecting_per_batch(), _checkpoints_spaced():
        report = _import(rows, atomic, dry_run, batch_size, on_error, on_progress, keep_errors)
    if report.stored and report.created >= ANALYZE_AFTER and not db.is_sqlite():
        _analyze_filled_tables()
    return report


def _analyze_filled_tables() -> None:
    """PostgreSQL after a large import: the planner's statistics of the tables
    filled, and their GIN (trigram) indexes' pending lists merged. GIN indexes
    take new entries in a pending list, scanned entry by entry by every search
    until a VACUUM, an autoanalyze or its size limit merges it: after 50,000
    users a search read it for ~30 ms where the merged index answers in ~1 ms
    (and the planner, counting those pages, preferred scanning the tables)."""
    models = (UserFeatures, Voicemail, LineFeatures, UserLine, Extension, Dialaction)
    models += tuple(line_queries.PROTOCOL_MODELS.values())
    tables = [model._meta.table_name for model in models]
    database.execute_sql(
        'SELECT gin_clean_pending_list(index.indexrelid) FROM pg_index AS index '
        'JOIN pg_class AS class ON class.oid = index.indexrelid '
        'JOIN pg_am AS method ON method.oid = class.relam '
        "WHERE method.amname = 'gin' AND index.indrelid = ANY(%s::regclass[])",
        (tables,),
    )
    database.execute_sql('ANALYZE ' + ', '.join(f'"{table}"' for table in tables))


@contextlib.contextmanager
def _collecting_per_batch():
    """Python's cyclic garbage collector, run by allocation counts, would scan
    the batch's objects many times over (a fifth of the time of an import):
    it runs once per batch instead, on the youngest objects (the batch's,
    which reference counting frees: the batch probe breaks its cycles)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# SQLite: WAL pages an import lets accumulate before they are copied into the
# database file (SQLite's default: 1000, about 4 MiB).
IMPORT_CHECKPOINT_PAGES = 10000


@contextlib.contextmanager
def _checkpoints_spaced():
    """SQLite copies the WAL into the database file (a checkpoint: writes and
    two fsyncs) when a commit leaves more than 1000 pages in it. A batch of
    500 users dirties up to 1300 pages (its rows and the pages of a dozen
    indexes, half of them on random keys: UUIDs, SIP names...), so every
    batch of a large import was checkpointed, copying the same index pages
    again each time (a third of the commit time). The import's connection
    checkpoints every ten batches instead, and once at the end; other
    connections keep their setting. Batches stay transactions of their own;
    as with any commit under synchronous=NORMAL, those not yet checkpointed
    survive a crash of the process, not a power loss."""
    if not db.is_sqlite():
        yield
        return
    previous = database.execute_sql('PRAGMA wal_autocheckpoint').fetchone()[0]
    database.execute_sql(f'PRAGMA wal_autocheckpoint = {int(IMPORT_CHECKPOINT_PAGES)}')
    try:
        yield
    finally:
        database.execute_sql(f'PRAGMA wal_autocheckpoint = {int(previous)}')
        if not database.in_transaction():  # (a caller's transaction: its commit will)
            database.execute_sql('PRAGMA wal_checkpoint(PASSIVE)')


def _import(rows, atomic, dry_run, batch_size, on_error, on_progress, keep_errors):
    report = Report()
    run = _Run(report, on_error, on_progress, keep_errors)
    batches = _batches(rows, batch_size, report)
    if not (atomic or dry_run):
        source_failure = None
        try:
            for batch in batches:
                run.carried = transaction.run(run.batch, run.carried + batch)
        except _SourceFailed as failed:
            # Rows are independent: those read before are settled, then the
            # source's failure is the caller's.
            source_failure = failed.__cause__
        while run.carried:
            run.carried = transaction.run(run.batch, run.carried)
        if source_failure is not None:
            raise source_failure from None
        return report

    def everything():
        for batch in batches:
            run.carried = run.batch(run.carried + batch)
        while run.carried:
            run.carried = run.batch(run.carried)
        if dry_run or report.failed:
            raise _RolledBack()

    try:
        transaction.run(everything)
    except _RolledBack:
        report.stored = False
    except _SourceFailed as failed:  # (all or nothing: nothing)
        raise failed.__cause__ from None
    return report


class _SourceFailed(Exception):
    """The rows' source failed (a body over its limit, a client gone) after
    the batch read before it was handed out; its failure is the cause."""


def _batches(rows, size, report) -> Iterator[list[Row]]:
    batch = []
    rows = iter(rows)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except Exception as exc:
            if batch:  # the rows read before the failure first
                yield batch
            raise _SourceFailed() from exc
        report.rows += 1
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Run:
    def __init__(self, report, on_error, on_progress, keep_errors):
        self.report = report
        self.on_error = on_error
        self.on_progress = on_progress
        self.keep_errors = keep_errors
        self.carried = []

    def fail(self, row, exc_or_error):
        error = (
            exc_or_error
            if isinstance(exc_or_error, RowError)
            else row_error(row.number, exc_or_error)
        )
        self.report.failed += 1
        if len(self.report.errors) < self.keep_errors:
            self.report.errors.append(error)
        if self.on_error is not None:
            self.on_error(error)

    def batch(self, rows: list[Row]) -> list[Row]:
        """Validate and write a batch; the rows that must wait for the next one."""
        waiting = self._batch(rows)
        gc.collect(0)  # the batch's garbage (see _collecting_per_batch)
        if self.on_progress is not None:
            self.on_progress(len(rows) - len(waiting))
        return waiting

    def _batch(self, rows):
        probe = BatchProbe()
        try:
            return self._checked_and_written(rows, probe)
        finally:
            probe.close()

    def _checked_and_written(self, rows, probe):
        prepared = []
        for row in rows:
            if row.error is not None:
                self.fail(row, row.error)
                continue
            row_probe = probe.row()
            try:
                parts = service.prepare(row.user, row_probe)
                if row.incall is not None:
                    numbering.ask(row_probe, row.incall.context, incalls.KIND, row.incall.exten)
            except REFUSALS as exc:
                self.fail(row, exc)
                continue
            prepared.append((row, parts, row_probe.holds))
        probe.run()
        held, accepted, waiting = set(), [], []
        for row, parts, holds in prepared:
            if not holds.isdisjoint(held):
                waiting.append(row)  # after the row it depends on is stored
                held |= holds
                continue
            try:
                parts.verify()
            except REFUSALS as exc:
                self.fail(row, exc)
                continue
            held |= holds
            accepted.append((row, parts))
        self._write(accepted)
        return waiting

    # -- writing ------------------------------------------------------------------

    def _write(self, accepted):
        # Users get their ids in the order of the rows, whichever way they are written.
        user_ids = bulkinsert.reserve_ids(UserFeatures, len(accepted))
        fast, slow = [], []
        for (row, parts), user_id in zip(accepted, user_ids):
            (fast if _one_statement(row, parts) else slow).append((row, parts, user_id))
        try:
            with database.atomic():
                used_provisioning = _write_together(
                    [(parts, user_id) for _, parts, user_id in fast]
                )
        except (IntegrityError, DataError) as exc:
            logger.warning('a batch was refused by the database (%s): written row by row', exc)
            for row, _ in accepted:
                self._one(row, None, None)
            return
        self.report.created += len(fast)
        for row, parts, user_id in slow:
            creation = getattr(parts.line, 'creation', None)
            if creation is not None:
                creation.avoid_provisioning = used_provisioning
            self._one(row, parts, user_id)

    def _one(self, row, parts, user_id):
        """One row in a savepoint: its verified `parts` (the user's id
        reserved), or (None) validated and written as one add."""
        try:
            with database.atomic():
                if parts is None:
                    user_id = service.create(row.user)
                else:
                    user_id = service.write_new(parts, user_id)
                if row.incall is not None:
                    try:
                        incalls.create(_incall_input(row.incall, user_id))
                    except REFUSALS as exc:
                        raise _IncallRefused(exc) from None
        except _IncallRefused as refused:
            self.fail(row, row_error(row.number, refused.error))
            return
        except REFUSALS as exc:
            self.fail(row, exc)
            return
        except (IntegrityError, DataError):
            self.fail(row, InvalidInput('conflicts with the stored data'))
            return
        self.report.created += 1


def _one_statement(row, parts) -> bool:
    """Whether the row's writes go in its batch's statements (one per table)."""
    return (
        row.incall is None
        and (parts.line is None or getattr(parts.line, 'creation', None) is not None)
        and (parts.voicemail is None or parts.voicemail.new)
        and set(parts.links.parsed) <= {'dialaction'}
        and not parts.funckeys
        and not parts.memberships
    )


def _write_together(batch) -> set:
    """The rows of verified new users ([(parts, user id)]), one statement per
    table (in the order one add writes them: voicemail, user, line, extension,
    link, dial actions). Returns the provisioning ids given."""
    if not batch:
        return set()
    user_ids = [user_id for _, user_id in batch]
    batch = [parts for parts, _ in batch]
    boxes = [parts for parts in batch if parts.voicemail is not None]
    for parts, uniqueid in zip(boxes, bulkinsert.reserve_ids(Voicemail, len(boxes))):
        parts.voicemail.values['uniqueid'] = uniqueid
        parts.voicemail_written(uniqueid)
    bulkinsert.insert(Voicemail, [parts.voicemail.values for parts in boxes])

    bulkinsert.insert(
        UserFeatures,
        [
            parts.user_row(user_id, user_uuid)
            for parts, user_id, user_uuid in zip(batch, user_ids, uuid4_texts(len(batch)))
        ],
    )

    with_line = [
        (parts, user_id) for parts, user_id in zip(batch, user_ids) if parts.line is not None
    ]
    used_provisioning = set()
    lines = []  # (user id, creation, protocol row, line row)
    for parts, user_id in with_line:
        creation = parts.line.creation
        mailbox = parts.voicemail.mailbox if parts.voicemail is not None else None
        protocol_row, line_row = creation.rows(mailbox, used_provisioning)
        used_provisioning.add(line_row['provisioningid'])
        lines.append((user_id, creation, protocol_row, line_row))
    for protocol, model in line_queries.PROTOCOL_MODELS.items():
        of_protocol = [line for line in lines if line[1].protocol == protocol]
        ids = bulkinsert.reserve_ids(model, len(of_protocol))
        for (_, _, protocol_row, line_row), protocol_id in zip(of_protocol, ids):
            protocol_row['id'] = line_row['protocolid'] = protocol_id
        bulkinsert.insert(model, [line[2] for line in of_protocol])
    for line, line_id in zip(lines, bulkinsert.reserve_ids(LineFeatures, len(lines))):
        line[3]['id'] = line_id
    bulkinsert.insert(LineFeatures, [line[3] for line in lines])

    numbered = [line for line in lines if line[1].number]
    extension_ids = {}
    for (user_id, _, _, _), extension_id in zip(
        numbered, bulkinsert.reserve_ids(Extension, len(numbered))
    ):
        extension_ids[user_id] = extension_id
    bulkinsert.insert(
        Extension,
        [
            {
                'id': extension_ids[user_id],
                **numbering.extension_row(creation.context, 'user', creation.number, user_id),
            }
            for user_id, creation, _, _ in numbered
        ],
    )
    bulkinsert.insert(
        UserLine,
        [
            {
                'user_id': user_id,
                'line_id': line_row['id'],
                'extension_id': extension_ids.get(user_id),
            }
            for user_id, _, _, line_row in lines
        ],
    )

    actions = []
    for parts, user_id in zip(batch, user_ids):
        parsed = parts.links.parsed.get('dialaction')
        if parsed:
            actions.extend(dialactions.rows(service.KIND, user_id, parsed))
    bulkinsert.insert(Dialaction, actions)
    return used_provisioning


# The variant nibble of a version 4 UUID (RFC 4122: its two high bits 10), by
# the random nibble it replaces.
_VARIANT = {f'{nibble:x}': '89ab'[nibble & 3] for nibble in range(16)}


def uuid4_texts(count: int) -> list[str]:
    """`count` random UUIDs as str(uuid.uuid4()) gives them (version 4, the
    RFC 4122 variant, the other 122 bits random), from one read of the
    system's random source, written without building UUID objects."""
    digits = os.urandom(16 * count).hex()
    texts = []
    for start in range(0, 32 * count, 32):
        value = digits[start : start + 32]
        texts.append(
            f'{value[:8]}-{value[8:12]}-4{value[13:16]}-'
            f'{_VARIANT[value[16]]}{value[17:20]}-{value[20:]}'
        )
    return texts


def _incall_input(incall: IncallPart, user_id: int) -> IncallInput:
    answer = {
        'actiontype': 'user',
        'actionarg1': str(user_id),
        'actionarg2': incall.ringseconds or '',
    }
    return IncallInput(
        fields={'exten': incall.exten, 'context': incall.context},
        links=OwnerLinks(dialaction={'answer': answer}),
    )


# -- reports --------------------------------------------------------------------------

_PATH = re.compile(r'^([a-z_][a-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*): (.+)$', re.DOTALL)


def row_error(row_number: int, exc: ServiceError) -> RowError:
    """A refusal as a report line: the field of the add input it names (the
    services name it: `linefeatures.number: ...`) and the reason as the add
    would answer it."""
    message = exc.message
    found = _PATH.match(message)
    if found:
        return RowError(row_number, found.group(1), found.group(2))
    return RowError(row_number, '', message)
