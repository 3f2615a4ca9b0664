"""Who may see and change cases (petitions), and who may open the denouncer vault; visits and reception sessions are
``reception.access``'s.

An officer sees the cases of their unit subtree (and of the legacy units it succeeded); a step needs the step's
role over the case's unit. Missing and forbidden both raise ``Http404``. New cases, visits and sessions are made
only at current units (``accounts.access.can_create_at``).

The denouncer vault (Luật Tố cáo 2018 Art. 8.3, 31, 47, 56; decision 0011): a denunciation belongs to the body
competent for it at its unit — the People's Committee (``COMPETENT_BODY_KIND``), the body whose head resolves
denunciations against the officials it manages. Only a leader of that body accepts it (thụ lý) and assigns or
reassigns its handler; the handler is an officer or leader of that body. The identity is read by the assigned
handler and by the leader who accepted the case, while they still hold that role in that body. Rank gives nothing:
a unit or system administrator, a leader of the province or of another body of the same commune (the Fatherland
Front, a union) neither reads, accepts nor assigns.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from danvan.accounts.access import Scope, active_memberships, can_create_at, has_role_at, memberships_in, scope_for
from danvan.accounts.models import ROLE_RANK, Membership, Officer, Role
from danvan.cases.models import Case, CaseKind
from danvan.cases.workflow import Step
from danvan.core.models import AdministrativeUnit, Organization

COMPETENT_BODY_KIND = "peoples_committee"
HANDLER_ROLES = frozenset({Role.OFFICER, Role.LEADER})
LEADER_ROLES = frozenset({Role.LEADER})


def cases_visible_to(user: Any) -> QuerySet[Case]:
    return Case.objects.filter(scope_for(user, Role.VIEWER).q("unit_path"))


def step_scope(user: Any, step: Step) -> Scope:
    """The units over which the officer holds the step's role (the dashboard's "to classify", "to accept")."""
    return scope_for(user, step.min_role)


def visible_scope(user: Any) -> Scope:
    """The units whose cases, visits and sessions the officer reads (their viewer scope)."""
    return scope_for(user, Role.VIEWER)


def sees_unit(user: Any, unit: AdministrativeUnit) -> bool:
    """Whether a list or report may be narrowed to ``unit`` (it lies in the officer's viewer scope)."""
    return has_role_at(user, unit, Role.VIEWER)


def can_work_on(user: Any, case: Case) -> bool:
    """Officer-level work on a case: attach files, link or dismiss duplicates, print notices, open step forms."""
    return has_role_at(user, case.unit, Role.OFFICER)


def can_handle_at(user: Any, unit: AdministrativeUnit) -> bool:
    """Whether an officer may be named handler of a petition received at ``unit``."""
    return has_role_at(user, unit, Role.OFFICER)


def receiving_unit_ids(user: Any) -> set[int]:
    """The units of the officer's memberships where they receive (officer role or above)."""
    return {m.unit_id for m in active_memberships(user) if ROLE_RANK[m.role] >= ROLE_RANK[Role.OFFICER]}


def arrival_recipient_ids(unit: AdministrativeUnit) -> QuerySet[Membership, int]:
    """Who is told that a transferred petition arrived at ``unit``: its officers, leaders and administrators."""
    return (
        Membership.objects.filter(unit=unit, is_active=True, role__in=[Role.OFFICER, Role.LEADER, Role.UNIT_ADMIN])
        .values_list("officer_id", flat=True)
        .distinct()
    )


def access_case(user: Any, case_id: int, *, min_role: str = Role.VIEWER) -> Case:
    """The case if the officer holds ``min_role`` over its unit, else ``Http404``."""
    case = Case.objects.select_related("unit", "field", "assignee", "refusal_ground").filter(pk=case_id).first()
    if case is None or not has_role_at(user, case.unit, min_role):
        raise Http404
    return case


def can_open_case(user: Any, case: Case) -> bool:
    """Whether :func:`access_case` opens ``case`` for the officer: a page links it only then. A duplicate suggested
    from a unit the case came through may be another unit's case, shown without a link."""
    return has_role_at(user, case.unit, Role.VIEWER)


# --- The body competent for a denunciation, and the vault --------------------


def competent_body(case: Case) -> Organization | None:
    """The body that may accept the denunciation and whose head assigns its handler: the People's Committee of the
    case's unit (None when the unit has none; then nobody accepts or assigns until it is created)."""
    if hasattr(case, "_danvan_competent_body"):
        cached: Organization | None = case._danvan_competent_body
        return cached
    body = (
        Organization.objects.filter(unit_id=case.unit_id, kind__code=COMPETENT_BODY_KIND, is_active=True)
        .order_by("pk")
        .first()
    )
    case._danvan_competent_body = body  # type: ignore[attr-defined]
    return body


def _body_id(case: Case) -> int | None:
    body = competent_body(case)
    return body.pk if body else None


def _is_confidential(case: Case) -> bool:
    return case.kind == CaseKind.DENUNCIATION


def is_competent_leader(user: Any, case: Case) -> bool:
    """A leader (the role itself, not an administrator by rank) of the body competent for the denunciation."""
    return memberships_in(user, _body_id(case), LEADER_ROLES)


def is_eligible_handler(user: Any, case: Case) -> bool:
    """Who may be given a case to handle. A denunciation: an officer or leader of its competent body (never an
    administrator by rank, never someone of another body). Other kinds: an officer of the case's unit."""
    if _is_confidential(case):
        return memberships_in(user, _body_id(case), HANDLER_ROLES)
    return has_role_at(user, case.unit, Role.OFFICER)


def handler_candidates(case: Case) -> QuerySet[Officer]:
    """The officers a case may be assigned to (the choices of the assignment form)."""
    memberships = {"memberships__is_active": True, "memberships__role__in": sorted(HANDLER_ROLES)}
    if _is_confidential(case):
        memberships["memberships__organization_id"] = _body_id(case)
    else:
        memberships["memberships__unit"] = case.unit
    return Officer.objects.filter(is_active=True, **memberships).distinct().order_by("full_name")


def can_take(user: Any, case: Case, step: Step) -> bool:
    """The step's role over the case's unit; a denunciation's leader steps (accept, extend, suspend, resolve, …) only
    by a leader of its competent body: no other body accepts it (Luật Tố cáo Art. 29) and no rank stands in."""
    if step.min_role == Role.LEADER and _is_confidential(case):
        return is_competent_leader(user, case)
    return has_role_at(user, case.unit, step.min_role)


def can_receive_at(user: Any, unit: AdministrativeUnit) -> bool:
    return can_create_at(user, unit, Role.OFFICER)


def can_assign(user: Any, case: Case) -> bool:
    """A denunciation's handler is assigned only by a leader of its competent body (Art. 31); another case's by a
    leader over its unit."""
    if _is_confidential(case):
        return is_competent_leader(user, case)
    return has_role_at(user, case.unit, Role.LEADER)


def can_read_denouncer(user: Any, case: Case) -> bool:
    """The assigned handler and the leader who accepted the case, while each still holds that role in the competent
    body (Luật Tố cáo Art. 8.3, 47, 56.2): nobody by rank, nobody who assigned themselves from elsewhere."""
    if not _is_confidential(case) or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.pk == case.assignee_id and is_eligible_handler(user, case):
        return True
    return user.pk == case.accepted_by_id and is_competent_leader(user, case)


# --- Personal data of petitioners and visitors --------------------------------


def sees_personal_data(user: Any, unit: AdministrativeUnit) -> bool:
    """Whole ID and phone numbers of petitioners and visitors: officers and leaders of the unit (who receive and
    handle them); viewers see them masked (``core.masking``)."""
    return has_role_at(user, unit, Role.OFFICER)


def sees_personal_data_over(user: Any, unit: AdministrativeUnit | None) -> bool:
    """The same for a list over ``unit`` (None: the whole scope, whole only if every unit seen is an officer's)."""
    if unit is not None:
        return sees_personal_data(user, unit)
    officer = scope_for(user, Role.OFFICER)
    return officer.is_global or all(officer.covers(path) for path in scope_for(user, Role.VIEWER).paths)


def duplicate_probe_scope(user: Any) -> Scope:
    """Where a petition being received is compared with earlier ones: the units where the officer receives. A probe
    by ID number would otherwise tell a viewer whose masked number is whose (``core.masking``)."""
    return scope_for(user, Role.OFFICER)
