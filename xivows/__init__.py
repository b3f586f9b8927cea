"""xivows: the legacy XiVO web services on a modern stack."""

__all__ = ['__version__', 'create_app']


def _installed_version():
    # importlib.metadata (with email, zipfile, pathlib under it) costs ~4.6 MiB
    # of resident memory: only asked for when the version is, not by every
    # process that imports the package (the background worker never does).
    from importlib import metadata

    try:
        return metadata.version('xivows')
    except metadata.PackageNotFoundError:  # a checkout that is not installed
        return '0+unknown'


def __getattr__(name):
    # Imported on first use, not with the package: `python -m xivows.server` must
    # start gunicorn's master without importing the app (and peewee) before
    # gevent has patched the standard library in each worker.
    if name == 'create_app':
        from xivows.app import create_app

        return create_app
    if name == '__version__':
        version = globals()['__version__'] = _installed_version()
        return version
    raise AttributeError(f'module {__name__!r} has no attribute {name!r}')
