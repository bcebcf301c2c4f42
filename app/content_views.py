"""The staff pages' flow that knowledge-base articles and news items share: finding an item,
saving a form once, translating, editing and publishing decisions. Each feature subclasses
ContentPages with its addresses and words, and the few steps it takes its own way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel.speaklater import LazyString
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from app import submissions
from app.config import LANGUAGES
from app.content import ContentError, LanguageTaken, WrongState
from app.forms import ActionForm
from app.permissions import Action, can, require
from app.security import safe_next_url


@dataclass(frozen=True)
class ContentPages:
    """One feature's translated content pages: where an item lives, and what they say.

    A feature subclasses it for its staff pages (`add_staff_pages`) and gives the steps below
    that raise NotImplementedError: its forms, its services and its decisions."""

    blueprint: str  # "knowledge": its endpoints, and the folder of its templates
    item_name: str  # "article": the item's page (an endpoint) and its name in templates
    by_slug: Callable[[str], Any]  # the item at an address, or None
    by_id: Callable[[int], Any]  # the item an earlier sending saved, or None
    writer: Action  # who writes items: sees drafts, edits and translates them
    saved_message: LazyString  # after a draft is saved
    already_translated: LazyString  # the group has a version in that language

    # the staff decisions on an item, by their names in the address, and who takes them
    decisions: ClassVar[tuple[str, ...]] = ()
    decider: ClassVar[Action | None] = None  # None: the writer

    @property
    def item_endpoint(self) -> str:
        return f"{self.blueprint}.{self.item_name}"

    def url(self, item) -> str:
        return url_for(self.item_endpoint, slug=item.slug)

    def item_or_404(self, slug: str):
        """The item at `slug`; drafts (and archived items) exist for its writers only."""
        item = self.by_slug(slug)
        if item is None or (not item.is_published and not can(current_user, self.writer)):
            abort(404)
        return item

    def saved(self, item) -> Response:
        flash(str(self.saved_message), "success")
        return redirect(self.url(item))

    def changes_saved(self, item) -> Response:
        flash(_("The changes are saved."), "success")
        return redirect(self.url(item))

    def show_saved(self, saved: submissions.Saved) -> Response:
        """The item an earlier sending of the same form saved, instead of saving it twice."""
        flash(_("You had already sent this, and it was saved. Here it is."), "success")
        found = self.by_id(saved.object_id or 0)
        return redirect(self.url(found) if found else url_for(f"{self.blueprint}.index"))

    def write(
        self, form, save: Callable[[], Any], done: Callable[[Any], Response] | None = None
    ) -> Response | None:
        """A writing form sent: shown what a first sending saved if it was sent twice; saved if
        valid; a service's refusal next to its field. None: show the form again, as typed."""
        if saved := submissions.sent_before(form, current_user):
            return self.show_saved(saved)
        if not form.validate_on_submit():
            return None
        try:
            result = save()
        except submissions.Resubmitted as again:
            return self.show_saved(again.saved)
        except LanguageTaken as error:
            flash(str(self.already_translated), "error")
            return redirect(self.url(error.existing))
        except ContentError as error:
            self.show_error(form, error)
            return None
        return (done or self.saved)(result)

    def add_staff_pages(self, bp: Blueprint, prefix: str) -> None:
        """Add the pages that translate, edit and decide on an item at `prefix`/<slug>/…"""
        writing = ["GET", "POST"]
        rule = f"{prefix}/<slug>"
        bp.add_url_rule(
            f"{rule}/translate", "translate", login_required(self.translate), methods=writing
        )
        bp.add_url_rule(f"{rule}/edit", "edit", login_required(self.edit), methods=writing)
        decision = f"{rule}/<any({','.join(self.decisions)}):decision>"
        bp.add_url_rule(decision, "decide", login_required(self.decide), methods=["POST"])

    def translate(self, slug: str):
        """A draft in another language (?to=) of the item's group, with the original beside it."""
        require(self.writer)
        original = self.item_or_404(slug)
        language = request.args.get("to", "")
        if language not in LANGUAGES or language == original.language:
            abort(404)
        form = self.translation_form()
        if request.method == "GET":
            self.start_translation(form, original)
        elif sent := self.write(
            form,
            lambda: self.create_translation(original, self.draft(form, language)),
        ):
            return sent
        template = f"{self.blueprint}/translate.html"
        return render_template(template, form=form, original=original, language=language)

    def edit(self, slug: str):
        """A change of an item's text, address and the feature's own fields; its state stays."""
        require(self.writer)
        found = self.item_or_404(slug)
        form = self.edit_form()
        if request.method == "GET":
            self.start_edit(form, found)
        elif sent := self.write(
            form,
            lambda: self.save_edit(found, self.draft(form, found.language)),
            lambda _nothing: self.changes_saved(found),
        ):
            return sent
        context = {self.item_name: found}
        return render_template(f"{self.blueprint}/edit.html", form=form, **context)

    def decide(self, slug: str, decision: str) -> Response:
        """A staff decision (publish, archive…), carried out by `act`; one somebody already
        made changes nothing. Back to the queue it came from, or the item."""
        require(self.decider or self.writer)
        item = self.item_or_404(slug)
        form = self.decision_form(decision)
        if not form.validate_on_submit():
            flash(_("The form could not be sent. Please try again."), "error")
        else:
            try:
                flash(self.act(item, decision, form), "success")
            except WrongState:
                flash(_("This has already been dealt with. Nothing was changed."), "error")
            except ContentError as error:
                flash(self.refused(error), "error")
        return redirect(safe_next_url(request.form.get("next")) or self.url(item))

    # What each feature does its own way.

    def draft(self, form, language: str):
        """The service's draft, from a sent form, in `language`."""
        raise NotImplementedError

    def show_error(self, form, error: ContentError) -> None:
        """Put a service's refusal next to the field it is about."""
        raise NotImplementedError

    def translation_form(self):
        raise NotImplementedError

    def start_translation(self, form, original) -> None:
        """Fill the translation form with what stays the same in every language."""
        raise NotImplementedError

    def create_translation(self, original, draft):
        raise NotImplementedError

    def edit_form(self):
        raise NotImplementedError

    def start_edit(self, form, item) -> None:
        raise NotImplementedError

    def save_edit(self, item, draft) -> None:
        raise NotImplementedError

    def decision_form(self, decision: str):
        return ActionForm()

    def act(self, item, decision: str, form) -> str:
        """Carry out a decision, by the current user, and say what happened."""
        raise NotImplementedError

    def refused(self, error: ContentError) -> str:
        """Why a decision was refused."""
        return str(error)
