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
