"""The hook through which moderation decides whether a new or edited post goes public."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from flask import current_app

from app.models import User


@dataclass(frozen=True)
class Submission:
    """What is being posted, for the policy to judge."""

    kind: str  # "question", "answer" or "comment"
    text: str
    is_edit: bool = False
    # in a private consultation: only the asker and the staff read it, so nothing waits
    private: bool = False


@dataclass(frozen=True)
class Decision:
    publish: bool
    reason: str = ""


class SubmissionPolicy(Protocol):
    def __call__(self, author: User, submission: Submission) -> Decision: ...


def publish_everything(author: User, submission: Submission) -> Decision:
    """The policy until moderation plugs in its own: everything is published."""
    return Decision(publish=True)


def decide(author: User, submission: Submission) -> Decision:
    """Ask the application's submission policy about a post."""
    policy: SubmissionPolicy = current_app.extensions.get("submission_policy", publish_everything)
    return policy(author, submission)
