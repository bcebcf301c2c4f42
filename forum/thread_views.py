"""Everything done on a thread: answer, comment, vote, accept, follow, edit, delete, history."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from app import submissions
from app.forms import ActionForm
from app.permissions import Action, can_see, require
from forum import bp, diffs, notify, queries, services
from forum.forms import (
    AnswerForm,
    CommentForm,
    EditPostForm,
    EditQuestionForm,
    parse_tags,
    topic_choices,
)
from forum.models import Answer, PostStatus, Question
from forum.screening import personal_data_warnings
from forum.views import (
    LOADERS,
    _post_limit,
    comment_form_prefix,
    held_notice,
    render_question_form,
    render_thread,
    show_saved,
    thread_of,
    thread_url,
)


def _visible_question(question_id: int) -> Question:
    question = queries.question(question_id)
    if question is None or not can_see(current_user, question):
        abort(404)
    return question


def _visible_answer(answer_id: int) -> Answer:
    answer = queries.answer(answer_id)
    if answer is None or not can_see(current_user, answer):
        abort(404)
    _visible_question(answer.question_id)
    return answer


@bp.route("/questions/<int:question_id>/answer", methods=["POST"])
@login_required
@_post_limit()
def answer(question_id: int):
    question = _visible_question(question_id)
    form = AnswerForm()
    if saved := submissions.sent_before(form, current_user):
        return show_saved(saved)
    require(Action.ANSWER, question)
    if not form.validate_on_submit():
        return render_thread(question.id, 422, answer_form=form)
    if warnings := personal_data_warnings(form, form.body.data):
        return render_thread(question.id, 200, answer_form=form, warnings=warnings)
    try:
        posted = services.answer_question(
            current_user, question, form.body.data, form.submission_key.data
        )
    except submissions.Resubmitted as again:
        return show_saved(again.saved)
    held_notice(posted)
    return redirect(thread_url(question, f"answer-{posted.id}"))


@bp.route("/questions/<int:question_id>/comment", methods=["POST"])
@bp.route("/answers/<int:answer_id>/comment", methods=["POST"], endpoint="comment_answer")
@login_required
@_post_limit()
def comment(question_id: int | None = None, answer_id: int | None = None):
    target = _visible_answer(answer_id) if answer_id else None
    question = target.question if target else _visible_question(question_id)
    where = ("answer", answer_id) if answer_id else ("question", question.id)
    form = CommentForm(prefix=comment_form_prefix(*where))
    if saved := submissions.sent_before(form, current_user):
        return show_saved(saved)
    require(Action.COMMENT, question)
    if not form.validate_on_submit():
        return render_thread(question.id, 422, comment_form=form, comment_target=where)
    if warnings := personal_data_warnings(form, form.body.data):
        return render_thread(
            question.id, 200, comment_form=form, comment_target=where, warnings=warnings
        )
    try:
        posted = services.comment_on(
            current_user, question, target, form.body.data, form.submission_key.data
        )
    except submissions.Resubmitted as again:
        return show_saved(again.saved)
    held_notice(posted)
    return redirect(thread_url(question, f"comment-{posted.id}"))


@bp.route("/answers/<int:answer_id>/helpful", methods=["POST"])
@login_required
def helpful(answer_id: int):
    answer_ = _visible_answer(answer_id)
    require(Action.VOTE, answer_)
    wanted = request.form.get("helpful") == "1"
    changed = services.set_helpful(current_user, answer_, wanted)
    if request.accept_mimetypes.best == "application/json":
        count = answer_.helpful_count
        return jsonify(
            answer=answer_.id,
            helpful=wanted,
            count=count,
            count_text=ngettext("%(num)d found this helpful", "%(num)d found this helpful", count),
        )
    if not changed:
        flash(
            _("You have already marked this answer as helpful.")
            if wanted
            else _("You had not marked this answer as helpful."),
            "error",
        )
    return redirect(thread_url(answer_.question, f"answer-{answer_.id}"))


@bp.route("/answers/<int:answer_id>/accept", methods=["POST"])
@login_required
def accept(answer_id: int):
    answer_ = _visible_answer(answer_id)
    require(Action.ACCEPT_ANSWER, answer_.question)
    if not answer_.is_published:
        abort(400)
    services.accept_answer(answer_, current_user)
    flash(_("The answer is marked as the one that solved the question."), "success")
    return redirect(thread_url(answer_.question, f"answer-{answer_.id}"))


@bp.route("/questions/<int:question_id>/follow", methods=["POST"])
@login_required
def follow(question_id: int):
    question = _visible_question(question_id)
    require(Action.FOLLOW)
    if request.form.get("follow") == "1":
        notify.follow(current_user, question)
        flash(_("You follow this question now."), "success")
    else:
        notify.unfollow(current_user.id, question.id)
        flash(_("You no longer follow this question."), "success")
    return redirect(thread_url(question))


@bp.route("/unfollow/<token>")
def unfollow_by_link(token: str):
    """The one-click link in notification mail: no sign-in needed, the token is the proof."""
    found = notify.read_unfollow_token(token)
    question = queries.question(found[1]) if found else None
    if question is None:
        abort(404)
    notify.unfollow(found[0], question.id)
    return render_template("forum/unfollowed.html", question=question)


def _live_post(kind: str, post_id: int):
    """A post that is not deleted and that the current user may see, or 404."""
    post = LOADERS[kind](post_id)
    if post is None or post.status == PostStatus.DELETED or not can_see(current_user, post):
        abort(404)
    return post


def _editable(kind: str, post_id: int):
    post = _live_post(kind, post_id)
    require(Action.EDIT_POST, post)
    return post


@bp.route("/questions/<int:post_id>/edit", methods=["GET", "POST"], defaults={"kind": "question"})
@login_required
def edit_question(post_id: int, kind: str):
    question = _editable(kind, post_id)
    # the question in the form's own shapes: a field missing from a sent form keeps these
    # (with obj=question, the tags came as a list of Tag rows and the edit failed on them)
    form = EditQuestionForm(
        data={
            "title": question.title,
            "body": question.body,
            "topic": question.topic_id,
            "tags": ", ".join(tag.name for tag in question.tags),
            "language": question.language,
            "anonymous": question.anonymous,
        }
    )
    form.topic.choices = topic_choices()
    if saved := submissions.sent_before(form, current_user):
        return show_saved(saved)
    text = f"{form.title.data}\n\n{form.body.data}"
    warnings = []
    if (
        not form.show_help.data
        and form.validate_on_submit()
        and not form.preview.data
        and not (warnings := personal_data_warnings(form, text))
    ):
        draft = services.QuestionDraft(
            title=form.title.data,
            body=form.body.data,
            topic_id=form.topic.data,
            tags=parse_tags(form.tags.data),
            language=form.language.data or question.language,
            anonymous=form.anonymous.data,
            urgent_reason=form.chosen_urgent_reason,
            submission_key=form.submission_key.data,
        )
        try:
            services.edit_question(current_user, question, draft, form.reason.data or "")
        except submissions.Resubmitted as again:
            return show_saved(again.saved)
        held_notice(question)
        return redirect(thread_url(question))
    return render_question_form(
        "forum/edit_question.html", form, question=question, warnings=warnings
    )


@bp.route("/answers/<int:post_id>/edit", methods=["GET", "POST"], defaults={"kind": "answer"})
@bp.route("/comments/<int:post_id>/edit", methods=["GET", "POST"], defaults={"kind": "comment"})
@login_required
def edit_post(post_id: int, kind: str):
    post = _editable(kind, post_id)
    form = EditPostForm(obj=post)
    if request.method == "GET":
        form.reason.data = ""
    if saved := submissions.sent_before(form, current_user):
        return show_saved(saved)
    warnings = []
    if form.validate_on_submit() and not (warnings := personal_data_warnings(form, form.body.data)):
        edit = services.edit_answer if kind == "answer" else services.edit_comment
        try:
            edit(
                current_user, post, form.body.data, form.reason.data or "", form.submission_key.data
            )
        except submissions.Resubmitted as again:
            return show_saved(again.saved)
        held_notice(post)
        return redirect(thread_url(thread_of(kind, post), f"{kind}-{post.id}"))
    return render_template(
        "forum/edit_post.html", form=form, post=post, kind=kind, warnings=warnings
    )


@bp.route("/questions/<int:post_id>/delete", methods=["POST"], defaults={"kind": "question"})
@bp.route("/answers/<int:post_id>/delete", methods=["POST"], defaults={"kind": "answer"})
@bp.route("/comments/<int:post_id>/delete", methods=["POST"], defaults={"kind": "comment"})
@login_required
def delete(post_id: int, kind: str):
    post = _live_post(kind, post_id)
    require(Action.DELETE_OWN_POST, post)
    services.delete_post(post)
    flash(_("Your post is deleted."), "success")
    return redirect(thread_url(thread_of(kind, post)))


@bp.route("/questions/<int:post_id>/history", defaults={"kind": "question"})
@bp.route("/answers/<int:post_id>/history", defaults={"kind": "answer"})
@bp.route("/comments/<int:post_id>/history", defaults={"kind": "comment"})
def history(post_id: int, kind: str):
    post = _live_post(kind, post_id)
    question = thread_of(kind, post)
    steps = diffs.history_steps(post, queries.revisions(kind, post.id))
    return render_template(
        "forum/history.html", post=post, kind=kind, question=question, steps=steps
    )


@bp.route("/notifications", methods=["GET", "POST"])
@login_required
def notifications():
    form = ActionForm()
    if form.validate_on_submit():
        notify.mark_read(current_user.id)
        return redirect(url_for("forum.notifications"))
    items = notify.latest(current_user.id)
    return render_template("forum/notifications.html", items=items, form=form)


@bp.route("/notifications/<int:notification_id>")
@login_required
def open_notification(notification_id: int):
    """Mark one notification read and go to its thread."""
    item = notify.mark_read_and_get(current_user.id, notification_id)
    if item is None:
        abort(404)
    return redirect(thread_url(item.question))
