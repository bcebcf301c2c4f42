"""The `flask mipas ...` commands."""

from __future__ import annotations

import getpass
import os

import click
from babel.messages.pofile import read_po, write_po
from flask import Flask, current_app
from flask.cli import AppGroup
from rq import SimpleWorker

from app import demo, doctor
from app.auth import services as accounts
from app.config import TRANSLATIONS
from app.markup import render_again
from app.models import Role
from app.tasks import job_queue

mipas_cli = AppGroup("mipas", help="Run MIPAS tasks.")


def init_cli(app: Flask) -> None:
    app.cli.add_command(mipas_cli)


@mipas_cli.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", "display_name", prompt="Display name")
@click.option("--language", type=click.Choice(["lt", "en", "ru"]), default="lt")
def create_admin(email: str, display_name: str, language: str) -> None:
    """Create an administrator; the password is asked for or read from MIPAS_ADMIN_PASSWORD."""
    password = os.environ.get("MIPAS_ADMIN_PASSWORD") or getpass.getpass("Password: ")
    if len(password) < 10:
        raise click.ClickException("The password must be at least 10 characters long.")
    try:
        accounts.create_account(email, display_name, password, Role.ADMIN, language)
    except accounts.EmailTaken as error:
        raise click.ClickException(f"An account with {email} already exists.") from error
    click.echo(f"Administrator {email} created.")


@mipas_cli.command("load-demo")
def load_demo() -> None:
    """Load the demo accounts, organisations and content once (never in production)."""
    if current_app.config.get("MIPAS_ENV") == "production":
        raise click.ClickException("Demo content is never loaded in production.")
    if demo.load():
        click.echo("Demo content loaded. Sign in as member@mipas.example / demo-password.")
    else:
        click.echo("Demo content is already there.")


@mipas_cli.command("render-markdown")
def render_markdown() -> None:
    """Render every post and article again, after a change of what HTML the site allows."""
    changed = render_again(current_app.extensions["rendered_markdown"])
    for model, count in changed.items():
        click.echo(f"{model}: {count} changed")


@mipas_cli.command("worker")
def worker() -> None:
    """Run an RQ worker for mail and other jobs (needs REDIS_URL)."""
    if not current_app.config.get("REDIS_URL"):
        raise click.ClickException("Set REDIS_URL to run a worker; without it jobs run inline.")
    queue = job_queue()
    # Jobs run in this process, inside the application context the command opened.
    SimpleWorker([queue], connection=queue.connection).work()


@mipas_cli.command("doctor")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Web worker processes to check for (default: $WEB_CONCURRENCY, else 2, as gunicorn).",
)
def doctor_command(workers: int | None) -> None:
    """Check the configuration and the services; exit with 1 if something must be fixed."""
    findings = doctor.examine(workers)
    click.echo(doctor.report(findings))
    if any(finding.level is doctor.Level.PROBLEM for finding in findings):
        raise SystemExit(1)


@mipas_cli.command("fill-english-catalog")
def fill_english_catalog() -> None:
    """Copy every English message id into its translation (the source text is English)."""
    path = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            message.string = (message.id[0], message.id[1])
        else:
            message.string = message.id
        message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False)
    click.echo(f"{path} filled.")
