"""A holiday entered on one node is seen by every node at its next request (core/shared_cache.py, decision 0016).

Two nodes are two cache clients on one database cache table (what two app servers configured with the production
default ``DANVAN_CACHE_URL=db://`` are), each with its own memory: node A is this process's shared calendar, node B
a second :class:`SharedVersion`/:class:`SharedValue` pair reading through its own client. The holiday is entered
through the administrators' page on node A.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.core.signals import request_started
from django.db import close_old_connections, transaction
from django.urls import reverse

from danvan.core import workdays
from danvan.core.models import CalendarNotice, NoticeKind
from danvan.core.shared_cache import SharedValue, SharedVersion
from danvan.core.workdays import WorkCalendar

pytestmark = pytest.mark.django_db
DAY = dt.date(2027, 3, 10)  # a Wednesday with no holiday
DATABASE_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "danvan_cache",
    "OPTIONS": {"MAX_ENTRIES": 10_000},
}


@pytest.fixture
def shared_database_cache(settings):
    settings.CACHES = {"default": DATABASE_CACHE, "node_b": DATABASE_CACHE}
    call_command("createcachetable", verbosity=0)
    workdays.invalidate_calendar_cache()
    yield
    caches["default"].clear()


@pytest.fixture
def node_b(shared_database_cache):
    version = SharedVersion("calendar", alias="node_b")
    calendar = SharedValue(version, "calendar:rows", workdays._calendar_rows, lambda rows: WorkCalendar(*rows))
    return calendar


def next_request() -> None:
    """What a new request does to the caches (``request_started``), without closing the test's database connection,
    as Django's test client does."""
    request_started.disconnect(close_old_connections)
    try:
        request_started.send(sender=None)
    finally:
        request_started.connect(close_old_connections)


def test_a_holiday_entered_on_node_a_is_seen_by_node_b_at_its_next_request(
    client, cast, node_b, django_capture_on_commit_callbacks
):
    assert workdays.is_working_day(DAY)
    assert node_b.get().is_working_day(DAY)
    assert caches["node_b"].get(node_b.version.key) == caches["default"].get(workdays.CALENDAR_VERSION.key)

    client.force_login(cast.root)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:core_calendarnotice_add"),
            {
                "date": "10/03/2027",
                "kind": NoticeKind.DAY_OFF,
                "title": "Nghỉ bù (thử nghiệm)",
                "legal_basis": "Thông báo số 1/TB-BLĐTBXH",
                "verification": "",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CalendarNotice.objects.filter(date=DAY).exists()

    assert not workdays.is_working_day(DAY)  # node A: its own change at once
    next_request()
    calendar = node_b.get()
    assert not calendar.is_working_day(DAY)
    assert calendar.day_status(DAY).reason == "Nghỉ bù (thử nghiệm)"
    assert caches["node_b"].get(node_b.version.key) == caches["default"].get(workdays.CALENDAR_VERSION.key)


def test_node_b_answers_from_memory_within_a_request_and_asks_the_cache_once_per_request(
    node_b, django_assert_num_queries
):
    next_request()
    node_b.get()
    with django_assert_num_queries(0):  # the hot path: no cache read, no query
        for _ in range(100):
            node_b.get().add_working_days(DAY, 10)
    next_request()
    with django_assert_num_queries(1):  # the version, from the database cache table
        node_b.get()


def test_a_notice_saved_in_a_transaction_that_is_rolled_back_never_reaches_node_b(node_b):
    next_request()
    assert node_b.get().is_working_day(DAY)
    token = node_b.version.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        CalendarNotice.objects.create(date=DAY, kind=NoticeKind.DAY_OFF, title="Nghỉ", legal_basis="TB")
        assert not workdays.is_working_day(DAY)  # the changing thread sees its own change
        raise RuntimeError("rolled back")
    next_request()
    assert node_b.version.current() == token
    assert node_b.get().is_working_day(DAY)
