"""The access matrix's declarations for the reporting app's plans part (see reporting_routes.py).

Records: a plan issued at the commune by its officer, with one task assigned to the commune's People's Committee
(``plan``, ``task``, ``target``). A file route is asked with the core attachment of the world (not a plan's): 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.security.matrix_needs import LEADER, LOGIN, OFFICER, PUBLIC, SYSTEM_ADMIN, VIEWER, Need  # noqa: F401

PAGES: dict[str, Need] = {
    "reporting:plan_list": Need(get=LOGIN),
    "reporting:plan_create": Need(get=OFFICER, post=OFFICER),
    "reporting:plan_tasks_mine": Need(get=LOGIN),
    "reporting:plan_detail": Need(obj="plan", get=VIEWER),
    "reporting:plan_edit": Need(obj="plan", post=OFFICER),
    "reporting:plan_task_add": Need(obj="plan", post=OFFICER),
    "reporting:plan_task_edit": Need(obj="task", post=OFFICER),
    "reporting:plan_issue": Need(obj="plan", post=OFFICER),
    "reporting:plan_close": Need(obj="plan", post=OFFICER),
    "reporting:plan_attach": Need(obj="plan", post=OFFICER),
    "reporting:plan_export": Need(obj="plan", get=VIEWER),
    "reporting:plan_progress": Need(obj="target", get=VIEWER, post=OFFICER),
    "reporting:plan_file": Need(obj="attachment", get=VIEWER, absent_ok=True),
}
API: dict[tuple[str, str], Need] = {
    ("GET", "/api/v1/reporting/plans"): Need(get=LOGIN),
    ("POST", "/api/v1/reporting/plans"): Need(post=OFFICER),
    ("GET", "/api/v1/reporting/plans/{plan_id}"): Need(obj="plan", get=VIEWER),
    ("PUT", "/api/v1/reporting/plans/{plan_id}"): Need(obj="plan", post=OFFICER),
    ("POST", "/api/v1/reporting/plans/{plan_id}/tasks"): Need(obj="plan", post=OFFICER),
    ("POST", "/api/v1/reporting/plans/{plan_id}/issue"): Need(obj="plan", post=OFFICER),
    ("POST", "/api/v1/reporting/plans/{plan_id}/close"): Need(obj="plan", post=OFFICER),
    ("GET", "/api/v1/reporting/plans/{plan_id}/table"): Need(obj="plan", get=VIEWER),
    ("GET", "/api/v1/reporting/plans/{plan_id}/table.xlsx"): Need(obj="plan", get=VIEWER),
    ("PUT", "/api/v1/reporting/plan-tasks/{task_id}"): Need(obj="task", post=OFFICER),
    ("GET", "/api/v1/reporting/plan-tasks/mine"): Need(get=LOGIN),
    ("GET", "/api/v1/reporting/plan-targets/{target_id}"): Need(obj="target", get=VIEWER),
    ("GET", "/api/v1/reporting/plan-targets/{target_id}/progress"): Need(obj="target", get=VIEWER),
    ("POST", "/api/v1/reporting/plan-targets/{target_id}/progress"): Need(obj="target", post=OFFICER),
    ("POST", "/api/v1/reporting/plan-targets/{target_id}/progress-with-evidence"): Need(obj="target", post=OFFICER),
}


def records(unit: Any, actor: Any) -> dict[str, Any]:
    """This part's records at ``unit`` (a commune), made by ``actor`` (an officer there)."""
    from danvan.core.models import Organization, OrgKind
    from danvan.reporting import plan_services as services
    from danvan.reporting.models import AssigneeLevel

    committee = Organization.objects.get(unit=unit, kind__code="peoples_committee")
    plan = services.plan_create(
        actor=actor,
        unit=unit,
        issuer=committee,
        number=f"{unit.code}-KH/UBND",
        issued_on=dt.date(2026, 1, 10),
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        title="Kế hoạch công tác dân vận năm 2026",
    )
    task = services.task_add(
        actor=actor,
        plan=plan,
        text="Tổ chức đối thoại với Nhân dân",
        deadline=dt.date(2026, 6, 30),
        assignees=[
            services.AssigneeSpec(
                org_kind=OrgKind.objects.get(code="peoples_committee"), unit=unit, level=AssigneeLevel.UNIT
            )
        ],
    )
    plan.refresh_from_db()
    plan = services.plan_issue(actor=actor, plan=plan, expected_version=plan.version)
    return {"plan": plan, "task": task, "target": task.targets.get()}
