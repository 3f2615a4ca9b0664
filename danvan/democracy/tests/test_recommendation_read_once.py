"""The statistics page reads the recommendations once: the recommendation figures (``compute``) and the counts the
boards, contacts, meetings and supervision groups take from them (``source_counts``), for the period and the one
before, come from one query (``recommendation_figures.read_periods``) whose counts are each filtered to their own
period's rows. Every figure stays what each function gives for each period alone (on both engines), and the page's
number of queries is pinned."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import democracy_recommendations_bench as bench
from danvan.core.models import AdministrativeUnit, Organization, UnitTree
from danvan.core.periods import Period, period_from
from danvan.core.selectors import statistics_paths
from danvan.democracy import figures, recommendation_figures
from danvan.democracy.figures import Place, shared_reads
from danvan.democracy.models import CommunityMeeting, MeetingKind, MeetingStatus, Recommendation, RecommendationMonth
from danvan.democracy.statistics import democracy_statistics

TODAY = bench.TODAY
TABLE = Recommendation._meta.db_table
CUBE_TABLE = RecommendationMonth._meta.db_table


def planted(unit, raised_on, *, source="dialogue", due_on=None, answered_on=None, **extra):
    meeting = CommunityMeeting.objects.create(
        unit=unit, kind=MeetingKind.DIALOGUE, year=raised_on.year, title="Đối thoại", held_on=raised_on,
        status=MeetingStatus.HELD, participants=10, minutes="Biên bản.",
    )  # fmt: skip
    org = Organization.objects.filter(unit=unit, kind__code="peoples_committee").first()
    return Recommendation.objects.create(
        unit=unit, event_type=ContentType.objects.get_for_model(meeting), event_id=meeting.pk, source=source,
        kind="question", raised_by="Cử tri", raised_on=raised_on, content="Sửa đường.", addressee="village",
        addressee_org=org, addressee_path=org.unit.path if org else "", due_on=due_on, answered_on=answered_on,
        answer="Đã trả lời." if answered_on else "", **extra,
    )  # fmt: skip


@pytest.fixture
def generated(cast):
    """The bench's mix over Đắk Lắk's communes (every source, addressee and outcome, 2025–2026), and what it lacks:
    a re-raise, items without a due date, one raised in 2024 still open, one answered in 2026 of 2024, one of a
    legacy commune succeeded by Đồng Xuân, a reception item."""
    bench.generate(count=3000, province="66")
    la_hai = AdministrativeUnit.objects.get(tree=UnitTree.LEGACY, level=3, name__endswith="La Hai", province_code="54")
    first = planted(cast.dong_xuan, dt.date(2026, 3, 2), answered_on=dt.date(2026, 3, 9), assessment="unsatisfied")
    planted(cast.dong_xuan, dt.date(2026, 4, 1), reraised_from=first, due_on=dt.date(2026, 4, 16))
    planted(cast.dong_xuan, dt.date(2025, 8, 1), source="voter_contact")  # no due date, open
    planted(cast.dong_xuan, dt.date(2025, 8, 1), source="year_end_meeting", answered_on=dt.date(2025, 9, 1))
    planted(cast.dong_xuan, dt.date(2024, 11, 5), source="supervision", due_on=dt.date(2024, 12, 5))  # open since
    planted(cast.dong_xuan, dt.date(2024, 12, 1), source="dialogue", due_on=dt.date(2024, 12, 31),
            answered_on=dt.date(2026, 1, 10))  # fmt: skip
    planted(la_hai, dt.date(2025, 3, 1), source="inspection_board", due_on=dt.date(2025, 3, 16))
    planted(cast.dong_xuan, dt.date(2026, 6, 30), source="reception", due_on=dt.date(2026, 7, 30))


@pytest.mark.parametrize(
    "periods",
    [
        (Period.year(2026), Period.year(2025)),
        (period_from(year=2026, period="q3"), period_from(year=2026, period="q2")),
        (period_from(year=2025, period="q4"), Period.year(2026), period_from(year=2026, period="q1")),
    ],
    ids=["years", "quarters", "three"],
)
def test_the_one_read_gives_each_period_and_function_what_it_counts_alone(cast, generated, periods):
    for unit in (cast.dak_lak, cast.dong_xuan):
        paths, provinces = statistics_paths(unit)
        place = Place(paths=paths, provinces=provinces)
        read = recommendation_figures.read_periods(place, periods, today=TODAY)
        alone = [
            (
                recommendation_figures.compute(place, period, today=TODAY),
                recommendation_figures.source_counts(place, period)[None],
            )
            for period in periods
        ]
        assert read == alone
    (figures_2026, sources_2026), *_ = recommendation_figures.read_periods(
        Place(*statistics_paths(cast.dak_lak)), (Period.year(2026),), today=TODAY
    )
    assert figures_2026["raised"] > 1000 and figures_2026["reraised"] == 1 and figures_2026["raised.overdue"] > 0
    assert sources_2026["meeting.answered"] > 0 and sources_2026["supervision.open_at_end"] > 0


def test_a_place_without_records_reads_zeros(cast):
    place = Place(paths=("C/99/",), provinces=("99",))
    ((figures_read, sources_read),) = recommendation_figures.read_periods(place, (Period.year(2026),), today=TODAY)
    assert figures_read == recommendation_figures.compute(place, Period.year(2026), today=TODAY)
    assert sources_read == recommendation_figures.source_counts(place, Period.year(2026))[None]
    assert set(figures_read.values()) == set(sources_read.values()) == {0}


def _reads(queries, table: str = TABLE) -> int:
    return sum(1 for query in queries if f'"{table}"' in query["sql"] or f" {table} " in query["sql"])


def test_the_page_reads_the_recommendations_once_for_both_periods(cast, generated, monkeypatch):
    monkeypatch.setattr("danvan.democracy.recommendation_figures.timezone.localdate", lambda: TODAY)
    period = Period.year(2026)
    democracy_statistics(unit=cast.dak_lak, period=period)  # compiled once
    with CaptureQueriesContext(connection) as page:
        stats = democracy_statistics(unit=cast.dak_lak, period=period)
    # One read of the month cube, and of the recommendations only the few unanswered items due this month.
    assert _reads(page.captured_queries, CUBE_TABLE) == 1
    assert _reads(page.captured_queries) == 1
    # The unit's paths, the two reads and the other groups' 24 aggregates (12 a period).
    assert len(page.captured_queries) == 27, [query["sql"][:90] for query in page.captured_queries]
    # Group by group (no read ahead), the same figures take four reads of the cube.
    for code, group in list(figures._GROUPS.items()):  # the groups that count the recommendations read ahead too
        if group.read_ahead is not None:
            monkeypatch.setitem(figures._GROUPS, code, dataclasses.replace(group, read_ahead=None))
    with CaptureQueriesContext(connection) as alone:
        separately = democracy_statistics(unit=cast.dak_lak, period=period)
    # Each period's figures and the groups' shared counts read the cube apart, the figures the items due this month.
    assert _reads(alone.captured_queries, CUBE_TABLE) == 4
    assert _reads(alone.captured_queries) == 2
    assert len(alone.captured_queries) == 31
    assert separately.groups == stats.groups


def test_the_read_ahead_outside_a_shared_block_reads_nothing(cast, django_assert_num_queries):
    place = Place(*statistics_paths(cast.dak_lak))
    with django_assert_num_queries(0):
        recommendation_figures.read_ahead(place, (Period.year(2026), Period.year(2025)))
    with shared_reads(), django_assert_num_queries(2):  # the cube, the items due this month
        recommendation_figures.read_ahead(place, (Period.year(2026), Period.year(2025)))
        recommendation_figures.compute(place, Period.year(2025))
        recommendation_figures.source_counts(place, Period.year(2026))


def test_the_one_read_is_answered_from_the_place_index_alone(cast, generated):
    # recommendation_place_counts carries every column counted, and the counts count a constant (core.compiled
    # count_rows), not the id: no row of the table is needed. On PostgreSQL, whether the planner takes the index-only
    # scan depends on the table's size; with the other paths switched off it must be able to.
    # (The read of periods not of whole months; those of whole months sum the month cube.)
    place = Place(*statistics_paths(cast.dak_lak))
    with CaptureQueriesContext(connection) as read:
        recommendation_figures.read_periods(place, (Period.year(2026), Period.year(2025)), today=TODAY, cube=False)
    sql = read.captured_queries[-1]["sql"]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            searches = [row[-1] for row in cursor.fetchall() if "SEARCH" in row[-1] or "SCAN" in row[-1]]
            assert searches and all("USING COVERING INDEX recommendation_place_counts" in s for s in searches), searches
            return
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Only Scan using recommendation_place_counts" in plan, plan


def test_the_items_due_this_month_are_read_from_the_unanswered_index(cast, generated):
    # What the month cube leaves to the records (the unanswered items due from the day before this month to
    # yesterday) is a range of the partial index on the unanswered items' due dates, not the place's rows.
    place = Place(*statistics_paths(cast.dak_lak))
    with CaptureQueriesContext(connection) as read:
        recommendation_figures.read_periods(place, (Period.year(2026), Period.year(2025)), today=TODAY)
    (sql,) = [query["sql"] for query in read.captured_queries if f'"{TABLE}"' in query["sql"]]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plan = "\n".join(row[-1] for row in cursor.fetchall())
        else:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "recommendation_unanswered_due" in plan, plan
