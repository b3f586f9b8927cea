"""xivows: the legacy XiVO web services on a modern stack."""

from importlib import metadata

try:
    __version__ = metadata.version('xivows')
except metadata.PackageNotFoundError:  # running from a checkout that is not installed
    __version__ = '0+unknown'

__all__ = ['__version__', 'create_app']


def __getattr__(name):
    # Imported on first use, not with the package: `python -m xivows.server` must
    # start gunicorn's master without importing the app (and peewee) before
    # gevent has patched the standard library in each worker.
    if name == 'create_app':
        from xivows.app import create_app

        return create_app
    raise AttributeError(f'module {__name__!r} has no attribute {name!r}')
