"""The feedback bench at a small scale: the bulk generator makes consistent reports and the hand-written SQL the
bench compares against counts what ``feedback_statistics`` and ``feedback_ranking`` count."""

import datetime as dt
from decimal import Decimal

from bench.feedback_bench import TODAY, hand_nearby, hand_ranking, hand_statistics, ours_nearby
from bench.feedback_generator import generate
from danvan.cases.models import Case
from danvan.core.periods import Period
from danvan.feedback.models import Report
from danvan.feedback.ranking import feedback_ranking
from danvan.feedback.statistics import feedback_statistics


def test_the_generator_and_the_hand_written_sql_agree_with_ours(cast):
    made = generate(600)
    assert made["reports"] == 600 == Report.objects.count()
    assert Case.objects.filter(kind="feedback").count() == 600
    assert set(Report.objects.values_list("case__unit_id", flat=True)) == set(
        Report.objects.values_list("unit_id", flat=True)
    )
    period = Period.year(2026)
    province = cast.dak_lak
    stats = feedback_statistics(unit=province, period=period, today=TODAY)
    hand = hand_statistics(province.path, province.province_code, period.start, period.end, TODAY)
    for which, figures in (("current", stats.current), ("previous", stats.previous)):
        for name in (
            "received",
            "answered",
            "on_time",
            "late",
            "handled",
            "overdue",
            "rated",
            "rating_sum",
            "satisfied",
        ):
            assert getattr(figures, name) == hand[which][name], (which, name)
        median = figures.median_hours
        assert (float(median) if median is not None else None) == hand[which]["median_hours"]
    assert stats.current.received > 0
    ranking = feedback_ranking(province=province, period=period, today=TODAY)
    rows = hand_ranking(province.province_code, period.start, period.end, TODAY)
    assert sorted(unit.code for unit in ranking.units) == sorted(row[0] for row in rows)
    point = Report.objects.filter(latitude__isnull=False, is_open=True).order_by("pk")[0]
    assert point.latitude is not None and point.longitude is not None
    _label, nearby = ours_nearby()
    found = nearby(point.latitude, point.longitude, point.category_id, 250.0)
    hand_found = hand_nearby(point.latitude, point.longitude, point.category_id, 250.0)
    # The form shows the nearest ten; every one of them is among the hand-written query's answers.
    assert found and {report.pk for report in found} <= {row[0] for row in hand_found}
    assert point.pk in {row[0] for row in hand_found}
    assert Decimal(0) <= (stats.current.on_time_rate or Decimal(0)) <= Decimal(100)
    assert dt.date(2025, 7, 1) <= Report.objects.earliest("received_at").received_at.date()
