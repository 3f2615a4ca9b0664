"""What one Open311 submission costs the database: an upper bound on its SQL statements (issue 13's sustained
submission rate rests on it), counted on the second submission, once the rules and the calendar are in memory.

Each statement is named below; a change that adds one must say why here. Never a timed assertion."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.cases.models import Case
from danvan.core.models import AuditEntry
from danvan.core.shared_cache import forget_all_local
from danvan.feedback.models import Report
from danvan.open311.tests.conftest import BASE
from danvan.open311.tests.test_open311_post import body

URL = BASE + "/requests.json"

# The key; the category (with its case field, and whether it asks questions: this one does not, so none are read);
# the idempotency key; the rate count (one upsert); the commune named by address_id (the pin lies near its centre,
# so the communes near the pin are not read); the case number (one UPDATE … RETURNING); the case, its sender (a
# named citizen), its transition and audit entry; the handling organization; the report, its timeline entry and
# audit entry; the ranking generation (one upsert after the commit). Not counted: the transaction's own statements.
# Before issue 13's write-path work: 47 statements (with the database cache, as in production). With the database
# cache, the production default, one more: the calendar's version, read once per request (core.shared_cache).
MAX_STATEMENTS = 15
TRANSACTION = ("BEGIN", "SAVEPOINT", "RELEASE SAVEPOINT", "COMMIT")


def _submit(client, cast, issued, n):
    extra = {"api_key": issued.secret, "address_id": cast.dong_xuan.code, "description": f"Ngập sâu, lần {n}"}
    return client.post(URL, body(cast, **extra), HTTP_IDEMPOTENCY_KEY=f"cost-{n}")


def test_one_submission_costs_at_most_a_fixed_number_of_statements(
    client, cast, issued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert _submit(client, cast, issued, 1).status_code == 200
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        response = _submit(client, cast, issued, 2)
    assert response.status_code == 200, response.content
    statements = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(TRANSACTION)]
    assert len(statements) == MAX_STATEMENTS, "\n".join(statement[:160] for statement in statements)
    # Everything was written, once.
    assert Report.objects.count() == Case.objects.count() == 2
    assert AuditEntry.objects.filter(action="feedback.report.submitted").count() == 2


def test_a_replay_costs_less_than_a_submission_and_stores_nothing(client, cast, issued):
    assert _submit(client, cast, issued, 1).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        replay = _submit(client, cast, issued, 1)
    assert replay.status_code == 200 and Report.objects.count() == 1
    # key, category, the idempotency key: nothing counted, nothing written
    assert len(queries.captured_queries) <= 3, [q["sql"][:120] for q in queries.captured_queries]


@pytest.fixture
def database_cache(db, settings):
    """The shared cache in the database, as in production (``DANVAN_CACHE_URL`` unset), its table created."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "danvan_cache_test"}
    }
    call_command("createcachetable", verbosity=0)
    forget_all_local()
    yield
    forget_all_local()


def test_with_the_database_cache_a_submission_reads_one_statement_more(
    database_cache, client, cast, issued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert _submit(client, cast, issued, 1).status_code == 200
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        assert _submit(client, cast, issued, 2).status_code == 200
    statements = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(TRANSACTION)]
    assert len(statements) == MAX_STATEMENTS + 1, "\n".join(statement[:160] for statement in statements)
    assert sum("danvan_cache_test" in statement for statement in statements) == 1
