"""Schemathesis over the whole OpenAPI spec: no generated request may cause a server error.

Every operation is fuzzed with a real API token of an officer, so the handlers of
protected endpoints (not only their 401 path) are exercised. Schemathesis's pytest
plugin does not load under pytest 9, so the operations are driven with Hypothesis directly.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings

from danvan.accounts.services import api_token_create
from danvan.wsgi import application


def test_api_never_answers_500(cast):
    token = api_token_create(actor=cast.alice, officer=cast.alice, name="fuzz")[1]
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 10

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: schemathesis.Case) -> None:
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} → {response.status_code}")

        check()
    assert failures == []
