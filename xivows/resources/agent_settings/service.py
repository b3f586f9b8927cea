"""Per-agent parameters of the seed-003 API: the extension a local agent logs on,
and timing parameters (seconds: busy_delay_time, call_timeout,
no_answer_delay_time, reject_delay_time, wrap_up_time) with free-form
`extra_params`. They are kept as given and shown back. Asterisk applies
`wrap_up_time` (a logged agent's queue members carry it, when not 0: the
reconciler sends it with QueueAdd); it has no per-member equivalent of the
others (README, seed-003 section). An agent without settings has the defaults."""

from dataclasses import dataclass, fields

from xivows.errors import InvalidInput
from xivows.ids import batches
from xivows.models.callqueue import AgentSettings
from xivows.resources.agent_status import queries as agent_status_queries
from xivows.resources.agent_status import service as agent_status

TIMES = (
    'busy_delay_time',
    'call_timeout',
    'no_answer_delay_time',
    'reject_delay_time',
    'wrap_up_time',
)
MAX_SECONDS = 86400
MAX_EXTRA = 4000


class _Unchanged:
    def __repr__(self):
        return 'UNCHANGED'


UNCHANGED = _Unchanged()


@dataclass(frozen=True)
class Settings:
    """An agent's settings as stored (or the defaults)."""

    extension_id: int | None = None
    busy_delay_time: int = 0
    call_timeout: int = 0
    no_answer_delay_time: int = 0
    reject_delay_time: int = 0
    wrap_up_time: int = 0
    extra_params: str | None = None


@dataclass(frozen=True)
class SettingsChanges:
    """What changes: a field left UNCHANGED keeps its value (None clears
    `extension_id` and `extra_params`)."""

    extension_id: object = UNCHANGED
    busy_delay_time: object = UNCHANGED
    call_timeout: object = UNCHANGED
    no_answer_delay_time: object = UNCHANGED
    reject_delay_time: object = UNCHANGED
    wrap_up_time: object = UNCHANGED
    extra_params: object = UNCHANGED

    def given(self) -> dict:
        return {
            field.name: getattr(self, field.name)
            for field in fields(self)
            if getattr(self, field.name) is not UNCHANGED
        }


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _checked(changes: SettingsChanges) -> dict:
    given = changes.given()
    for name in TIMES:
        if name in given and not (_is_int(given[name]) and 0 <= given[name] <= MAX_SECONDS):
            raise InvalidInput(f'{name}: must be 0 to {MAX_SECONDS} seconds')
    extension_id = given.get('extension_id')
    if extension_id is not None and not _is_int(extension_id):
        raise InvalidInput('extension_id: must be an extension id')
    extra = given.get('extra_params')
    if extra is not None and (not isinstance(extra, str) or len(extra) > MAX_EXTRA):
        raise InvalidInput(f'extra_params: must be a string of at most {MAX_EXTRA} characters')
    return given


def from_row(row: AgentSettings | None) -> Settings:
    """The settings of a stored row (None: the defaults)."""
    if row is None:
        return Settings()
    return Settings(
        **{
            field.name: getattr(row, field.name)
            for field in fields(Settings)
            if field.name != 'extension_id'
        },
        extension_id=row.extension_id,
    )


def get(agent_id: int) -> Settings:
    return from_row(AgentSettings.get_or_none(AgentSettings.agent == agent_id))


def get_many(agent_ids: list[int]) -> dict[int, Settings]:
    """{agent id: settings} (defaults for agents without a row): one query a batch."""
    rows = {}
    for batch in batches(list(agent_ids)):
        rows.update(
            {
                row.agent_id: row
                for row in AgentSettings.select().where(AgentSettings.agent.in_(batch))
            }
        )
    return {agent_id: from_row(rows.get(agent_id)) for agent_id in agent_ids}


def check(changes: SettingsChanges) -> dict:
    """The changes, validated (InvalidInput naming the field); nothing written."""
    return _checked(changes)


def save(agent_id: int, changes: SettingsChanges) -> Settings:
    given = _checked(changes)
    row = AgentSettings.get_or_none(AgentSettings.agent == agent_id)
    before = row.wrap_up_time if row is not None else 0
    if (
        given.get('wrap_up_time', before) != before
        and agent_status_queries.status_of(agent_id) is not None
    ):
        # A logged agent's queue members carry its wrap-up time: Asterisk follows.
        agent_status.mark_changed(agent_id)
    if row is None:
        values = {key: value for key, value in given.items() if key != 'extension_id'}
        AgentSettings.create(agent=agent_id, extension=given.get('extension_id'), **values)
    elif given:
        for key, value in given.items():
            setattr(row, 'extension' if key == 'extension_id' else key, value)
        row.save()
    return get(agent_id)
