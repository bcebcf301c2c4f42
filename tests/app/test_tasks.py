"""Mail goes out through app.tasks: inline by default, through an RQ worker with Redis."""

import uuid

import pytest
from redis import Redis
from rq import Queue, SimpleWorker

from app import tasks
from app.extensions import db
from app.mail import mail_user
from app.models import Organisation
from tests.conftest import service_url


def test_jobs_run_inline_without_redis(app, make_user, mailbox):
    user = make_user(language="lt")
    with app.app_context():
        tasks.enqueue(mail_user, user.id, "reset_password", {"link": "http://x/lt/r/1"})
    [(to, _, body)] = mailbox.messages
    assert to == user.email
    assert "http://x/lt/r/1" in body


@pytest.mark.redis
def test_jobs_go_to_the_rq_queue_and_a_worker_sends_them(app, make_user, mailbox, monkeypatch):
    redis_url = service_url("TEST_REDIS_URL")
    monkeypatch.setattr(tasks, "QUEUE_NAME", f"test-{uuid.uuid4().hex}")
    app.config["REDIS_URL"] = redis_url
    user = make_user()
    with app.app_context():
        tasks.enqueue(mail_user, user.id, "reset_password", {"link": "http://x/en/r/2"})
        assert mailbox.messages == []  # queued, not sent yet
        queue = Queue(tasks.QUEUE_NAME, connection=Redis.from_url(redis_url))
        assert queue.count == 1
        SimpleWorker([queue], connection=queue.connection).work(burst=True)
    [(to, _, body)] = mailbox.messages
    assert to == user.email and "http://x/en/r/2" in body
    queue.delete(delete_jobs=True)


def test_mail_for_a_deleted_account_is_dropped(app, mailbox):
    with app.app_context():
        mail_user(999_999, "reset_password", {"link": "x"})
    assert mailbox.messages == []


def test_a_job_after_commit_waits_for_the_commit(app, make_user, mailbox):
    user = make_user()
    with app.app_context():
        db.session.add(Organisation(slug="kept", name_lt="K", name_en="K", name_ru="K"))
        tasks.after_commit(db.session, mail_user, user.id, "reset_password", {"link": "http://x/1"})
        db.session.flush()
        assert mailbox.messages == []  # written, not committed: nothing sent yet
        db.session.commit()
    [(to, _, body)] = mailbox.messages
    assert to == user.email and "http://x/1" in body


def test_a_job_after_commit_is_dropped_when_the_change_rolls_back(app, make_user, mailbox):
    user = make_user()
    with app.app_context():
        db.session.add(Organisation(slug="lost", name_lt="L", name_en="L", name_ru="L"))
        tasks.after_commit(db.session, mail_user, user.id, "reset_password", {"link": "http://x/2"})
        db.session.rollback()
        db.session.commit()  # a later commit does not send what was rolled back
    assert mailbox.messages == []
