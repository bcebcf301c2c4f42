"""Knowledge-base pages: the list, an article, and the staff pages that write articles."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from app.content import ContentError, SlugTaken, translations
from app.content_views import ContentPages
from app.forms import ActionForm
from app.locale import current_language
from app.main.services import all_topics, topic_by_slug
from app.models import utctoday
from app.permissions import Action, can, require
from app.routing import bounded_number
from app.security import safe_next_url
from forum import queries as forum_queries
from forum.forms import topic_choices
from forum.knowledge import bp, queries, services
from forum.knowledge.forms import ArchiveForm, ArticleForm, EditArticleForm, NewArticleForm
from forum.knowledge.models import ARTICLE_LANGUAGES, Article, ArticleStatus


@bp.route("/kb/")
def index():
    topic = topic_by_slug(request.args.get("topic", "")) if request.args.get("topic") else None
    return render_template(
        "knowledge/index.html",
        listed=queries.published_articles(current_language(), topic.id if topic else None),
        topics=all_topics(),
        topic=topic,
        unpublished=queries.unpublished() if can(current_user, Action.PROPOSE_ARTICLE) else [],
    )


def _article_or_404(slug: str) -> Article:
    """The article at `slug`; drafts and archived articles exist for staff only."""
    article = queries.article_by_slug(slug)
    if article is None:
        abort(404)
    if not article.is_published and not can(current_user, Action.PROPOSE_ARTICLE):
        abort(404)
    return article


@bp.route("/kb/<slug>")
def article(slug: str):
    found = _article_or_404(slug)
    staff = can(current_user, Action.PROPOSE_ARTICLE)
    return render_template(
        "knowledge/article.html",
        article=found,
        translations=translations(found, published_only=not staff),
        overdue=found.is_overdue(utctoday()),
        missing_languages=_missing_languages(found),
        next_url=safe_next_url(request.args.get("next")),
    )


def _missing_languages(article: Article) -> list[str]:
    present = {article.language, *(t.language for t in translations(article, False))}
    return [code for code in ARTICLE_LANGUAGES if code not in present]


def _draft(form: ArticleForm, language: str) -> services.ArticleDraft:
    return services.ArticleDraft(
        title=form.title.data,
        summary=form.summary.data,
        body=form.body.data,
        topic_id=form.topic.data,
        language=language,
        slug=form.slug.data or "",
        legal_basis=form.legal_basis.data or "",
        sources=form.sources.data or "",
        submission_key=form.submission_key.data,
    )


def _fill_form(form: ArticleForm, draft: services.ArticleDraft) -> None:
    form.title.data, form.summary.data, form.body.data = draft.title, draft.summary, draft.body
    form.topic.data, form.slug.data = draft.topic_id, draft.slug
    form.legal_basis.data, form.sources.data = draft.legal_basis, draft.sources


def _show_error(form: ArticleForm, error: ContentError) -> None:
    """Put a service's refusal next to the field it is about."""
    if isinstance(error, services.NotAProposal):
        abort(404)
    if isinstance(error, SlugTaken):
        form.slug.errors = [_("Another article already has this address. Choose another one.")]
    elif isinstance(error, services.UnknownTopic):
        form.topic.errors = [_("Choose a topic from the list.")]


PAGES = ContentPages(
    "knowledge.article",
    "knowledge.index",
    queries.article_by_id,
    _l("The draft is saved. It is not public until a moderator publishes it."),
    _l("This article already has a version in that language."),
)


@bp.route("/kb/new", methods=["GET", "POST"])
@login_required
def new():
    require(Action.PROPOSE_ARTICLE)
    answer = forum_queries.answer(bounded_number(request.args.get("answer"), default=0))
    if answer is None or answer.question.accepted_answer_id != answer.id:
        abort(404)
    form = NewArticleForm()
    form.topic.choices = topic_choices()
    if request.method == "GET":
        draft = services.draft_from_answer(answer)
        _fill_form(form, draft)
        form.language.data = draft.language
    elif sent := PAGES.write(
        form,
        lambda: services.create_article_from_answer(
            current_user, answer, _draft(form, form.language.data)
        ),
        _show_error,
    ):
        return sent
    return render_template("knowledge/new.html", form=form, answer=answer)


@bp.route("/kb/<slug>/translate", methods=["GET", "POST"])
@login_required
def translate(slug: str):
    require(Action.PROPOSE_ARTICLE)
    original = _article_or_404(slug)
    language = request.args.get("to", "")
    if language not in ARTICLE_LANGUAGES or language == original.language:
        abort(404)
    form = ArticleForm()
    form.topic.choices = topic_choices()
    if request.method == "GET":
        form.topic.data = original.topic_id
        # the official pages stay the same in every language; the words are the translator's
        form.sources.data = original.sources
    elif sent := PAGES.write(
        form,
        lambda: services.create_translation(current_user, original, _draft(form, language)),
        _show_error,
    ):
        return sent
    return render_template(
        "knowledge/translate.html", form=form, original=original, language=language
    )


@bp.route("/kb/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit(slug: str):
    require(Action.PROPOSE_ARTICLE)
    found = _article_or_404(slug)
    form = EditArticleForm()
    form.topic.choices = topic_choices()
    if request.method == "GET":
        _fill_form(
            form,
            services.ArticleDraft(
                found.title,
                found.summary,
                found.body,
                found.topic_id,
                found.language,
                found.slug,
                found.legal_basis,
                found.sources,
            ),
        )
    elif sent := PAGES.write(
        form,
        lambda: services.edit_article(current_user, found, _draft(form, found.language)),
        _show_error,
        lambda _nothing: PAGES.changes_saved(found),
    ):
        return sent
    return render_template("knowledge/edit.html", form=form, article=found)


@bp.route("/kb/<slug>/<any(publish,archive,review):decision>", methods=["POST"])
@login_required
def decide(slug: str, decision: str):
    """Publish, archive or mark an article as reviewed (curators only)."""
    require(Action.CURATE_KNOWLEDGE_BASE)
    found = _article_or_404(slug)
    form = ArchiveForm() if decision == "archive" else ActionForm()

    def act() -> str:
        if decision == "publish":
            services.publish_article(current_user, found)
            return _("The article is published.")
        if decision == "archive":
            services.archive_article(current_user, found, form.reason.data or "")
            return _("The article is archived.")
        services.mark_reviewed(current_user, found)
        return _(
            "Marked as reviewed: the next review is due on %(date)s.",
            date=format_date(found.review_due),
        )

    return PAGES.decide(found, form, act, _refused)


def _refused(error: ContentError) -> str:
    """Why a decision was refused (publishing needs a source)."""
    return _(
        "Add at least one official source (Edit, “Official sources”) before publishing the article."
    )


ARTICLE_STATES = {
    ArticleStatus.DRAFT.value: _l("draft"),
    ArticleStatus.PUBLISHED.value: _l("published"),
    ArticleStatus.ARCHIVED.value: _l("archived"),
}


@bp.app_context_processor
def article_states() -> dict:
    """Labels for article states, for every page that lists articles (staff pages too)."""
    return {"article_states": ARTICLE_STATES}
