"""The loaded configuration, for code that has no Flask app at hand (services, the
CLI, the background worker). `create_app` installs it; the CLI and the worker build
their app through `create_app` too, so every process reads the same values."""

from xivows import config as configuration

_current: dict | None = None


def install(settings: dict) -> None:
    global _current
    _current = dict(settings)


def get(key: str):
    """A configuration value; before any app was created, the layered defaults
    (code, file, environment) are loaded once."""
    if _current is None:
        install(configuration.load())
    return _current[key]
