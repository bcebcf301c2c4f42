"""The whole role x state x action matrix of app.permissions, written out as policy."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from flask_login import AnonymousUserMixin

from app.models import User, utcnow
from app.permissions import POST_TOOLS, Action, ThreadDecision, can, can_see, standing

A = Action
SELF_SERVICE = {
    A.EDIT_PROFILE, A.EXPORT_OWN_DATA, A.DELETE_OWN_ACCOUNT, A.SEE_URGENT_HELP,
    A.DECIDE_ON_PUBLICATION,
}  # fmt: skip
MEMBER = {
    A.ASK, A.ANSWER, A.COMMENT, A.VOTE, A.FLAG, A.FOLLOW, A.ACCEPT_ANSWER, A.EDIT_POST,
    A.DELETE_OWN_POST, A.EDIT_PROFILE, A.EXPORT_OWN_DATA, A.DELETE_OWN_ACCOUNT,
    A.APPLY_AS_EXPERT, A.SEE_URGENT_HELP, A.DECIDE_ON_PUBLICATION,
}  # fmt: skip
EXPERT = (MEMBER - {A.APPLY_AS_EXPERT}) | {
    A.VIEW_QUEUES, A.MODERATE_POST, A.REDACT_POST, A.PROPOSE_ARTICLE, A.PREPARE_PUBLIC_VERSION,
}  # fmt: skip
MODERATOR = EXPERT | {
    A.CLOSE_QUESTION, A.LOCK_QUESTION, A.MOVE_QUESTION, A.SUSPEND_MEMBER,
    A.CURATE_KNOWLEDGE_BASE, A.PUBLISH_NEWS, A.VIEW_REPORTS,
}  # fmt: skip
ADMIN = MODERATOR | {
    A.VET_EXPERTS, A.MANAGE_STAFF, A.MANAGE_TOPICS, A.MANAGE_ORGANISATIONS, A.VIEW_AUDIT_LOG,
    A.MANAGE_HELP_CONTACTS,
}  # fmt: skip
ALLOWED_BY_ROLE = {"member": MEMBER, "expert": EXPERT, "moderator": MODERATOR, "admin": ADMIN}

# what each state leaves of a role's rights
STATES = {
    "active": lambda allowed: allowed,
    "unconfirmed": lambda allowed: allowed & SELF_SERVICE,
    "suspended": lambda allowed: allowed & SELF_SERVICE,
    "deleted": lambda allowed: set(),
}

# these need a target to be decided: without one, the general right is asked
TARGETED = {A.DELETE_OWN_POST}


def account(role: str, state: str, user_id: int = 1) -> User:
    user = User(id=user_id, role=role, email=f"{role}@example.org", password_hash="x" * 20)
    user.email_confirmed_at = None if state == "unconfirmed" else utcnow()
    if state == "suspended":
        user.suspended_until = utcnow() + timedelta(days=3)
    if state == "deleted":
        user.deleted_at = utcnow()
    return user


@pytest.mark.parametrize("role", ALLOWED_BY_ROLE)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", list(Action))
def test_matrix(role, state, action):
    user = account(role, state)
    expected = action in STATES[state](ALLOWED_BY_ROLE[role]) and action not in TARGETED
    assert can(user, action) is expected


@pytest.mark.parametrize("action", list(Action))
def test_visitors_may_take_no_action(action):
    assert can(AnonymousUserMixin(), action) is False
    assert can(None, action) is False


def test_a_suspension_that_has_ended_no_longer_counts():
    user = account("member", "active")
    user.suspended_until = utcnow() - timedelta(minutes=1)
    assert can(user, A.ASK)


def post_by(author_id: int):
    return SimpleNamespace(author_id=author_id)


@pytest.mark.parametrize("action", [A.EDIT_POST, A.DELETE_OWN_POST, A.ACCEPT_ANSWER])
def test_members_act_on_their_own_posts_only(action):
    member = account("member", "active", user_id=1)
    assert can(member, action, post_by(1))
    assert not can(member, action, post_by(2))


@pytest.mark.parametrize("role", ["expert", "moderator", "admin"])
def test_staff_edit_and_accept_on_any_post_but_delete_only_their_own(role):
    staff = account(role, "active", user_id=1)
    assert can(staff, A.EDIT_POST, post_by(2))
    assert can(staff, A.ACCEPT_ANSWER, post_by(2))
    assert not can(staff, A.DELETE_OWN_POST, post_by(2))


@pytest.mark.parametrize("action", [A.VOTE, A.FLAG])
@pytest.mark.parametrize("role", ALLOWED_BY_ROLE)
def test_nobody_votes_for_or_flags_their_own_post(action, role):
    user = account(role, "active", user_id=1)
    assert not can(user, action, post_by(1))
    assert can(user, action, post_by(2))


def test_moderators_suspend_members_and_experts_but_not_admins_or_themselves():
    moderator = account("moderator", "active", user_id=1)
    assert can(moderator, A.SUSPEND_MEMBER, account("member", "active", user_id=2))
    assert can(moderator, A.SUSPEND_MEMBER, account("expert", "active", user_id=3))
    assert not can(moderator, A.SUSPEND_MEMBER, account("admin", "active", user_id=4))
    assert not can(moderator, A.SUSPEND_MEMBER, moderator)


@pytest.mark.parametrize("state", ["active", "unconfirmed", "suspended"])
def test_an_urgent_questions_help_is_for_its_asker_in_any_state_and_for_active_staff(state):
    asker = account("member", state, user_id=1)
    question = post_by(1)
    assert can(asker, A.SEE_URGENT_HELP, question)
    assert not can(account("member", "active", user_id=2), A.SEE_URGENT_HELP, question)
    assert can(account("expert", "active", user_id=3), A.SEE_URGENT_HELP, question)
    assert not can(account("moderator", "suspended", user_id=4), A.SEE_URGENT_HELP, question)
    assert not can(account("member", "deleted", user_id=1), A.SEE_URGENT_HELP, question)


def consultation(asker_id: int = 1, private: bool = True, answered: bool = True):
    return SimpleNamespace(
        author_id=asker_id,
        status="published",
        is_private=private,
        first_expert_answer_at=utcnow() if answered else None,
        topic_id=7,
    )


@pytest.mark.parametrize("state", ["active", "unconfirmed", "suspended"])
def test_only_the_asker_decides_on_a_public_version_in_any_state(state):
    version = SimpleNamespace(asker_id=1)
    assert can(account("member", state, user_id=1), A.DECIDE_ON_PUBLICATION, version)
    assert not can(account("member", "deleted", user_id=1), A.DECIDE_ON_PUBLICATION, version)
    for role in ALLOWED_BY_ROLE:
        assert not can(account(role, "active", user_id=2), A.DECIDE_ON_PUBLICATION, version)


def test_an_expert_not_vetted_for_the_topic_prepares_no_public_version():
    # outside a request nobody is a verified expert of any topic (tests/app/test_visibility.py
    # covers experts of the topic and of another topic)
    assert not can(account("expert", "active", user_id=2), A.PREPARE_PUBLIC_VERSION, consultation())


@pytest.mark.parametrize("role", ["moderator", "admin"])
def test_staff_prepare_public_versions_of_answered_consultations_only(role):
    staff = account(role, "active", user_id=2)
    assert can(staff, A.PREPARE_PUBLIC_VERSION, consultation())
    assert not can(staff, A.PREPARE_PUBLIC_VERSION, consultation(private=False))
    assert not can(staff, A.PREPARE_PUBLIC_VERSION, consultation(answered=False))
    assert not can(account(role, "suspended", user_id=3), A.PREPARE_PUBLIC_VERSION, consultation())
    assert not can(account("member", "active", user_id=1), A.PREPARE_PUBLIC_VERSION, consultation())


def thread_posts(question, user_id: int, other_id: int):
    """The question, and an answer and a comment in every status by `user_id` and another."""
    posts = [question]
    for status in ("published", "pending", "hidden", "rejected", "deleted"):
        for author_id in (user_id, other_id):
            for _kind in ("answer", "comment"):
                posts.append(SimpleNamespace(author_id=author_id, status=status, thread=question))
    return posts


# every role in every account state, and the visitor, who has no account and so no state
VIEWERS = [(role, state) for role in ALLOWED_BY_ROLE for state in STATES] + [("visitor", None)]


@pytest.mark.parametrize("private", [False, True], ids=["public", "private"])
@pytest.mark.parametrize(("role", "state"), VIEWERS)
def test_a_thread_decision_answers_as_can_and_can_see_for_every_post(role, state, private):
    """ThreadDecision decides once per kind of post; it must say what asking each post says."""
    user = AnonymousUserMixin() if role == "visitor" else account(role, state, user_id=1)
    for asker_id in (1, 2):
        question = SimpleNamespace(
            id=5, author_id=asker_id, status="published", is_private=private, topic_id=7,
            locked=False, closed_reason="",
        )  # fmt: skip
        question.thread = question
        decision = ThreadDecision(user, question)
        assert decision.comment is can(user, A.COMMENT, question)
        assert decision.accept is can(user, A.ACCEPT_ANSWER, question)
        for post in thread_posts(question, user_id=1, other_id=3):
            assert decision.sees(post) is can_see(user, post)
            assert decision.actions_on(post) == {a for a in POST_TOOLS if can(user, a, post)}


# what a thread page asks about the thread itself
THREAD_PAGE_ACTIONS = (
    A.ANSWER, A.COMMENT, A.ACCEPT_ANSWER, A.FOLLOW, A.SEE_URGENT_HELP, A.PROPOSE_ARTICLE,
    A.PREPARE_PUBLIC_VERSION, *POST_TOOLS,
)  # fmt: skip


@pytest.mark.parametrize("private", [False, True], ids=["public", "private"])
@pytest.mark.parametrize(("role", "state"), VIEWERS)
def test_people_of_one_standing_get_the_same_answers_on_what_others_wrote(role, state, private):
    """The page cache shares a thread page between readers of one standing who wrote nothing
    on the thread: every answer about the thread and others' posts must be the same for them."""

    def person(user_id: int):
        return AnonymousUserMixin() if role == "visitor" else account(role, state, user_id)

    one, another = person(1), person(11)
    question = SimpleNamespace(
        id=5, author_id=3, status="published", is_private=private, topic_id=7, locked=False,
        closed_reason="", first_expert_answer_at=None,
    )  # fmt: skip
    question.thread = question
    assert standing(one, question) == standing(another, question)
    for action in THREAD_PAGE_ACTIONS:
        assert can(one, action, question) is can(another, action, question), action
    for post in thread_posts(question, user_id=3, other_id=4):
        assert can_see(one, post) is can_see(another, post)
        for action in POST_TOOLS:
            assert can(one, action, post) is can(another, action, post), action
    if one.is_authenticated:  # a deleted account is signed out: a visitor
        # the asker's standing is their own: their page has their tools
        asker = account(role, state, user_id=3)
        assert standing(asker, question) != standing(one, question)
