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
    ones keep their stored values. Unknown names are ignored."""
    if not isinstance(changes.options, dict):
        raise InvalidInput('body: must be an object')
    queries.save(option_values(load(sccp_settings_schema, changes.options)))
