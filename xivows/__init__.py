"""xivows: the legacy XiVO web services on a modern stack."""

__all__ = ['create_app']


def __getattr__(name):
    # Imported on first use, not with the package: `python -m xivows.server` must
    # start gunicorn's master without importing the app (and peewee) before
    # gevent has patched the standard library in each worker.
    if name == 'create_app':
        from xivows.app import create_app
        return create_app
    raise AttributeError(f'module {__name__!r} has no attribute {name!r}')
