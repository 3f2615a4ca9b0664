"""Schemathesis over the whole OpenAPI spec: no generated request may cause a server error.

Every operation is fuzzed with a real API token of an officer, so the handlers of
protected endpoints (not only their 401 path) are exercised. Schemathesis's pytest
plugin does not load under pytest 9, so the operations are driven with Hypothesis directly.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from danvan.accounts.services import api_token_create
from danvan.wsgi import application


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """Calls through the raw WSGI app would close the test's open transaction at request end,
    as Django's own test client prevents; do the same here."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_api_never_answers_500(cast, keep_test_connection):
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
