"""Schemathesis over the whole OpenAPI spec: no generated request may cause a server error.

Public endpoints are fuzzed anonymously; protected ones with a real API token of an officer,
so their handlers (not just the 401 path) are exercised.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from danvan.accounts.services import api_token_create
from danvan.wsgi import application


@pytest.fixture
def api_schema(db):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def token(cast) -> str:
    return api_token_create(actor=cast.alice, officer=cast.alice, name="fuzz")[1]


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_answers_500(case, token):
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} → {response.status_code}: {response.text[:300]}"
    )
