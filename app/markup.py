"""The one way a member's Markdown becomes HTML that is safe to show."""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

import bleach
from bleach.linkifier import LinkifyFilter
from markdown_it import MarkdownIt
from markupsafe import Markup
from sqlalchemy import select

from app.extensions import db

ALLOWED_TAGS = frozenset(
    {
        "a", "p", "br", "hr", "strong", "em", "code", "pre", "blockquote",
        "ul", "ol", "li", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"], "ol": ["start"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

# Raw HTML off, no images (they would be requests to other sites); headings become
# level 3 and 4 so that a post never breaks the outline of the page around it.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
_markdown.disable("image")


def _shift_heading(self, tokens, idx, options, env):
    token = tokens[idx]
    level = min(int(token.tag[1]) + 2, 4)
    token.tag = f"h{level}"
    return self.renderToken(tokens, idx, options, env)


_markdown.add_render_rule("heading_open", _shift_heading)
_markdown.add_render_rule("heading_close", _shift_heading)


def _set_link_rel(attrs: dict, new: bool = False) -> dict:
    attrs[(None, "rel")] = LINK_REL
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    filters=[partial(LinkifyFilter, callbacks=[_set_link_rel], skip_tags={"pre", "code"})],
)


def render_markdown(text: str) -> Markup:
    """Turn a member's Markdown into clean HTML; call it when the text is saved."""
    html = _markdown.render(text or "")
    return Markup(_cleaner.clean(html).strip())  # noqa: S704 - cleaned by bleach just above


@dataclass(frozen=True)
class RenderedColumn:
    """A model's Markdown column and the column that keeps its HTML."""

    model: type
    source: str = "body"
    html: str = "body_html"


def render_again(columns: Iterable[RenderedColumn], batch: int = 500) -> dict[str, int]:
    """Render every stored text again (after a change of the allowlist); changed rows per model.

    Rows are read in batches by id and each batch is one commit, so a large forum is
    re-rendered in bounded memory, and a row whose HTML comes out the same is not written.
    """
    changed: dict[str, int] = {}
    for column in columns:
        model = column.model
        changed[model.__name__] = 0
        last_id = 0
        while rows := db.session.scalars(
            select(model).where(model.id > last_id).order_by(model.id).limit(batch)
        ).all():
            for row in rows:
                html = str(render_markdown(getattr(row, column.source)))
                if html != getattr(row, column.html):
                    setattr(row, column.html, html)
                    changed[model.__name__] += 1
            last_id = rows[-1].id
            db.session.commit()
    return changed
