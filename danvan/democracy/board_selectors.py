"""Reads of the boards' part: the bodies a board's recommendation may go to, a board's members in Vietnamese
order, the villages that elect inspection board members, the recognized matter-5 decisions a member may cite."""

from __future__ import annotations

from django.db.models import QuerySet

from danvan.core.models import AdministrativeUnit, Organization, UnitLevel, UnitTree
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
    return sorted(members, key=lambda m: (m.left_on is not None, rank.get(m.role, 3), vi_sort_key(m.full_name)))


def villages_of(commune: AdministrativeUnit) -> list[AdministrativeUnit]:
    """The commune's current villages and residential groups in Vietnamese order."""
    villages = AdministrativeUnit.objects.filter(parent=commune, level=UnitLevel.VILLAGE, tree=UnitTree.CURRENT)
    return sorted(villages, key=lambda v: vi_sort_key(v.name))


def matter_5_decisions(commune: AdministrativeUnit) -> QuerySet[CommunityDecision]:
    """The commune's recognized decisions of matter 5 (electing board members), newest first."""
    return CommunityDecision.objects.filter(unit=commune, matter__code="5", status=DecisionStatus.RECOGNIZED).order_by(
        "-recognized_on", "-id"
    )
