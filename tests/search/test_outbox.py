"""Every committed change reaches the index through the outbox, and nothing else does."""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import signal
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, text, update
from whoosh import index as whoosh_index

from app import create_app
from app.extensions import db
from app.models import Topic, User
from forum import services
from forum.knowledge.models import Article, ArticleGroup
from forum.models import Answer, PostStatus, Question, public_questions
from news import services as news_services
from news.models import NewsItem
from search.backend import DocumentKind, SearchQuery
from search.models import SearchOutbox
from tests.conftest import BASE_CONFIG, dispose

QUESTION = DocumentKind.QUESTION


def found(app, text: str) -> list[int]:
    backend = app.extensions["search"].backend
    return [hit.id for hit in backend.search(SearchQuery(text)).hits]


def outbox_rows(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(SearchOutbox.id)))


def change(app, question_id: int, model=Question, **values) -> None:
    """Change a question (or another row) through the ORM, as a service would."""
    with app.app_context():
        row = db.session.get(model, question_id)
        for name, value in values.items():
            setattr(row, name, value)
        db.session.commit()


def test_a_published_question_is_searchable_right_after_its_commit(app, post):
    question_id = post("Renewing a residence permit", "Apply two months ahead.")
    assert found(app, "residence permit") == [question_id]
    assert outbox_rows(app) == 0


def test_the_outbox_feeds_either_backend(search_app, post):
    question_id = post("Renewing a residence permit", "Apply two months ahead.")
    assert found(search_app, "renewing permits") == [question_id]
    change(search_app, question_id, status=PostStatus.HIDDEN.value)
    assert found(search_app, "renewing permits") == []


def test_a_question_asked_through_the_forum_is_found(app, make_user):
    expert = make_user("expert")
    with app.test_request_context(), app.app_context():
        topic = db.session.scalar(select(Topic).where(Topic.slug == "work"))
        draft = services.QuestionDraft(
            title="Can I change employers on a work permit?",
            body="My new employer wants me to start next month. What has to happen first?",
            topic_id=topic.id,
        )
        question = services.ask_question(db.session.get(User, expert.id), draft, "en")
        question_id = question.id
    assert found(app, "changing employers") == [question_id]


def test_a_question_waiting_for_review_is_found_only_once_published(app, post):
    question_id = post("Renewing a residence permit", status=PostStatus.PENDING.value)
    assert found(app, "residence permit") == []
    change(app, question_id, status=PostStatus.PUBLISHED.value)
    assert found(app, "residence permit") == [question_id]


@pytest.mark.parametrize(
    "status", [PostStatus.HIDDEN, PostStatus.REJECTED, PostStatus.DELETED, PostStatus.PENDING]
)
def test_hiding_rejecting_or_deleting_removes_it_at_once(app, post, status):
    question_id = post("Renewing a residence permit")
    change(app, question_id, status=status.value)
    assert found(app, "residence permit") == []
    change(app, question_id, status=PostStatus.PUBLISHED.value)
    assert found(app, "residence permit") == [question_id]


def test_an_edit_replaces_the_old_text(app, post):
    question_id = post("Renewing a residence permit")
    change(app, question_id, title="Exchanging a driving licence")
    assert found(app, "driving licence") == [question_id]
    assert found(app, "residence permit") == []


def test_answers_are_found_with_their_question_while_published(app, post):
    question_id = post("Renewing a residence permit", answers=("Use the MIGRIS portal early.",))
    assert found(app, "MIGRIS portal") == [question_id]
    with app.app_context():
        answer = db.session.scalar(select(Answer).where(Answer.question_id == question_id))
        answer.status = PostStatus.HIDDEN.value
        db.session.commit()
    assert found(app, "MIGRIS portal") == []
    assert found(app, "residence permit") == [question_id]


def test_accepting_an_answer_marks_the_question_answered(app, post):
    question_id = post("Renewing a residence permit", answers=("Use the MIGRIS portal.",))
    backend = app.extensions["search"].backend
    assert backend.search(SearchQuery("permit", answered_only=True)).hits == []
    with app.app_context():
        answer = db.session.scalar(select(Answer).where(Answer.question_id == question_id))
        db.session.get(Question, question_id).accepted_answer_id = answer.id
        db.session.commit()
    [hit] = backend.search(SearchQuery("permit", answered_only=True)).hits
    assert hit.id == question_id and hit.answered


