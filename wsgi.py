"""Entry point for gunicorn (`wsgi:app`) and the `flask` command."""

from app import create_app

app = create_app()
