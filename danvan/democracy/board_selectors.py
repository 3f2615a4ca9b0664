"""Reads of the boards' part: the bodies a board's recommendation may go to, a board's members in Vietnamese
order, the villages that elect inspection board members, the recognized matter-5 decisions a member may cite."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet

from danvan.core.models import AdministrativeUnit, LegalRule, Organization, UnitLevel, UnitTree
from danvan.core.text import vi_sort_key
from danvan.democracy.models import Board, BoardMember, CommunityDecision, DecisionStatus


def addressee_choices(commune: AdministrativeUnit) -> QuerySet[Organization]:
    """The bodies a board's recommendation may go to: the commune's and its province's active organizations."""
    units = [commune.pk]
    if commune.parent_id:
        units.append(commune.parent_id)
    return Organization.objects.filter(unit_id__in=units, is_active=True).select_related("kind", "unit")


def members_in_order(board: Board) -> list[BoardMember]:
    """Serving members first (head, deputies, members, each by name in Vietnamese order), then those who left."""
    rank = {"head": 0, "deputy": 1, "member": 2}
    members = list(board.members.select_related("village", "decision"))
    return sorted(members, key=lambda m: (m.left_on is not None, rank.get(m.position, 3), vi_sort_key(m.full_name)))


def villages_of(commune: AdministrativeUnit) -> list[AdministrativeUnit]:
    """The commune's current villages and residential groups in Vietnamese order."""
    villages = AdministrativeUnit.objects.filter(parent=commune, level=UnitLevel.VILLAGE, tree=UnitTree.CURRENT)
    return sorted(villages, key=lambda v: vi_sort_key(v.name))


def matter_5_decisions(commune: AdministrativeUnit) -> QuerySet[CommunityDecision]:
    """The commune's recognized decisions of matter 5 (electing board members), newest first."""
    return CommunityDecision.objects.filter(unit=commune, matter__code="5", status=DecisionStatus.RECOGNIZED).order_by(
        "-recognized_on", "-id"
    )


def boards_below_minimum(boards: QuerySet[Board], day: dt.date) -> list[Board]:
    """The boards at work in ``boards`` whose serving members are fewer than their kind's minimum in force on
    ``day`` (a vacancy to fill by a by-election), each with ``serving`` and ``minimum`` set."""
    from danvan.democracy.board_services import MIN_MEMBERS

    minimum = {}
    for kind, code in MIN_MEMBERS.items():
        found = LegalRule.objects.in_force(day).filter(code=code).order_by("-valid_from").first()
        if found is not None:
            minimum[kind] = found.value
    short: list[Board] = []
    counted = boards.filter(dissolved_on__isnull=True).annotate(
        serving=Count("members", filter=Q(members__left_on__isnull=True))
    )
    for board in counted:
        need = minimum.get(board.kind)
        if need is not None and board.serving < need:
            board.minimum = need  # type: ignore[attr-defined]
            short.append(board)
    return short