def test_deleting_the_row_removes_it(app, post):
    question_id = post("Renewing a residence permit")
    with app.app_context():
        db.session.delete(db.session.get(Question, question_id))
        db.session.commit()
    assert found(app, "residence permit") == []


def test_update_statements_are_seen_too(app, post):
    question_id = post("Renewing a residence permit")
    with app.app_context():
        db.session.execute(
            update(Question).where(Question.id == question_id).values(status="hidden")
        )
        db.session.commit()
    assert found(app, "residence permit") == []
    with app.app_context():
        db.session.execute(
            Question.__table__.update()
            .where(Question.id == question_id)
            .values(view_count=Question.view_count + 5)
        )
        db.session.flush()
        assert db.session.scalar(select(func.count(SearchOutbox.id))) == 0
        db.session.execute(delete(Question).where(Question.id == question_id))
        db.session.commit()
    assert app.extensions["search"].check().clean


def test_a_rolled_back_change_leaves_no_row_and_no_trace(app, post):
    question_id = post("Renewing a residence permit")
    with app.app_context():
        db.session.get(Question, question_id).title = "Exchanging a driving licence"
        db.session.flush()
        db.session.rollback()
    assert outbox_rows(app) == 0
    assert found(app, "residence permit") == [question_id]


@pytest.fixture
def worker_config(config) -> dict:
    return {**config, "SEARCH_INDEXER": "worker"}


def test_with_a_worker_the_app_only_writes_the_outbox(worker_config, post_to):
    app = create_app(worker_config)
    try:
        question_id = post_to(app, "Renewing a residence permit")
        assert found(app, "residence permit") == []
        assert outbox_rows(app) == 1
        service = app.extensions["search"]
        rounds = iter([False, True])
        service.run_worker(poll_seconds=0, should_stop=lambda: next(rounds))
        assert found(app, "residence permit") == [question_id]
        assert outbox_rows(app) == 0
    finally:
        dispose(app)


@pytest.fixture
def post_to():
    def post(app, title: str) -> int:
        with app.app_context():
            question = Question(
                topic_id=db.session.scalar(select(Topic.id).limit(1)),
                author_id=_author(),
                title=title,
                slug="q",
                body=title,
                body_html=f"<p>{title}</p>",
                language="en",
            )
            db.session.add(question)
            db.session.commit()
            return question.id

    return post


def _author() -> int:
    author = db.session.scalar(select(User).limit(1))
    if author is None:
        author = User(email="a@example.org", display_name="A", password_hash="x")
        db.session.add(author)
        db.session.flush()
    return author.id


def test_a_busy_index_keeps_the_changes_and_applies_them_once_it_is_free(app, config, post, caplog):
    caplog.set_level(logging.INFO, logger="mipas.search")
    app.extensions["search"].retry_delays = (0.2,) * 50
    first = post("Renewing a residence permit")
    # Another process holds Whoosh's write lock, e.g. `flask search reindex` or a backup.
    writer = whoosh_index.open_dir(config["SEARCH_INDEX_DIR"]).writer()
    try:
        second = post("Exchanging a driving licence")
        assert found(app, "driving licence") == []
        assert outbox_rows(app) == 1
        assert "busy" in caplog.text
    finally:
        writer.cancel()
    # No other commit comes: the retry applies the change once the lock is free.
    _wait_for(lambda: outbox_rows(app) == 0, seconds=20)
    assert found(app, "driving licence") == [second]
    third = post("Learning Lithuanian for free")
    assert found(app, "driving licence") == [second]
    assert found(app, "Lithuanian") == [third] and found(app, "permit") == [first]
    assert outbox_rows(app) == 0


