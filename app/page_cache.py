"""The visitors' page cache: rendered HTML kept by address, language and content versions.

A page that features register (a `CachedPage`) names the content versions it is made of, its
scopes ("thread:12", "kb", "site"). Each scope has a row in `page_version`; the writes that
change a page bump its scopes' rows in their own transaction, as the search outbox writes its
rows, so a change and its new version are committed together or not at all. A visitor's
request reads the versions of its page (one query) and looks for HTML stored under them: a
change makes a new key, so no process can serve a page from before it, whichever process
made the change. The HTML lives in Redis when `REDIS_URL` is set (shared by every process),
else in a bounded store in the process's memory.

Visitors' pages are cached: a GET without an account, flashes or a CSRF token in the
session; a page whose rendering touches the session or makes a CSRF token is never stored.

A page may also be shared between signed-in readers (`CachedPage.reader`): the thread page of
a reader who has no part in the thread is the same for everybody of the same standing (role,
state, expertise), apart from the header's account menu, the CSRF token and the forms'
one-time submission keys. It is kept with those three cut out and put back fresh for each
reader, under a key that adds the standing to the versions. A reader who asked, answered,
commented, marked or follows the thread has a page of their own, kept for them alone (the
feature's `reader` adds who they are to the key).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from typing import Any, Protocol

from flask import Flask, Response, current_app, g, has_app_context, make_response, request, session
from flask_wtf.csrf import generate_csrf
from redis import Redis
from sqlalchemy import Delete, String, Update, bindparam, inspect, select
from sqlalchemy.dialects.postgresql import insert as postgres_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, UOWTransaction, mapped_column

from app import submissions
from app.config import PROJECT_ROOT
from app.extensions import db, listen_to_every_session
from app.locale import current_language
from app.models import HelpContact, Organisation, Topic, User

log = logging.getLogger("mipas.page_cache")

# bumped with every other scope: the pages made of everything (the home page)
ANY = "any"
# bumped by what shows on every page (names, topics, organisations): every page depends on it
SITE = "site"
# session.info: the scopes this transaction changes, to be bumped as it commits; the scopes it
# has bumped (once per transaction is enough); and whether its versions are bumped already
PENDING = "page_versions_pending"
BUMPED = "page_versions_bumped"
COMMITTING = "page_versions_committing"
# the session keys a visitor may have without the page depending on the session
VISITOR_SESSION_KEYS = frozenset({"csrf_token"})
HIT_HEADER = "X-Page-Cache"
# where Flask-Login keeps the signed-in account's id in the session
SIGNED_IN_KEY = "_user_id"


class PageVersion(db.Model):
    """The content version of one scope of pages; a write that changes them adds one."""

    __tablename__ = "page_version"

    scope: Mapped[str] = mapped_column(String(80), primary_key=True)
    version: Mapped[int] = mapped_column(default=0)


@dataclass(frozen=True)
class CachedPage:
    """A page kept for visitors: its endpoint and the scopes it is made of.

    `scopes(view_args)` returns None for a request of the page that is not to be cached (a
    later page of a list, an unknown topic). `on_hit` runs when the page is served from the
    cache or revalidated, for what a view does besides rendering (counting a view).
    `reader(view_args)`, for a page kept for signed-in readers, returns what the page depends
    on of the signed-in reader (their standing, and who they are when the page shows things
    of their own), or None when it is not to be kept; without it, signed-in readers' pages
    are never cached.
    """

    endpoint: str
    scopes: Callable[[dict[str, Any]], Iterable[str] | None]
    on_hit: Callable[[dict[str, Any]], None] | None = None
    reader: Callable[[dict[str, Any]], Hashable | None] | None = None


class PageInvalidation(Protocol):
    """What a feature tells the cache about the writes that change its pages."""

    def flushed(self, session: Session) -> set[str]:
        """The scopes that the objects of this flush (new, dirty, deleted) change."""

    def statement(self, session: Session, statement: Update | Delete) -> set[str]:
        """The scopes that an UPDATE or DELETE statement run through the session changes."""


# ---------------------------------------------------------------------------------------------
# versions


def bump(session: Session, scopes: Iterable[str]) -> None:
    """Add one to the version of each scope, on the session's connection (its transaction)."""
    bumped: set[str] = session.info.setdefault(BUMPED, set())
    wanted = sorted({*scopes, ANY} - bumped) if scopes else []
    if not wanted:
        return
    connection = session.connection()
    insert = postgres_insert if connection.dialect.name == "postgresql" else sqlite_insert
    table = PageVersion.__table__
    # in sorted order: two transactions lock the rows they share in the same order
    for scope in wanted:
        statement = insert(table).values(scope=scope, version=1)
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=[table.c.scope], set_={"version": table.c.version + 1}
            )
        )
    bumped.update(wanted)


