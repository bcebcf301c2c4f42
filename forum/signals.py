"""What the forum announces, for other packages to listen to without the forum knowing them."""

from blinker import Namespace

_signals = Namespace()

# sent inside the edit's transaction, before its commit: (post, kind=..., editor=..., before=...)
post_edited = _signals.signal("post-edited")

# sent inside the transaction that first makes a question public (published when asked, or
# approved by a moderator; not when a hidden one is restored): (question)
question_published = _signals.signal("question-published")

# sent inside the transaction in which a question becomes urgent (asked so, or so edited by
# its asker), whether it is public yet or waits for review: (question)
question_urgent = _signals.signal("question-urgent")

# sent inside a knowledge-base action's transaction, before its commit:
# (article, action=..., actor=..., reason=..., before=..., after=...)
article_changed = _signals.signal("article-changed")

# sent inside an account deletion's transaction, before the rows go:
# (None, questions=set[int], answers=set[int], comments=set[int]) - the posts about to be removed
posts_removing = _signals.signal("posts-removing")

# sent inside each step's transaction of publishing a consultation with its asker's consent
# (prepared, asked, consented, declined, withdrawn), before its commit:
# (version, action=..., actor=..., before=..., after=...)
publication_changed = _signals.signal("publication-changed")
