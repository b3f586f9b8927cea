"""The Asterisk Manager Interface, when one is configured (AMI_HOST)."""
import atexit
import threading

from flask import current_app, has_app_context

from xivows.ami.client import AmiClient, AmiError

__all__ = ['AmiClient', 'AmiError', 'current_client']

_clients = {}
_lock = threading.Lock()


def current_client():
    """This process's client for the app's AMI settings, or None (store only)."""
    if not has_app_context():
        return None
    config = current_app.config
    if not config.get('AMI_HOST'):
        return None
    key = (config['AMI_HOST'], int(config['AMI_PORT']), config['AMI_USERNAME'],
           config['AMI_SECRET'], float(config['AMI_TIMEOUT']))
    with _lock:
        if key not in _clients:
            _clients[key] = AmiClient(*key)
        return _clients[key]


@atexit.register
def _close_clients():
    # pyst2's Manager.__del__ would otherwise try to log off at interpreter exit
    for client in list(_clients.values()):
        client.close()
