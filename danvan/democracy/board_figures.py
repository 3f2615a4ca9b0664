"""Figures of the People's Inspection Boards and Community Investment Supervision Boards for the statistics page
(``danvan.democracy.figures``): boards at work by kind and their members at the period's end, checks and
supervisions held in the period, those with findings of violations, and the recommendations the boards raised —
three aggregate queries."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from danvan.core.periods import Period
from danvan.democracy.figures import FigureGroup, Place, register
from danvan.democracy.models import Board, BoardKind, BoardMember, BoardSession
from danvan.democracy.recommendation_figures import source_counts

INSPECTION = BoardKind.PEOPLES_INSPECTION
INVESTMENT = BoardKind.INVESTMENT_SUPERVISION


def compute(place: Place, period: Period) -> dict[str, int]:
    """The boards' figures of ``place`` in ``period``."""
    at_work = Q(established_on__lte=period.end) & (Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=period.end))
    boards = (
        Board.objects.filter(place.q())
        .filter(at_work)
        .aggregate(
            inspection=Count("id", filter=Q(kind=INSPECTION)),
            investment=Count("id", filter=Q(kind=INVESTMENT)),
        )
    )
    serving = Q(elected_on__lte=period.end) & (Q(left_on__isnull=True) | Q(left_on__gt=period.end))
    members = (
        BoardMember.objects.filter(place.q("board__"))
        .filter(serving)
        .filter(Q(board__established_on__lte=period.end))
        .filter(Q(board__dissolved_on__isnull=True) | Q(board__dissolved_on__gt=period.end))
        .aggregate(
            inspection=Count("id", filter=Q(board__kind=INSPECTION)),
            investment=Count("id", filter=Q(board__kind=INVESTMENT)),
        )
    )
    held = Q(status="held", held_on__gte=period.start, held_on__lte=period.end)
    sessions = BoardSession.objects.filter(place.q()).aggregate(
        inspection=Count("id", filter=held & Q(board__kind=INSPECTION)),
        investment=Count("id", filter=held & Q(board__kind=INVESTMENT)),
        findings=Count("id", filter=held & Q(has_violations=True)),
    )
    counted = source_counts(place, period)  # the recommendations, read once with the other groups
    raised = {"inspection": counted["board.inspection"], "investment": counted["board.investment"]}
    return {
        "boards": boards["inspection"] + boards["investment"],
        "boards.peoples_inspection": boards["inspection"],
        "boards.investment_supervision": boards["investment"],
        "members": members["inspection"] + members["investment"],
        "members.peoples_inspection": members["inspection"],
        "members.investment_supervision": members["investment"],
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
        queries=4,
        order=60,
    )
)
