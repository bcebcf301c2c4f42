"""The staff pages' flow that knowledge-base articles and news items share: saving a form once,
translating, and publishing decisions. Each feature gives its addresses and words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel.speaklater import LazyString
from flask_login import current_user
from werkzeug.wrappers import Response

from app import submissions
from app.content import ContentError, LanguageTaken, WrongState
from app.security import safe_next_url


@dataclass(frozen=True)
class ContentPages:
    """One feature's translated content pages: where an item lives, and what they say."""

    item_endpoint: str  # the page of one item, by slug
    index_endpoint: str
    by_id: Callable[[int], Any]  # the item an earlier sending saved, or None
    saved_message: LazyString  # after a draft is saved
    already_translated: LazyString  # the group has a version in that language

    def url(self, item) -> str:
        return url_for(self.item_endpoint, slug=item.slug)

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
        return redirect(self.url(found) if found else url_for(self.index_endpoint))

    def write(
        self,
        form,
        save: Callable[[], Any],
        show_error: Callable[[Any, ContentError], None],
        done: Callable[[Any], Response] | None = None,
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
            show_error(form, error)
            return None
        return (done or self.saved)(result)

    def decide(self, item, form, act: Callable[[], str], refused: Callable[[ContentError], str]):
        """A staff decision (publish, archive…): `act` carries it out and says what happened;
        one somebody already made changes nothing. Back to the queue it came from, or the item."""
        if not form.validate_on_submit():
            flash(_("The form could not be sent. Please try again."), "error")
        else:
            try:
                flash(act(), "success")
            except WrongState:
                flash(_("This has already been dealt with. Nothing was changed."), "error")
            except ContentError as error:
                flash(refused(error), "error")
        return redirect(safe_next_url(request.form.get("next")) or self.url(item))
