"""Who may see and act on feedback reports. Views, the API and the services of this app ask here only.

An officer sees the reports of their unit subtree (viewer scope); triage (accept, refuse, merge, transfer, answer,
notes, moderation) needs the officer role over the report's unit; assigning a handler and publishing an answer need
the leader role. Missing and forbidden both raise ``Http404``. Citizens act on their own report through its secret
link (``intake.report_by_secret``), never through an account.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from danvan.accounts.access import has_role_at, scope_for
from danvan.accounts.models import Role
from danvan.cases.access import sees_personal_data, sees_unit
from danvan.core.models import AdministrativeUnit
from danvan.feedback.models import Report

__all__ = [
    "access_report",
    "can_answer",
    "can_assign",
    "can_triage",
    "reports_visible_to",
    "sees_personal_data",
    "sees_unit",
]


def reports_visible_to(user: Any) -> QuerySet[Report]:
    return Report.objects.filter(scope_for(user, Role.VIEWER).q("unit_path"))


def access_report(user: Any, report_id: int, *, min_role: str = Role.VIEWER) -> Report:
    report = Report.objects.select_related("unit", "category", "organization", "case").filter(pk=report_id).first()
    if report is None or not has_role_at(user, report.unit, min_role):
        raise Http404
    return report


def can_triage(user: Any, report: Report) -> bool:
    return has_role_at(user, report.unit, Role.OFFICER)


def can_answer(user: Any, report: Report) -> bool:
    return has_role_at(user, report.unit, Role.LEADER)


def can_assign(user: Any, report: Report) -> bool:
    return has_role_at(user, report.unit, Role.LEADER)


def can_receive_transfer_at(user: Any, unit: AdministrativeUnit) -> bool:
    return has_role_at(user, unit, Role.OFFICER)


# --- Triage (officer side) -------------------------------------------------------------------------------------


def can_moderate(user: Any, report: Report) -> bool:
    """Editing the citizen's public text or an answer, hiding a photo or the report: the officer role over its unit."""
    return has_role_at(user, report.unit, Role.OFFICER)


def can_be_assignee(user: Any, report: Report) -> bool:
    """Who may be given a report to handle: an active officer (or above) over its unit."""
    return bool(getattr(user, "is_active", False)) and has_role_at(user, report.unit, Role.OFFICER)


def assignee_candidates(report: Report) -> QuerySet[Any]:
    """The officers a report may be assigned to (the choices of the assignment form): members of its unit."""
    from danvan.accounts.models import Officer

    return (
        Officer.objects.filter(
            is_active=True,
            memberships__is_active=True,
            memberships__unit=report.unit,
            memberships__role__in=[Role.OFFICER, Role.LEADER, Role.UNIT_ADMIN],
        )
        .distinct()
        .order_by("full_name")
    )


def can_merge_into(user: Any, report: Report, into: Report) -> bool:
    """A merge stays inside one commune, and the officer triages there."""
    return into.unit_id == report.unit_id and has_role_at(user, into.unit, Role.OFFICER)


def triage_scope_q(user: Any) -> Any:
    """The reports an officer's inbox lists: their viewer scope (the same as :func:`reports_visible_to`)."""
    return scope_for(user, Role.VIEWER).q("unit_path")


def sees_citizen_data(user: Any, report: Report) -> bool:
    """Whole phone numbers and e-mail of the citizen: officers of the unit (``cases.access.sees_personal_data``)."""
    return sees_personal_data(user, report.unit)


def arrival_recipient_ids(unit: AdministrativeUnit) -> list[int]:
    """Who is told that a transferred report arrived at ``unit``: its officers, leaders and administrators."""
    from danvan.accounts.models import Membership

    return list(
        Membership.objects.filter(unit=unit, is_active=True, role__in=[Role.OFFICER, Role.LEADER, Role.UNIT_ADMIN])
        .values_list("officer_id", flat=True)
        .distinct()
    )
