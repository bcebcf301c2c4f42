"""What the forum announces, for other packages to listen to without the forum knowing them."""

from blinker import Namespace

_signals = Namespace()

# sent inside the edit's transaction, before its commit: (post, kind=..., editor=..., before=...)
post_edited = _signals.signal("post-edited")

# sent inside a knowledge-base action's transaction, before its commit:
# (article, action=..., actor=..., reason=..., before=..., after=...)
article_changed = _signals.signal("article-changed")

# sent inside an account deletion's transaction, before the rows go:
# (None, questions=set[int], answers=set[int], comments=set[int]) - the posts about to be removed
posts_removing = _signals.signal("posts-removing")
