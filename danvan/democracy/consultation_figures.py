"""Figures of consultations (tham gia ý kiến, Art. 25–28) for the statistics page (``danvan.democracy.figures``):
consultations published in the period (by when they opened), the opinions they received (records and people),
those decided, and those decided against the majority of opinions. Two aggregate queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from danvan.core.compiled import count_rows
from danvan.core.periods import Period
from danvan.democracy.figures import FigureGroup, Grouping, Place, register, totals
from danvan.democracy.models import Consultation, ConsultationStatus, Opinion

FIGURES = (
    ("held", _("Đợt lấy ý kiến Nhân dân đã công bố")),
    ("opinions", _("Lượt ý kiến nhận được")),
    ("people", _("Số người cho ý kiến")),
    ("portal_opinions", _("Ý kiến gửi qua cổng thông tin")),
    ("decided", _("Đợt đã có quyết định, công khai kết quả")),
    ("against_majority", _("Quyết định khác ý kiến đa số (có giải trình)")),
)


def compute(place: Place, period: Period) -> dict[str, int]:
    return compute_by(place, period)[None]


def compute_by(place: Place, period: Period, grouping: Grouping | None = None) -> dict[Any, dict[str, int]]:
    """:func:`compute`; with ``grouping``, of each of its places (lying under ``place``) in the same two queries
    (the opinions go with their consultation's place)."""
    published = (
        Consultation.objects.filter(place.q())
        .exclude(status=ConsultationStatus.DRAFT)
        .filter(opens_on__gte=period.start, opens_on__lte=period.end)
    )
    rows = totals(
        published,
        {
            "held": count_rows(),
            "decided": count_rows(Q(status=ConsultationStatus.DECIDED)),
            "against_majority": count_rows(Q(status=ConsultationStatus.DECIDED, against_majority=True)),
        },
        grouping,
    )
    opinions = totals(
        Opinion.objects.filter(consultation__in=published.values("pk")),
        {
            "opinions": count_rows(),
            "people": Sum("people", default=0),
            "portal_opinions": count_rows(Q(source="portal")),
        },
        grouping,
        field="consultation__unit_path",
    )
    return {
        key: {code: int({**row, **opinions[key]}.get(code) or 0) for code, _label in FIGURES}
        for key, row in rows.items()
    }


GROUP = register(
    FigureGroup(
        code="consultations",
        label=_("Lấy ý kiến Nhân dân"),
        figures=FIGURES,
        compute=compute,
        compute_by=compute_by,
        order=30,
    )
)
