"""Figures of the People's Inspection Boards and Community Investment Supervision Boards for the statistics page
(``danvan.democracy.figures``): boards at work by kind and their members at the period's end, checks and
supervisions held in the period, those with findings of violations, and the recommendations the boards raised —
three aggregate queries."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Q, Subquery, Sum
from django.utils.translation import gettext_lazy as _

from danvan.core.compiled import count_rows
from danvan.core.periods import Period
from danvan.democracy.figures import FigureGroup, Grouping, Place, register, totals
from danvan.democracy.models import Board, BoardKind, BoardMember, BoardSession
from danvan.democracy.recommendation_figures import read_ahead, source_counts

INSPECTION = BoardKind.PEOPLES_INSPECTION
INVESTMENT = BoardKind.INVESTMENT_SUPERVISION


def compute(place: Place, period: Period) -> dict[str, int]:
    """The boards' figures of ``place`` in ``period``."""
    return compute_by(place, period)[None]


def compute_by(place: Place, period: Period, grouping: Grouping | None = None) -> dict[Any, dict[str, int]]:
    """:func:`compute`; with ``grouping``, of each of its places (lying under ``place``) in the same three queries
    (a member counts with its board)."""
    at_work = Q(established_on__lte=period.end) & (Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=period.end))
    # The members serving at the period's end, counted with their board (a board at work then): one query.
    serving = Q(elected_on__lte=period.end) & (Q(left_on__isnull=True) | Q(left_on__gt=period.end))
    members = (
        BoardMember.objects.filter(serving, board=OuterRef("pk"))
        .order_by()
        .values("board")
        .annotate(count=count_rows())
        .values("count")
    )
    boards = totals(
        Board.objects.filter(place.q()).filter(at_work).annotate(serving_members=Subquery(members)),
        {
            "inspection": count_rows(Q(kind=INSPECTION)),
            "investment": count_rows(Q(kind=INVESTMENT)),
            "members_inspection": Sum("serving_members", filter=Q(kind=INSPECTION)),
            "members_investment": Sum("serving_members", filter=Q(kind=INVESTMENT)),
        },
        grouping,
    )
    held = Q(status="held", held_on__gte=period.start, held_on__lte=period.end)
    sessions = totals(
        BoardSession.objects.filter(place.q()),
        {
            "inspection": count_rows(held & Q(board__kind=INSPECTION)),
            "investment": count_rows(held & Q(board__kind=INVESTMENT)),
            "findings": count_rows(held & Q(has_violations=True)),
        },
        grouping,
    )
    counted = source_counts(place, period, grouping)  # the recommendations, read once with the other groups
    return {key: _figures(_counts(boards[key]), _counts(sessions[key]), counted[key]) for key in boards}


def _counts(row: dict[str, Any]) -> dict[str, int]:
    return {name: int(value or 0) for name, value in row.items()}


def _figures(boards: dict[str, int], sessions: dict[str, int], counted: dict[str, int]) -> dict[str, int]:
    raised = {"inspection": counted["board.inspection"], "investment": counted["board.investment"]}
    return {
        "boards": boards["inspection"] + boards["investment"],
        "boards.peoples_inspection": boards["inspection"],
        "boards.investment_supervision": boards["investment"],
        "members": boards["members_inspection"] + boards["members_investment"],
        "members.peoples_inspection": boards["members_inspection"],
        "members.investment_supervision": boards["members_investment"],
        "sessions": sessions["inspection"] + sessions["investment"],
        "sessions.peoples_inspection": sessions["inspection"],
        "sessions.investment_supervision": sessions["investment"],
        "findings": sessions["findings"],
        "recommendations": raised["inspection"] + raised["investment"],
        "recommendations.peoples_inspection": raised["inspection"],
        "recommendations.investment_supervision": raised["investment"],
    }


BOARDS = register(
    FigureGroup(
        code="boards",
        label=_("Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng"),
        figures=(
            ("boards", _("Ban đang hoạt động (cuối kỳ)")),
            ("boards.peoples_inspection", _("trong đó: Ban Thanh tra nhân dân")),
            ("boards.investment_supervision", _("trong đó: Ban Giám sát đầu tư của cộng đồng")),
            ("members", _("Thành viên đang làm việc (cuối kỳ)")),
            ("members.peoples_inspection", _("trong đó: Ban Thanh tra nhân dân")),
            ("members.investment_supervision", _("trong đó: Ban Giám sát đầu tư của cộng đồng")),
            ("sessions", _("Cuộc kiểm tra, giám sát đã thực hiện")),
            ("sessions.peoples_inspection", _("trong đó: kiểm tra của Ban Thanh tra nhân dân")),
            ("sessions.investment_supervision", _("trong đó: giám sát đầu tư của cộng đồng")),
            ("findings", _("Cuộc phát hiện sai phạm, thiếu sót")),
            ("recommendations", _("Kiến nghị của các ban")),
            ("recommendations.peoples_inspection", _("trong đó: của Ban Thanh tra nhân dân")),
            ("recommendations.investment_supervision", _("trong đó: của Ban Giám sát đầu tư của cộng đồng")),
        ),
        compute=compute,
        compute_by=compute_by,
        read_ahead=read_ahead,  # the recommendations it counts, read once for every period
        queries=3,
        order=60,
    )
)
