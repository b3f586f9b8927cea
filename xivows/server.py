"""Running the application under gunicorn from `xivows serve`."""
from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):
    def __init__(self, options):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            if value not in (None, ''):
                self.cfg.set(key, value)

    def load(self):
        # Each worker builds its own app: database pools and AMI connections
        # must not cross a fork.
        from xivows.app import create_app
        return create_app()


def run(settings, bind=None, workers=None):
    options = {
        'bind': bind or settings['BIND'],
        'workers': workers or settings['WORKERS'],
        'certfile': settings['TLS_CERT'],
        'keyfile': settings['TLS_KEY'],
        'accesslog': '-',
        'logger_class': 'xivows.accesslog.RedactingLogger',  # no tokens in the log
        'loglevel': settings['LOG_LEVEL'].lower(),
        'timeout': 60,
    }
    _Server(options).run()
