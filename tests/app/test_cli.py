"""The `flask mipas` commands."""

from sqlalchemy import func, select

from app.extensions import db
from app.markup import render_markdown
from app.models import Organisation, User
from forum.models import Question


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(model.id)))


def test_create_admin(app, runner, monkeypatch):
    monkeypatch.setenv("MIPAS_ADMIN_PASSWORD", "a very long admin phrase")
    result = runner.invoke(
        args=["mipas", "create-admin", "--email", "Root@Example.org", "--name", "Root"]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        admin = db.session.scalar(select(User).where(User.email == "root@example.org"))
        assert admin.role == "admin" and admin.is_confirmed
        assert admin.check_password("a very long admin phrase")


def test_create_admin_refuses_a_taken_address_and_a_short_password(
    app, runner, monkeypatch, make_user
):
    user = make_user()
    monkeypatch.setenv("MIPAS_ADMIN_PASSWORD", "a very long admin phrase")
    result = runner.invoke(args=["mipas", "create-admin", "--email", user.email, "--name", "X"])
    assert result.exit_code != 0 and "already exists" in result.output
    monkeypatch.setenv("MIPAS_ADMIN_PASSWORD", "short")
    result = runner.invoke(
        args=["mipas", "create-admin", "--email", "new@example.org", "--name", "X"]
    )
    assert result.exit_code != 0 and "at least 10" in result.output


def test_demo_loads_once(app, runner):
    first = runner.invoke(args=["mipas", "load-demo"])
    assert first.exit_code == 0 and "loaded" in first.output
    users, organisations = count(app, User), count(app, Organisation)
    second = runner.invoke(args=["mipas", "load-demo"])
    assert second.exit_code == 0 and "already there" in second.output
    assert (count(app, User), count(app, Organisation)) == (users, organisations)
    with app.app_context():
        emails = set(db.session.scalars(select(User.email)))
    assert {
        "admin@mipas.example",
        "moderator@mipas.example",
        "expert@mipas.example",
        "member@mipas.example",
    } <= emails


def test_demo_is_never_loaded_in_production(app, runner):
    app.config["MIPAS_ENV"] = "production"
    result = runner.invoke(args=["mipas", "load-demo"])
    assert result.exit_code != 0
    assert count(app, User) == 0


def test_demo_accounts_sign_in_with_the_published_password(app, runner, client):
    runner.invoke(args=["mipas", "load-demo"])
    response = client.post(
        "/en/account/sign-in", data={"email": "member@mipas.example", "password": "demo-password"}
    )
    assert response.status_code == 302


def test_render_markdown_writes_what_the_allowlist_now_gives(app, runner):
    runner.invoke(args=["mipas", "load-demo"])
    with app.app_context():
        question = db.session.scalars(select(Question).order_by(Question.id)).first()
        # as if saved under an older allowlist that let images through
        question.body_html = '<p><img src="https://tracker.example/x.png"></p>'
        db.session.commit()
        question_id, body = question.id, question.body
    result = runner.invoke(args=["mipas", "render-markdown"])
    assert result.exit_code == 0, result.output
    assert "Question: 1 changed" in result.output and "Answer: 0 changed" in result.output
    with app.app_context():
        assert db.session.get(Question, question_id).body_html == str(render_markdown(body))
    again = runner.invoke(args=["mipas", "render-markdown"])
    assert "Question: 0 changed" in again.output
