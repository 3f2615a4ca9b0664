"""Figures of community decisions (dân bàn và quyết định, Art. 15–22) for the statistics page
(``danvan.democracy.figures``): decisions counted in the period (by the day of the count), passed, by matter and
by form, recognized, recognized on time, refused. One aggregate query."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from danvan.core.compiled import count_rows
from danvan.core.periods import Period
from danvan.democracy import (
    decision_audit_text,  # noqa: F401  (registers the audit trail's words)
    decision_todo,  # noqa: F401  (registers the dashboard's to-do entries)
)
from danvan.democracy.figures import FigureGroup, Grouping, Place, register, totals
from danvan.democracy.models import CommunityDecision, DecisionForm, DecisionResult, DecisionStatus

MATTERS = ("1", "2", "3", "4", "5", "6")
FIGURES: tuple[tuple[str, object], ...] = (
    ("held", _("Nội dung đã biểu quyết, kiểm phiếu")),
    ("passed", _("Được thông qua")),
    *((f"by_matter.{code}", _("Nội dung %(code)s") % {"code": code}) for code in MATTERS),
    *((f"by_form.{form.value}", form.label) for form in DecisionForm),
    ("recognized", _("Được công nhận")),
    ("recognized_on_time", _("Được công nhận đúng hạn")),
    ("refused", _("Không được công nhận (có văn bản trả lời)")),
    ("submitted_late", _("Gửi biên bản quá hạn")),
)


def compute(place: Place, period: Period) -> dict[str, int]:
    return compute_by(place, period)[None]


def compute_by(place: Place, period: Period, grouping: Grouping | None = None) -> dict[Any, dict[str, int]]:
    """:func:`compute`; with ``grouping``, of each of its places (lying under ``place``) in the same one query."""
    decisions = CommunityDecision.objects.filter(place.q(), closed_on__range=(period.start, period.end))
    aggregates = {
        "held": count_rows(),
        "passed": count_rows(Q(result=DecisionResult.PASSED)),
        **{f"by_matter.{code}": count_rows(Q(matter__code=code)) for code in MATTERS},
        **{f"by_form.{form.value}": count_rows(Q(form=form.value)) for form in DecisionForm},
        "recognized": count_rows(Q(status=DecisionStatus.RECOGNIZED)),
        "recognized_on_time": Count(
            "id", filter=Q(status=DecisionStatus.RECOGNIZED, recognized_on__lte=F("recognition_due_on"))
        ),
        "refused": count_rows(Q(status=DecisionStatus.REFUSED)),
        "submitted_late": count_rows(Q(submitted_on__gt=F("submission_due_on"))),
    }
    rows = totals(decisions, aggregates, grouping)
    return {key: {name: int(value or 0) for name, value in row.items()} for key, row in rows.items()}


GROUP = register(
    FigureGroup(
        code="decisions",
        label=_("Dân bàn và quyết định"),
        figures=FIGURES,
        compute=compute,
        compute_by=compute_by,
        order=20,
    )
)
