"""The recommendations' month cube, kept by database triggers (decisions 0033, 0035): every recommendation figure
of a period of whole months — the figures of the items raised in it (their outcome as of today, overdue today) and
the counts the boards, contacts, meetings and supervision groups take from them (answered in it, open and overdue at
its end) — summed from the cube, with the few items due this month read from the records, equals the figure counted
from the recommendations alone: for a commune with its legacy predecessor and the province, by month, quarter,
half-year, nine months and year over 2024–2026, with raise, answer and due dates on month ends and the days around
them, on a today at the start, middle and end of a month; by child too. Every write keeps the cube exact; the merge
folds the triggers' rows; ``migrate`` puts back triggers a migration dropped."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.core.models import AdministrativeUnit, UnitSuccession
from danvan.core.month_cube import keep_cubes
from danvan.core.periods import Period, month_end
from danvan.core.selectors import statistics_paths
from danvan.democracy.figures import Place
from danvan.democracy.models import (
    Addressee,
    Assessment,
    CommunityMeeting,
    MeetingKind,
    MeetingStatus,
    Recommendation,
    RecommendationKind,
    RecommendationMonth,
    RecommendationSource,
)
from danvan.democracy.recommendation_figures import CUBE, compute_by, read_periods
from danvan.reporting import indicators

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 11, 20)
# A today at a month's start, middle and end, and the day after one: "overdue today" split between cube and records.
TODAYS = (D(2026, 3, 1), D(2026, 2, 28), TODAY, D(2026, 12, 31))


def edge_day(rng: random.Random, year: int, month: int) -> D:
    last = month_end(year, month).day
    return D(year, month, rng.choice((1, 2, 15, last - 1, last)))


def around_month_end(rng: random.Random, day: D) -> D:
    """A day at the end of ``day``'s month or a later one, or the days around it."""
    months = rng.choice((0, 0, 1, 2, 5))
    index = day.month - 1 + months
    end = month_end(day.year + index // 12, index % 12 + 1)
    return max(day, end + dt.timedelta(days=rng.choice((-1, 0, 1))))


def spread_recommendations(units: list[AdministrativeUnit], count: int, seed: int = 35) -> None:
    """``count`` recommendations at ``units`` raised over 2024 – 31/12/2026 on month edges, from every source, to
    every addressed body, of both kinds; due none, on a month's end or the days around it, or the day before the
    raise (a bad record the cube must count as the records do); answered none, before, on or after the due date (on
    month edges too, never before the raise nor after 31/12/2026); assessed or not; some re-raises."""
    rng = random.Random(seed)
    meeting = CommunityMeeting.objects.create(
        unit=units[0], kind=MeetingKind.DIALOGUE, year=2026, title="Đối thoại", held_on=D(2026, 1, 5),
        status=MeetingStatus.HELD, participants=10, minutes="Biên bản.",
    )  # fmt: skip
    event_type = ContentType.objects.get_for_model(meeting)
    rows = []
    for i in range(count):
        unit = units[i % len(units)]
        raised = edge_day(rng, rng.randrange(2024, 2027), rng.randrange(1, 13))
        due = rng.choice(
            (None, around_month_end(rng, raised), around_month_end(rng, raised), raised - dt.timedelta(days=1))
        )
        answered = rng.choice(
            (None, raised, around_month_end(rng, raised), due or raised, (due or raised) + dt.timedelta(days=1))
        )
        answered = min(max(answered, raised), D(2026, 12, 31)) if answered else None
        rows.append(
            Recommendation(
                unit=unit, unit_path=unit.path, province_code=unit.province_code, event_type=event_type,
                event_id=meeting.pk, source=rng.choice(RecommendationSource.values),
                kind=rng.choice(RecommendationKind.values), raised_by="Cử tri", raised_on=raised, content="Kiến nghị",
                addressee=rng.choice(Addressee.values), due_on=due, answered_on=answered,
                status="answered" if answered else "open",
                assessment=rng.choice(("", Assessment.SATISFIED, Assessment.UNSATISFIED)) if answered else "",
            )
        )  # fmt: skip
    created = Recommendation.objects.bulk_create(rows, batch_size=500)
    firsts = created[: count // 10]
    for again, first in zip(created[count // 10 : count // 5], firsts, strict=True):
        again.reraised_from = first
    Recommendation.objects.bulk_update(created[count // 10 : count // 5], ["reraised_from"])


def legacy_predecessor(unit: AdministrativeUnit) -> AdministrativeUnit:
    link = UnitSuccession.objects.filter(successor=unit, is_primary=True, predecessor__level=3).first()
    assert link is not None
    return link.predecessor


@pytest.fixture
def spread(cast):
    units = [cast.dong_xuan, legacy_predecessor(cast.dong_xuan), cast.buon_ma_thuot]
    spread_recommendations(units, 900)
    return units


def place_of(unit: AdministrativeUnit) -> Place:
    return Place(*statistics_paths(unit))


def whole_month_periods() -> list[Period]:
    periods = [Period(D(2024, 1, 1), D(2026, 12, 31))]
    for year in range(2024, 2027):
        periods += [Period.year(year), Period(D(year, 1, 1), D(year, 6, 30)), Period(D(year, 1, 1), D(year, 9, 30))]
        periods += [Period(D(year, m, 1), month_end(year, m + 2)) for m in (1, 4, 7, 10)]
        periods += [Period(D(year, m, 1), month_end(year, m)) for m in range(1, 13)]
    return periods


def test_every_figure_of_whole_months_from_the_cube_equals_the_recommendations(cast, spread):
    assert CUBE.differences() == []
    province = AdministrativeUnit.objects.get(pk=cast.dong_xuan.parent_id)
    periods = whole_month_periods()
    for unit in (spread[0], province):
        place = place_of(unit)
        for today in TODAYS:
            summed = read_periods(place, periods, today=today)
            counted = read_periods(place, periods, today=today, cube=False)
            for period, from_cube, from_records in zip(periods, summed, counted, strict=True):
                assert from_cube == from_records, (unit.name, today, period)
    figures, sources = read_periods(place_of(province), [Period.year(2026)], today=TODAY)[0]
    assert figures["raised.overdue"] > 0 and figures["reraised"] > 0 and figures["raised.late"] > 0
    assert sources["meeting.overdue_at_end"] > 0 and sources["supervision.answered"] > 0


def test_the_cube_is_read_for_whole_months_and_the_records_for_the_rest(cast, spread):
    place = place_of(spread[0])
    with CaptureQueriesContext(connection) as queries:
        read_periods(place, [Period.year(2025), Period.year(2026)], today=TODAY)
    tables = ["democracy_recommendationmonth" in q["sql"] for q in queries]
    assert sorted(tables) == [False, True]  # one read of the cube, one of the items due this month
    cut_off = Period(D(2025, 12, 15), D(2026, 12, 14))
    with CaptureQueriesContext(connection) as queries:
        read_periods(place, [cut_off], today=TODAY)
    assert not any("democracy_recommendationmonth" in q["sql"] for q in queries)
    assert read_periods(place, [cut_off, Period.year(2025)], today=TODAY) == read_periods(
        place, [cut_off, Period.year(2025)], today=TODAY, cube=False
    )


def test_by_child_from_the_cube_equals_the_recommendations(cast, spread):
    communes = [spread[0], spread[2]]
    grouping = indicators.Grouping.of({unit.pk: indicators.Place.of(unit) for unit in communes})
    assert grouping is not None
    for today in TODAYS:
        for period in (Period.year(2025), Period.year(2026), Period(D(2026, 1, 1), D(2026, 6, 30))):
            union = Place(grouping.union.paths, grouping.union.provinces)
            by_child = compute_by(union, period, grouping, today=today)
            for unit in communes:
                expected = read_periods(place_of(unit), [period], today=today, cube=False)[0][0]
                assert by_child[unit.pk] == expected, (unit.name, period, today)


def figures_now(place: Place) -> list[Any]:
    periods = [Period.year(2025), Period.year(2026)]
    return read_periods(place, periods, today=TODAY) + read_periods(place, periods, today=TODAY, cube=False)


def test_every_write_of_a_recommendation_keeps_the_cube_exact_and_the_merge_folds_it(cast, spread):
    place = place_of(spread[0])
    before = figures_now(place)
    some = list(Recommendation.objects.filter(unit=spread[0], reraised_from=None).order_by("pk")[:30])
    for item in some[:5]:  # answered, as the services save them
        item.answered_on, item.status, item.answer = TODAY, "answered", "Đã trả lời."
        item.save()
    pks = [item.pk for item in some]
    Recommendation.objects.filter(pk__in=pks[5:15]).update(due_on=D(2026, 11, 19), answered_on=None)  # a sweep
    Recommendation.objects.filter(pk__in=pks[15:20]).update(
        unit=spread[2], unit_path=spread[2].path, source=RecommendationSource.SUPERVISION
    )
    Recommendation.objects.filter(reraised_from__in=pks[20:25]).delete()
    Recommendation.objects.filter(pk__in=pks[20:25]).delete()
    Recommendation.objects.filter(pk__in=pks[25:30]).update(content="Chỉ sửa nội dung")  # no counted column
    assert CUBE.differences() == []
    after = figures_now(place)
    assert after[:2] == after[2:] and after != before
    assert CUBE.merge() > 0
    assert not RecommendationMonth.objects.filter(merged=False).exists()
    assert CUBE.differences() == []
    assert figures_now(place) == after


def test_migrate_puts_back_missing_triggers_and_recounts(cast, spread):
    assert CUBE.triggers_current()
    with connection.cursor() as cursor:
        for statement in CUBE.drop_trigger_sql():
            cursor.execute(statement)
    Recommendation.objects.filter(unit=spread[0]).update(answered_on=None)  # unseen by the cube
    assert CUBE.differences() != []
    keep_cubes()  # what ``migrate`` runs last
    assert CUBE.triggers_current()
    assert CUBE.differences() == []
    # A first count that did not finish (the triggers in place, no cube row): the next migrate counts.
    RecommendationMonth.objects.all().delete()
    keep_cubes()
    assert RecommendationMonth.objects.exists()
    assert CUBE.differences() == []
