"""Load the demo members, questions and answers (forum/demo_threads/) into the database."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.auth.services import create_account
from app.demo import DEMO_PASSWORD
from app.extensions import db
from app.markup import render_markdown
from app.models import Role, Topic, User, utcnow
from app.text import slugify
from forum import demo_content
from forum.models import Answer, PostStatus, Question, Subscription, Tag, Visibility, Vote
from forum.publication.demo import add_public_version
from forum.services import refresh_answer_counts


def load(accounts: dict[str, User]) -> None:
    """Add the demo members and threads; `accounts` holds the base demo accounts by key."""
    people = dict(accounts)
    for person in demo_content.extra_members():
        people[person.key] = create_account(
            person.email, person.display_name, DEMO_PASSWORD, Role.MEMBER, person.language
        )
    topics = {topic.slug: topic for topic in db.session.scalars(select(Topic))}
    tags: dict[str, Tag] = {}
    now = utcnow()
    voters = [people[p.key] for p in demo_content.extra_members()]
    for number, item in enumerate(demo_content.questions()):
        asked_at = now - timedelta(days=item.days_ago, hours=number % 7)
        question = Question(
            topic=topics[item.topic],
            author_id=people[item.asker].id,
            title=item.title,
            slug=slugify(item.title),
            body=item.body,
            body_html=str(render_markdown(item.body)),
            language=item.language,
            anonymous=item.anonymous,
            status=PostStatus.PUBLISHED.value,
            visibility=(Visibility.PRIVATE if item.private else Visibility.PUBLIC).value,
            created_at=asked_at,
            last_activity_at=asked_at,
            tags=[tags.setdefault(name, Tag(name=name)) for name in item.tags],
        )
        db.session.add(question)
        db.session.flush()
        followers = {people[item.asker].id}
        accepted: Answer | None = None
        for position, demo_answer in enumerate(item.answers):
            author = people[demo_answer.author]
            answered_at = asked_at + timedelta(days=demo_answer.days_after, hours=position + 1)
            answer = Answer(
                question=question,
                author_id=author.id,
                body=demo_answer.body,
                body_html=str(render_markdown(demo_answer.body)),
                by_expert=author.role == Role.EXPERT,
                created_at=answered_at,
            )
            db.session.add(answer)
            db.session.flush()
            # a few helpful marks from members who did not write the thread
            helpers = [v for v in voters if v.id not in (author.id, question.author_id)]
            marks = helpers[: (2 if demo_answer.accepted else number % 3)]
            for voter in marks:
                db.session.add(Vote(answer_id=answer.id, user_id=voter.id, created_at=answered_at))
            answer.helpful_count = len(marks)
            if answer.by_expert:
                first = question.first_expert_answer_at
                question.first_expert_answer_at = min(first or answered_at, answered_at)
            if demo_answer.accepted:
                question.accepted_answer_id, accepted = answer.id, answer
            question.last_activity_at = max(question.last_activity_at, answered_at)
            followers.add(author.id)
        for user_id in followers:
            db.session.add(Subscription(user_id=user_id, question_id=question.id))
        refresh_answer_counts(question)
        if item.public_version is not None and accepted is not None:
            add_public_version(question, accepted, item.public_version, people["moderator"].id)
    db.session.commit()