def _write_questions(config: dict, count: int, progress: str) -> None:
    """Post `count` questions, one commit each, as an app process of its own would."""
    app = create_app(config)
    with app.app_context():
        topic_id = db.session.scalar(select(Topic.id).limit(1))
        author_id = _author()
        db.session.commit()
        for number in range(count):
            db.session.add(
                Question(
                    topic_id=topic_id,
                    author_id=author_id,
                    title=f"Parallel question {os.getpid()} {number}",
                    slug="q",
                    body="Residence permit renewal from a parallel writer.",
                    body_html="<p>Residence permit renewal from a parallel writer.</p>",
                    language="en",
                )
            )
            db.session.commit()
            Path(progress).write_text(str(number + 1))


def _wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


def test_parallel_writers_and_a_killed_one_lose_no_committed_post(tmp_path, sqlite_template):
    path = tmp_path / "shared.sqlite3"
    shutil.copy(sqlite_template, path)
    config = {
        **BASE_CONFIG,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
        "SEARCH_INDEX_DIR": str(tmp_path / "search-index"),
    }
    app = create_app(config)
    with app.app_context():
        _author()
        db.session.commit()
    context = multiprocessing.get_context("spawn")
    progress = [tmp_path / f"progress-{n}" for n in range(3)]
    writers = [
        context.Process(target=_write_questions, args=(config, 40, str(progress[n])))
        for n in range(3)
    ]
    for writer in writers:
        writer.start()
    try:
        _wait_for(lambda: progress[0].exists() and int(progress[0].read_text() or 0) >= 5)
        os.kill(writers[0].pid, signal.SIGKILL)
        for writer in writers:
            writer.join(timeout=120)
    finally:
        for writer in writers:
            if writer.is_alive():
                writer.kill()
    assert writers[0].exitcode == -signal.SIGKILL
    assert [writer.exitcode for writer in writers[1:]] == [0, 0]

    service = app.extensions["search"]
    service.drain()
    with app.app_context():
        committed = set(
            db.session.scalars(select(Question.id).where(Question.status == "published"))
        )
    assert len(committed) >= 2 * 40 + 5
    assert {id_ for _, id_ in service.backend.fingerprints()} == committed
    drift = service.check(repair=False)
    assert drift.clean and drift.pending == 0
    dispose(app)


def test_check_finds_and_repairs_drift(app, post, runner):
    kept, lost, changed = (post(f"Residence permit {n}") for n in ("kept", "lost", "changed"))
    backend = app.extensions["search"].backend
    backend.delete(QUESTION, lost)
    backend.index([_stray_document()])
    with app.app_context(), db.engine.begin() as connection:
        # a write that no session sees, as a careless script would make it
        connection.execute(
            text("UPDATE question SET title = 'Driving licence' WHERE id = :id"), {"id": changed}
        )
    report = runner.invoke(args=["search", "check", "--report-only"])
    assert report.exit_code != 0
    assert "missing: 1, stale: 1, extra: 1" in report.output
    repaired = runner.invoke(args=["search", "check"])
    assert repaired.exit_code == 0 and "Repaired" in repaired.output
    assert app.extensions["search"].check().clean
    assert found(app, "driving licence") == [changed]
    assert sorted(found(app, "residence permit")) == sorted([kept, lost])


def _stray_document():
    from search.backend import Document

    return Document(QUESTION, 9999, "Stray permit", "Stray", "/questions/9999/x", "en")


def test_reindex_rebuilds_from_the_database(app, post, runner):
    question_id = post("Renewing a residence permit")
    app.extensions["search"].backend.clear()
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexed 1 documents" in result.output
    assert found(app, "residence permit") == [question_id]


def test_the_demo_content_is_searchable_after_load_demo(app, runner):
    assert runner.invoke(args=["mipas", "load-demo"]).exit_code == 0
    service = app.extensions["search"]
    with app.app_context():
        # published and public: the demo's private consultations are never indexed
        published = db.session.scalar(select(func.count(Question.id)).where(public_questions()))
        articles = db.session.scalar(
            select(func.count(Article.id)).where(Article.status == "published")
        )
        news = db.session.scalar(
            select(func.count(NewsItem.id)).where(NewsItem.status == "published")
        )
    assert published > 0 and articles > 0 and news > 0
    assert service.backend.count() == published + articles + news
    assert service.check().clean


