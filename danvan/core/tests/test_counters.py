"""Shared counters: one upsert per count, a new slot counts again from 1, expired rows are purged."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.core import counters
from danvan.core.models import Counter

pytestmark = pytest.mark.django_db


def test_a_count_is_one_statement_and_a_new_slot_starts_again():
    with CaptureQueriesContext(connection) as queries:
        assert [counters.add("x", slot=7, expires_at=100) for _ in range(3)] == [1, 2, 3]
    assert len(queries.captured_queries) == 3
    assert counters.value("x") == 3 and counters.value("x", slot=7) == 3 and counters.value("x", slot=8) == 0
    assert counters.add("x", slot=8, expires_at=200) == 1  # the next window
    assert counters.value("y") == 0 and counters.add("y") == 1


def test_a_long_name_is_hashed_and_expired_rows_are_purged():
    long = "rate:t:" + "9" * 300
    assert counters.add(long, slot=1, expires_at=100) == 1 and counters.add(long, slot=1, expires_at=100) == 2
    assert counters.value(long) == 2 and Counter.objects.get().name.startswith("sha256:")
    counters.add("fresh", expires_at=10**12)
    assert counters.purge_expired(now=1000) == 1
    assert list(Counter.objects.values_list("name", flat=True)) == ["fresh"]
