"""What news announces, for other packages to listen to without news knowing them."""

from blinker import Namespace

_signals = Namespace()

# sent inside a staff action's transaction, before its commit:
# (item, action=..., actor=..., before=..., after=...)
news_changed = _signals.signal("news-changed")
