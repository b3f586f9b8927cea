"""xivows: the legacy XiVO web services on a modern stack."""
from xivows.app import create_app

__all__ = ['create_app']
