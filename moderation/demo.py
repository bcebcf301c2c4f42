"""Demo vetting: the demo expert's approved application, so experts' queues and alerts show."""

from __future__ import annotations

from datetime import timedelta

from app.extensions import db
from app.models import User, utcnow
from moderation.models import ApplicationStatus, ExpertApplication

# The topics and languages the demo expert answers in most of the demo threads: their topics'
# private consultations, new questions and urgent alerts reach them.
EXPERT_TOPICS = ("asylum", "residence-permits", "family-reunification", "work", "return")
EXPERT_LANGUAGES = ("lt", "en", "ru")


def load(accounts: dict[str, User]) -> None:
    """Record the demo expert's application as approved by the demo administrator."""
    expert = accounts["expert"]
    decided_at = utcnow() - timedelta(days=90)
    db.session.add(
        ExpertApplication(
            user=expert,
            organisation=expert.organisation,
            organisation_name=expert.organisation.name_en if expert.organisation else "",
            topics=",".join(EXPERT_TOPICS),
            languages=",".join(EXPERT_LANGUAGES),
            statement=(
                "I counsel asylum seekers, refugees and families on residence, asylum, family "
                "reunification, work and voluntary return as a lawyer of the organisation."
            ),
            proof_url="https://www.redcross.lt",
            status=ApplicationStatus.APPROVED.value,
            decided_by=accounts["admin"],
            decided_at=decided_at,
            created_at=decided_at - timedelta(days=3),
        )
    )
    db.session.commit()
