"""Writes of plans (Kế hoạch) and their tasks: create and edit a plan, add numbered tasks with their assignees,
issue the plan (each assignee expanded to the concrete organizations of the plan's unit subtree, whose officers are
notified), report progress (percentage, text, evidence), close the plan; and the overdue sweep.

An assignee is a kind of body (``core.OrgKind``: every Party committee, every UBND, …) in the plan's subtree —
optionally narrowed to a named unit's subtree and to a level (province, commune, or the named unit itself) — or one
named organization; both must lie in the plan's subtree. Every change is audited; edits carry the version the
officer saw (409 ``stale``); a creation repeated with its submission key returns the first record.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files import File
from django.db import transaction
from django.db.models import F, Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.attachments import attachment_store
from danvan.core.audit import audit_log, changes_between, snapshot
from danvan.core.errors import ConflictError, DomainError
from danvan.core.formatting import format_date
from danvan.core.models import AdministrativeUnit, Organization, OrgKind, UnitLevel, UnitTree
from danvan.core.subtree import subtree_q
from danvan.core.text import fold, single_line
from danvan.core.workdays import past_due_from
from danvan.democracy.service_kit import check_version, clean_text, existing_submission, invalid, save_new, today
from danvan.notifications.services import Notice, notify_many
from danvan.reporting import access
from danvan.reporting.models import (
    AssigneeLevel,
    Plan,
    PlanStatus,
    PlanTask,
    TaskAssignee,
    TaskProgress,
    TaskTarget,
)
from danvan.reporting.models.plans import PLAN_ATTACHMENT

KIND_ASSIGNED = "plan_task_assigned"
KIND_OVERDUE = "plan_task_overdue"
PLAN_FIELDS = ("number", "issued_on", "period_start", "period_end", "title", "summary")
TASK_FIELDS = ("text", "deadline", "expected_output")
# "394-KH/BDVQU", "05-KH/ĐU", "12/KH-UBND": a number, then the kind of document and the issuer's abbreviation.
NUMBER_RE = re.compile(r"^\d+[-/][\wĐđ]+([-/][\wĐđ.]+)+$")


@dataclass(frozen=True)
class AssigneeSpec:
    """Who a task goes to as the plan names them: ``org_kind`` (with an optional ``unit`` and ``level``) or one
    ``organization``."""

    org_kind: OrgKind | None = None
    unit: AdministrativeUnit | None = None
    level: str = AssigneeLevel.ALL
    organization: Organization | None = None
    is_lead: bool = True


# --- Plans ------------------------------------------------------------------------------------------------------


def clean_number(value: str | None) -> str:
    """The plan's number as printed ("394-KH/BDVQU"): "Số" and a colon are dropped (HD 05-HD/VPTW: no colon)."""
    number = single_line(clean_text(value, "number"))
    number = re.sub(r"^(số|so)\s*:?\s*", "", number, flags=re.IGNORECASE).strip()
    if not number:
        raise invalid("number_required", _("Hãy ghi số, ký hiệu kế hoạch."), "number")
    if not NUMBER_RE.match(number) or len(number) > 60:
        raise invalid("invalid_number", _("Số, ký hiệu không hợp lệ (ví dụ: 394-KH/BDVQU)."), "number")
    return number


