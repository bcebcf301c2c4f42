"""The OpenAPI 3.1 description, generated from the routes and the schemas of their operations."""

from __future__ import annotations

import re
from functools import cache

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import current_app, request
from flask_babel import force_locale

from api.operations import TAGS, Operation
from api.schemas import Problem
from app.routing import LARGEST_ID

PATH_VALUE = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
PATH_SCHEMAS = {
    "int": {"type": "integer", "minimum": 1, "maximum": LARGEST_ID},
    None: {"type": "string", "minLength": 1, "maxLength": 80},
}
CACHE_HEADERS = {
    "ETag": {"schema": {"type": "string"}},
    "Last-Modified": {"schema": {"type": "string"}},
    "Cache-Control": {"schema": {"type": "string"}},
}


def _problem(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": Problem}},
    }


def _operation(endpoint: str, found: Operation, path_values: list[tuple[str | None, str]]) -> dict:
    parameters: list[dict] = [
        {"in": "path", "name": name, "required": True, "schema": PATH_SCHEMAS[converter]}
        for converter, name in path_values
    ]
    parameters.append({"in": "query", "schema": found.args})
    responses = {
        "200": {
            "description": "OK",
            "headers": CACHE_HEADERS,
            "content": {"application/json": {"schema": found.answer}},
        },
        "304": {"description": "Not modified: the client's copy (If-None-Match) is current"},
        "400": _problem("A parameter is unknown or not valid"),
        "404": _problem("No such item, or it is not public"),
        "405": _problem("Only GET reads the API"),
        "429": _problem("Too many requests from this address"),
    }
    return {
        "operationId": endpoint.removeprefix("api."),
        "summary": str(found.summary),
        "tags": [found.tag],
        "parameters": parameters,
        "responses": responses,
    }


@cache
def _document(root: str) -> dict:
    spec = APISpec(
        title="MIPAS API",
        version="1.0.0",
        openapi_version="3.1.0",
        plugins=[MarshmallowPlugin()],
        info={
            "description": "Public, read-only data of MIPAS: the knowledge base, news and "
            "events, answered questions, topics and organisations. Only what a visitor of the "
            "site may see.",
            "license": {"name": "AGPL-3.0-or-later", "identifier": "AGPL-3.0-or-later"},
        },
        **({"servers": [{"url": root}]} if root else {}),
    )
    with force_locale("en"):
        for tag, description in TAGS.items():
            spec.tag({"name": tag, "description": str(description)})
        for rule in sorted(current_app.url_map.iter_rules(), key=lambda r: r.rule):
            view = current_app.view_functions.get(rule.endpoint)
            found = getattr(view, "api_operation", None)
            if found is None:
                continue
            path_values = [(m["converter"], m["name"]) for m in PATH_VALUE.finditer(rule.rule)]
            path = PATH_VALUE.sub(lambda m: "{" + m["name"] + "}", rule.rule)
            spec.path(path=path, operations={"get": _operation(rule.endpoint, found, path_values)})
    return spec.to_dict()


def openapi_document() -> dict:
    """The description of every operation of this application's API."""
    return _document(request.script_root)
