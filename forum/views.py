"""Question lists, topic pages, asking, and the thread page."""

from __future__ import annotations

from flask import (
    abort,
    current_app,
    flash,
    get_template_attribute,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from markupsafe import Markup, escape

from app import submissions
from app.errors import account_state_text
from app.extensions import limiter
from app.locale import current_language
from app.main.services import all_topics, help_contacts, help_contacts_by_reason, topic_by_slug
from app.markup import render_markdown
from app.permissions import Action, can, can_see, current_user_on_thread
from forum import bp, queries, services
from forum.forms import (
    ALL_LANGUAGES,
    LANGUAGE_LABELS,
    AnswerForm,
    CommentForm,
    ListFilterForm,
    QuestionForm,
    parse_tags,
    topic_choices,
)
from forum.knowledge import queries as knowledge_queries
from forum.language import detect_language
from forum.models import PostStatus, Question
from forum.screening import personal_data_warnings
from forum.similar import similar_questions


def _post_limit():
    return limiter.limit(lambda: current_app.config["POSTING_RATE_LIMIT"], methods=["POST"])


FILTERS = ("topic", "status", "language")


def _question_list(template: str, topic=None, **context):
    form = ListFilterForm(request.args)
    form.topic.choices = [("", _("All topics")), *((t.slug, t.name) for t in all_topics())]
    if topic is not None:
        form.topic.data = topic.slug
    filters = queries.ListFilter(languages=reader_languages())
    if form.validate():
        chosen = topic or (topic_by_slug(form.topic.data) if form.topic.data else None)
        language = form.language.data or ""
        filters = queries.ListFilter(
            topic_id=chosen.id if chosen else None,
            status=form.status.data or "",
            language="" if language == ALL_LANGUAGES else language,
            languages=reader_languages() if not language else (),
        )
    page = queries.list_questions(filters, queries.Cursor.decode(request.args.get("after")))
    # the filters the next page keeps; nothing else of the query string reaches url_for
    args = {name: request.args[name] for name in FILTERS if request.args.get(name)}
    shown_languages = [str(LANGUAGE_LABELS[code]) for code in filters.languages]
    return render_template(
        template,
        form=form,
        page=page,
        args=args,
        topic=topic,
        shown_languages=shown_languages,
        all_languages_args={**args, "language": ALL_LANGUAGES},
        **context,
    )


def reader_languages() -> tuple[str, ...]:
    """The page's language, then the other languages a signed-in member reads."""
    chosen = [current_language()]
    if current_user.is_authenticated:
        chosen += [code for code in current_user.reading_language_codes if code not in chosen]
    return tuple(chosen)


@bp.route("/questions/")
def questions():
    return _question_list("forum/questions.html")


@bp.route("/topics/<slug>")
def topic(slug: str):
    found = topic_by_slug(slug)
    if found is None:
        abort(404)
    return _question_list("forum/topic.html", topic=found)


@bp.route("/questions/ask", methods=["GET", "POST"])
@login_required
@_post_limit()
def ask():
    if not can(current_user, Action.ASK):
        # a suspended or unconfirmed member cannot post, but still sees where to get help
        page = render_template(
            "forum/cannot_ask.html",
            reason=account_state_text(),
            help_contacts=help_contacts(current_language()),
        )
        return page, 403
    form = QuestionForm()
    form.topic.choices = topic_choices()
    if request.method == "GET" and request.args.get("topic"):
        chosen = topic_by_slug(request.args["topic"])
        form.topic.data = chosen.id if chosen else 0
    preview, warnings = None, []
    if form.show_help.data:
        # like the preview, a round trip that saves nothing: the help for the chosen reason
        form.urgent.data = bool(form.chosen_urgent_reason)
        form.preselect_visibility()
    elif saved := submissions.sent_before(form, current_user):
        return show_saved(saved)
    elif form.validate_on_submit():
        text = f"{form.title.data}\n\n{form.body.data}"
        if form.preview.data:
            preview = render_markdown(form.body.data)
            if not form.language.data:
                form.language.data = detect_language(text, fallback=current_language())
        elif not (warnings := personal_data_warnings(form, text, form.private)):
            try:
                question = services.ask_question(current_user, _draft(form), current_language())
            except submissions.Resubmitted as again:
                return show_saved(again.saved)
            held_notice(question)
            return redirect(url_for("forum.thread", question_id=question.id, slug=question.slug))
    similar = similar_to(form.title.data or "") if request.method == "POST" else []
    return render_question_form(
        "forum/ask.html",
        form,
        preview=preview,
        warnings=warnings,
        similar=similar,
        similar_kinds=SIMILAR_KINDS,
    )


def render_question_form(template: str, form: QuestionForm, **context):
    """The ask or edit form, with every urgent reason's help contacts (the chosen one shown)."""
    if form.chosen_urgent_reason:
        form.urgent.data = True
    return render_template(
        template,
        form=form,
        help_contacts=help_contacts_by_reason(current_language()),
        shown_reason=form.chosen_urgent_reason,
        **context,
    )


LOADERS = {"question": queries.question, "answer": queries.answer, "comment": queries.comment}


def thread_of(kind: str, post) -> Question:
    return post.thread


def thread_url(question: Question, anchor: str | None = None) -> str:
    return url_for("forum.thread", question_id=question.id, slug=question.slug, _anchor=anchor)


def show_saved(saved: submissions.Saved):
    """Show the post that an earlier sending of the same form saved, instead of a second one."""
    flash(_("You had already sent this, and it was saved. Here it is."), "success")
    post = LOADERS[saved.kind](saved.object_id or 0) if saved.kind in LOADERS else None
    if post is None:
        return redirect(url_for("forum.questions"))
    anchor = None if saved.kind == "question" else f"{saved.kind}-{post.id}"
    return redirect(thread_url(thread_of(saved.kind, post), anchor))


def held_notice(post) -> None:
    """Tell the author when their post waits for a moderator."""
    if post.status == PostStatus.PENDING:
        flash(_("Thank you. Your post will appear after a moderator has looked at it."), "success")


def _draft(form: QuestionForm) -> services.QuestionDraft:
    return services.QuestionDraft(
        title=form.title.data,
        body=form.body.data,
        topic_id=form.topic.data,
        tags=parse_tags(form.tags.data),
        language=form.language.data or "",
        anonymous=form.anonymous.data,
        urgent_reason=form.chosen_urgent_reason,
        private=form.private,
        submission_key=form.submission_key.data,
    )


@bp.route("/account/consultations")
@login_required
def consultations():
    """The signed-in member's private consultations: only they and the staff can read these."""
    return render_template(
        "forum/consultations.html", questions=queries.consultations_of(current_user)
    )


def consultations_link() -> Markup:
    """The link to the member's private consultations, as a section of the profile page."""
    return Markup(render_template("forum/_profile_consultations.html"))  # noqa: S704


@bp.route("/questions/preview", methods=["POST"])
@login_required
def preview():
    """The rendered Markdown of a draft, for the live preview while typing."""
    text = request.form.get("body", "")[:20_000]
    return jsonify(html=str(render_markdown(text)))


SIMILAR_KINDS = {
    queries.SimilarKind.ARTICLE: _l("Knowledge-base article"),
    queries.SimilarKind.ANSWERED: _l("Question with an accepted answer"),
    queries.SimilarKind.OPEN: _l("Open question"),
}


def similar_to(title: str) -> list[queries.SimilarEntry]:
    """Published questions and articles like `title`, each marked with its kind."""
    if len(title.strip()) < 10:
        return []
    return queries.similar_entries(similar_questions(title[:150], current_language()))


@bp.route("/questions/similar")
def similar():
    """Published questions like the title being typed, for the ask form."""
    language = current_language()
    return jsonify(
        questions=[
            {
                "title": entry.title,
                "url": f"{request.script_root}/{language}{entry.url_path}",
                "kind": entry.kind,
                "label": str(SIMILAR_KINDS[entry.kind]),
                "answered": entry.kind != queries.SimilarKind.OPEN,
            }
            for entry in similar_to(request.args.get("title", ""))
        ]
    )


@bp.route("/questions/<int:question_id>")
@bp.route("/questions/<int:question_id>/<slug>")
def thread(question_id: int, slug: str | None = None):
    question = queries.question(question_id)
    if question is None or not can_see(current_user, question):
        abort(404)
    if slug != question.slug:
        return redirect(url_for("forum.thread", question_id=question.id, slug=question.slug), 301)
    services.count_view(question.id)
    return render_thread(question_id)


def comment_form_prefix(kind: str, target_id: int) -> str:
    """Each comment form on a thread page has its own field names and ids."""
    return f"comment-{kind}-{target_id}"


class CommentForms:
    """The comment form under each post of a member's thread page, made from one drawing.

    A 30-answer thread has 31; building and drawing each through WTForms took half of a
    member's page. One blank form is drawn (by the `comment_form` macro, as a form sent back
    is) under a stand-in prefix and address, and each post gets a copy with its own field
    names, address and one-time submission key. The form that came back with errors or
    warnings (`sent`) is drawn in full.
    """

    STAND_IN_PREFIX = "comment-stand-in-0"
    STAND_IN_ACTION = "/comment-stand-in-action"

    def __init__(self, sent: CommentForm | None = None) -> None:
        self.sent = sent
        self._blank: str | None = None
        self._key = ""

    def copy(self, kind: str, target_id: int, action: str) -> Markup:
        """The blank form for the post `kind` `target_id`, sent to `action`."""
        if self._blank is None:
            blank = CommentForm(formdata=None, prefix=self.STAND_IN_PREFIX)
            self._key = blank.submission_key.data
            draw = get_template_attribute("forum/_post_tools.html", "comment_form")
            self._blank = str(draw(blank, self.STAND_IN_ACTION, []))
        html = (
            self._blank.replace(
                f"{self.STAND_IN_PREFIX}-", f"{comment_form_prefix(kind, target_id)}-"
            )
            .replace(self.STAND_IN_ACTION, str(escape(action)))
            .replace(self._key, submissions.new_key())
        )
        return Markup(html)  # noqa: S704 - drawn by the macro; only escaped values go in


def render_thread(
    question_id: int,
    status: int = 200,
    answer_form: AnswerForm | None = None,
    comment_form: CommentForm | None = None,
    comment_target: tuple[str, int] | None = None,
    warnings: list | None = None,
):
    """The thread page, with any form that came back with errors in its place."""
    thread_ = queries.load_thread(question_id, current_user)
    decision = current_user_on_thread(thread_.question)
    # drawn only when the page shows them: a visitor's page (most pages) builds none
    comment_forms = CommentForms(comment_form if comment_target is not None else None)
    question = thread_.question
    page = render_template(
        "forum/thread.html",
        thread=thread_,
        question=question,
        # why it is urgent, and who helps: for the asker and the staff only
        urgent_help=help_contacts_by_reason(current_language())
        if question.is_urgent and can(current_user, Action.SEE_URGENT_HELP, question)
        else None,
        urgent_response_hours=current_app.config["URGENT_RESPONSE_HOURS"],
        # articles are made from accepted answers: an open thread has none to look up
        articles=knowledge_queries.articles_from_question(question_id, current_language())
        if thread_.question.is_answered
        else [],
        # staff may start an article here, as from the proposals queue
        proposal=thread_.question.is_answered
        and can(current_user, Action.PROPOSE_ARTICLE, thread_.question)
        and knowledge_queries.is_proposal(thread_.question.accepted_answer_id),
        # built only for those who may answer: a form's CSRF token would give every visitor
        # a session cookie (and cost time on the most read page)
        answer_form=answer_form
        or (
            AnswerForm(formdata=None)
            if can(current_user, Action.ANSWER, thread_.question)
            else None
        ),
        decision=decision,
        comment_forms=comment_forms,
        comment_target=comment_target,
        answer_warnings=(warnings or []) if comment_target is None else [],
        comment_warnings=(warnings or []) if comment_target is not None else [],
    )
    return page, status


def home_topics() -> Markup:
    """The topics, as a section of the home page (registered in create_app)."""
    return Markup(render_template("forum/_home_topics.html", topics=all_topics()))  # noqa: S704
