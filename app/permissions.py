"""Who may do what: the one place where MIPAS decides permissions.

Views call `require`, templates call `can`; nothing else looks at roles.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any, Protocol

from flask import abort, current_app, g, has_app_context, has_request_context
from flask_login import current_user

from app.models import Role, User


class Action(enum.StrEnum):
    """Everything a person can try to do that not everybody may."""

    # members
    ASK = "ask"
    ANSWER = "answer"
    COMMENT = "comment"
    VOTE = "vote"
    FLAG = "flag"
    FOLLOW = "follow"
    ACCEPT_ANSWER = "accept_answer"
    EDIT_POST = "edit_post"
    DELETE_OWN_POST = "delete_own_post"
    EDIT_PROFILE = "edit_profile"
    EXPORT_OWN_DATA = "export_own_data"
    DELETE_OWN_ACCOUNT = "delete_own_account"
    APPLY_AS_EXPERT = "apply_as_expert"
    SEE_URGENT_HELP = "see_urgent_help"  # target: a question; its urgency and help contacts
    # target: a public version; its asker consents, declines or withdraws consent
    DECIDE_ON_PUBLICATION = "decide_on_publication"
    # staff
    VIEW_QUEUES = "view_queues"
    MODERATE_POST = "moderate_post"
    REDACT_POST = "redact_post"
    # target: a private consultation; write its anonymised public version for the asker
    PREPARE_PUBLIC_VERSION = "prepare_public_version"
    PROPOSE_ARTICLE = "propose_article"
    CLOSE_QUESTION = "close_question"
    LOCK_QUESTION = "lock_question"
    MOVE_QUESTION = "move_question"
    SUSPEND_MEMBER = "suspend_member"
    CURATE_KNOWLEDGE_BASE = "curate_knowledge_base"
    PUBLISH_NEWS = "publish_news"
    VIEW_REPORTS = "view_reports"
    # admins
    VET_EXPERTS = "vet_experts"
    MANAGE_STAFF = "manage_staff"
    MANAGE_TOPICS = "manage_topics"
    MANAGE_ORGANISATIONS = "manage_organisations"
    VIEW_AUDIT_LOG = "view_audit_log"
    MANAGE_HELP_CONTACTS = "manage_help_contacts"


# The least role that may take each action, given an active, confirmed account.
LEAST_ROLE: dict[Action, Role] = {
    Action.ASK: Role.MEMBER,
    Action.ANSWER: Role.MEMBER,
    Action.COMMENT: Role.MEMBER,
    Action.VOTE: Role.MEMBER,
    Action.FLAG: Role.MEMBER,
    Action.FOLLOW: Role.MEMBER,
    Action.ACCEPT_ANSWER: Role.MEMBER,
    Action.EDIT_POST: Role.MEMBER,
    Action.DELETE_OWN_POST: Role.MEMBER,
    Action.EDIT_PROFILE: Role.MEMBER,
    Action.EXPORT_OWN_DATA: Role.MEMBER,
    Action.DELETE_OWN_ACCOUNT: Role.MEMBER,
    Action.APPLY_AS_EXPERT: Role.MEMBER,
    Action.SEE_URGENT_HELP: Role.MEMBER,
    Action.DECIDE_ON_PUBLICATION: Role.MEMBER,
    Action.VIEW_QUEUES: Role.EXPERT,
    Action.MODERATE_POST: Role.EXPERT,
    Action.REDACT_POST: Role.EXPERT,
    Action.PREPARE_PUBLIC_VERSION: Role.EXPERT,
    Action.PROPOSE_ARTICLE: Role.EXPERT,
    Action.CLOSE_QUESTION: Role.MODERATOR,
    Action.LOCK_QUESTION: Role.MODERATOR,
    Action.MOVE_QUESTION: Role.MODERATOR,
    Action.SUSPEND_MEMBER: Role.MODERATOR,
    Action.CURATE_KNOWLEDGE_BASE: Role.MODERATOR,
    Action.PUBLISH_NEWS: Role.MODERATOR,
    Action.VIEW_REPORTS: Role.MODERATOR,
    Action.VET_EXPERTS: Role.ADMIN,
    Action.MANAGE_STAFF: Role.ADMIN,
    Action.MANAGE_TOPICS: Role.ADMIN,
    Action.MANAGE_ORGANISATIONS: Role.ADMIN,
    Action.VIEW_AUDIT_LOG: Role.ADMIN,
    Action.MANAGE_HELP_CONTACTS: Role.ADMIN,
}

RANK = {Role.MEMBER: 0, Role.EXPERT: 1, Role.MODERATOR: 2, Role.ADMIN: 3}

# What an account may still do while unconfirmed or suspended: look after itself. Leaving is
# one of those rights: a suspension limits posting, not the member's say over their own data;
# nor does it hide the help contacts of an urgent question they asked, nor take away their say
# over the public version of their consultation (withdrawing consent above all).
SELF_SERVICE = frozenset(
    {
        Action.EDIT_PROFILE,
        Action.EXPORT_OWN_DATA,
        Action.DELETE_OWN_ACCOUNT,
        Action.SEE_URGENT_HELP,
        Action.DECIDE_ON_PUBLICATION,
    }
)

# Actions on a post that its author may take without a staff role.
OWN_POST_ACTIONS = frozenset({Action.EDIT_POST, Action.DELETE_OWN_POST})


def can(user: Any, action: Action | str, target: Any = None) -> bool:
    """Return whether `user` may take `action`, on `target` where the action has one."""
    if type(action) is not Action:
        action = Action(action)
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if action not in SELF_SERVICE and (not user.is_confirmed or user.is_suspended):
        return False
    role = Role(user.role)
    if RANK[role] < RANK[LEAST_ROLE[action]]:
        return False
    return _allowed_on_target(user, role, action, target)


def _allowed_on_target(user: User, role: Role, action: Action, target: Any) -> bool:
    staff = RANK[role] >= RANK[Role.EXPERT]
    if action in OWN_POST_ACTIONS:
        if action is Action.DELETE_OWN_POST:
            return target is not None and _is_author(user, target)
        return target is None or staff or _is_author(user, target)
    if action is Action.ACCEPT_ANSWER:
        # target: the question; its asker or staff choose the answer that solved it
        return target is None or staff or _is_author(user, target)
    if action in (Action.ANSWER, Action.COMMENT) and target is not None:
        # a closed thread takes no new answers and a locked one nothing new, except from staff
        shut = getattr(target, "locked", False) or (
            action is Action.ANSWER and getattr(target, "closed_reason", "")
        )
        return staff or not shut
    if action in (Action.VOTE, Action.FLAG):
        # nobody votes for or flags their own post
        return target is None or not _is_author(user, target)
    return _allowed_on_other_target(user, role, staff, action, target)


def _allowed_on_other_target(
    user: User, role: Role, staff: bool, action: Action, target: Any
) -> bool:
    """The actions that are not about one's own or another's post."""
    if action is Action.SUSPEND_MEMBER:
        return target is None or (target.id != user.id and Role(target.role) is not Role.ADMIN)
    if action is Action.APPLY_AS_EXPERT:
        return role is Role.MEMBER
    if action is Action.PROPOSE_ARTICLE:
        # target: a post of the thread; a private consultation never becomes an article
        return target is None or not getattr(getattr(target, "thread", target), "is_private", False)
    if action is Action.SEE_URGENT_HELP:
        # why a question is urgent is for its asker and the staff who answer it, nobody else
        return target is None or _is_author(user, target) or (staff and not user.is_suspended)
    if action in PUBLICATION_ACTIONS:
        return target is None or _allowed_to_publish(user, action, target)
    return True


class ExpertTopics(Protocol):
    """What app needs to know of vetting: the ids of the topics `user` is a verified expert of."""

    def __call__(self, user: User) -> set[int] | frozenset[int]: ...


def no_expert_topics(user: User) -> frozenset[int]:
    """The answer until moderation plugs in its own: nobody is an expert of any topic."""
    return frozenset()


def expert_topic_ids(user: User) -> frozenset[int]:
    """The topics `user` was vetted for, as `app.extensions["expert_topics"]` says.

    Asked once per person and request: a thread page asks for every post on it.
    """
    if not has_app_context() or Role(user.role) is not Role.EXPERT:
        return frozenset()
    known: dict[int, frozenset[int]] = (
        g.setdefault("expert_topic_ids", {}) if has_request_context() else {}
    )
    if user.id not in known:
        topics: ExpertTopics = current_app.extensions.get("expert_topics", no_expert_topics)
        known[user.id] = frozenset(topics(user))
    return known[user.id]


def private_topics_of(user: Any) -> frozenset[int] | None:
    """The topics whose private consultations `user` reads as staff, besides their own.

    None means every topic (moderators and admins); an expert has the topics they were vetted
    for; everybody else, and suspended staff, none. Queues and counts filter by it in SQL.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if user.is_suspended:
        return frozenset()
    role = Role(user.role)
    if RANK[role] >= RANK[Role.MODERATOR]:
        return None
    return expert_topic_ids(user) if role is Role.EXPERT else frozenset()