# built once and run on the session's connection, not through the ORM: this query is most of
# a cache hit, and building it and the ORM's execution path took half of its time
VERSIONS = select(PageVersion.__table__.c.scope, PageVersion.__table__.c.version).where(
    PageVersion.__table__.c.scope.in_(bindparam("names", expanding=True))
)


def versions(scopes: Iterable[str]) -> tuple[tuple[str, int], ...]:
    """The current version of each scope (0 for one never changed), in a fixed order."""
    names = sorted(set(scopes))
    found = dict(db.session.connection().execute(VERSIONS, {"names": names}).all())
    return tuple((name, found.get(name, 0)) for name in names)


def _invalidations() -> list[PageInvalidation]:
    if not has_app_context():
        return []
    return current_app.extensions.get("page_invalidations", [])


def _note(session: Session, scopes: set[str]) -> None:
    """Keep the scopes for the commit; a flush after the versions were bumped bumps at once."""
    if not scopes:
        return
    if session.info.get(COMMITTING):
        bump(session, scopes)
    else:
        session.info.setdefault(PENDING, set()).update(scopes)


def _after_flush(session: Session, flush_context: UOWTransaction) -> None:
    scopes: set[str] = set()
    for invalidation in _invalidations():
        scopes |= invalidation.flushed(session)
    _note(session, scopes)


def _statement(state: ORMExecuteState) -> None:
    if not isinstance(state.statement, Update | Delete):
        return
    if getattr(state.statement.table, "name", None) == PageVersion.__tablename__:
        return
    scopes: set[str] = set()
    for invalidation in _invalidations():
        scopes |= invalidation.statement(state.session, state.statement)
    _note(state.session, scopes)


def _before_commit(session: Session) -> None:
    # The versions are the transaction's last writes: the rows every write shares ("any",
    # "questions") stay locked only from here to the commit, after the transaction's other
    # locks, so two transactions never wait for each other in a circle (PostgreSQL).
    if session.in_nested_transaction():
        return  # a savepoint: its scopes wait for the transaction's commit
    session.flush()
    pending = session.info.pop(PENDING, None)
    if pending:
        bump(session, pending)
    session.info[COMMITTING] = True


def _transaction_ended(session: Session, transaction) -> None:
    if transaction.parent is None:
        for key in (PENDING, COMMITTING, BUMPED):
            session.info.pop(key, None)


def listen() -> None:
    """Bump page versions for the writes of every session of the process."""
    listen_to_every_session(
        "page versions",
        {
            "after_flush": _after_flush,
            "do_orm_execute": _statement,
            "before_commit": _before_commit,
            "after_transaction_end": _transaction_ended,
        },
    )


# the account columns no visitor's page shows: changing them renews nothing
UNSHOWN_ACCOUNT_COLUMNS = frozenset(
    {
        "email",
        "password_hash",
        "language",
        "privacy_accepted_at",
        "email_confirmed_at",
        "email_notifications",
    }
)
SHARED_MODELS = (Topic, Organisation, HelpContact)


class SiteInvalidation:
    """Names, topics and organisations show on pages of every kind: a change renews them all.

    A new account shows nowhere until it writes, and then its post renews its pages.
    """

    def flushed(self, session: Session) -> set[str]:
        for obj in (*session.dirty, *session.deleted):
            if isinstance(obj, User):
                state = inspect(obj)
                changed = {attr.key for attr in state.attrs if attr.history.has_changes()}
                if obj in session.deleted or changed - UNSHOWN_ACCOUNT_COLUMNS:
                    return {SITE}
        objects = (*session.new, *session.dirty, *session.deleted)
        return {SITE} if any(isinstance(obj, SHARED_MODELS) for obj in objects) else set()

    def statement(self, session: Session, statement: Update | Delete) -> set[str]:
        table = getattr(statement.table, "name", None)
        tables = {model.__tablename__ for model in (User, *SHARED_MODELS)}
        return {SITE} if table in tables else set()


HOME = CachedPage("main.home", lambda view_args: [ANY])


# ---------------------------------------------------------------------------------------------
# where the HTML is kept


