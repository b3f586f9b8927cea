"""The Asterisk Manager Interface adapter (pyst2 underneath). Only the background
worker talks to Asterisk: API requests write the store, the worker converges."""

from xivows.ami.client import AmiClient, AmiError

__all__ = ['AmiClient', 'AmiError']
