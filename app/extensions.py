"""Flask extensions, created unbound and attached to the application in create_app."""

from collections.abc import Callable

from flask import current_app
from flask_babel import Babel
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.orm import Session

from app.security import client_key

# Named constraints keep migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING_CONVENTION))
migrate = Migrate(render_as_batch=True, compare_type=True)
babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=client_key, default_limits=[])


@limiter.request_filter
def _limits_off_in_this_app() -> bool:
    """Honour each application's own RATELIMIT_ENABLED.

    Flask-Limiter keeps "enabled" on the one shared Limiter, so the application created last
    in a process would decide for all of them (the tests' live server and an app that tests
    the limits); asking the current application keeps each as configured.
    """
    return not current_app.config.get("RATELIMIT_ENABLED", True)


_session_listeners: set[str] = set()


def listen_to_every_session(name: str, handlers: dict[str, Callable]) -> None:
    """Listen to events of every SQLAlchemy session of the process, once per `name`.

    The search outbox, the page versions and the jobs after commit follow each transaction
    this way; `create_app` may run more than once in a process (tests, the CLI).
    """
    if name in _session_listeners:
        return
    for event_name, handler in handlers.items():
        event.listen(Session, event_name, handler)
    _session_listeners.add(name)
