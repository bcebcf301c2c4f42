"""The demo expert's approved application: the topics and languages they answer.

Without it the demo expert would hear of no new question and see the unanswered queue in
no particular order, as an expert made by hand without vetting would.
"""

from __future__ import annotations

from app.extensions import db
from app.models import User, utcnow
from moderation.models import ApplicationStatus, ExpertApplication


def load(accounts: dict[str, User]) -> None:
    """Record the demo expert as vetted by the demo admin."""
    expert = accounts["expert"]
    db.session.add(
        ExpertApplication(
            user_id=expert.id,
            organisation_id=expert.organisation_id,
            organisation_name=expert.organisation.name_en,
            topics="residence-permits,asylum,family-reunification,health-care",
            languages="lt,en,ru",
            statement="Lawyer at the Red Cross migration team (demo account).",
            proof_url="https://www.redcross.lt/",
            status=ApplicationStatus.APPROVED.value,
            decided_by_id=accounts["admin"].id,
            decided_at=utcnow(),
        )
    )
    db.session.commit()
