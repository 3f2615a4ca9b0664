"""Nearby open reports of the same category within the radius rule, nearest first."""

from danvan.core.models import LegalRule
from danvan.feedback.models import Category, Report
from danvan.feedback.nearby import nearby_open_reports
from danvan.feedback.tests.helpers_public import answer, file_report


def test_same_category_open_and_within_the_radius(cast):
    unit = cast.dong_xuan
    near, _ = file_report(unit, offset=(0.001, 0.0))  # about 111 m
    far, _ = file_report(unit, offset=(0.004, 0.0))  # about 445 m
    other, _ = file_report(unit, category="waste", offset=(0.0005, 0.0))
    closed, _ = file_report(unit, offset=(0.0002, 0.0))
    answer(closed)
    hidden, _ = file_report(unit, offset=(0.0003, 0.0))
    Report.objects.filter(pk=hidden.pk).update(is_hidden=True)
    found = nearby_open_reports(
        category=Category.objects.get(code="flooding"),
        latitude=float(unit.latitude),
        longitude=float(unit.longitude),
    )
    assert [item.report.pk for item in found] == [near.pk]
    assert 100 < found[0].distance_m < 125
    assert far.pk and other.pk


def test_the_radius_comes_from_the_rule(cast):
    unit = cast.dong_xuan
    far, _ = file_report(unit, offset=(0.004, 0.0))
    LegalRule.objects.filter(code="feedback.nearby_radius_m").update(value=600)
    found = nearby_open_reports(
        category=far.category_id, latitude=float(unit.latitude), longitude=float(unit.longitude)
    )
    assert [item.report.pk for item in found] == [far.pk]


def test_a_point_outside_vietnam_finds_nothing(cast):
    assert nearby_open_reports(category=1, latitude=35.0, longitude=139.0) == []
