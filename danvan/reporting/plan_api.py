"""API of plans and tasks under /api/v1/reporting/… (``/reporting/plans``, ``/reporting/plan-targets``,
``/reporting/plan-tasks/mine``).

No ``from __future__ import annotations`` here: django-ninja reads the annotations at import time. Creations take
an ``Idempotency-Key``; changes take the ``expected_version`` the client read (409 ``stale``); a record outside the
officer's units is 404; a refusal is ``{"code", "message"}``.
"""

import datetime as dt
import hashlib
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from danvan.core.models import Organization, OrgKind
from danvan.core.periods import MAX_YEAR, MIN_YEAR
from danvan.core.schemas import ErrorOut
from danvan.democracy.api_submissions import api_submission
from danvan.democracy.service_kit import invalid
from danvan.reporting import access
from danvan.reporting import plan_services as services
from danvan.reporting.models import AssigneeLevel, Plan, PlanStatus, TaskProgress, TaskTarget
from danvan.reporting.plan_selectors import assignee_label, filter_plans, implementation_table, my_targets

router = Router(tags=["reporting"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


# --- Schemas ------------------------------------------------------------------------------------------------------


class PlanFilter(Schema):
    q: str | None = Field(None, max_length=100, description="Tìm theo số, trích yếu (không phân biệt dấu).")
    status: PlanStatus | None = None
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)


class PlanValues(Schema):
    number: str = Field(..., min_length=1, max_length=80, description="Ví dụ: 394-KH/BDVQU.")
    issued_on: dt.date
    period_start: dt.date
    period_end: dt.date
    title: str = Field(..., min_length=1, max_length=500)
    summary: str = Field("", max_length=10_000)


class PlanCreateIn(PlanValues):
    issuer_id: int = Field(..., ge=1, description="Cơ quan ban hành: một tổ chức đang hoạt động của đơn vị.")
    unit_id: int | None = Field(
        None, ge=1, description="Không bắt buộc: đơn vị của cơ quan ban hành (nếu gửi thì phải trùng)."
    )


class PlanUpdateIn(PlanValues):
    expected_version: int = Field(..., ge=1)


class VersionIn(Schema):
    expected_version: int = Field(..., ge=1)


class AssigneeIn(Schema):
    org_kind: str | None = Field(
        None, max_length=40, description="Mã loại cơ quan (core.OrgKind), ví dụ party_committee."
    )
    unit_id: int | None = Field(None, ge=1, description="Chỉ trong phạm vi đơn vị này.")
    level: AssigneeLevel = AssigneeLevel.ALL
    organization_id: int | None = Field(None, ge=1, description="Hoặc một tổ chức cụ thể.")
    is_lead: bool = True


class TaskIn(Schema):
    text: str = Field(..., min_length=1, max_length=5000)
    deadline: dt.date
    expected_output: str = Field("", max_length=500)
    assignees: list[AssigneeIn] = Field(..., min_length=1, max_length=50)
    expected_version: int | None = Field(None, ge=1, description="Phiên bản kế hoạch đã đọc.")


class TaskUpdateIn(Schema):
    text: str | None = Field(None, min_length=1, max_length=5000)
    deadline: dt.date | None = None
    expected_output: str | None = Field(None, max_length=500)
    expected_version: int = Field(..., ge=1)


class TaskOut(Schema):
    id: int
    number: int
    text: str
    deadline: dt.date
    expected_output: str
    version: int
    assignees: list[str]


class PlanOut(Schema):
    id: int
    unit_id: int
    issuer_id: int
    issuer_name: str
    number: str
    issued_on: dt.date
    period_start: dt.date
    period_end: dt.date
    title: str
    summary: str
    status: str
    version: int


class PlanDetailOut(PlanOut):
    tasks: list[TaskOut]


class CellOut(Schema):
    target_id: int
    organization_id: int
    percent: int
    overdue: bool
    days_overdue: int


class RowOut(Schema):
    task_id: int
    number: int
    deadline: dt.date
    done: int
    total: int
    overdue: int
    average: float
    cells: list[CellOut | None]


class ColumnOut(Schema):
    organization_id: int
    name: str
    unit_name: str
    done: int
    total: int
    overdue: int


class TableOut(Schema):
    plan_id: int
    on: dt.date
    columns: list[ColumnOut]
    rows: list[RowOut]


class TargetOut(Schema):
    id: int
    plan_id: int
    task_id: int
    task_number: int
    deadline: dt.date
    organization_id: int
    organization_name: str
    percent: int
    completed_on: dt.date | None
    overdue: bool
    version: int


class ProgressIn(Schema):
    percent: int = Field(..., ge=0, le=100)
    text: str = Field(..., min_length=1, max_length=10_000)
    expected_version: int | None = Field(None, ge=1)


class ProgressOut(Schema):
    id: int
    target_id: int
    percent: int
    text: str
    evidence_id: int | None
    reported_by_id: int
    at: dt.datetime


class MineFilter(Schema):
    state: str = Field("", pattern="^(|open|overdue|done)$")


# --- Helpers ------------------------------------------------------------------------------------------------------


def plan_out(plan: Plan) -> dict[str, Any]:
    return {
        "id": plan.pk,
        "unit_id": plan.unit_id,
        "issuer_id": plan.issuer_id,
        "issuer_name": plan.issuer.name,
        "number": plan.number,
        "issued_on": plan.issued_on,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "title": plan.title,
        "summary": plan.summary,
        "status": plan.status,
        "version": plan.version,
    }


def plan_detail_out(plan: Plan) -> dict[str, Any]:
    tasks = []
    for task in plan.tasks.prefetch_related("assignees__org_kind", "assignees__unit", "assignees__organization"):
        tasks.append(
            {
                "id": task.pk,
                "number": task.number,
                "text": task.text,
                "deadline": task.deadline,
                "expected_output": task.expected_output,
                "version": task.version,
                "assignees": [assignee_label(a) for a in task.assignees.all()],
            }
        )
    return {**plan_out(plan), "tasks": tasks}


def target_out(target: TaskTarget, on: dt.date) -> dict[str, Any]:
    return {
        "id": target.pk,
        "plan_id": target.task.plan_id,
        "task_id": target.task_id,
        "task_number": target.task.number,
        "deadline": target.task.deadline,
        "organization_id": target.organization_id,
        "organization_name": target.organization.name,
        "percent": target.percent,
        "completed_on": target.completed_on,
        "overdue": services.is_overdue(target, on),
        "version": target.version,
    }


def _specs(plan: Plan, payload: TaskIn) -> list[services.AssigneeSpec]:
    specs = []
    for index, item in enumerate(payload.assignees):
        field = f"assignees.{index}"
        kind = None
        if item.org_kind:
            kind = OrgKind.objects.filter(code=item.org_kind).first()
            if kind is None:
                raise invalid("unknown_org_kind", _("Loại cơ quan không có trong danh mục."), field)
        unit = None
        if item.unit_id is not None:
            from danvan.core.models import AdministrativeUnit

            unit = AdministrativeUnit.objects.filter(pk=item.unit_id).first()
            if unit is None:
                raise invalid("assignee_outside_plan", _("Đơn vị được nêu phải thuộc phạm vi của kế hoạch."), field)
        org = None
        if item.organization_id is not None:
            org = Organization.objects.select_related("unit").filter(pk=item.organization_id).first()
            if org is None:
                raise invalid("assignee_outside_plan", _("Tổ chức được giao phải thuộc phạm vi của kế hoạch."), field)
        specs.append(
            services.AssigneeSpec(org_kind=kind, unit=unit, level=item.level, organization=org, is_lead=item.is_lead)
        )
    return specs


# --- Plans --------------------------------------------------------------------------------------------------------


@router.get("/reporting/plans", response=list[PlanOut], summary="Kế hoạch của đơn vị")
@paginate
def plan_list(request: HttpRequest, filters: Query[PlanFilter]) -> Any:
    plans: QuerySet[Plan] = filter_plans(
        access.plans_visible(request.user), q=filters.q or "", status=filters.status or "", year=filters.year
    )
    return [plan_out(plan) for plan in plans.select_related("issuer").order_by("-issued_on", "-id")]


@router.post(
    "/reporting/plans",
    response={200: PlanOut, 201: PlanOut, **ERRORS},
    summary="Ghi kế hoạch (dự thảo)",
    description="Gửi lại cùng `Idempotency-Key` trả về kế hoạch đã tạo.",
)
def plan_create(request: HttpRequest, payload: PlanCreateIn) -> Any:
    # The same choice as the page's picker (access.plan_issuers_for_write); the unit is the issuer's.
    issuer = access.plan_issuers_for_write(request.user).filter(pk=payload.issuer_id).first()
    if issuer is None:
        message = _("Tổ chức này không thuộc phạm vi của bạn hoặc đã ngừng hoạt động.")
        raise invalid("issuer_not_allowed", message, "issuer_id")
    if payload.unit_id is not None and payload.unit_id != issuer.unit_id:
        raise invalid("issuer_other_unit", _("Cơ quan ban hành phải là một tổ chức của đơn vị này."), "issuer_id")
    unit = access.access_plan_unit_for_write(request.user, issuer.unit_id)
    submission = api_submission(request, Plan, "reporting.plan", payload)
    if submission.existing is not None:
        return Status(200, plan_out(access.access_plan(request.user, submission.existing.pk)))
    plan = services.plan_create(
        actor=request.user,
        unit=unit,
        issuer=issuer,
        submission_key=submission.key,
        submission_fingerprint=submission.fingerprint,
        **payload.dict(exclude={"unit_id", "issuer_id"}),
    )
    return Status(201, plan_out(plan))


@router.get("/reporting/plans/{int:plan_id}", response={200: PlanDetailOut, **ERRORS}, summary="Một kế hoạch")
def plan_detail(request: HttpRequest, plan_id: int) -> Any:
    return plan_detail_out(access.access_plan(request.user, plan_id))


@router.put("/reporting/plans/{int:plan_id}", response={200: PlanOut, **ERRORS}, summary="Sửa kế hoạch")
def plan_update(request: HttpRequest, plan_id: int, payload: PlanUpdateIn) -> Any:
    plan = access.access_plan(request.user, plan_id, for_write=True)
    values = payload.dict(exclude={"expected_version"})
    return plan_out(
        services.plan_update(actor=request.user, plan=plan, expected_version=payload.expected_version, **values)
    )


@router.post("/reporting/plans/{int:plan_id}/tasks", response={201: TaskOut, **ERRORS}, summary="Thêm nhiệm vụ")
def plan_task_add(request: HttpRequest, plan_id: int, payload: TaskIn) -> Any:
    plan = access.access_plan(request.user, plan_id, for_write=True)
    task = services.task_add(
        actor=request.user,
        plan=plan,
        assignees=_specs(plan, payload),
        expected_version=payload.expected_version,
        text=payload.text,
        deadline=payload.deadline,
        expected_output=payload.expected_output,
    )
    labels = [assignee_label(a) for a in task.assignees.select_related("org_kind", "unit", "organization")]
    return Status(
        201,
        {
            "id": task.pk,
            "number": task.number,
            "text": task.text,
            "deadline": task.deadline,
            "expected_output": task.expected_output,
            "version": task.version,
            "assignees": labels,
        },
    )


@router.put("/reporting/plan-tasks/{int:task_id}", response={200: TaskOut, **ERRORS}, summary="Sửa nhiệm vụ")
def plan_task_update(request: HttpRequest, task_id: int, payload: TaskUpdateIn) -> Any:
    task = access.access_task(request.user, task_id, for_write=True)
    values = {k: v for k, v in payload.dict(exclude={"expected_version"}).items() if v is not None}
    task = services.task_update(actor=request.user, task=task, expected_version=payload.expected_version, **values)
    labels = [assignee_label(a) for a in task.assignees.select_related("org_kind", "unit", "organization")]
    return {
        "id": task.pk,
        "number": task.number,
        "text": task.text,
        "deadline": task.deadline,
        "expected_output": task.expected_output,
        "version": task.version,
        "assignees": labels,
    }


@router.post("/reporting/plans/{int:plan_id}/issue", response={200: PlanOut, **ERRORS}, summary="Ban hành kế hoạch")
def plan_issue(request: HttpRequest, plan_id: int, payload: VersionIn) -> Any:
    plan = access.access_plan(request.user, plan_id, for_write=True)
    return plan_out(services.plan_issue(actor=request.user, plan=plan, expected_version=payload.expected_version))


@router.post("/reporting/plans/{int:plan_id}/close", response={200: PlanOut, **ERRORS}, summary="Kết thúc kế hoạch")
def plan_close(request: HttpRequest, plan_id: int, payload: VersionIn) -> Any:
    plan = access.access_plan(request.user, plan_id, for_write=True)
    return plan_out(services.plan_close(actor=request.user, plan=plan, expected_version=payload.expected_version))


@router.get(
    "/reporting/plans/{int:plan_id}/table",
    response={200: TableOut, **ERRORS},
    summary="Bảng theo dõi thực hiện theo đơn vị",
)
def plan_table(request: HttpRequest, plan_id: int) -> Any:
    plan = access.access_plan(request.user, plan_id)
    within = None if access.plans_visible_in_full(request.user, plan) else access.report_scope(request.user)
    table = implementation_table(plan, timezone.localdate(), within=within)
    return {
        "plan_id": plan.pk,
        "on": table.on,
        "columns": [
            {
                "organization_id": c.target_org_id,
                "name": c.name,
                "unit_name": c.unit_name,
                "done": c.done,
                "total": c.total,
                "overdue": c.overdue,
            }
            for c in table.columns
        ],
        "rows": [
            {
                "task_id": row.task.pk,
                "number": row.task.number,
                "deadline": row.task.deadline,
                "done": row.done,
                "total": row.total,
                "overdue": row.overdue,
                "average": float(row.average),
                "cells": [
                    None
                    if cell is None
                    else {
                        "target_id": cell.target.pk,
                        "organization_id": cell.target.organization_id,
                        "percent": cell.percent,
                        "overdue": cell.overdue,
                        "days_overdue": cell.days_overdue,
                    }
                    for cell in row.cells
                ],
            }
            for row in table.rows
        ],
    }


@router.get(
    "/reporting/plans/{int:plan_id}/table.xlsx",
    response={200: None, **ERRORS},
    summary="Bảng theo dõi thực hiện (XLSX)",
    description="Mỗi dòng một nhiệm vụ và một nơi thực hiện (tỷ lệ, quá hạn); trang thứ hai: nhiệm vụ × đơn vị.",
)
def plan_table_xlsx(request: HttpRequest, plan_id: int) -> Any:
    from danvan.core.xlsx import xlsx_response
    from danvan.reporting.plan_xlsx import implementation_xlsx

    plan = access.access_plan(request.user, plan_id)
    within = None if access.plans_visible_in_full(request.user, plan) else access.report_scope(request.user)
    table = implementation_table(plan, timezone.localdate(), within=within)
    return xlsx_response(implementation_xlsx(table), f"ke-hoach-{plan.number.replace('/', '-')}.xlsx")


# --- Targets and progress -----------------------------------------------------------------------------------------


@router.get("/reporting/plan-tasks/mine", response=list[TargetOut], summary="Nhiệm vụ của đơn vị tôi")
@paginate
def plan_tasks_mine(request: HttpRequest, filters: Query[MineFilter]) -> Any:
    today = timezone.localdate()
    return [target_out(t, today) for t in my_targets(access.report_scope(request.user), today, filters.state)]


@router.get("/reporting/plan-targets/{int:target_id}", response={200: TargetOut, **ERRORS}, summary="Một nơi thực hiện")
def plan_target(request: HttpRequest, target_id: int) -> Any:
    return target_out(access.access_target(request.user, target_id), timezone.localdate())


@router.get(
    "/reporting/plan-targets/{int:target_id}/progress",
    response={200: list[ProgressOut], **ERRORS},
    summary="Các lần báo cáo tiến độ",
)
def plan_progress_list(request: HttpRequest, target_id: int) -> Any:
    target = access.access_target(request.user, target_id)
    return list(target.reports.all())


@router.post(
    "/reporting/plan-targets/{int:target_id}/progress",
    response={200: ProgressOut, 201: ProgressOut, **ERRORS},
    summary="Báo cáo tiến độ",
    description="Tỷ lệ hoàn thành 0–100 và kết quả. Gửi lại cùng `Idempotency-Key` trả về báo cáo đã ghi.",
)
def plan_progress_report(request: HttpRequest, target_id: int, payload: ProgressIn) -> Any:
    return _progress(request, target_id, payload.percent, payload.text, payload.expected_version, None, payload)


@router.post(
    "/reporting/plan-targets/{int:target_id}/progress-with-evidence",
    response={200: ProgressOut, 201: ProgressOut, **ERRORS},
    summary="Báo cáo tiến độ kèm minh chứng",
    description=(
        "Multipart: `percent` (0–100), `text`, `expected_version`, `evidence` (một tệp PDF, ảnh, Word, Excel). "
        "Minh chứng tải về qua `/api/v1/attachments/{id}/download`. Gửi lại cùng `Idempotency-Key` trả về báo cáo "
        "đã ghi."
    ),
)
def plan_progress_report_with_evidence(
    request: HttpRequest,
    target_id: int,
    percent: Annotated[int, Form(..., ge=0, le=100)],
    text: Annotated[str, Form(..., min_length=1, max_length=10_000)],
    evidence: File[UploadedFile],
    expected_version: Annotated[int | None, Form(None, ge=1)] = None,
) -> Any:
    digest = hashlib.sha256()
    for chunk in evidence.chunks():
        digest.update(chunk)
    evidence.seek(0)
    sent = {"percent": percent, "text": text, "evidence": [evidence.name, evidence.size, digest.hexdigest()]}
    return _progress(request, target_id, percent, text, expected_version, evidence, sent)


def _progress(
    request: HttpRequest,
    target_id: int,
    percent: int,
    text: str,
    expected_version: int | None,
    evidence: UploadedFile | None,
    sent: Any,
) -> Any:
    """Both forms of a progress report: the same checks, the same idempotency (``sent``: what the request said)."""
    target = access.access_target(request.user, target_id, for_report=True)
    submission = api_submission(request, TaskProgress, "reporting.plan_progress", target_id, sent)
    if submission.existing is not None:
        return Status(200, submission.existing)
    report = services.progress_report(
        actor=request.user,
        target=target,
        percent=percent,
        text=text,
        evidence=evidence,
        expected_version=expected_version,
        submission_key=submission.key,
        submission_fingerprint=submission.fingerprint,
    )
    return Status(201, report)
