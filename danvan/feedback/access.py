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
