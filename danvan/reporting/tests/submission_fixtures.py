"""Shared test helpers for the submissions part: a fake indicator source whose figures a test sets, a template."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from danvan.reporting import indicators
from danvan.reporting.indicators import IndicatorSource
from danvan.reporting.models import DocumentFormat, PeriodKind

# Figures the fake source returns, by unit code then indicator code; a test changes them to "change the records".
FAKE: dict[str, dict[str, Any]] = {}
CODES = ("test.visits", "test.on_time_rate")
# The periods the fake source was asked for (start, end), in order.
ASKED: list[tuple[Any, Any]] = []


def _compute(place, period):
    ASKED.append((period.start, period.end))
    values = FAKE.get(place.unit.code, {})
    return {code: values.get(code) for code in CODES}


SOURCE = IndicatorSource(code="test.fake", codes=CODES, compute=_compute, queries=0)


def install_fake_source() -> None:
    FAKE.clear()
    ASKED.clear()
    indicators.register(SOURCE)


def remove_fake_source() -> None:
    indicators._SOURCES.pop(SOURCE.code, None)
    FAKE.clear()


SECTIONS = [
    {"title": "Tiếp công dân", "codes": ["test.visits"], "prompts": ["Kết quả tiếp công dân"]},
    {"title": "Giải quyết thủ tục hành chính", "codes": ["test.on_time_rate", "entered.models"], "prompts": []},
]

NARRATIVE = {
    "results": "Tiếp 137 lượt công dân.",
    "limitations": "Một số hồ sơ còn chậm do thiếu cán bộ.",
    "next_tasks": "Tăng cường đối thoại với Nhân dân.",
}


def make_template(actor, unit, doc_format: str = DocumentFormat.STATE, name: str = "Báo cáo công tác dân vận"):
    from danvan.reporting.submission_services import template_create

    return template_create(
        actor=actor,
        unit=unit,
        name=name,
        period_kind=PeriodKind.HALF,
        doc_format=doc_format,
        sections=SECTIONS,
        issuer_name="Ban Dân vận Tỉnh uỷ Đắk Lắk",
    )


def set_figures(unit_code: str, visits: int, rate: str = "77.8") -> None:
    FAKE[unit_code] = {"test.visits": visits, "test.on_time_rate": Decimal(rate)}


CRITERIA_API = [
    {"label": "Tỷ lệ hồ sơ đúng hạn", "indicator_code": "test.on_time_rate", "weight": 70, "target": "90"},
    {"label": "Lượt tiếp công dân", "indicator_code": "test.visits", "weight": 30, "target": "100"},
]
