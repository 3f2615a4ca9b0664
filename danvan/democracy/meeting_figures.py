"""Figures of year-end community meetings and dialogues (Art. 32–33) for the statistics page
(``danvan.democracy.figures``): meetings and dialogues held in the period, attendance, the items raised at them
and how many were answered — two aggregate queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from danvan.core.compiled import count_rows
from danvan.core.periods import Period
from danvan.democracy.figures import FigureGroup, Grouping, Place, register, totals
from danvan.democracy.models import (
    CommunityMeeting,
    MeetingKind,
    MeetingStatus,
)
from danvan.democracy.recommendation_figures import read_ahead, source_counts


def compute(place: Place, period: Period) -> dict[str, int]:
    """The meetings figures of ``place`` in ``period``."""
    return compute_by(place, period)[None]


def compute_by(place: Place, period: Period, grouping: Grouping | None = None) -> dict[Any, dict[str, int]]:
    """:func:`compute`; with ``grouping``, of each of its places (lying under ``place``) in the same queries."""
    held = Q(status=MeetingStatus.HELD, held_on__gte=period.start, held_on__lte=period.end)
    meetings = totals(
        CommunityMeeting.objects.filter(place.q()).filter(held),
        {
            "year_end": count_rows(Q(kind=MeetingKind.YEAR_END)),
            "dialogues": count_rows(Q(kind=MeetingKind.DIALOGUE)),
            "participants": Sum("participants"),
            "sent": count_rows(Q(sent_to_committee_on__isnull=False, sent_to_front_on__isnull=False)),
        },
        grouping,
    )
    counted = source_counts(place, period, grouping)  # the recommendations, read once with the other groups
    return {key: _figures(row, counted[key]) for key, row in meetings.items()}


def _figures(meetings: dict[str, Any], counted: dict[str, int]) -> dict[str, int]:
    items = {
        name: counted[f"meeting.{name}"]
        for name in ("raised", "questions", "recommendations", "answered", "open_at_end", "overdue_at_end")
    }
    return {
        "year_end_held": meetings["year_end"] or 0,
        "dialogues_held": meetings["dialogues"] or 0,
        "participants": meetings["participants"] or 0,
        "results_sent": meetings["sent"] or 0,
        "items_raised": items["raised"],
        "items_raised.question": items["questions"],
        "items_raised.recommendation": items["recommendations"],
        "items_answered": items["answered"],
        "items_open": items["open_at_end"],
        "items_overdue": items["overdue_at_end"],
    }


MEETINGS = register(
    FigureGroup(
        code="meetings",
        label=_("Hội nghị thôn, tổ dân phố và đối thoại"),
        figures=(
            ("year_end_held", _("Hội nghị thôn, tổ dân phố đã tổ chức")),
            ("dialogues_held", _("Hội nghị đối thoại đã tổ chức")),
            ("participants", _("Lượt người dự")),
            ("results_sent", _("Hội nghị đã gửi kết quả cho UBND và MTTQ xã")),
            ("items_raised", _("Ý kiến, kiến nghị được nêu")),
            ("items_raised.question", _("trong đó: câu hỏi")),
            ("items_raised.recommendation", _("trong đó: kiến nghị, đề xuất")),
            ("items_answered", _("Ý kiến, kiến nghị được trả lời trong kỳ")),
            ("items_open", _("Chưa trả lời đến cuối kỳ")),
            ("items_overdue", _("Quá hạn trả lời đến cuối kỳ")),
        ),
        compute=compute,
        compute_by=compute_by,
        read_ahead=read_ahead,  # the recommendations it counts, read once for every period
        order=50,
    )
)