def may_read_private(user: Any, question: Any) -> bool:
    """A private consultation is for its asker, the verified experts of its topic and moderators.

    Moving it to another topic changes who those experts are.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if _is_author(user, question):
        return True
    topics = private_topics_of(user)
    return topics is None or question.topic_id in topics


PUBLICATION_ACTIONS = frozenset({Action.PREPARE_PUBLIC_VERSION, Action.DECIDE_ON_PUBLICATION})


def _allowed_to_publish(user: User, action: Action, target: Any) -> bool:
    if action is Action.DECIDE_ON_PUBLICATION:
        # only the person who asked the consultation says whether its public version is public
        return getattr(target, "asker_id", None) == user.id
    # a private consultation that an expert has answered, by staff who may read it
    return target.is_private and target.first_expert_answer_at is not None and can_see(user, target)


def can_see(user: Any, post: Any) -> bool:
    """Return whether `user` may open `post`; everybody else gets the 404 of a missing id.

    Published posts are for everyone, and so are deleted ones, which show only a placeholder;
    a post waiting for review, hidden or rejected is for its author and staff. Everything in
    a private consultation is only for those `may_read_private` names.
    """
    thread = getattr(post, "thread", post)
    if getattr(thread, "is_private", False) and not may_read_private(user, thread):
        return False
    if post.status in ("published", "deleted"):
        return True
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if post.status in ("pending", "hidden", "rejected") and _is_author(user, post):
        return True
    return RANK[Role(user.role)] >= RANK[Role.EXPERT] and not user.is_suspended


def can_read(user: Any, post: Any) -> bool:
    """Return whether `user` may read the text of `post`, and so flag, comment on or mark it.

    A deleted post is a placeholder for everybody: its text is on no page, whoever asks.
    """
    return post.status != "deleted" and can_see(user, post)


def _is_author(user: User, post: Any) -> bool:
    return getattr(post, "author_id", None) == user.id


def current_user_can(action: Action | str, target: Any = None) -> bool:
    """`can` for the signed-in user: the `can` that templates call."""
    # A thread page calls this about 250 times; handing `can` the proxy would resolve it again
    # on each of the five attributes it reads (about 1,200 proxy look-ups a page).
    return can(current_user._get_current_object(), action, target)


# The buttons a thread page may show on each post (edit, delete, flag, moderate, close).
POST_TOOLS = (
    Action.VOTE,
    Action.EDIT_POST,
    Action.DELETE_OWN_POST,
    Action.FLAG,
    Action.MODERATE_POST,
    Action.REDACT_POST,
    Action.CLOSE_QUESTION,
)


def current_user_actions_on(post: Any) -> frozenset[Action]:
    """The POST_TOOLS actions the signed-in user may take on `post`, decided by `can`.

    Templates ask once per post instead of once per button: a Jinja call costs several times
    what `can` does, and a 30-answer thread asked about 200 times.
    """
    user = current_user._get_current_object()
    return frozenset(action for action in POST_TOOLS if can(user, action, post))


class ThreadDecision:
    """What one person may do on one thread's page, decided once for the page.

    A 30-answer thread page asked `can` and `can_see` about 350 times: seven buttons and one
    look for each of its posts. Within one thread the answers depend only on the person, the
    thread and two facts about the post: its status and whether the person wrote it. So each
    combination is decided once, by `can` and `can_see` themselves on the first post that has
    it, and reused for the others (tests/app/test_permissions.py holds it equal to asking
    `can` for every post).
    """

    def __init__(self, user: Any, question: Any) -> None:
        self.user = user
        self.user_id = (
            getattr(user, "id", None) if getattr(user, "is_authenticated", False) else None
        )
        self.comment = can(user, Action.COMMENT, question)
        self.accept = can(user, Action.ACCEPT_ANSWER, question)
        self._actions: dict[bool, frozenset[Action]] = {}
        self._sees: dict[tuple[str, bool], bool] = {}

    def _own(self, post: Any) -> bool:
        return self.user_id is not None and post.author_id == self.user_id

    def actions_on(self, post: Any) -> frozenset[Action]:
        """The POST_TOOLS actions the person may take on `post` (a post of this thread)."""
        own = self._own(post)
        allowed = self._actions.get(own)
        if allowed is None:
            allowed = self._actions[own] = frozenset(
                action for action in POST_TOOLS if can(self.user, action, post)
            )
        return allowed

    def visible(self, posts: Iterable[Any]) -> list[Any]:
        """The posts of `posts` (posts of this thread) that the person may see."""
        return [post for post in posts if self.sees(post)]

    def sees(self, post: Any) -> bool:
        """Whether the person may see `post` (a post of this thread) on the page."""
        key = (post.status, self._own(post))
        seen = self._sees.get(key)
        if seen is None:
            seen = self._sees[key] = can_see(self.user, post)
        return seen


def standing(user: Any, question: Any) -> tuple:
    """What `can` and `can_see` read of `user` to decide about `question` and the posts that
    others wrote on it, and nothing else.

    Two people with the same standing get the same answers about all of them, so a thread
    page drawn for one is the page of the other, if neither wrote, marked or follows anything
    on it: the page cache shares it between them (app/page_cache.py). Whatever `can`,
    `can_see` or the thread page come to read of a person must be added here;
    tests/app/test_permissions.py holds the answers equal for equal standings.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return ("visitor",)
    return (
        str(user.role),
        bool(user.is_active),
        bool(user.is_confirmed),
        bool(user.is_suspended),
        question.topic_id in expert_topic_ids(user),
        _is_author(user, question),
    )


def current_user_on_thread(question: Any) -> ThreadDecision:
    """The signed-in user's `ThreadDecision` on `question`, made once per request."""
    decisions: dict[int, ThreadDecision] = g.setdefault("thread_decisions", {})
    if question.id not in decisions:
        decisions[question.id] = ThreadDecision(current_user._get_current_object(), question)
    return decisions[question.id]


def current_user_can_see(post: Any) -> bool:
    """`can_see` for the signed-in user: the `can_see` that templates call."""
    return can_see(current_user._get_current_object(), post)


def current_user_can_read(post: Any) -> bool:
    """`can_read` for the signed-in user: the `can_read` that templates call."""
    return can_read(current_user._get_current_object(), post)


def require(action: Action | str, target: Any = None) -> None:
    """Stop the request unless the current user may take `action`.

    A visitor is sent to sign in (401), everyone else gets 403.
    """
    if can(current_user, action, target):
        return
    if not current_user.is_authenticated:
        abort(401)
    abort(403)
