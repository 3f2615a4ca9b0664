"""Figures of disclosures (dân biết, Art. 11–14) for the statistics page (``danvan.democracy.figures``): how many
decisions and documents were disclosed in the period (by the date the decision was issued), how many on time, how
many with each kind of violation, and how many published on the portal. One aggregate query."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.compiled import count_rows
from danvan.core.periods import Period
from danvan.democracy.figures import FigureGroup, Grouping, Place, register, totals
from danvan.democracy.models import ComplianceStatus, Disclosure

FIGURES = (
    ("count", _("Thông tin đã công khai")),
    ("on_time", _("Công khai đúng thời hạn")),
    ("compliant", _("Đúng mọi quy định")),
    ("violations", _("Có vi phạm")),
    ("violations.late", _("Vi phạm: chậm công khai")),
    ("violations.too_short", _("Vi phạm: niêm yết chưa đủ thời gian")),
    ("violations.taken_down", _("Vi phạm: gỡ nội dung phải niêm yết thường xuyên")),
    ("violations.no_portal", _("Vi phạm: không đăng trên cổng thông tin")),
    ("violations.no_loudspeaker", _("Vi phạm: không thông báo đủ trên loa")),
    ("published", _("Đã công bố trên cổng thông tin")),
)


def compute(place: Place, period: Period) -> dict[str, int]:
    """The figures of the disclosures under ``place`` whose decision was issued in ``period``."""
    return compute_by(place, period)[None]


def compute_by(place: Place, period: Period, grouping: Grouping | None = None) -> dict[Any, dict[str, int]]:
    """:func:`compute`; with ``grouping``, of each of its places (lying under ``place``) in the same one query."""
    rows = totals(
        Disclosure.objects.filter(place.q(), issued_on__range=(period.start, period.end)),
        {
            "count": count_rows(),
            "on_time": count_rows(Q(is_late=False, disclosed_on__isnull=False)),
            "compliant": count_rows(Q(status=ComplianceStatus.OK)),
            "violations": count_rows(Q(status=ComplianceStatus.VIOLATION)),
            "violations.late": count_rows(Q(is_late=True)),
            "violations.too_short": count_rows(Q(is_too_short=True)),
            "violations.taken_down": count_rows(Q(is_taken_down=True)),
            "violations.no_portal": count_rows(Q(lacks_portal=True)),
            "violations.no_loudspeaker": count_rows(Q(lacks_loudspeaker=True)),
            "published": count_rows(Q(is_published=True)),
        },
        grouping,
    )
    return {key: {code: int(row[code] or 0) for code, _label in FIGURES} for key, row in rows.items()}


GROUP = register(
    FigureGroup(
        code="disclosures",
        label=_("Công khai thông tin (dân biết)"),
        figures=FIGURES,
        compute=compute,
        compute_by=compute_by,
        order=10,
    )
)
