"""gunicorn entry point: `gunicorn wsgi:app`."""

from xivows import create_app

app = create_app()
