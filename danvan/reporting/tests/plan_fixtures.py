"""Shared plan fixtures: a province plan of the Đắk Lắk Mass Mobilization Board with two tasks."""

from __future__ import annotations

import datetime as dt

from danvan.core.models import Organization, OrgKind
from danvan.reporting import plan_services as services
from danvan.reporting.models import AssigneeLevel, Plan


def org(unit, kind: str = "peoples_committee") -> Organization:
    return Organization.objects.get(unit=unit, kind__code=kind)


def kind(code: str) -> OrgKind:
    return OrgKind.objects.get(code=code)


def province_plan(
    cast, *, issue: bool = True, deadline: dt.date = dt.date(2026, 6, 30), number: str = "394-KH/BDVTU"
) -> Plan:
    """Plan 394 of the province's Mass Mobilization Board: task 1 to every commune UBND, task 2 to Đồng Xuân's
    Party committee by name."""
    plan = services.plan_create(
        actor=cast.carol,
        unit=cast.dak_lak,
        issuer=org(cast.dak_lak, "mobilization_board"),
        number=number,
        issued_on=dt.date(2026, 1, 15),
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        title="Thực hiện công tác dân vận năm 2026",
    )
    services.task_add(
        actor=cast.carol,
        plan=plan,
        text="Tổ chức đối thoại với Nhân dân",
        deadline=deadline,
        expected_output="Báo cáo kết quả đối thoại",
        assignees=[services.AssigneeSpec(org_kind=kind("peoples_committee"), level=AssigneeLevel.COMMUNE)],
    )
    services.task_add(
        actor=cast.carol,
        plan=plan,
        text="Xây dựng mô hình dân vận khéo",
        deadline=dt.date(2026, 9, 30),
        assignees=[services.AssigneeSpec(organization=org(cast.dong_xuan, "party_committee"))],
    )
    plan.refresh_from_db()
    if issue:
        plan = services.plan_issue(actor=cast.carol, plan=plan, expected_version=plan.version)
    return plan
