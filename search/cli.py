"""The `flask search ...` commands: rebuild the index, check it, run the indexer."""

from __future__ import annotations

import signal
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from search.indexer import SearchService
from search.unmatched import forget_unmatched

search_cli = AppGroup("search", help="Build, check and feed the search index.")


def _service() -> SearchService:
    return current_app.extensions["search"]


@search_cli.command("reindex")
def reindex() -> None:
    """Rebuild the whole search index from the database."""
    service = _service()
    if service.rebuilt_at_startup is not None:
        click.echo(
            f"The index was missing or unusable and was rebuilt as the command started: "
            f"{service.rebuilt_at_startup} documents."
        )
        return
    expected = service.expected_count()
    with click.progressbar(length=expected, label="Indexing", show_pos=True) as bar:
        total = service.rebuild(progress=bar.update)
    click.echo(f"Indexed {total} documents ({service.backend_name}).")


@search_cli.command("check")
@click.option("--repair/--report-only", default=True, help="Fix what differs (the default).")
def check(repair: bool) -> None:
    """Report documents missing from the index, stale in it or there by mistake, and fix them."""
    service = _service()
    drift = service.check(repair=repair)
    click.echo(
        f"missing: {len(drift.missing)}, stale: {len(drift.stale)}, extra: {len(drift.extra)}, "
        f"waiting in the outbox: {drift.pending}"
    )
    for label, keys in (("missing", drift.missing), ("stale", drift.stale), ("extra", drift.extra)):
        for kind, document_id in sorted(keys)[:20]:
            click.echo(f"  {label}: {kind} {document_id}")
    if drift.clean:
        click.echo("The index matches the database.")
    elif repair:
        click.echo("Repaired.")
    else:
        raise click.ClickException("The index differs from the database.")


@search_cli.command("backup")
@click.argument("archive", type=click.Path(dir_okay=False, writable=True, path_type=Path))
def backup(archive: Path) -> None:
    """Write the Whoosh index into ARCHIVE (.tar.gz), while no indexer writes to it.

    deploy/restore.sh puts it back with tar, before any command opens the index.
    """
    service = _service()
    if service.backend_name != "whoosh":
        click.echo("The PostgreSQL backend keeps the index in the database: back that up.")
        return
    documents = service.backend.backup(archive)  # type: ignore[attr-defined]
    click.echo(f"Backed up the search index ({documents} documents) to {archive}.")


@search_cli.command("worker")
@click.option("--poll", default=0.5, show_default=True, help="Seconds between empty polls.")
def worker(poll: float) -> None:
    """Apply the search outbox continuously (the one indexer when several app processes run)."""
    service = _service()
    stopping = False

    def stop(signum, frame) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    click.echo(f"Search indexer running ({service.backend_name}); Ctrl+C stops it.")
    service.run_worker(poll, lambda: stopping)
    click.echo("Search indexer stopped.")


@search_cli.command("forget-searches")
@click.option("--days", type=int, default=None, help="Keep this many days (SEARCH_LOG_DAYS).")
def forget_searches(days: int | None) -> None:
    """Drop the logged searches that found nothing once they are older than SEARCH_LOG_DAYS."""
    kept = current_app.config["SEARCH_LOG_DAYS"] if days is None else days
    dropped = forget_unmatched(kept)
    click.echo(f"Forgot {dropped} searches older than {kept} days.")
