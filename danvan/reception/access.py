"""Who may see and change reception sessions and visits, and receive citizens (Luật Tiếp công dân).

Views, the API and the services of reception ask here only. An officer sees the sessions and visits of their unit
subtree (their viewer scope) and changes them as an officer over the unit; missing and forbidden both raise
``Http404``. New sessions and visits are made only at current units (``accounts.access.can_create_at``). The checks
shared with petitions (a visit opens cases; personal data is masked the same way) are ``cases.access``'s and are
named here so that reception code has one place to ask.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from danvan.accounts.access import has_role_at, scope_for
from danvan.accounts.models import Role
from danvan.cases.access import (
    can_receive_at,
    cases_visible_to,
    receiving_unit_ids,
    sees_personal_data,
    sees_personal_data_over,
    sees_unit,
    visible_scope,
)
from danvan.reception.models import ReceptionSession, Visit

__all__ = [
    "access_session",
    "access_visit",
    "can_manage_session",
    "can_receive_at",
    "cases_visible_to",
    "receiving_unit_ids",
    "sees_personal_data",
    "sees_personal_data_over",
    "sees_unit",
    "sessions_visible_to",
    "visible_scope",
    "visits_visible_to",
]


def visits_visible_to(user: Any) -> QuerySet[Visit]:
    return Visit.objects.filter(scope_for(user, Role.VIEWER).q("unit_path"))


def access_visit(user: Any, visit_id: int, *, min_role: str = Role.VIEWER) -> Visit:
    visit = Visit.objects.select_related("unit", "session", "refusal_ground").filter(pk=visit_id).first()
    if visit is None or not has_role_at(user, visit.unit, min_role):
        raise Http404
    return visit


def can_track_visit(user: Any, visit: Visit) -> bool:
    """Put a visit's recommendation in the recommendation tracker: an officer over its unit."""
    return has_role_at(user, visit.unit, Role.OFFICER)


def sessions_visible_to(user: Any) -> QuerySet[ReceptionSession]:
    return ReceptionSession.objects.filter(scope_for(user, Role.VIEWER).q("unit_path"))


def can_manage_session(user: Any, session: ReceptionSession) -> bool:
    """Change a reception session (hold, cancel, edit): an officer over its unit."""
    return has_role_at(user, session.unit, Role.OFFICER)


def access_session(user: Any, session_id: int, *, min_role: str = Role.VIEWER) -> ReceptionSession:
    session = ReceptionSession.objects.select_related("unit").filter(pk=session_id).first()
    if session is None or not has_role_at(user, session.unit, min_role):
        raise Http404
    return session