def test_a_broken_index_is_rebuilt_at_start_up(config, post_to, caplog):
    app = create_app(config)
    question_id = post_to(app, "Renewing a residence permit")
    app.extensions["search"].backend.close()
    dispose(app)
    index_dir = Path(config["SEARCH_INDEX_DIR"])
    for path in index_dir.iterdir():
        if path.suffix in {".toc", ".seg"}:
            path.write_bytes(b"not an index")
    with caplog.at_level(logging.WARNING, logger="mipas.search"):
        app = create_app(config)
    assert "unusable" in caplog.text
    assert found(app, "residence permit") == [question_id]
    dispose(app)


def test_a_missing_index_is_rebuilt_at_start_up(config, post_to):
    app = create_app(config)
    question_id = post_to(app, "Renewing a residence permit")
    app.extensions["search"].backend.close()
    dispose(app)
    shutil.rmtree(config["SEARCH_INDEX_DIR"])
    app = create_app(config)
    assert found(app, "residence permit") == [question_id]
    dispose(app)


def save_article(app, title: str, status: str, slug: str = "kb-article") -> int:
    """Write a knowledge-base article through the ORM, as the services' commit would."""
    with app.app_context():
        author = db.session.scalar(select(User).limit(1))
        topic = db.session.scalar(select(Topic).where(Topic.slug == "work"))
        article = Article(
            group=ArticleGroup(),
            language="en",
            slug=slug,
            title=title,
            summary="Ask Užimtumo tarnyba before you sign.",
            body="Body",
            body_html="<p>A work permit is needed for most jobs.</p>",
            topic_id=topic.id,
            status=status,
            checked_on=date(2026, 1, 1),
            review_due=date(2027, 1, 1),
            created_by_id=author.id,
            updated_by_id=author.id,
        )
        db.session.add(article)
        db.session.commit()
        return article.id


def test_published_articles_are_found_and_drafts_and_archived_ones_are_not(search_app, post):
    post("Someone asking first")  # an author for the articles
    published = save_article(search_app, "Work permits explained", "published")
    save_article(search_app, "Work permit draft", "draft", slug="kb-draft")
    backend = search_app.extensions["search"].backend
    hits = backend.search(SearchQuery("work permit")).hits
    assert [(hit.kind, hit.id) for hit in hits] == [(DocumentKind.ARTICLE, published)]
    assert hits[0].url_path == "/kb/kb-article"
    assert found(search_app, "Užimtumo tarnyba") == [published]
    change(search_app, published, Article, status="archived")
    assert found(search_app, "work permit") == []
    change(search_app, published, Article, status="published", title="Seasonal work")
    assert found(search_app, "seasonal") == [published]
    assert search_app.extensions["search"].check().clean


def test_search_check_reports_no_drift_with_articles(app, post, runner):
    post("Someone asking first")
    save_article(app, "Work permits explained", "published")
    save_article(app, "Work permit draft", "draft", slug="kb-draft")
    result = runner.invoke(args=["search", "check", "--report-only"])
    assert result.exit_code == 0, result.output
    app.extensions["search"].backend.clear()
    assert "Indexed 2 documents" in runner.invoke(args=["search", "reindex"]).output


def test_a_news_item_is_found_while_published_on_either_backend(search_app):
    with search_app.test_request_context():
        author = User(email="editor@example.org", display_name="Editor", password_hash="x")
        db.session.add(author)
        db.session.commit()
        draft = news_services.NewsDraft(
            title="Consultation day on residence permits",
            summary="Lawyers answer general questions about residence permits.",
            body="Bring copies of your documents to the consultation day.",
            language="en",
        )
        item = news_services.create_item(author, draft)
        item_id, author_id = item.id, author.id
        assert found(search_app, "consultation") == []
        news_services.publish_item(author, item)
    hits = search_app.extensions["search"].backend.search(SearchQuery("consultation day")).hits
    assert [(hit.kind, hit.id) for hit in hits] == [(DocumentKind.NEWS, item_id)]
    assert hits[0].url_path == "/news/consultation-day-on-residence-permits"
    with search_app.test_request_context():
        editor = db.session.get(User, author_id)
        news_services.unpublish_item(editor, db.session.get(NewsItem, item_id))
    assert found(search_app, "consultation day") == []
