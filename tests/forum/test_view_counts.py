"""Page views are counted in batches, not with a write on every view."""

from sqlalchemy import event

from app.extensions import db
from forum import view_counter
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
    monkeypatch.setattr("forum.views.views", view_counter.views)
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
