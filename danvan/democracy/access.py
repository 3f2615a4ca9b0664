"""Who may see and do what in grassroots democracy: the one place its role checks live.

An officer reads the records of the units in their viewer scope (with those of the legacy units their commune
succeeded) and writes at a current commune or village where they are an officer. Recognizing a community decision
is the commune People's Committee's (matters 3–4) or the commune Fatherland Front's (matter 5): a leader of that
body. Every protected object is fetched through an ``access_*`` function, which raises ``Http404`` both for a
record that does not exist and for one outside the officer's units (an officer of another commune gets 404).

Each part of the app has its section below; keep a part's checks in its section.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from danvan.accounts.access import Scope, can_create_at, has_role_at, scope_for
from danvan.accounts.models import Role
from danvan.core.models import AdministrativeUnit, UnitLevel

# --- Units: communes and villages -----------------------------------------------------------------------------------


def read_scope(user: Any) -> Scope:
    """The units whose democracy records the officer reads."""
    return scope_for(user, Role.VIEWER)


def write_scope(user: Any) -> Scope:
    """The units where the officer keeps democracy records."""
    return scope_for(user, Role.OFFICER)


def access_unit_for_read(user: Any, unit_id: int) -> AdministrativeUnit:
    """A unit (province, commune, village) in the officer's viewer scope, or ``Http404``."""
    unit = AdministrativeUnit.objects.filter(pk=unit_id).first()
    if unit is None or not has_role_at(user, unit, Role.VIEWER):
        raise Http404
    return unit


def access_commune_for_write(user: Any, unit_id: int, *, min_role: str = Role.OFFICER) -> AdministrativeUnit:
    """A current commune where the officer may keep records (a legacy unit is never written to), or ``Http404``."""
    unit = AdministrativeUnit.objects.filter(pk=unit_id, level=UnitLevel.COMMUNE).first()
    if unit is None or not can_create_at(user, unit, min_role):
        raise Http404
    return unit


def access_village_for_write(user: Any, unit_id: int, *, min_role: str = Role.OFFICER) -> AdministrativeUnit:
    """A current village or residential group where the officer may keep records, or ``Http404``."""
    unit = AdministrativeUnit.objects.filter(pk=unit_id, level=UnitLevel.VILLAGE).first()
    if unit is None or not can_create_at(user, unit, min_role):
        raise Http404
    return unit


def can_write_at(user: Any, unit: AdministrativeUnit, min_role: str = Role.OFFICER) -> bool:
    """Whether the officer may keep records at ``unit`` (a current unit of their officer scope)."""
    return can_create_at(user, unit, min_role)


# --- Households (the register) --------------------------------------------------------------------------------------


# --- Disclosures (dân biết) -----------------------------------------------------------------------------------------


# --- Community decisions (dân bàn và quyết định) --------------------------------------------------------------------


def decisions_visible_to(user: Any) -> Any:
    """Community decisions of the officer's read scope (with those of the legacy units their commune succeeded)."""
    from danvan.democracy.models import CommunityDecision

    scope = read_scope(user)
    if scope.is_empty:
        return CommunityDecision.objects.none()
    return CommunityDecision.objects.filter(scope.q("unit_path"))


def access_decision(user: Any, decision_id: int, *, for_write: bool = False) -> Any:
    """A community decision the officer reads (``for_write``: keeps, at a current commune where they are an
    officer), or ``Http404`` for one that does not exist or is outside their units."""
    from danvan.democracy.models import CommunityDecision

    # By primary key, then the scope on the row's path (the same test as ``decisions_visible_to``, without
    # compiling the scope's filter on every ballot recorded).
    decision = CommunityDecision.objects.select_related("unit", "matter").filter(pk=decision_id).first()
    if decision is None or not read_scope(user).covers(decision.unit_path):
        raise Http404
    if for_write and not can_write_at(user, decision.unit):
        raise Http404
    return decision


def can_recognize_decision(user: Any, decision: Any) -> bool:
    """Whether the officer recognizes (or refuses) this decision for the right body (Art. 21): a leader of the
    commune's People's Committee (matters 3–4, and the effect date of commune-wide matters 1–2) or of its
    Fatherland Front committee (matter 5), in that organization itself."""
    from danvan.accounts.access import active_memberships

    body = recognizing_body(decision)
    if not body:
        return False
    return any(
        m.role == Role.LEADER and m.unit_id == decision.unit_id and m.organization.kind.code == body
        for m in active_memberships(user)
    )


def recognizing_body(decision: Any) -> str:
    """The organization kind that answers ``decision``'s record (recognizes it or refuses in writing, Art. 20–21):
    the matter's recognizer (UBND for 3–4, MTTQ for 5), else the commune People's Committee, which receives every
    record (for matters 1, 2 and 6 its answer does not move the effect date of a village decision)."""
    from danvan.democracy.models import Recognizer

    return str(decision.matter.recognizer or Recognizer.PEOPLES_COMMITTEE)


def access_ballot(user: Any, decision: Any, ballot_id: int) -> Any:
    """A ballot of a decision the officer keeps, or ``Http404``."""
    ballot = decision.ballots.filter(pk=ballot_id).select_related("household").first()
    if ballot is None:
        raise Http404
    return ballot


# --- Consultations (tham gia ý kiến) --------------------------------------------------------------------------------


# --- Year-end meetings and dialogues --------------------------------------------------------------------------------


# --- Statistics -----------------------------------------------------------------------------------------------------
