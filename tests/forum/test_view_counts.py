"""Page views are counted in batches, not with a write on every view, and never fail a page."""

import logging
import random
import threading

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from app.extensions import db
from forum import services, view_counter
from forum.models import Question
from forum.view_counter import ViewCounter


def test_views_come_back_as_one_batch_when_enough_have_gathered():
    counter = ViewCounter(batch_size=3, max_seconds=3600)
    assert counter.add(7) is None
    assert counter.add(7) is None
    assert counter.add(9) == {7: 2, 9: 1}
    assert counter.add(7) is None  # a new batch starts


def test_a_batch_is_also_due_after_a_while():
    counter = ViewCounter(batch_size=1000, max_seconds=0)
    assert counter.add(5) == {5: 1}


def test_thread_views_write_once_per_batch(app, client, make_user, ask, load, monkeypatch):
    monkeypatch.setattr(view_counter, "views", ViewCounter(batch_size=4, max_seconds=3600))
    question_id = ask(make_user())
    client.get(f"/en/questions/{question_id}", follow_redirects=True)
    updates = []
    with app.app_context():
        engine = db.engine

    def count_updates(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("UPDATE QUESTION"):
            updates.append(statement)

    event.listen(engine, "before_cursor_execute", count_updates)
    try:
        for _ in range(6):  # views 2 to 7: one batch of 4 is written at the 4th
            client.get(f"/en/questions/{question_id}", follow_redirects=True)
    finally:
        event.remove(engine, "before_cursor_execute", count_updates)
    assert len(updates) == 1
    assert load(Question, question_id).view_count == 4


def test_a_failed_write_of_the_counts_never_fails_the_page_and_is_retried(
    app, client, make_user, ask, load, monkeypatch, caplog
):
    monkeypatch.setattr(view_counter, "views", ViewCounter(batch_size=2, max_seconds=3600))
    question_id = ask(make_user())
    with app.app_context():
        engine = db.engine
    failures = []

    def fail_once(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("UPDATE QUESTION") and not failures:
            failures.append(statement)
            raise OperationalError(statement, {}, Exception("deadlock detected"))

    event.listen(engine, "before_cursor_execute", fail_once)
    try:
        with caplog.at_level(logging.WARNING, logger="mipas.forum"):
            pages = [client.get(f"/en/questions/{question_id}", follow_redirects=True)]
            pages.append(client.get(f"/en/questions/{question_id}", follow_redirects=True))
    finally:
        event.remove(engine, "before_cursor_execute", fail_once)
    assert [page.status_code for page in pages] == [200, 200]  # the batch of 2 failed here
    assert failures and "kept for the next batch" in caplog.text
    assert load(Question, question_id).view_count == 0
    # the kept two make the next view due at once: it is written with them
    client.get(f"/en/questions/{question_id}", follow_redirects=True)
    assert load(Question, question_id).view_count == 3


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_processes_writing_their_batches_at_once_never_deadlock(app, make_user, ask, load):
    author = make_user()
    ids = [ask(author, title=f"How do I renew residence permit number {n}?") for n in range(20)]
    flushers, rounds = 4, 15
    errors: list[BaseException] = []
    written: list[bool] = []
    start = threading.Barrier(flushers)

    def flush(seed: int) -> None:
        shuffled = random.Random(seed)
        with app.app_context():
            start.wait()
            for _ in range(rounds):
                order = ids[:]
                shuffled.shuffle(order)  # each process gathers its views in its own order
                try:
                    written.append(services.record_views(dict.fromkeys(order, 1)))
                except BaseException as error:
                    errors.append(error)

    threads = [threading.Thread(target=flush, args=(seed,)) for seed in range(flushers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert written == [True] * (flushers * rounds)
    assert {load(Question, i).view_count for i in ids} == {flushers * rounds}
