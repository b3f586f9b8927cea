"""xivows: the legacy XiVO web services on a modern stack."""
from importlib import metadata

from xivows.app import create_app

try:
    __version__ = metadata.version('xivows')
except metadata.PackageNotFoundError:  # running from a checkout that is not installed
    __version__ = '0+unknown'

__all__ = ['__version__', 'create_app']
