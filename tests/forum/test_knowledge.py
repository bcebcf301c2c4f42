"""The knowledge base: drafts from accepted answers, translations, publishing and reviews."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Organisation, User, utctoday
from forum import queries as forum_queries
from forum import services as forum_services
from forum.knowledge import services
from forum.knowledge.models import Article, ArticleGroup
from forum.models import Answer, Question
from search.backend import DocumentKind, Hit

SUMMARY = "Apply for a new permit in MIGRIS at least two months before the old one ends."
SOURCE = "https://www.migracija.lt/en/changing-employer"
BODY = (
    "Renew a temporary residence permit through MIGRIS well before it expires. "
    "Check the current list of documents with the Migracijos departamentas."
)


def page(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def accepted(app, make_user, ask, answer):
    """A member's question with an expert's accepted answer; returns (question_id, answer_id)."""
    expert = make_user("expert")
    with app.app_context():
        organisation = Organisation(
            slug="help-desk", name_lt="Pagalba", name_en="Help Desk", name_ru="Помощь"
        )
        db.session.add(organisation)
        db.session.get(User, expert.id).organisation = organisation
        db.session.commit()
    asker = make_user()
    question_id = ask(asker)
    answer_id = answer(expert, question_id, "Apply in MIGRIS two months before it ends.")
    with app.test_request_context():
        found = db.session.get(Answer, answer_id)
        forum_services.accept_answer(found, db.session.get(User, asker.id))
    return question_id, answer_id


def form(topic_id: int, **values) -> dict:
    return {
        "title": "Renewing a temporary residence permit",
        "summary": SUMMARY,
        "body": BODY,
        "topic": str(topic_id),
        "language": "en",
        "slug": "",
        "sources": SOURCE,
        **values,
    }


@pytest.fixture
def draft(app, make_user, accepted, topic_id):
    """A draft article made from the accepted answer, by an expert; returns its slug."""
    expert = make_user("expert")
    _, answer_id = accepted
    with app.test_request_context():
        article = services.create_article_from_answer(
            db.session.get(User, expert.id),
            db.session.get(Answer, answer_id),
            services.ArticleDraft(
                "Renewing a temporary residence permit",
                SUMMARY,
                BODY,
                topic_id,
                "en",
                sources=SOURCE,
            ),
        )
        return article.slug


def set_dates(app, slug: str, **values) -> None:
    with app.app_context():
        article = db.session.scalar(select(Article).where(Article.slug == slug))
        for name, value in values.items():
            setattr(article, name, value)
        db.session.commit()


def article_row(app, slug: str) -> Article:
    with app.app_context():
        article = db.session.scalar(select(Article).where(Article.slug == slug))
        db.session.expunge(article)
        return article


def test_create_from_a_proposal_shows_a_filled_draft_and_saves_it(
    app, client, make_user, sign_in, accepted, topic_id
):
    _, answer_id = accepted
    sign_in(make_user("expert").email)
    filled = page(client.get(f"/en/kb/new?answer={answer_id}"))
    assert "How do I renew my residence permit?" in filled
    assert "Apply in MIGRIS two months before it ends." in filled
    response = client.post(f"/en/kb/new?answer={answer_id}", data=form(topic_id))
    assert response.status_code == 302
    assert response.location.endswith("/en/kb/renewing-a-temporary-residence-permit")
    article = article_row(app, "renewing-a-temporary-residence-permit")
    assert article.status == "draft" and article.source_answer_id == answer_id
    assert "<p>Renew a temporary" in article.body_html
    assert article.checked_on == utctoday()


def test_only_an_accepted_answer_becomes_an_article(client, make_user, sign_in, ask, answer):
    question_id = ask(make_user())
    answer_id = answer(make_user("expert"), question_id)
    sign_in(make_user("expert").email)
    assert client.get(f"/en/kb/new?answer={answer_id}").status_code == 404
    assert client.get("/en/kb/new?answer=999").status_code == 404


@pytest.mark.parametrize("lang", ["en", "lt", "ru"])
def test_bad_input_keeps_what_was_typed_and_says_why(
    client, make_user, sign_in, accepted, topic_id, lang
):
    _, answer_id = accepted
    sign_in(make_user("expert").email)
    typed = "A body typed with care but short"
    response = client.post(
        f"/{lang}/kb/new?answer={answer_id}", data=form(topic_id, body=typed, summary="short")
    )
    html = page(response)
    assert response.status_code == 200
    assert typed in html and "short</textarea>" in html
    expected = {
        "en": "Write between 20 and 400 characters.",
        "lt": "Parašykite nuo 20 iki 400 simbolių.",
        "ru": "Напишите от 20 до 400 символов.",
    }[lang]
    assert expected in html
    assert 'aria-invalid="true"' in html


def test_a_taken_address_is_a_form_error(client, make_user, sign_in, draft, ask, answer, app):
    other_question = ask(make_user(), "What documents do I need for a work permit?")
    other_answer = answer(make_user("expert"), other_question, "Ask Užimtumo tarnyba first.")
    with app.test_request_context():
        found = db.session.get(Answer, other_answer)
        forum_services.accept_answer(found, found.question.author)
    sign_in(make_user("expert").email)
    with app.app_context():
        topic_id = article_row(app, draft).topic_id
    response = client.post(
        f"/en/kb/new?answer={other_answer}", data=form(topic_id, slug=draft, body=BODY + " 2")
    )
    html = page(response)
    assert response.status_code == 200
    assert "Another article already has this address." in html
    assert BODY + " 2" in html
    with app.app_context():
        # the refused draft left no empty group behind
        assert db.session.scalar(select(db.func.count(ArticleGroup.id))) == 1


def test_a_translation_joins_the_group_and_shows_the_original(
    app, client, make_user, sign_in, draft, topic_id
):
    sign_in(make_user("expert").email)
    shown = page(client.get(f"/en/kb/{draft}/translate?to=ru"))
    assert SUMMARY in shown and 'lang="en"' in shown
    response = client.post(
        f"/en/kb/{draft}/translate?to=ru",
        data=form(
            topic_id,
            title="Продление временного вида на жительство",
            summary="Подайте заявление в MIGRIS за два месяца до окончания срока.",
            body="Уточните список документов в Migracijos departamentas. " * 2,
        ),
    )
    assert response.status_code == 302
    original, translation = (
        article_row(app, draft),
        article_row(app, "prodlenie-vremennogo-vida-na-zhitelstvo"),
    )
    assert translation.group_id == original.group_id and translation.language == "ru"
    assert translation.source_answer_id == original.source_answer_id
    again = client.post(f"/en/kb/{draft}/translate?to=ru", data=form(topic_id, slug="other-slug"))
    assert again.status_code == 302 and again.location.endswith(translation.slug)
    with app.app_context():
        assert db.session.scalar(select(db.func.count(ArticleGroup.id))) == 1
    assert client.get(f"/en/kb/{draft}/translate?to=en").status_code == 404


def test_publishing_and_reviews_move_the_dates(app, client, make_user, sign_in, draft):
    long_ago = date(2020, 1, 31)
    set_dates(app, draft, checked_on=long_ago, review_due=long_ago)
    sign_in(make_user("moderator").email)
    assert client.post(f"/en/kb/{draft}/publish").status_code == 302
    article = article_row(app, draft)
    assert article.status == "published" and article.published_at is not None
    assert article.checked_on == utctoday()
    with app.app_context():
        assert article.review_due == services.review_due_after(utctoday())
    set_dates(app, draft, checked_on=long_ago, review_due=long_ago)
    client.post(f"/en/kb/{draft}/review")
    assert article_row(app, draft).checked_on == utctoday()
    client.post(f"/en/kb/{draft}/archive", data={"reason": "Replaced by a new law"})
    assert article_row(app, draft).status == "archived"
    assert client.post(f"/en/kb/{draft}/review").status_code == 302
    assert article_row(app, draft).status == "archived"


def test_review_due_is_the_configured_months_later(app):
    with app.app_context():
        assert services.review_due_after(date(2025, 1, 31)) == date(2026, 1, 31)
        assert services.review_due_after(date(2024, 1, 31), 1) == date(2024, 2, 29)
        app.config["KNOWLEDGE_REVIEW_MONTHS"] = 6
        assert services.review_due_after(date(2025, 8, 15)) == date(2026, 2, 15)


def test_drafts_are_for_staff_only(client, make_user, sign_in, draft):
    assert client.get(f"/en/kb/{draft}").status_code == 404
    assert draft not in page(client.get("/en/kb/"))
    sign_in(make_user().email)
    assert client.get(f"/en/kb/{draft}").status_code == 404
    sign_in(make_user("expert").email)
    assert client.get(f"/en/kb/{draft}").status_code == 200
    assert draft in page(client.get("/en/kb/"))


def test_staff_find_archived_articles_in_the_list(app, client, make_user, sign_in, draft):
    moderator = make_user("moderator")
    publish(app, draft, moderator)
    with app.test_request_context():
        article = db.session.scalar(select(Article).where(Article.slug == draft))
        services.archive_article(db.session.get(User, moderator.id), article, "Rules changed")
    assert draft not in page(client.get("/en/kb/"))
    sign_in(make_user("expert").email)
    listed = page(client.get("/en/kb/"))
    assert f"/en/kb/{draft}" in listed and "archived" in listed


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        ("member", "/en/kb/{slug}/edit", 403),
        ("member", "/en/kb/{slug}/translate?to=lt", 403),
        ("member", "/en/kb/new?answer={answer}", 403),
        ("expert", "/en/kb/{slug}/edit", 200),
        ("expert", "/en/kb/{slug}/translate?to=lt", 200),
    ],
)
def test_who_may_write_articles(client, make_user, sign_in, draft, accepted, role, path, status):
    sign_in(make_user(role).email)
    assert client.get(path.format(slug=draft, answer=accepted[1])).status_code == status


@pytest.mark.parametrize("decision", ["publish", "archive", "review"])
def test_experts_may_not_publish_archive_or_review(
    app, client, make_user, sign_in, draft, decision
):
    sign_in(make_user("expert").email)
    assert client.post(f"/en/kb/{draft}/{decision}").status_code == 403
    assert article_row(app, draft).status == "draft"


def test_visitors_are_sent_to_sign_in(client, draft):
    assert client.post(f"/en/kb/{draft}/publish").status_code == 302
    assert "/account/sign-in" in client.get(f"/en/kb/{draft}/edit").location


def publish(app, slug: str, by: User) -> None:
    with app.test_request_context():
        article = db.session.scalar(select(Article).where(Article.slug == slug))
        services.publish_article(db.session.get(User, by.id), article)


def test_thread_and_article_link_each_other(app, client, make_user, draft, accepted):
    question_id, answer_id = accepted
    thread = page(client.get(f"/en/questions/{question_id}", follow_redirects=True))
    assert "In the knowledge base:" not in thread
    publish(app, draft, make_user("moderator"))
    thread = page(client.get(f"/en/questions/{question_id}", follow_redirects=True))
    assert "In the knowledge base:" in thread and f"/en/kb/{draft}" in thread
    shown = page(client.get(f"/en/kb/{draft}"))
    assert f"/en/questions/{question_id}/" in shown and f"#answer-{answer_id}" in shown
    assert "answered by Expert 1, Help Desk, on" in shown
    assert "Checked on" in shown and 'lang="en"' in shown


def test_an_overdue_article_says_the_rules_may_have_changed(app, client, make_user, draft):
    publish(app, draft, make_user("moderator"))
    assert "may be out of date" not in page(client.get(f"/en/kb/{draft}"))
    set_dates(app, draft, review_due=utctoday() - timedelta(days=1))
    shown = page(client.get(f"/en/kb/{draft}"))
    assert "may be out of date" in shown and "check with the institution" in shown
    assert "gali būti pasenęs" in page(client.get(f"/lt/kb/{draft}"))


def test_the_list_marks_an_overdue_article(app, client, make_user, draft):
    publish(app, draft, make_user("moderator"))
    assert "Review overdue" not in page(client.get("/en/kb/"))
    set_dates(app, draft, review_due=utctoday())
    listed = page(client.get("/en/kb/"))
    assert "Review overdue: may be out of date" in listed


def test_the_list_shows_each_subject_once_in_the_page_language_where_it_can(
    app, client, make_user, draft, topic_id
):
    moderator = make_user("moderator")
    with app.test_request_context():
        original = db.session.scalar(select(Article).where(Article.slug == draft))
        translation = services.create_translation(
            db.session.get(User, moderator.id),
            original,
            services.ArticleDraft(
                "Продление вида на жительство",
                "Подайте заявление в MIGRIS заранее, за два месяца.",
                "Уточните документы в Migracijos departamentas.",
                topic_id,
                "ru",
                sources=SOURCE,
            ),
        )
        ru_slug = translation.slug
    publish(app, draft, moderator)
    publish(app, ru_slug, moderator)
    russian = page(client.get("/ru/kb/"))
    assert "Продление вида на жительство" in russian
    assert "Renewing a temporary residence permit" not in russian
    lithuanian = page(client.get("/lt/kb/"))
    assert lithuanian.count('class="question-row"') == 1
    assert "anglų kalba" in lithuanian or "angliškai" in lithuanian
    shown = page(client.get(f"/en/kb/{draft}"))
    assert "Also in:" in shown and f'href="/en/kb/{ru_slug}" hreflang="ru"' in shown
    assert page(client.get("/en/kb/?topic=work")).count('class="question-row"') == 0


def test_staff_start_an_article_from_an_answered_thread(
    app, client, make_user, sign_in, accepted, ask, topic_id
):
    question_id, answer_id = accepted
    create = f'href="/en/kb/new?answer={answer_id}"'
    assert create not in page(client.get(f"/en/questions/{question_id}", follow_redirects=True))
    sign_in(make_user("expert").email)
    assert create in page(client.get(f"/en/questions/{question_id}", follow_redirects=True))
    open_question = ask(make_user())
    assert "/en/kb/new" not in page(
        client.get(f"/en/questions/{open_question}", follow_redirects=True)
    )
    # a draft made from the answer ends the proposal
    with app.test_request_context():
        services.create_article_from_answer(
            db.session.get(User, make_user("expert").id),
            db.session.get(Answer, answer_id),
            services.ArticleDraft("Renewing a permit", SUMMARY, BODY, topic_id, "en"),
        )
    assert create not in page(client.get(f"/en/questions/{question_id}", follow_redirects=True))


def test_staff_can_publish_an_article_only_with_an_official_source(
    app, client, make_user, sign_in, draft
):
    moderator = make_user("moderator")
    set_dates(app, draft, sources="")
    with app.test_request_context(), pytest.raises(services.NeedsSource):
        services.publish_article(
            db.session.get(User, moderator.id),
            db.session.scalar(select(Article).where(Article.slug == draft)),
        )
    sign_in(moderator.email)
    shown = page(client.post(f"/en/kb/{draft}/publish", follow_redirects=True))
    assert "Add at least one official source" in shown
    assert article_row(app, draft).status == "draft"
    set_dates(app, draft, sources=SOURCE)
    client.post(f"/en/kb/{draft}/publish")
    assert article_row(app, draft).status == "published"


def test_the_article_form_asks_for_sources_and_refuses_what_is_not_an_address(
    app, client, make_user, sign_in, draft, topic_id
):
    sign_in(make_user("expert").email)
    response = client.post(
        f"/lt/kb/{draft}/edit",
        data=form(
            topic_id,
            legal_basis="Įstatymas „Dėl užsieniečių teisinės padėties“, 40 straipsnis",
            sources=f"{SOURCE}\nMigracijos departamento svetainė",
        ),
    )
    shown = page(response)
    assert response.status_code == 200
    error = shown.split('id="sources-error"')[1][:300]
    assert "Rašykite po vieną interneto adresą eilutėje" in error
    assert "Migracijos departamento svetainė" in shown  # what was typed comes back
    assert "Įstatymas „Dėl užsieniečių teisinės padėties“" in shown
    assert article_row(app, draft).sources == SOURCE


def test_an_article_shows_its_legal_basis_and_sources_in_its_language(
    app, client, make_user, sign_in, draft, topic_id
):
    sign_in(make_user("expert").email)
    client.post(
        f"/en/kb/{draft}/edit",
        data=form(topic_id, legal_basis="Law on the Legal Status of Aliens, Article 40"),
    )
    shown = page(client.get(f"/ru/kb/{draft}"))
    sources = shown.split('class="kb-sources"')[1].split("</section>")[0]
    assert "Правовая основа:" in sources and "Law on the Legal Status of Aliens" in sources
    assert f'<a href="{SOURCE}" rel="noopener">{SOURCE}</a>' in sources
    assert "Проверено" in sources


def test_similar_questions_mark_the_article_and_put_it_before_its_thread(
    app, client, make_user, sign_in, draft, accepted, topic_id
):
    question_id, _ = accepted
    publish(app, draft, make_user("moderator"))
    set_dates(app, draft, title="How do I renew my residence permit?")
    found = client.get("/en/questions/similar?title=How do I renew my residence permit").get_json()
    shown = [(item["label"], item["url"]) for item in found["questions"]]
    assert shown[:2] == [
        ("Knowledge-base article", f"/en/kb/{draft}"),
        ("Question with an accepted answer", f"/en/questions/{question_id}/{draft_thread(app)}"),
    ]
    # without JavaScript the list comes with the form, after "Preview"
    sign_in(make_user().email)
    previewed = page(
        client.post(
            "/en/questions/ask",
            data={
                "title": "How do I renew my residence permit?",
                "body": "My permit ends soon and I do not know where to start.",
                "topic": str(topic_id),
                "preview": "1",
            },
        )
    )
    assert previewed.index("Knowledge-base article") < previewed.index(
        "Question with an accepted answer"
    )


def draft_thread(app) -> str:
    with app.app_context():
        return db.session.scalars(select(Question.slug)).one()


def test_an_article_moves_before_the_thread_it_was_made_from(app, draft, accepted):
    question_id, _ = accepted
    article = article_row(app, draft)

    def hit(kind: str, id_: int, answered: bool = True) -> Hit:
        return Hit(DocumentKind(kind), id_, "Same title", "", f"/{kind}/{id_}", "en", 1.0, answered)

    found = [hit("question", 999, False), hit("question", question_id), hit("article", article.id)]
    with app.app_context():
        entries = forum_queries.similar_entries(found)
    assert [(entry.kind, entry.url_path) for entry in entries] == [
        ("open", "/question/999"),
        ("article", f"/article/{article.id}"),
        ("answered", f"/question/{question_id}"),
    ]
