"""Issue 11 leftovers on the disclosure boards: the commune board pages (30 a page, violations first across pages,
the summary counts every disclosure, not only the page); the province board's ``?year=`` is a range of its
covering index (SQLite's plan reads the index alone; PostgreSQL's, among thousands of other years' rows, reads the
index, not the table)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.democracy import disclosure_services as services
from danvan.democracy.disclosure_selectors import province_board
from danvan.democracy.models import Disclosure, DisclosureForm, DisclosureItem


@pytest.fixture
def many(cast):
    """34 disclosures of 2026 (posted on time) and 2 of 2025 posted 40 days late (violations)."""
    posting = DisclosureForm.objects.get(code="posting")
    item = DisclosureItem.objects.get(number=3)
    made = []
    for n in range(36):
        issued = dt.date(2026, 1, 5) + dt.timedelta(days=n) if n < 34 else dt.date(2025, 3, 1)
        started = issued + (dt.timedelta(days=2) if n < 34 else dt.timedelta(days=40))
        made.append(
            services.disclosure_create(
                actor=cast.alice,
                unit=cast.dong_xuan,
                item=item,
                title=f"Thông tin số {n + 1}",
                issued_on=issued,
                channels=[services.ChannelLine(form=posting, started_on=started, place="Trụ sở UBND xã")],
            )
        )
    return made


def test_the_commune_board_pages_violations_first_and_counts_them_all(client, cast, many):
    client.force_login(cast.alice)
    url = reverse("democracy:disclosure_board", args=[cast.dong_xuan.pk])
    first = client.get(url)
    assert first.status_code == 200
    page = first.context["page"]
    assert page.paginator.count == 36 and len(first.context["checked"]) == 30
    counted = first.context["violations"] + first.context["pending"] + first.context["ok"]
    assert counted == 36
    assert "page=2" in first.content.decode()
    second = client.get(url, {"page": 2})
    assert len(second.context["checked"]) == 6
    # Violations first across the pages (the database orders them), and the summary counts them all
    rank = {"violation": 0, "pending": 1, "ok": 2}
    statuses = [c.compliance.status for c in first.context["checked"] + second.context["checked"]]
    assert [rank[s] for s in statuses] == sorted(rank[s] for s in statuses)
    assert statuses.count("violation") == first.context["violations"]
    assert statuses.count("ok") == first.context["ok"]
    seen = {c.disclosure.pk for c in first.context["checked"]} | {c.disclosure.pk for c in second.context["checked"]}
    assert seen == {d.pk for d in many}
    filtered = client.get(url, {"year": 2025, "status": "violation"})
    assert filtered.context["page"].paginator.count == 2
    assert "year=2025" in filtered.content.decode() or filtered.context["query"] == ""
    assert client.get(url, {"page": "x"}).status_code == 200  # a bad page number shows the first page


def test_the_province_board_for_a_year_is_a_range_of_its_index(cast, many):
    board = {row.unit.pk: row for row in province_board(cast.dak_lak, year=2025)}
    assert board[cast.dong_xuan.pk].total == 2 and board[cast.dong_xuan.pk].violation == 2
    assert province_board(cast.dak_lak, year=2026)[0].total in (0, 34)
    with CaptureQueriesContext(connection) as queries:
        province_board(cast.dak_lak, year=2025)
    aggregate = next(q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"])
    assert "issued_on" in aggregate and "django_date_extract" not in aggregate
    if connection.vendor == "sqlite":
        assert "COVERING INDEX disclosure_board (province_code=? AND issued_on>? AND issued_on<?)" in sqlite_plan(
            aggregate
        )
        assert Disclosure.objects.count() == 36
    else:
        assert_postgresql_range_of_disclosure_board(aggregate, many[0])


def sqlite_plan(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return " ".join(str(row[-1]) for row in cursor.fetchall())


def assert_postgresql_range_of_disclosure_board(sql: str, template: Disclosure) -> None:
    """PostgreSQL chooses by its statistics: with 36 rows a sequential scan is cheapest, and right. A province
    keeps years of disclosures, so here the two of 2025 stand among thousands of other years' rows."""
    values = {f.attname: getattr(template, f.attname) for f in Disclosure._meta.concrete_fields if not f.primary_key}
    Disclosure.objects.bulk_create(
        Disclosure(
            **{
                **values,
                "title": f"Thông tin cũ số {n + 1}",
                "issued_on": dt.date((2021, 2022, 2023, 2024, 2026)[n % 5], 1, 1) + dt.timedelta(days=n % 360),
                "submission_key": None,
                "recheck_on": None,
            }
        )
        for n in range(5000)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Disclosure._meta.db_table}")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # e.g. "Index Only Scan using disclosure_board … Index Cond: ((province_code = '66') AND (issued_on >= …) AND
    # (issued_on <= …))": the province and the year bound the index's range, the table is not scanned.
    assert "Seq Scan" not in plan, plan
    assert any("disclosure_board" in line for line in plan.splitlines()), plan
    condition = plan.split("Index Cond:", 1)[-1].split("\n", 1)[0]
    assert "province_code" in condition and "issued_on >=" in condition, plan


def test_the_province_board_costs_the_same_queries_however_many_communes_have_disclosures(cast, many):
    """One grouped aggregate for every commune (never a query per commune), a one-column check for the results
    that came to their date, and the communes: 3 queries whether one commune or two have disclosures."""
    province_board(cast.dak_lak)  # the first board of the day refreshes what came to its date
    with CaptureQueriesContext(connection) as one:
        board = province_board(cast.dak_lak)
    assert {row.unit.pk: row.total for row in board}[cast.dong_xuan.pk] == 36
    posting = DisclosureForm.objects.get(code="posting")
    for n in range(3):
        services.disclosure_create(
            actor=cast.bob,
            unit=cast.buon_ma_thuot,
            item=DisclosureItem.objects.get(number=3),
            title=f"Thông tin phường số {n + 1}",
            issued_on=dt.date(2026, 3, 2),
            channels=[services.ChannelLine(form=posting, started_on=dt.date(2026, 3, 3), place="Trụ sở UBND")],
        )
    province_board(cast.dak_lak)
    with CaptureQueriesContext(connection) as two:
        board = province_board(cast.dak_lak)
    totals = {row.unit.pk: row.total for row in board}
    assert totals[cast.dong_xuan.pk] == 36 and totals[cast.buon_ma_thuot.pk] == 3
    assert len(two.captured_queries) == len(one.captured_queries) <= 3, [q["sql"] for q in two.captured_queries]
    assert sum("GROUP BY" in q["sql"] for q in two.captured_queries) == 1
    # Nothing came to its date: the check reads one column, not the disclosures with their items.
    check = two.captured_queries[0]["sql"]
    assert "recheck_on" in check and "democracy_disclosureitem" not in check, check
