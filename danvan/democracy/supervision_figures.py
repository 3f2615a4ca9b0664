"""Figures of the Fatherland Front's supervision and social criticism for the statistics page
(``danvan.democracy.figures``): supervisions and criticism sessions planned and done in the period, by kind and by
supervising organization (the Front, each member organization), and the recommendations they raised — three
aggregate queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from danvan.core.compiled import count_rows
from danvan.core.periods import Period
from danvan.democracy.figures import FigureGroup, Grouping, Place, register, rows_by, totals
from danvan.democracy.models import (
    FRONT_ORG_KINDS,
    Supervision,
    SupervisionKind,
    SupervisionStatus,
)
from danvan.democracy.recommendation_figures import read_ahead, source_counts

ORG_LABELS = {
    "fatherland_front": _("do Ủy ban MTTQ thực hiện"),
    "farmers_union": _("do Hội Nông dân thực hiện"),
    "womens_union": _("do Hội Liên hiệp Phụ nữ thực hiện"),
    "youth_union": _("do Đoàn TNCS Hồ Chí Minh thực hiện"),
    "veterans_association": _("do Hội Cựu chiến binh thực hiện"),
    "trade_union": _("do Công đoàn thực hiện"),
}


def compute(place: Place, period: Period) -> dict[str, int]:
    """The supervision figures of ``place`` in ``period``: planned = starting in the period and not cancelled;
    held = done (its last day) in the period."""
    return compute_by(place, period)[None]


def compute_by(place: Place, period: Period, grouping: Grouping | None = None) -> dict[Any, dict[str, int]]:
    """:func:`compute`; with ``grouping``, of each of its places (lying under ``place``) in the same queries."""
    starts = Q(starts_on__gte=period.start, starts_on__lte=period.end) & ~Q(status=SupervisionStatus.CANCELLED)
    done = Q(status=SupervisionStatus.DONE, done_on__gte=period.start, done_on__lte=period.end)
    base = Supervision.objects.filter(place.q())
    counts = totals(
        base,
        {
            "planned": count_rows(starts),
            "held": count_rows(done),
            "held_supervision": count_rows(done & Q(kind=SupervisionKind.SUPERVISION)),
            "held_criticism": count_rows(done & Q(kind=SupervisionKind.SOCIAL_CRITICISM)),
            "cancelled": Count(
                "id",
                filter=Q(status=SupervisionStatus.CANCELLED, starts_on__gte=period.start, starts_on__lte=period.end),
            ),
        },
        grouping,
    )
    by_org = rows_by(base.filter(done), "programme__organization__kind__code", {"total": count_rows()}, grouping)
    counted = source_counts(place, period, grouping)  # the recommendations, read once with the other groups
    return {key: _figures(row, by_org[key], counted[key]) for key, row in counts.items()}


def _figures(totals: dict[str, Any], by_org_rows: list[dict[str, Any]], counted: dict[str, int]) -> dict[str, int]:
    by_org = {row["programme__organization__kind__code"]: row["total"] for row in by_org_rows}
    items = {
        name: counted[f"supervision.{name}"]
        for name in ("raised", "raised_supervision", "raised_criticism", "answered", "open_at_end")
    }
    figures = {
        "planned": int(totals["planned"] or 0),
        "held": int(totals["held"] or 0),
        "held.supervision": int(totals["held_supervision"] or 0),
        "held.social_criticism": int(totals["held_criticism"] or 0),
        "cancelled": int(totals["cancelled"] or 0),
        "recommendations_raised": items["raised"],
        "recommendations_raised.supervision": items["raised_supervision"],
        "recommendations_raised.social_criticism": items["raised_criticism"],
        "recommendations_answered": items["answered"],
        "recommendations_open": items["open_at_end"],
    }
    for code in FRONT_ORG_KINDS:
        figures[f"by_organization.{code}"] = by_org.get(code, 0)
    return figures


SUPERVISIONS = register(
    FigureGroup(
        code="supervisions",
        label=_("Giám sát, phản biện xã hội của Mặt trận Tổ quốc"),
        figures=(
            ("planned", _("Cuộc giám sát, phản biện theo kế hoạch (bắt đầu trong kỳ)")),
            ("held", _("Cuộc giám sát, phản biện đã thực hiện")),
            ("held.supervision", _("trong đó: giám sát")),
            ("held.social_criticism", _("trong đó: phản biện xã hội")),
            *((f"by_organization.{code}", label) for code, label in ORG_LABELS.items()),
            ("cancelled", _("Cuộc đã hủy")),
            ("recommendations_raised", _("Kiến nghị sau giám sát, ý kiến phản biện đã gửi")),
            ("recommendations_raised.supervision", _("trong đó: kiến nghị sau giám sát")),
            ("recommendations_raised.social_criticism", _("trong đó: ý kiến phản biện")),
            ("recommendations_answered", _("Kiến nghị được trả lời trong kỳ")),
            ("recommendations_open", _("Kiến nghị chưa được trả lời đến cuối kỳ")),
        ),
        compute=compute,
        compute_by=compute_by,
        read_ahead=read_ahead,  # the recommendations it counts, read once for every period
        queries=3,
        order=60,
    )
)
