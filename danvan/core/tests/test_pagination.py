"""Pages of big filtered lists (``sorted_slice``): the same rows and count as the database's ORDER BY … LIMIT,
whether the matches are sorted in Python (few) or by the database (many)."""

from __future__ import annotations

import pytest
from django.core.paginator import Paginator

from danvan.core import pagination
from danvan.core.models import AdministrativeUnit, UnitTree
from danvan.core.pagination import SortedPaginator, sorted_slice

ORDERS = [("-level", "name", "id"), ("kind", "-code", "id"), ("-parent_id", "id")]


@pytest.fixture
def units():
    return AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, path__startswith="C/66/")


@pytest.mark.django_db
@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("limit", [5, 10_000])
def test_a_page_and_count_match_order_by_limit(units, order, limit, monkeypatch):
    monkeypatch.setattr(pagination, "SORT_IN_MEMORY_UP_TO", limit)  # 5: the database's path; 10,000: Python's
    ordered = units.order_by(*order)
    expected = list(ordered.values_list("pk", flat=True))
    assert len(expected) > 20
    for offset in (0, 7, len(expected) - 3, len(expected) + 5):
        items, count = sorted_slice(ordered, offset, 10)
        assert [item.pk for item in items] == expected[offset : offset + 10]
        assert count == len(expected)


@pytest.mark.django_db
def test_null_sort_keys_sort_as_the_database_sorts_them():
    rows = AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, path__startswith="C/66")  # the province: no parent
    assert rows.filter(parent__isnull=True).exists()
    for order in (("parent_id", "id"), ("-parent_id", "id")):
        expected = list(rows.order_by(*order).values_list("pk", flat=True))
        items, _count = sorted_slice(rows.order_by(*order), 0, 500)
        assert [item.pk for item in items] == expected


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["1", "2", "abc", "999"])
def test_the_paginator_answers_like_djangos(units, number, django_assert_max_num_queries):
    ordered = units.order_by("name", "id")
    with django_assert_max_num_queries(4):
        page = SortedPaginator(ordered, 25).get_page(number)
    django_page = Paginator(ordered, 25).get_page(number)
    assert page.number == django_page.number
    assert [unit.pk for unit in page] == [unit.pk for unit in django_page]
    assert page.paginator.count == django_page.paginator.count
    assert page.has_next() == django_page.has_next()


# --- Every list's page (page_rows, ListPaginator, the API's Page) --------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("order", ORDERS)
def test_a_page_of_joined_rows_is_the_slice_read_by_key_first(units, order, django_assert_num_queries):
    """A queryset joining its related rows is paged by key first: the same rows, their related rows loaded, and
    the keys' query without the join (the database sorts and cuts the matches alone)."""
    joined = units.select_related("parent").order_by(*order)
    expected = list(joined.values_list("pk", flat=True))
    for offset in (0, 7, len(expected) - 3, len(expected) + 5):
        with django_assert_num_queries(2 if offset < len(expected) else 1) as captured:
            rows = pagination.page_rows(joined, offset, 10)
            parents = [row.parent for row in rows]  # loaded with the page: no query more
        assert [row.pk for row in rows] == expected[offset : offset + 10]
        assert all(parent is None or parent.pk for parent in parents)
        keys_sql = captured.captured_queries[0]["sql"]
        assert "JOIN" not in keys_sql and "LIMIT" in keys_sql


@pytest.mark.django_db
def test_the_apis_page_and_count_of_joined_rows_come_from_one_statement(units, django_assert_num_queries):
    """The API's page of a queryset paged by key: its keys with the count beside them (one statement), then its
    rows; a page past the end asks the count apart, an empty list does not."""
    joined = units.select_related("parent").order_by("-level", "name", "id")
    expected = list(joined.values_list("pk", flat=True))
    for offset in (0, 7, len(expected) - 3):
        with django_assert_num_queries(2) as captured:
            rows, count = pagination.page_and_count(joined, offset, 10)
        assert ([row.pk for row in rows], count) == (expected[offset : offset + 10], len(expected))
        assert "OVER ()" in captured.captured_queries[0]["sql"]
    with django_assert_num_queries(2):
        assert pagination.page_and_count(joined, len(expected) + 5, 10) == ([], len(expected))
    with django_assert_num_queries(1):
        assert pagination.page_and_count(joined.filter(name="no such unit"), 0, 10) == ([], 0)


@pytest.mark.django_db
def test_a_page_without_joins_or_of_a_list_is_one_slice(units, django_assert_num_queries):
    ordered = units.order_by("name", "id")
    with django_assert_num_queries(1):
        rows = pagination.page_rows(ordered, 3, 5)
    assert [row.pk for row in rows] == list(ordered.values_list("pk", flat=True)[3:8])
    assert pagination.page_rows(list(range(30)), 25, 10) == [25, 26, 27, 28, 29]
    assert pagination.count_rows(list(range(30))) == 30


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["1", "2", "abc", "999", "-1"])
@pytest.mark.parametrize("orphans", [0, 4])
def test_the_list_paginator_answers_like_djangos(units, number, orphans):
    """Every list page's paginator: the pages, count and neighbours of Django's, for a queryset with joins and
    for a list."""
    for rows in (units.select_related("parent").order_by("name", "id"), list(range(53))):
        page = pagination.ListPaginator(rows, 25, orphans=orphans).get_page(number)
        django_page = Paginator(rows, 25, orphans=orphans).get_page(number)
        assert page.number == django_page.number
        assert [getattr(row, "pk", row) for row in page] == [getattr(row, "pk", row) for row in django_page]
        assert page.paginator.count == django_page.paginator.count
        assert (page.has_next(), page.has_previous()) == (django_page.has_next(), django_page.has_previous())


@pytest.mark.django_db
def test_a_page_and_its_count_are_planned_for_their_values():
    """PostgreSQL plans the page's and the count's statements for their values, not with a prepared statement's
    generic plan (decision 0040), and the connection goes back to the server's choice after; SQLite has no plan
    cache."""
    from django.db import connection

    def mode() -> str | None:
        if connection.vendor != "postgresql":
            return None
        with connection.cursor() as cursor:
            cursor.execute("SHOW plan_cache_mode")
            return str(cursor.fetchone()[0])

    class Rows(list[int]):
        """A list that notes the planning mode each time it is sliced or counted."""

        modes: list[str | None] = []

        def __getitem__(self, index):
            self.modes.append(mode())
            return super().__getitem__(index)

        def count(self) -> int:  # type: ignore[override]
            self.modes.append(mode())
            return len(self)

    rows = Rows(range(30))
    assert pagination.page_and_count(rows, 0, 20) == (list(range(20)), 30)
    page = pagination.ListPaginator(rows, 25).get_page(2)
    assert list(page) == list(range(25, 30))
    expected = "force_custom_plan" if connection.vendor == "postgresql" else None
    assert Rows.modes == [expected] * 4
    assert mode() == ("auto" if connection.vendor == "postgresql" else None)
