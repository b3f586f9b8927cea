"""SCCP general settings: a singleton of named options (no id)."""
from xivows.resources.sccp_settings import queries
from xivows.resources.sccp_settings.schemas import option_values, sccp_settings_schema
from xivows.schemas import load
from xivows.jsonphp.documents import body_object


def options():
    return queries.options()


def edit(document):
    """Merge: the options given (not null) are validated and written; absent
    ones keep their stored values. Unknown keys are ignored."""
    body_object(document)
    queries.save(option_values(load(sccp_settings_schema, document)))