def _plan_values(values: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {"number": clean_number(values.get("number"))}
    clean["title"] = single_line(clean_text(values.get("title"), "title"))[:500]
    if not clean["title"]:
        raise invalid("title_required", _("Hãy ghi trích yếu kế hoạch."), "title")
    clean["summary"] = clean_text(values.get("summary"), "summary")[:10000]
    for name, message in (
        ("issued_on", _("Hãy ghi ngày ban hành.")),
        ("period_start", _("Hãy ghi ngày bắt đầu thực hiện.")),
        ("period_end", _("Hãy ghi ngày kết thúc thực hiện.")),
    ):
        if not values.get(name):
            raise invalid(f"{name}_required", message, name)
        clean[name] = values[name]
    if clean["period_end"] < clean["period_start"]:
        raise invalid("period_ends_before_start", _("Ngày kết thúc phải sau ngày bắt đầu."), "period_end")
    return clean


def _search_text(plan: Plan) -> str:
    return fold(f"{plan.number} {plan.title} {plan.issuer.name}")[:700]


def _check_issuer(unit: AdministrativeUnit, issuer: Organization) -> None:
    if issuer.unit_id != unit.pk or not issuer.is_active:
        raise invalid("issuer_other_unit", _("Cơ quan ban hành phải là một tổ chức của đơn vị này."), "issuer")
    if unit.tree != UnitTree.CURRENT:
        raise invalid("unit_not_current", _("Chỉ ban hành kế hoạch tại một đơn vị hiện hành."), "unit")


def _check_unique(issuer: Organization, number: str, issued_on: dt.date, exclude: int | None = None) -> None:
    twins = Plan.objects.filter(issuer=issuer, number=number, issued_on=issued_on).exclude(pk=exclude or 0)
    if twins.exists():
        raise invalid("duplicate_number", _("Cơ quan này đã có kế hoạch cùng số và ngày."), "number")


@transaction.atomic
def plan_create(
    *,
    actor: Any,
    unit: AdministrativeUnit,
    issuer: Organization,
    submission_key: str | None = None,
    submission_fingerprint: str = "",
    **values: Any,
) -> Plan:
    """Record a plan as a draft: its tasks are added next, then it is issued."""
    existing = existing_submission(Plan, submission_key, submission_fingerprint)
    if existing is not None:
        return existing
    _check_issuer(unit, issuer)
    clean = _plan_values(values)
    _check_unique(issuer, clean["number"], clean["issued_on"])
    plan = Plan(
        unit=unit,
        unit_path=unit.path,
        issuer=issuer,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        submission_key=submission_key or None,
        submission_fingerprint=submission_fingerprint,
        **clean,
    )
    plan.search_text = _search_text(plan)
    twin = save_new(plan, submission_fingerprint)
    if twin is not None:
        return twin
    audit_log(
        actor=actor, action="reporting.plan.created", instance=plan, unit=unit, changes=snapshot(plan, PLAN_FIELDS)
    )
    return plan


@transaction.atomic
def plan_update(*, actor: Any, plan: Plan, expected_version: int | None, **values: Any) -> Plan:
    """Change a plan's number, dates, title or summary (not once it is closed)."""
    plan = Plan.objects.select_for_update(of=("self",)).select_related("issuer", "unit").get(pk=plan.pk)
    check_version(plan, expected_version)
    if plan.status == PlanStatus.CLOSED:
        raise ConflictError("plan_closed", _("Kế hoạch đã kết thúc, không sửa được."))
    clean = _plan_values({**snapshot(plan, PLAN_FIELDS), **values})
    _check_unique(plan.issuer, clean["number"], clean["issued_on"], exclude=plan.pk)
    before = snapshot(plan, PLAN_FIELDS)
    for name, value in clean.items():
        setattr(plan, name, value)
    plan.search_text = _search_text(plan)
    plan.version = F("version") + 1
    plan.save()
    plan.refresh_from_db()
    audit_log(
        actor=actor,
        action="reporting.plan.updated",
        instance=plan,
        unit=plan.unit,
        changes=changes_between(before, snapshot(plan, PLAN_FIELDS)),
    )
    return plan


def plan_attach(*, actor: Any, plan: Plan, upload: File[bytes]) -> Any:
    """Attach a file (the signed plan, an annex) to the plan."""
    if plan.status == PlanStatus.CLOSED:
        raise ConflictError("plan_closed", _("Kế hoạch đã kết thúc, không sửa được."))
    attachment = attachment_store(
        actor=actor, upload=upload, unit=plan.unit, object_type=PLAN_ATTACHMENT, object_id=plan.pk
    )
    audit_log(
        actor=actor,
        action="reporting.plan.attached",
        instance=plan,
        unit=plan.unit,
        changes={"attachment": attachment.original_name},
    )
    return attachment


def plan_attachments(plan: Plan) -> QuerySet[Any]:
    from danvan.core.models import Attachment

    return Attachment.objects.filter(object_type=PLAN_ATTACHMENT, object_id=str(plan.pk)).order_by("uploaded_at", "id")


def _bump(plan: Plan, expected_version: int | None) -> Plan:
    plan = Plan.objects.select_for_update(of=("self",)).select_related("issuer", "unit").get(pk=plan.pk)
    check_version(plan, expected_version)
    return plan


@transaction.atomic
def plan_issue(*, actor: Any, plan: Plan, expected_version: int | None) -> Plan:
    """Issue a draft plan: each task's assignees become concrete organizations, whose officers are told."""
    plan = _bump(plan, expected_version)
    if plan.status != PlanStatus.DRAFT:
        raise ConflictError("plan_not_draft", _("Kế hoạch đã được ban hành."))
    tasks = list(plan.tasks.all())
    if not tasks:
        raise invalid("plan_without_tasks", _("Kế hoạch chưa có nhiệm vụ nào."), "tasks")
    created: list[TaskTarget] = []
    for task in tasks:
        created += _expand_task(task)
    plan.status = PlanStatus.ISSUED
    plan.version = F("version") + 1
    plan.save(update_fields=["status", "version", "updated_at"])
    plan.refresh_from_db()
    audit_log(
        actor=actor,
        action="reporting.plan.issued",
        instance=plan,
        unit=plan.unit,
        changes={"status": [PlanStatus.DRAFT, PlanStatus.ISSUED], "targets": len(created)},
    )
    _notify_assigned(plan, created)
    return plan


@transaction.atomic
def plan_close(*, actor: Any, plan: Plan, expected_version: int | None) -> Plan:
    """End an issued plan: no more progress reports, no overdue notices."""
    plan = _bump(plan, expected_version)
    if plan.status != PlanStatus.ISSUED:
        raise ConflictError("plan_not_issued", _("Chỉ kết thúc kế hoạch đang thực hiện."))
    plan.status = PlanStatus.CLOSED
    plan.version = F("version") + 1
    plan.save(update_fields=["status", "version", "updated_at"])
    plan.refresh_from_db()
    audit_log(
        actor=actor,
        action="reporting.plan.closed",
        instance=plan,
        unit=plan.unit,
        changes={"status": [PlanStatus.ISSUED, PlanStatus.CLOSED]},
    )
    return plan


# --- Tasks and assignees ------------------------------------------------------------------------------------------


def _task_values(plan: Plan, values: dict[str, Any]) -> dict[str, Any]:
    text = clean_text(values.get("text"), "text")[:5000]
    if not text:
        raise invalid("text_required", _("Hãy ghi nội dung nhiệm vụ."), "text")
    deadline = values.get("deadline")
    if not deadline:
        raise invalid("deadline_required", _("Hãy ghi thời hạn."), "deadline")
    if deadline < plan.issued_on:
        raise invalid("deadline_before_plan", _("Thời hạn phải sau ngày ban hành kế hoạch."), "deadline")
    output = single_line(clean_text(values.get("expected_output"), "expected_output"))[:500]
    return {"text": text, "deadline": deadline, "expected_output": output}


def _check_spec(plan: Plan, spec: AssigneeSpec, index: int) -> None:
    field = f"assignees.{index}"
    if (spec.org_kind is None) == (spec.organization is None):
        raise invalid("assignee_kind_or_org", _("Hãy chọn một loại cơ quan hoặc một tổ chức cụ thể."), field)
    if spec.organization is not None:
        org_unit = spec.organization.unit
        if not org_unit.path.startswith(plan.unit_path) or org_unit.tree != UnitTree.CURRENT:
            raise invalid("assignee_outside_plan", _("Tổ chức được giao phải thuộc phạm vi của kế hoạch."), field)
    if spec.unit is not None and not spec.unit.path.startswith(plan.unit_path):
        raise invalid("assignee_outside_plan", _("Đơn vị được nêu phải thuộc phạm vi của kế hoạch."), field)
    if spec.level not in AssigneeLevel.values:
        raise invalid("invalid_level", _("Cấp không hợp lệ."), field)


def assignee_organizations(assignee: TaskAssignee | AssigneeSpec, plan: Plan) -> QuerySet[Organization]:
    """The concrete organizations an assignee stands for, in the plan's subtree (current units, active bodies)."""
    if assignee.organization is not None:
        return Organization.objects.filter(pk=assignee.organization.pk or 0, is_active=True)
    root = assignee.unit or plan.unit
    orgs = Organization.objects.filter(
        subtree_q(root, "unit__", field="path"), kind=assignee.org_kind, is_active=True, unit__tree=UnitTree.CURRENT
    )
    if assignee.level == AssigneeLevel.PROVINCE:
        orgs = orgs.filter(unit__level=UnitLevel.PROVINCE)
    elif assignee.level == AssigneeLevel.COMMUNE:
        orgs = orgs.filter(unit__level=UnitLevel.COMMUNE)
    elif assignee.level == AssigneeLevel.UNIT:
        orgs = orgs.filter(unit=root)
    return orgs.select_related("unit").order_by("unit__path", "id")


def _expand_task(task: PlanTask) -> list[TaskTarget]:
    """Make the task's targets (one per concrete organization; an organization named twice is kept once)."""
    seen = set(task.targets.values_list("organization_id", flat=True))
    rows: list[TaskTarget] = []
    for assignee in task.assignees.select_related("org_kind", "unit", "organization"):
        for org in assignee_organizations(assignee, task.plan):
            if org.pk in seen:
                continue
            seen.add(org.pk)
            rows.append(TaskTarget(task=task, assignee=assignee, organization=org, unit_path=org.unit.path))
    TaskTarget.objects.bulk_create(rows, batch_size=1000)
    return list(task.targets.filter(organization_id__in=[row.organization_id for row in rows]))


@transaction.atomic
def task_add(
    *,
    actor: Any,
    plan: Plan,
    assignees: Sequence[AssigneeSpec],
    expected_version: int | None = None,
    **values: Any,
) -> PlanTask:
    """Add the next numbered task; on an issued plan its organizations are made and told at once."""
    plan = _bump(plan, expected_version)
    if plan.status == PlanStatus.CLOSED:
        raise ConflictError("plan_closed", _("Kế hoạch đã kết thúc, không sửa được."))
    clean = _task_values(plan, values)
    if not assignees:
        raise invalid("assignees_required", _("Hãy giao nhiệm vụ cho ít nhất một nơi."), "assignees")
    for index, spec in enumerate(assignees):
        _check_spec(plan, spec, index)
    number = (plan.tasks.aggregate(last=Max("number"))["last"] or 0) + 1
    task = PlanTask.objects.create(plan=plan, number=number, **clean)
    TaskAssignee.objects.bulk_create(
        TaskAssignee(
            task=task,
            org_kind=spec.org_kind,
            unit=spec.unit if spec.org_kind is not None else None,
            level=spec.level,
            organization=spec.organization,
            is_lead=spec.is_lead,
        )
        for spec in assignees
    )
    Plan.objects.filter(pk=plan.pk).update(version=F("version") + 1, updated_at=timezone.now())
    audit_log(
        actor=actor,
        action="reporting.plan.task_added",
        instance=plan,
        unit=plan.unit,
        changes={"task": number, "text": clean["text"][:200], "deadline": clean["deadline"]},
    )
    if plan.status == PlanStatus.ISSUED:
        _notify_assigned(plan, _expand_task(task))
    return task


@transaction.atomic
def task_update(*, actor: Any, task: PlanTask, expected_version: int | None, **values: Any) -> PlanTask:
    """Change a task's text, deadline or expected output (a new deadline lets its overdue notice go again)."""
    task = PlanTask.objects.select_for_update(of=("self",)).select_related("plan", "plan__unit").get(pk=task.pk)
    check_version(task, expected_version)
    if task.plan.status == PlanStatus.CLOSED:
        raise ConflictError("plan_closed", _("Kế hoạch đã kết thúc, không sửa được."))
    before = snapshot(task, TASK_FIELDS)
    clean = _task_values(task.plan, {**before, **values})
    for name, value in clean.items():
        setattr(task, name, value)
    task.version = F("version") + 1
    task.save()
    task.refresh_from_db()
    if before["deadline"] != task.deadline:
        task.targets.update(overdue_told_on=None)
    audit_log(
        actor=actor,
        action="reporting.plan.task_updated",
        instance=task.plan,
        unit=task.plan.unit,
        changes={"task": task.number, **changes_between(before, snapshot(task, TASK_FIELDS))},
    )
    return task


# --- Progress -----------------------------------------------------------------------------------------------------


@transaction.atomic
def progress_report(
    *,
    actor: Any,
    target: TaskTarget,
    percent: int | None,
    text: str | None,
    evidence: File[bytes] | None = None,
    expected_version: int | None = None,
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> TaskProgress:
    """An assigned organization reports how far it got: percentage (0–100, 100 = done), what was done, evidence."""
    existing = existing_submission(TaskProgress, submission_key, submission_fingerprint)
    if existing is not None:
        return existing
    target = (
        TaskTarget.objects.select_for_update(of=("self",))
        .select_related("task", "task__plan", "organization")
        .get(pk=target.pk)
    )
    check_version(target, expected_version)
    if target.task.plan.status != PlanStatus.ISSUED:
        raise ConflictError("plan_not_issued", _("Kế hoạch không ở trạng thái đang thực hiện."))
    if percent is None or not 0 <= int(percent) <= 100:
        raise invalid("invalid_percent", _("Tỷ lệ hoàn thành phải từ 0 đến 100."), "percent")
    clean = clean_text(text, "text")[:10000]
    if not clean:
        raise invalid("text_required", _("Hãy ghi kết quả thực hiện."), "text")
    attachment = None
    if evidence is not None:
        attachment = attachment_store(
            actor=actor,
            upload=evidence,
            unit=target.organization.unit,
            object_type="reporting.taskprogress",
            object_id=target.pk,
        )
    report = TaskProgress(
        target=target,
        percent=int(percent),
        text=clean,
        evidence=attachment,
        reported_by=actor,
        submission_key=submission_key or None,
        submission_fingerprint=submission_fingerprint,
    )
    twin = save_new(report, submission_fingerprint)
    if twin is not None:
        return twin
    before = target.percent
    target.percent = int(percent)
    target.completed_on = today() if target.percent == 100 else None
    target.last_reported_at = report.at
    target.version = F("version") + 1
    target.save(update_fields=["percent", "completed_on", "last_reported_at", "version"])
    target.refresh_from_db()
    audit_log(
        actor=actor,
        action="reporting.plan.progress_reported",
        instance=target.task.plan,
        unit=target.organization.unit,
        changes={
            "task": target.task.number,
            "organization": target.organization.name,
            "percent": [before, target.percent],
            "evidence": attachment.original_name if attachment else "",
        },
    )
    return report


# --- Notifications and the overdue sweep --------------------------------------------------------------------------


def _notify_assigned(plan: Plan, targets: Sequence[TaskTarget]) -> int:
    """One notification per officer and organization: “Kế hoạch 394-KH/BDVQU giao 3 nhiệm vụ cho UBND xã …”."""
    by_org: dict[int, list[TaskTarget]] = {}
    for target in targets:
        by_org.setdefault(target.organization_id, []).append(target)
    officers = access.organization_officer_ids(by_org)
    link = reverse("reporting:plan_detail", args=[plan.pk])
    notices = []
    for org_id, rows in by_org.items():
        org = rows[0].organization
        text = _("Kế hoạch %(number)s giao %(count)s nhiệm vụ cho %(org)s (hạn sớm nhất %(due)s).") % {
            "number": plan.number,
            "count": len(rows),
            "org": org.name,
            "due": format_date(min(row.task.deadline for row in rows)),
        }
        notices += [Notice(officer_id, KIND_ASSIGNED, text[:500], link) for officer_id in officers.get(org_id, [])]
    notify_many(notices)
    return len(notices)


def overdue_q(on: dt.date, prefix: str = "") -> Q:
    """Targets past their task's deadline on ``on`` and not done, of plans being carried out (a deadline on a day
    off runs to the next working day: ``core.workdays.past_due_from``)."""
    return Q(
        **{
            f"{prefix}task__deadline__lt": past_due_from(on),
            f"{prefix}percent__lt": 100,
            f"{prefix}task__plan__status": PlanStatus.ISSUED,
        }
    )


@dataclass
class OverdueSweepReport:
    newly_overdue: int = 0
    notifications: int = 0


def sweep_overdue(on: dt.date | None = None) -> OverdueSweepReport:
    """Tell each organization's officers, once per deadline, of its tasks newly overdue."""
    day = on or today()
    report = OverdueSweepReport()
    with transaction.atomic():
        ids = list(
            TaskTarget.objects.select_for_update(of=("self",))
            .filter(overdue_q(day), overdue_told_on__isnull=True)
            .values_list("pk", flat=True)
        )
        if not ids:
            return report
        claimed = TaskTarget.objects.filter(pk__in=ids, overdue_told_on__isnull=True).update(overdue_told_on=day)
        report.newly_overdue = claimed
        rows = list(TaskTarget.objects.filter(pk__in=ids).select_related("task", "task__plan", "organization"))
        by_org: dict[int, list[TaskTarget]] = {}
        for row in rows:
            by_org.setdefault(row.organization_id, []).append(row)
        officers = access.organization_officer_ids(by_org)
        notices = []
        for org_id, items in by_org.items():
            plans = sorted({item.task.plan.number for item in items})
            text = _("%(org)s có %(count)s nhiệm vụ quá hạn (kế hoạch %(plans)s).") % {
                "org": items[0].organization.name,
                "count": len(items),
                "plans": ", ".join(plans),
            }
            link = reverse("reporting:plan_tasks_mine") + "?state=overdue"
            notices += [Notice(officer_id, KIND_OVERDUE, text[:500], link) for officer_id in officers.get(org_id, [])]
        notify_many(notices)
        report.notifications = len(notices)
    return report


def is_overdue(target: TaskTarget, on: dt.date) -> bool:
    """``overdue_q`` for one target (its task and plan loaded)."""
    task = target.task
    return task.plan.status == PlanStatus.ISSUED and target.percent < 100 and task.deadline < past_due_from(on)


def check_not_stale(record: Any, expected: int | None) -> None:
    """Re-exported for views (a form's hidden version)."""
    check_version(record, expected)


__all__ = [
    "AssigneeSpec",
    "DomainError",
    "assignee_organizations",
    "is_overdue",
    "overdue_q",
    "plan_attach",
    "plan_close",
    "plan_create",
    "plan_issue",
    "plan_update",
    "progress_report",
    "sweep_overdue",
    "task_add",
    "task_update",
]
