"""MIPAS application factory: the composition root that wires every package together."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.engine import Engine

import api
import forum
import forum.knowledge
import forum.publication
import moderation
import news
import search
from app import cli, errors, navigation, tasks
from app.access_log import init_access_log
from app.auth import bp as auth_bp
from app.auth import init_login
from app.config import (
    LANGUAGES,
    MIGRATIONS,
    TRANSLATIONS,
    DefaultConfig,
    environment_overrides,
    finish_config,
)
from app.extensions import babel, csrf, db, limiter, login_manager, migrate
from app.locale import (
    LANGUAGE_NAMES,
    OPEN_GRAPH_LOCALES,
    current_language,
    duration,
    format_moment,
    init_locale,
    install_template_gettext,
    language_url,
    select_locale,
    time_ago,
)
from app.main import bp as main_bp
from app.main import site
from app.main.services import SITE_PAGES
from app.markup import RenderedColumn
from app.page_cache import HOME, SiteInvalidation, init_page_cache
from app.permissions import (
    Action,
    current_user_actions_on,
    current_user_can,
    current_user_can_see,
)
from app.routing import init_routing
from app.security import init_security
from forum import cached_pages as forum_cached_pages
from forum import demo as forum_demo
from forum import feeds as forum_feeds
from forum import personal_data as forum_personal_data
from forum import sitemap as forum_sitemap
from forum.knowledge import demo as knowledge_demo
from forum.knowledge import feeds as knowledge_feeds
from forum.knowledge import personal_data as knowledge_personal_data
from forum.knowledge import sitemap as knowledge_sitemap
from forum.knowledge.models import Article
from forum.models import Answer, Comment, Question
from forum.notify import NOTIFICATIONS_LINK
from forum.publication import personal_data as publication_personal_data
from forum.views import consultations_link, home_topics
from moderation import demo as moderation_demo
from moderation import personal_data as moderation_personal_data
from moderation import policy as submission_policy
from moderation import queues as moderation_queues
from moderation.member_views import apply_as_expert_link
from moderation.public_figures import NUMBERS_LINK
from news import cached_pages as news_cached_pages
from news import demo as news_demo
from news import feeds as news_feeds
from news import personal_data as news_personal_data
from news import sitemap as news_sitemap
from news.models import NewsItem
from news.views import home_news, organisation_events

# the feature packages' settings (name -> default), read from the environment like app's own
FEATURE_SETTINGS: dict[str, object] = {**search.SETTINGS, **api.SETTINGS}


def create_app(config: dict | None = None) -> Flask:
    """Create and configure the MIPAS application."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(DefaultConfig)
    app.config.from_mapping(FEATURE_SETTINGS)
    app.config.update(environment_overrides(feature_settings=FEATURE_SETTINGS))
    if config:
        app.config.update(config)
    finish_config(app.config, Path(app.instance_path))
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS)
    configure_logging(app)
    init_extensions(app)
    register_blueprints(app)
    register_template_helpers(app)
    register_cached_pages(app)
    return app


def configure_logging(app: Flask) -> None:
    if not logging.getLogger("mipas").handlers:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")


def init_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS))
    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.localize_callback = str
    init_login(login_manager)
    init_routing(app)
    init_locale(app)
    init_security(app)
    init_access_log(app)
    tasks.listen()


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    """Let SQLite readers and the writer work at once, and keep foreign keys honest."""
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def register_blueprints(app: Flask) -> None:
    app.register_blueprint(site)
    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(forum.bp)
    app.register_blueprint(forum.knowledge.bp)
    app.register_blueprint(forum.publication.bp)
    app.register_blueprint(moderation.bp)
    app.register_blueprint(news.bp)
    app.register_blueprint(news.calendar_bp)
    errors.init_errors(app)
    app.extensions["demo_loaders"] = [
        forum_demo.load,
        knowledge_demo.load,
        news_demo.load,
        moderation_demo.load,
    ]
    # every stored Markdown text, for `flask mipas render-markdown`
    app.extensions["rendered_markdown"] = [
        RenderedColumn(Question),
        RenderedColumn(Answer),
        RenderedColumn(Comment),
        RenderedColumn(Article),
        RenderedColumn(NewsItem),
    ]
    # what /sitemap.xml lists, in this order, and what organisation pages show beside experts
    app.extensions["sitemap_sources"] = [
        SITE_PAGES,
        forum_sitemap.TOPICS,
        knowledge_sitemap.ARTICLES,
        news_sitemap.NEWS,
        forum_sitemap.THREADS,
    ]
    # the Atom feeds at /feeds/<lang>/<name>.xml, in the order the home page announces them
    app.extensions["feeds"] = [news_feeds.NEWS, forum_feeds.QUESTIONS, knowledge_feeds.ARTICLES]
    # what feature packages add to app's pages (app/navigation.py); search adds the header's
    # search box itself
    app.extensions["home_sections"] = [home_topics, home_news]
    app.extensions["organisation_sections"] = [organisation_events]
    app.extensions["profile_sections"] = [consultations_link, apply_as_expert_link]
    app.extensions["account_links"] = [NOTIFICATIONS_LINK]
    app.extensions["about_links"] = [NUMBERS_LINK]
    app.extensions["submission_policy"] = submission_policy.decide
    # whose private consultations a verified expert reads (app/permissions.py asks)
    app.extensions["expert_topics"] = moderation_queues.verified_topic_ids
    # each package's share of a member's export and deletion; deletions run in this order,
    # and moderation's last, so that the audit entry counts what the others removed
    # (publication's before the forum's: its public questions go whole, not kept without text)
    app.extensions["personal_data"] = [
        publication_personal_data.PART,
        forum_personal_data.PART,
        knowledge_personal_data.PART,
        news_personal_data.PART,
        moderation_personal_data.PART,
    ]
    # endpoint, label, and the action a person needs to see the link (None: everyone)
    app.config["NAVIGATION"] = [
        ("forum.questions", _l("Questions"), None),
        ("forum.ask", _l("Ask a question"), None),
        ("knowledge.index", _l("Knowledge base"), None),
        ("news.index", _l("News"), None),
        ("main.organisations", _l("Organisations"), None),
        ("moderation.dashboard", _l("Moderation"), Action.VIEW_QUEUES),
        ("news.new", _l("Write news"), Action.PUBLISH_NEWS),
    ]
    cli.init_cli(app)
    search.init_app(app)
    api.init_app(app)


def register_cached_pages(app: Flask) -> None:
    # the writes each package knows change its pages: they bump the pages' versions
    app.extensions["page_invalidations"] = [
        SiteInvalidation(),
        forum_cached_pages.INVALIDATION,
        news_cached_pages.INVALIDATION,
    ]
    # the pages visitors get from the page cache
    init_page_cache(app, [HOME, *forum_cached_pages.PAGES, *news_cached_pages.PAGES])


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.filters["ago"] = time_ago
    app.jinja_env.filters["datetimeformat"] = format_moment
    app.jinja_env.filters["duration"] = duration
    install_template_gettext(app)
    app.jinja_env.globals.update(
        can=current_user_can,
        can_see=current_user_can_see,
        actions_on=current_user_actions_on,
        Action=Action,
        LANGUAGES=LANGUAGES,
        LANGUAGE_NAMES=LANGUAGE_NAMES,
        OPEN_GRAPH_LOCALES=OPEN_GRAPH_LOCALES,
        current_language=current_language,
        language_url=language_url,
        site_search=navigation.site_search,
        account_links=navigation.account_links,
        about_links=navigation.about_links,
    )