class MemoryStore:
    """Pages in this process's memory, the least recently used dropped past `limit` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self._pages: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            found = self._pages.get(key)
            if found is None:
                return None
            expires, body = found
            if expires < time.monotonic():
                self._drop(key)
                return None
            self._pages.move_to_end(key)
            return body

    def put(self, key: str, body: bytes, seconds: int) -> None:
        if len(body) > self.limit:
            return
        with self._lock:
            if key in self._pages:
                self._drop(key)
            self._pages[key] = (time.monotonic() + seconds, body)
            self.size += len(body)
            while self.size > self.limit:
                self._drop(next(iter(self._pages)))

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self.size = 0

    def _drop(self, key: str) -> None:
        _, body = self._pages.pop(key)
        self.size -= len(body)


class RedisStore:
    """Pages in Redis, shared by every process; Redis expires them."""

    PREFIX = "mipas:page:"

    def __init__(self, url: str) -> None:
        self.redis = Redis.from_url(url)

    def get(self, key: str) -> bytes | None:
        try:
            return self.redis.get(self.PREFIX + key)
        except Exception:  # a cache that is down serves nothing, it never fails a page
            log.warning("Reading a page from Redis failed.", exc_info=True)
            return None

    def put(self, key: str, body: bytes, seconds: int) -> None:
        try:
            self.redis.set(self.PREFIX + key, body, ex=seconds)
        except Exception:
            log.warning("Storing a page in Redis failed.", exc_info=True)

    def clear(self) -> None:
        for key in self.redis.scan_iter(self.PREFIX + "*"):
            self.redis.delete(key)


@dataclass
class PageCache:
    """The cache of one application: where pages are kept, and how often they were found."""

    store: MemoryStore | RedisStore
    seconds: int
    release: str
    hits: int = 0
    misses: int = 0
    pages: dict[str, CachedPage] = field(default_factory=dict)

    @property
    def hit_ratio(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0


def is_visitor() -> bool:
    """Whether this request is a visitor's: no account, no flashes, nothing of a member."""
    if request.method != "GET":
        return False
    if request.cookies.get(current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")):
        return False
    return set(session.keys()) <= VISITOR_SESSION_KEYS


def release_fingerprint(folders: Iterable[Path], database: str) -> str:
    """What tells this release's pages from another's: the templates' and catalogs' times,
    and the database they are made from."""
    digest = hashlib.sha1(database.encode(), usedforsecurity=False)
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".html", ".mo", ".xml", ".txt"}:
                digest.update(f"{path}:{path.stat().st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


def _visitor_headers(response: Response, etag: str) -> Response:
    response.set_etag(etag)
    response.headers["Cache-Control"] = "public, no-cache"
    response.vary.add("Cookie")
    return response


def _page_key(cache: PageCache, scopes: Iterable[str], *more: str) -> str:
    key_text = "|".join(
        [
            cache.release,
            current_language(),
            request.full_path,
            repr(versions([*scopes, SITE])),
            *more,
        ]
    )
    return hashlib.sha1(key_text.encode(), usedforsecurity=False).hexdigest()


def _serve(cache: PageCache, page: CachedPage, view: Callable, view_args: dict[str, Any]):
    if not is_visitor():
        if page.reader is not None and is_reader():
            return _serve_reader(cache, page, view, view_args)
        return view(**view_args)
    scopes = page.scopes(view_args)
    if scopes is None:
        return view(**view_args)
    key = _page_key(cache, scopes)
    if request.if_none_match.contains(key):
        cache.hits += 1
        if page.on_hit:
            page.on_hit(view_args)
        return _visitor_headers(Response(status=304), key)
    body = cache.store.get(key)
    if body is not None:
        cache.hits += 1
        if page.on_hit:
            page.on_hit(view_args)
        response = Response(body, mimetype="text/html")
        response.headers[HIT_HEADER] = "hit"
        return _visitor_headers(response, key)
    cache.misses += 1
    response = make_response(view(**view_args))
    if response.status_code != 200:
        return response
    # a page that made a CSRF token or changed the session is this visitor's own
    if session.modified or "csrf_token" in g:
        return response
    cache.store.put(key, response.get_data(), cache.seconds)
    response.headers[HIT_HEADER] = "miss"
    return _visitor_headers(response, key)


# ---------------------------------------------------------------------------------------------
# pages shared by signed-in readers

# Stand-ins for what each reader gets fresh, in a kept page. No page holds a NUL character:
# requests with one are refused (app/security.py), and templates write none.
ACCOUNT_MENU_MARK = "\x00account\x00"
CSRF_MARK = "\x00csrf\x00"
KEY_MARK = "\x00key\x00"
# the block of base.html that draws the signed-in reader's account menu
ACCOUNT_MENU_BLOCK = ("base.html", "account_menu")


def is_reader() -> bool:
    """Whether this request is a signed-in reader's GET with nothing of its own to show."""
    return (
        request.method == "GET" and bool(session.get(SIGNED_IN_KEY)) and "_flashes" not in session
    )


def _account_menu() -> str:
    """The header's account menu for this request's reader, drawn alone."""
    name, block = ACCOUNT_MENU_BLOCK
    template = current_app.jinja_env.get_template(name)
    context: dict[str, Any] = {}
    current_app.update_template_context(context)
    return "".join(template.blocks[block](template.new_context(context)))


def _cut_out(page: str) -> str | None:
    """The page with the reader's own parts replaced by stand-ins; None if one is not found
    exactly where it is expected (then the page is not kept)."""
    if "\x00" in page:
        return None
    menu = _account_menu()
    if page.count(menu) != 1:
        return None
    page = page.replace(menu, ACCOUNT_MENU_MARK)
    page = page.replace(generate_csrf(), CSRF_MARK)
    for key in submissions.issued_keys():
        if page.count(key) > 1:
            return None
        page = page.replace(key, KEY_MARK)
    return page


def _fill_in(kept: str) -> str:
    """A kept page made this reader's: their account menu, CSRF token and fresh keys."""
    parts = kept.replace(ACCOUNT_MENU_MARK, _account_menu(), 1).split(KEY_MARK)
    filled = [parts[0]]
    for part in parts[1:]:
        filled.extend((submissions.new_key(), part))
    return "".join(filled).replace(CSRF_MARK, generate_csrf())


def _serve_reader(cache: PageCache, page: CachedPage, view: Callable, view_args: dict[str, Any]):
    scopes = page.scopes(view_args)
    standing = page.reader(view_args) if scopes is not None else None  # type: ignore[misc]
    if standing is None:
        return view(**view_args)
    key = _page_key(cache, scopes, "reader", repr(standing))
    kept = cache.store.get(key)
    if kept is not None:
        cache.hits += 1
        if page.on_hit:
            page.on_hit(view_args)
        response = Response(_fill_in(kept.decode()), mimetype="text/html")
        response.headers[HIT_HEADER] = "hit"
        return response
    cache.misses += 1
    response = make_response(view(**view_args))
    if response.status_code != 200 or "_flashes" in session:
        return response
    cut = _cut_out(response.get_data(as_text=True))
    if cut is not None:
        cache.store.put(key, cut.encode(), cache.seconds)
        response.headers[HIT_HEADER] = "miss"
    return response


def _cached_view(cache: PageCache, page: CachedPage, view: Callable) -> Callable:
    @wraps(view)
    def cached(**view_args):
        return _serve(cache, page, view, view_args)

    return cached


def init_page_cache(app: Flask, pages: Iterable[CachedPage]) -> None:
    """Serve the registered pages from the cache, and keep members' pages out of every cache.

    Called once the blueprints are registered: it wraps their views.
    """
    listen()

    @app.after_request
    def members_pages_are_private(response: Response) -> Response:
        # the session says who is signed in; asking the account would read it again
        if "Cache-Control" not in response.headers and session.get(SIGNED_IN_KEY):
            response.headers["Cache-Control"] = "private, no-store"
        return response

    if not app.config.get("PAGE_CACHE"):
        return
    redis_url = app.config.get("REDIS_URL")
    store = (
        RedisStore(redis_url)
        if redis_url
        else MemoryStore(int(app.config["PAGE_CACHE_MEMORY_MB"] * 1024 * 1024))
    )
    folders = [PROJECT_ROOT / "translations", *_template_folders(app)]
    # pages of another database (a second site on the same Redis) are never this one's
    release = release_fingerprint(folders, app.config["SQLALCHEMY_DATABASE_URI"])
    cache = PageCache(store, int(app.config["PAGE_CACHE_SECONDS"]), release)
    for page in pages:
        cache.pages[page.endpoint] = page
        app.view_functions[page.endpoint] = _cached_view(
            cache, page, app.view_functions[page.endpoint]
        )
    app.extensions["page_cache"] = cache


def _template_folders(app: Flask) -> list[Path]:
    folders = [Path(app.root_path) / (app.template_folder or "templates")]
    for blueprint in app.blueprints.values():
        if blueprint.template_folder:
            folders.append(Path(blueprint.root_path) / blueprint.template_folder)
    return [folder for folder in folders if folder.is_dir()]
