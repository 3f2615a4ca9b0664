"""English reads as English: month names, and counted nouns in the singular for one ("1 day a week", not "1 days")."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from danvan.cases.models import DeadlineState
from danvan.cases.sweep import notification_message
from danvan.core.formatting import month_name, month_year


def test_month_names():
    with translation.override("en"):
        assert [month_name(m) for m in (1, 3, 12)] == ["January", "March", "December"]
        assert month_year(11, 2026) == "November 2026"
    with translation.override("vi"):
        assert month_name(3) == "Tháng 3"
        assert month_year(11, 2026) == "Tháng 11 năm 2026"


@pytest.mark.parametrize(
    ("unit", "one", "two"),
    [("day_per_week", "1 day a week", "2 days a week"), ("day_per_month", "1 day a month", "2 days a month")],
)
def test_reception_minimum_is_counted_in_english(unit, one, two):
    template = Template(
        "{% load i18n %}{% if unit == 'day_per_week' %}"
        "{% blocktranslate count counter=value %}{{ counter }} ngày/tuần{% plural %}{{ counter }} ngày/tuần"
        "{% endblocktranslate %}{% else %}"
        "{% blocktranslate count counter=value %}{{ counter }} ngày/tháng{% plural %}{{ counter }} ngày/tháng"
        "{% endblocktranslate %}{% endif %}"
    )
    with translation.override("en"):
        assert template.render(Context({"unit": unit, "value": 1})) == one
        assert template.render(Context({"unit": unit, "value": 2})) == two


def test_the_compliance_page_counts_with_the_same_plural_strings():
    source = (Path(settings.BASE_DIR) / "templates/reception/compliance.html").read_text(encoding="utf-8")
    assert "{{ counter }} ngày/tuần{% plural %}" in source
    assert "{{ counter }} ngày/tháng{% plural %}" in source


def test_deadline_notifications_count_in_english():
    with translation.override("en"):
        assert notification_message(DeadlineState.OVERDUE, 1) == "You have 1 overdue case."
        assert notification_message(DeadlineState.OVERDUE, 3) == "You have 3 overdue cases."
        assert notification_message(DeadlineState.DUE_SOON, 1) == "You have 1 case due soon."
    with translation.override("vi"):
        assert notification_message(DeadlineState.OVERDUE, 1) == "Bạn có 1 hồ sơ quá hạn."
