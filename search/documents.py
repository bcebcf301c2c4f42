"""The documents the index should hold, read from the database, which is the source of truth."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Topic
from forum.knowledge.models import Article, ArticleStatus
from forum.models import Answer, PostStatus, Question, public_questions
from news.models import NewsItem, NewsStatus
from search.backend import Document, DocumentKind

PUBLISHED = PostStatus.PUBLISHED.value
Key = tuple[DocumentKind, int]


class _TextOfHtml(HTMLParser):
    """Collect the text of cleaned post HTML, with a space wherever a block ends."""

    BLOCKS = frozenset(
        [
            "p",
            "br",
            "div",
            "li",
            "ul",
            "ol",
            "pre",
            "blockquote",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "tr",
            "td",
            "th",
            "table",
            "hr",
        ]
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of_html(html: str) -> str:
    """The plain text of a post's rendered HTML, on one line."""
    if "<" not in html and "&" not in html:
        return " ".join(html.split())
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def question_documents(session: Session, ids: Iterable[int]) -> dict[int, Document]:
    """The documents of the published questions among `ids`, with their published answers."""
    ids = sorted(set(ids))
    if not ids:
        return {}
    questions = session.execute(
        select(
            Question.id,
            Question.title,
            Question.slug,
            Question.body_html,
            Question.language,
            Question.accepted_answer_id,
            Question.last_activity_at,
            Topic.slug,
        )
        .join(Topic, Topic.id == Question.topic_id)
        .where(Question.id.in_(ids), public_questions())
    ).all()
    answers: dict[int, list] = defaultdict(list)
    found = [row[0] for row in questions]
    if found:
        for row in session.execute(
            select(Answer.question_id, Answer.id, Answer.body_html, Answer.by_expert)
            .where(Answer.question_id.in_(found), Answer.status == PUBLISHED)
            .order_by(Answer.id)
        ):
            answers[row[0]].append(row)
    documents = {}
    for id_, title, slug, html, language, accepted_id, active_at, topic in questions:
        body, boosted = [text_of_html(html)], []
        for _, answer_id, answer_html, by_expert in answers[id_]:
            # the accepted answer and experts' answers are what people come looking for
            weighs_more = answer_id == accepted_id or by_expert
            (boosted if weighs_more else body).append(text_of_html(answer_html))
        documents[id_] = Document(
            kind=DocumentKind.QUESTION,
            id=id_,
            title=title,
            body="\n".join(body),
            url_path=f"/questions/{id_}/{slug}",
            language=language,
            topic=topic,
            answered=accepted_id is not None and any(a[1] == accepted_id for a in answers[id_]),
            boosted="\n".join(boosted),
            updated_at=active_at,
        )
    return documents


def article_documents(session: Session, ids: Iterable[int]) -> dict[int, Document]:
    """The documents of the published knowledge-base articles among `ids`."""
    ids = sorted(set(ids))
    if not ids:
        return {}
    rows = session.execute(
        select(
            Article.id,
            Article.title,
            Article.slug,
            Article.summary,
            Article.body_html,
            Article.language,
            Article.updated_at,
            Topic.slug,
        )
        .join(Topic, Topic.id == Article.topic_id)
        .where(Article.id.in_(ids), Article.status == ArticleStatus.PUBLISHED.value)
    ).all()
    return {
        id_: Document(
            kind=DocumentKind.ARTICLE,
            id=id_,
            title=title,
            body=f"{summary}\n{text_of_html(html)}",
            url_path=f"/kb/{slug}",
            language=language,
            topic=topic,
            # an article is a checked answer: it counts as answered in the facets
            answered=True,
            updated_at=updated_at,
        )
        for id_, title, slug, summary, html, language, updated_at, topic in rows
    }


def news_documents(session: Session, ids: Iterable[int]) -> dict[int, Document]:
    """The documents of the published news items and events among `ids`."""
    ids = sorted(set(ids))
    if not ids:
        return {}
    rows = session.execute(
        select(
            NewsItem.id,
            NewsItem.title,
            NewsItem.slug,
            NewsItem.summary,
            NewsItem.body_html,
            NewsItem.place,
            NewsItem.language,
            NewsItem.updated_at,
        ).where(NewsItem.id.in_(ids), NewsItem.status == NewsStatus.PUBLISHED.value)
    ).all()
    return {
        id_: Document(
            kind=DocumentKind.NEWS,
            id=id_,
            title=title,
            body="\n".join(part for part in (summary, place, text_of_html(html)) if part),
            url_path=f"/news/{slug}",
            language=language,
            updated_at=updated_at,
        )
        for id_, title, slug, summary, html, place, language, updated_at in rows
    }


# how each kind of document is read from the database
DOCUMENT_LOADERS = {
    DocumentKind.QUESTION: question_documents,
    DocumentKind.ARTICLE: article_documents,
    DocumentKind.NEWS: news_documents,
}


def load_documents(session: Session, keys: Iterable[Key]) -> dict[Key, Document]:
    """The published documents among `keys`; a key missing from the answer is not published."""
    by_kind: dict[DocumentKind, list[int]] = defaultdict(list)
    for kind, document_id in keys:
        by_kind[DocumentKind(kind)].append(document_id)
    documents: dict[Key, Document] = {}
    for kind, loader in DOCUMENT_LOADERS.items():
        for document_id, document in loader(session, by_kind.pop(kind, [])).items():
            documents[(kind, document_id)] = document
    return documents


def published_question_ids(session: Session) -> list[int]:
    return list(
        session.scalars(select(Question.id).where(public_questions()).order_by(Question.id))
    )


def published_article_ids(session: Session) -> list[int]:
    return list(
        session.scalars(
            select(Article.id)
            .where(Article.status == ArticleStatus.PUBLISHED.value)
            .order_by(Article.id)
        )
    )


def published_news_ids(session: Session) -> list[int]:
    return list(
        session.scalars(
            select(NewsItem.id)
            .where(NewsItem.status == NewsStatus.PUBLISHED.value)
            .order_by(NewsItem.id)
        )
    )


PUBLISHED_IDS = {
    DocumentKind.QUESTION: published_question_ids,
    DocumentKind.ARTICLE: published_article_ids,
    DocumentKind.NEWS: published_news_ids,
}


def count_published(session: Session) -> int:
    questions = select(func.count(Question.id)).where(public_questions())
    articles = select(func.count(Article.id)).where(Article.status == ArticleStatus.PUBLISHED.value)
    news = select(func.count(NewsItem.id)).where(NewsItem.status == NewsStatus.PUBLISHED.value)
    return session.scalar(questions) + session.scalar(articles) + session.scalar(news)


def all_documents(session: Session, batch_size: int = 500) -> Iterator[list[Document]]:
    """Every published document, in batches, for a full rebuild or a check."""
    for kind, published_ids in PUBLISHED_IDS.items():
        ids = published_ids(session)
        for start in range(0, len(ids), batch_size):
            batch = DOCUMENT_LOADERS[kind](session, ids[start : start + batch_size])
            yield list(batch.values())
            session.expunge_all()
