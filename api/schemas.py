"""What the partner API answers and accepts, as marshmallow schemas; the OpenAPI text is
generated from these."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from app.config import LANGUAGES

MAX_PAGE_SIZE = 50
DEFAULT_PAGE_SIZE = 20


class Strict(Schema):
    """Query parameters: anything the operation does not know is a 400, never ignored."""

    class Meta:
        unknown = RAISE


class LanguageArgs(Strict):
    lang = fields.String(
        validate=validate.OneOf(LANGUAGES),
        metadata={"description": "Language of the answer; else Accept-Language, else lt."},
    )


class PageArgs(LanguageArgs):
    cursor = fields.String(
        validate=validate.Length(min=1, max=200),
        metadata={"description": "The `next_cursor` of the previous page."},
    )
    limit = fields.Integer(
        load_default=DEFAULT_PAGE_SIZE,
        validate=validate.Range(min=1, max=MAX_PAGE_SIZE),
        metadata={"description": f"Items on a page, at most {MAX_PAGE_SIZE}."},
    )


class TopicPageArgs(PageArgs):
    topic = fields.String(
        validate=validate.Length(min=1, max=80), metadata={"description": "A topic's slug."}
    )


class SearchArgs(PageArgs):
    q = fields.String(required=True, validate=validate.Length(min=1, max=500))
    kind = fields.String(validate=validate.OneOf(["question", "article", "news"]))


class Translation(Schema):
    language = fields.String(required=True)
    slug = fields.String(required=True)
    url = fields.Url(required=True)


class TopicOut(Schema):
    slug = fields.String(required=True)
    name = fields.String(required=True)
    description = fields.String(required=True)
    url = fields.Url(required=True)


class OrganisationOut(Schema):
    slug = fields.String(required=True)
    kind = fields.String(required=True)
    name = fields.String(required=True)
    description = fields.String(required=True)
    website = fields.String(required=True)
    url = fields.Url(required=True)


class ArticleSummary(Schema):
    slug = fields.String(required=True)
    language = fields.String(required=True)
    title = fields.String(required=True)
    summary = fields.String(required=True)
    topic = fields.String(required=True, metadata={"description": "The topic's slug."})
    checked_on = fields.Date(required=True)
    review_due = fields.Date(required=True)
    stale = fields.Boolean(
        required=True, metadata={"description": "Past its review date: the rules may have changed."}
    )
    available_languages = fields.List(fields.String(), required=True)
    url = fields.Url(required=True)


class ArticleOut(ArticleSummary):
    body_html = fields.String(required=True, metadata={"description": "Sanitised as on the site."})
    body_markdown = fields.String(required=True)
    legal_basis = fields.String(required=True)
    sources = fields.List(fields.Url(), required=True)
    translations = fields.List(fields.Nested(Translation), required=True)
    published_at = fields.DateTime(required=True, allow_none=True)
    updated_at = fields.DateTime(required=True)


class NewsSummary(Schema):
    slug = fields.String(required=True)
    language = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(["news", "event"]))
    title = fields.String(required=True)
    summary = fields.String(required=True)
    published_at = fields.DateTime(required=True, allow_none=True)
    starts_at = fields.DateTime(required=True, allow_none=True)
    ends_at = fields.DateTime(required=True, allow_none=True)
    time_zone = fields.String(required=True)
    place = fields.String(required=True)
    online = fields.Boolean(required=True)
    registration_url = fields.String(required=True)
    organisation = fields.String(required=True, allow_none=True)
    available_languages = fields.List(fields.String(), required=True)
    url = fields.Url(required=True)


class NewsOut(NewsSummary):
    body_html = fields.String(required=True)
    body_markdown = fields.String(required=True)
    translations = fields.List(fields.Nested(Translation), required=True)
    updated_at = fields.DateTime(required=True)


class AnswerOut(Schema):
    id = fields.Integer(required=True)
    accepted = fields.Boolean(required=True)
    by_expert = fields.Boolean(required=True)
    expert = fields.String(
        required=True, allow_none=True, metadata={"description": "The expert's name, if one."}
    )
    organisation = fields.String(required=True, allow_none=True)
    body_html = fields.String(required=True)
    body_markdown = fields.String(required=True)
    created_at = fields.DateTime(required=True)


class QuestionSummary(Schema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)
    language = fields.String(required=True)
    topic = fields.String(required=True)
    answered = fields.Boolean(required=True)
    answer_count = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    last_activity_at = fields.DateTime(required=True)
    url = fields.Url(required=True)


class QuestionOut(QuestionSummary):
    body_html = fields.String(required=True)
    body_markdown = fields.String(required=True)
    answer = fields.Nested(
        AnswerOut,
        required=True,
        allow_none=True,
        metadata={"description": "The accepted answer, else the most helpful expert answer."},
    )


class SearchHit(Schema):
    kind = fields.String(required=True)
    title = fields.String(required=True)
    snippet_html = fields.String(required=True)
    language = fields.String(required=True)
    answered = fields.Boolean(required=True)
    url = fields.Url(required=True)


def page_of(item: type[Schema], name: str) -> type[Schema]:
    """A page of `item`s with the cursor of the next page (null on the last)."""
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item), required=True),
            "next_cursor": fields.String(required=True, allow_none=True),
            "language": fields.String(required=True),
        },
        name=name,
    )


def list_of(item: type[Schema], name: str) -> type[Schema]:
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item), required=True),
            "language": fields.String(required=True),
        },
        name=name,
    )


ArticlePage = page_of(ArticleSummary, "ArticlePage")
NewsPage = page_of(NewsSummary, "NewsPage")
QuestionPage = page_of(QuestionSummary, "QuestionPage")
SearchPage = page_of(SearchHit, "SearchPage")
TopicList = list_of(TopicOut, "TopicList")
OrganisationList = list_of(OrganisationOut, "OrganisationList")


class Problem(Schema):
    """An error, as RFC 9457 describes it."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    invalid_params = fields.Dict(
        keys=fields.String(), values=fields.List(fields.String()), data_key="invalid-params"
    )
