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
        listed=queries.published_articles(
            current_language(), topic.id if topic else None, utctoday()
        ),
        topics=all_topics(),
        topic=topic,
        unpublished=queries.unpublished() if can(current_user, Action.PROPOSE_ARTICLE) else [],
    )


@bp.route("/kb/<slug>")
def article(slug: str):
    found = PAGES.item_or_404(slug)
    staff = can(current_user, Action.PROPOSE_ARTICLE)
    if found.is_published:
        services.count_article_view(found.id)
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


def _fill_form(form: ArticleForm, draft: services.ArticleDraft | Article) -> None:
    form.title.data, form.summary.data, form.body.data = draft.title, draft.summary, draft.body
    form.topic.data, form.slug.data = draft.topic_id, draft.slug
    form.legal_basis.data, form.sources.data = draft.legal_basis, draft.sources


def _with_topics(form: ArticleForm) -> ArticleForm:
    form.topic.choices = topic_choices()
    return form


@bp.route("/kb/new", methods=["GET", "POST"])
@login_required
def new():
    require(Action.PROPOSE_ARTICLE)
    answer = forum_queries.answer(bounded_number(request.args.get("answer"), default=0))
    if (
        answer is None
        or answer.question.accepted_answer_id != answer.id
        or not can(current_user, Action.PROPOSE_ARTICLE, answer)
    ):
        abort(404)
    form = _with_topics(NewArticleForm())
    if request.method == "GET":
        draft = services.draft_from_answer(answer)
        _fill_form(form, draft)
        form.language.data = draft.language
    elif sent := PAGES.write(
        form,
        lambda: services.create_article_from_answer(
            current_user, answer, _draft(form, form.language.data)
        ),
    ):
        return sent
    return render_template("knowledge/new.html", form=form, answer=answer)


class ArticlePages(ContentPages):
    """The knowledge base's staff pages: articles have a topic, sources and reviews."""

    decisions = ("publish", "archive", "review")
    decider = Action.CURATE_KNOWLEDGE_BASE

    def draft(self, form: ArticleForm, language: str) -> services.ArticleDraft:
        return _draft(form, language)

    def show_error(self, form: ArticleForm, error: ContentError) -> None:
        if isinstance(error, services.NotAProposal):
            abort(404)
        if isinstance(error, SlugTaken):
            form.slug.errors = [_("Another article already has this address. Choose another one.")]
        elif isinstance(error, services.UnknownTopic):
            form.topic.errors = [_("Choose a topic from the list.")]

    def translation_form(self) -> ArticleForm:
        return _with_topics(ArticleForm())

    def start_translation(self, form: ArticleForm, original: Article) -> None:
        form.topic.data = original.topic_id
        # the official pages stay the same in every language; the words are the translator's
        form.sources.data = original.sources

    def create_translation(self, original: Article, draft: services.ArticleDraft) -> Article:
        return services.create_translation(current_user, original, draft)

    def edit_form(self) -> EditArticleForm:
        return _with_topics(EditArticleForm())

    def start_edit(self, form: ArticleForm, item: Article) -> None:
        _fill_form(form, item)

    def save_edit(self, item: Article, draft: services.ArticleDraft) -> None:
        services.edit_article(current_user, item, draft)

    def decision_form(self, decision: str) -> ActionForm:
        return ArchiveForm() if decision == "archive" else ActionForm()

    def act(self, item: Article, decision: str, form) -> str:
        if decision == "publish":
            services.publish_article(current_user, item)
            return _("The article is published.")
        if decision == "archive":
            services.archive_article(current_user, item, form.reason.data or "")
            return _("The article is archived.")
        services.mark_reviewed(current_user, item)
        return _(
            "Marked as reviewed: the next review is due on %(date)s.",
            date=format_date(item.review_due),
        )

    def refused(self, error: ContentError) -> str:
        """Publishing needs a source."""
        return _(
            "Add at least one official source (Edit, “Official sources”) before publishing the "
            "article."
        )


PAGES = ArticlePages(
    "knowledge",
    "article",
    queries.article_by_slug,
    queries.article_by_id,
    Action.PROPOSE_ARTICLE,
    _l("The draft is saved. It is not public until a moderator publishes it."),
    _l("This article already has a version in that language."),
)
PAGES.add_staff_pages(bp, "/kb")


ARTICLE_STATES = {
    ArticleStatus.DRAFT.value: _l("draft"),
    ArticleStatus.PUBLISHED.value: _l("published"),
    ArticleStatus.ARCHIVED.value: _l("archived"),
}


@bp.app_context_processor
def article_states() -> dict:
    """Labels for article states, for every page that lists articles (staff pages too)."""
    return {"article_states": ARTICLE_STATES}
