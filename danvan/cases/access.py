"""Who may see and change cases, visits and reception sessions, and who may open the denouncer vault.

An officer sees the cases of their unit subtree (and of the legacy units it succeeded); a step needs the step's
role over the case's unit. Missing and forbidden both raise ``Http404``. The denouncer's identity is shown only to
the assigned handler and to the leader who accepted the case (Luật Tố cáo 2018 Art. 8.3, 47), and only while they
can still see the case: a unit administrator or a system administrator does not see it by rank.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from danvan.accounts.access import has_role_at, scope_for
from danvan.accounts.models import Role
from danvan.cases.models import Case, ReceptionSession, Visit
from danvan.cases.workflow import Step
from danvan.core.models import AdministrativeUnit


def cases_visible_to(user: Any) -> QuerySet[Case]:
    return Case.objects.filter(scope_for(user, Role.VIEWER).q("unit_path"))


def access_case(user: Any, case_id: int, *, min_role: str = Role.VIEWER) -> Case:
    """The case if the officer holds ``min_role`` over its unit, else ``Http404``."""
    case = Case.objects.select_related("unit", "field", "assignee", "refusal_ground").filter(pk=case_id).first()
    if case is None or not has_role_at(user, case.unit, min_role):
        raise Http404
    return case


def can_take(user: Any, case: Case, step: Step) -> bool:
    return has_role_at(user, case.unit, step.min_role)


def can_receive_at(user: Any, unit: AdministrativeUnit) -> bool:
    return has_role_at(user, unit, Role.OFFICER)


def can_assign(user: Any, case: Case) -> bool:
    return has_role_at(user, case.unit, Role.LEADER)


def can_read_denouncer(user: Any, case: Case) -> bool:
    """Only the assigned handler and the leader who accepted the case, while the case is in their scope."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.pk not in {case.assignee_id, case.accepted_by_id}:
        return False
    return has_role_at(user, case.unit, Role.VIEWER)


def visits_visible_to(user: Any) -> QuerySet[Visit]:
    return Visit.objects.filter(scope_for(user, Role.VIEWER).q("unit_path"))


def access_visit(user: Any, visit_id: int, *, min_role: str = Role.VIEWER) -> Visit:
    visit = Visit.objects.select_related("unit", "session", "refusal_ground").filter(pk=visit_id).first()
    if visit is None or not has_role_at(user, visit.unit, min_role):
        raise Http404
    return visit


def sessions_visible_to(user: Any) -> QuerySet[ReceptionSession]:
    return ReceptionSession.objects.filter(scope_for(user, Role.VIEWER).q("unit_path"))


def access_session(user: Any, session_id: int, *, min_role: str = Role.VIEWER) -> ReceptionSession:
    session = ReceptionSession.objects.select_related("unit").filter(pk=session_id).first()
    if session is None or not has_role_at(user, session.unit, min_role):
        raise Http404
    return session
