"""SCCP general settings: a singleton of named options (no id)."""

from xivows.errors import InvalidInput
from xivows.resources.sccp_settings import queries
from xivows.resources.sccp_settings.inputs import SccpSettingsInput
from xivows.resources.sccp_settings.schemas import option_values, sccp_settings_schema
from xivows.schemas import load


def options() -> list[tuple[str, str]]:
    return queries.options()


def edit(changes: SccpSettingsInput) -> None:
    """Merge: the options given (not null) are validated and written; absent
    ones keep their stored values. A name that is no option is refused (the
    original ignored it: a misspelt option changed nothing, silently)."""
    if not isinstance(changes.options, dict):
        raise InvalidInput('body: must be an object')
    unknown = [name for name in changes.options if name not in sccp_settings_schema.fields]
    if unknown:
        raise InvalidInput(f'{unknown[0]}: not an SCCP general option')
    queries.save(option_values(load(sccp_settings_schema, changes.options)))
