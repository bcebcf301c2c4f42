"""Schemathesis against /api/v1/openapi.json: every operation, with valid and invalid input,
answers without a server error and as its description says."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

EXAMPLES = 30


@pytest.fixture(scope="module")
def api_schema(shared_demo):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", shared_demo)


def operations(schema) -> list:
    return [result.ok() for result in schema.get_all_operations()]


def test_the_description_lists_every_operation(api_schema):
    assert len(operations(api_schema)) == 10


# schemathesis' own pytest plugin cannot use a fixture's schema under pytest 9 (it reads a
# node attribute pytest no longer has), so each operation is driven through Hypothesis here
@pytest.mark.parametrize("mode", list(GenerationMode))
def test_every_operation_keeps_its_description(api_schema, mode):
    for operation in operations(api_schema):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        def keeps_description(case):
            # a schema cannot say which cursors this API gave or which topics exist: a made-up
            # one is a 400 problem document (described), not the 2xx this check expects
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        keeps_description()
