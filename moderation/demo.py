"""Load the demo's vetting: the demo expert is approved for the topics they answer."""

from __future__ import annotations

from app.extensions import db
from app.models import User, utcnow
from moderation.models import ApplicationStatus, ExpertApplication

# what the demo expert (Red Cross Lithuania) was approved for: their topics' private
# consultations, new questions and urgent alerts reach them
DEMO_EXPERT_TOPICS = ("asylum", "residence-permits", "family-reunification", "work")
DEMO_EXPERT_LANGUAGES = ("en", "lt", "ru")


def load(accounts: dict[str, User]) -> None:
    """Record the demo expert's approved application, decided by the demo admin."""
    expert = accounts["expert"]
    db.session.add(
        ExpertApplication(
            user_id=expert.id,
            organisation_name=expert.organisation.name_en if expert.organisation else "",
            organisation=expert.organisation,
            topics=",".join(DEMO_EXPERT_TOPICS),
            languages=",".join(DEMO_EXPERT_LANGUAGES),
            statement="Demo account: counsels asylum seekers and migrants for its organisation.",
            proof_url="https://www.redcross.lt/",
            status=ApplicationStatus.APPROVED.value,
            decided_by_id=accounts["admin"].id,
            decided_at=utcnow(),
        )
    )
    db.session.commit()
