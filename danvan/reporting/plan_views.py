"""Officers' pages of plans (Kế hoạch): the plans of the officer's units, a new plan, one plan (its facts and
attachments, its numbered tasks with who they go to, the implementation table by assigned organization with
percentages and overdue marks, adding tasks, issuing and closing), the progress form of one assigned organization,
"my tasks" (the tasks of the officer's bodies, e.g. the overdue ones the to-do list links to) and the XLSX of the
implementation table. Phone first: cards, no wide tables."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.idempotency import submission_key
from danvan.core.pagination import ListPaginator
from danvan.core.pickers import picker_response
from danvan.core.xlsx import xlsx_response
from danvan.democracy.view_kit import run_form, run_service
from danvan.reporting import access
from danvan.reporting import plan_services as services
from danvan.reporting.models import PlanStatus, TaskTarget
from danvan.reporting.plan_forms import (
    AttachForm,
    MyTasksForm,
    PlanEditForm,
    PlanForm,
    PlanListForm,
    ProgressForm,
    TaskEditForm,
    TaskForm,
    VersionForm,
)
from danvan.reporting.plan_selectors import filter_plans, implementation_table, my_targets
from danvan.reporting.plan_xlsx import implementation_xlsx

PAGE_SIZE = 25


def _key(request: HttpRequest, form: forms.Form) -> str | None:
    return submission_key(request.user, form.cleaned_data.get("submission_key") or "")


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    """The plans issued in the officer's units or assigning tasks to their bodies, latest first."""
    form = PlanListForm(request.GET or None)
    plans = access.plans_visible(request.user)
    if form.is_valid():
        data = form.cleaned_data
        plans = filter_plans(plans, q=data.get("q") or "", status=data.get("status") or "", year=data.get("year"))
    page = ListPaginator(plans.select_related("unit", "issuer").order_by("-issued_on", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page": page,
        "can_create": access.plan_units_for_write(request.user).exists(),
    }
    return render(request, "reporting/plans/list.html", context)


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    if not access.plan_units_for_write(request.user).exists():
        raise Http404
    issuers = access.plan_issuers_for_write(request.user)
    form = PlanForm(request.POST or None, issuers=issuers, initial={"submission_key": submission_key(request.user, "")})
    if (matches := picker_response(request, form)) is not None:
        return matches
    if request.method == "POST":

        def create(data: dict[str, Any]) -> Any:
            unit = access.access_plan_unit_for_write(request.user, data["issuer"].unit_id)
            return services.plan_create(
                actor=request.user,
                unit=unit,
                issuer=data["issuer"],
                number=data["number"],
                issued_on=data["issued_on"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                title=data["title"],
                summary=data["summary"],
                submission_key=_key(request, form),
            )

        plan = run_form(form, create)
        if plan is not None:
            messages.success(request, _("Đã ghi kế hoạch. Thêm các nhiệm vụ rồi ban hành."))
            return redirect("reporting:plan_detail", plan_id=plan.pk)
    return render(request, "reporting/plans/form.html", {"form": form}, status=422 if form.errors else 200)


def _plan_page(request: HttpRequest, plan: Any, **given: Any) -> HttpResponse:
    today = timezone.localdate()
    can_write = access.can_write_plan(request.user, plan) and plan.status != PlanStatus.CLOSED
    within = None if access.plans_visible_in_full(request.user, plan) else access.report_scope(request.user)
    table = implementation_table(plan, today, within=within)
    reportable = {
        target.pk
        for target in TaskTarget.objects.filter(task__plan=plan).filter(
            access.report_scope(request.user).q("unit_path")
        )
    }
    edit_task = given.get("task_edit")
    task_forms = {
        row.task.pk: (
            edit_task[1]
            if edit_task and edit_task[0] == row.task.pk
            else TaskEditForm(
                prefix=f"t{row.task.pk}",
                initial={
                    "version": row.task.version,
                    "text": row.task.text,
                    "deadline": row.task.deadline,
                    "expected_output": row.task.expected_output,
                },
            )
        )
        for row in table.rows
    }
    context = {
        "plan": plan,
        "table": table,
        "rows": [(row, task_forms[row.task.pk]) for row in table.rows],
        "by_assignee": table.by_assignee(),
        "attachments": services.plan_attachments(plan),
        "can_write": can_write,
        "reportable": reportable,
        "task_form": given.get("task_form") or TaskForm(plan=plan, initial={"version": plan.version}),
        "edit_form": given.get("edit_form")
        or PlanEditForm(
            initial={
                "version": plan.version,
                "number": plan.number,
                "issued_on": plan.issued_on,
                "period_start": plan.period_start,
                "period_end": plan.period_end,
                "title": plan.title,
                "summary": plan.summary,
            }
        ),
        "state_form": given.get("state_form") or VersionForm(initial={"version": plan.version}),
        "attach_form": given.get("attach_form") or AttachForm(),
    }
    return render(request, "reporting/plans/detail.html", context, status=422 if given else 200)


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    if request.GET.get("picker"):  # the task form's search box: only for those who add tasks
        plan = access.access_plan(request.user, plan_id, for_write=True)
        matches = picker_response(request, TaskForm(plan=plan))
        if matches is not None:
            return matches
    return _plan_page(request, access.access_plan(request.user, plan_id))


@login_required
@require_POST
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access.access_plan(request.user, plan_id, for_write=True)
    form = PlanEditForm(request.POST)
    done = run_form(
        form,
        lambda data: services.plan_update(
            actor=request.user,
            plan=plan,
            expected_version=data["version"],
            **{k: v for k, v in data.items() if k != "version"},
        ),
    )
    if done is not None:
        messages.success(request, _("Đã sửa kế hoạch."))
        return redirect("reporting:plan_detail", plan_id=plan.pk)
    return _plan_page(request, plan, edit_form=form)


@login_required
@require_POST
def plan_task_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access.access_plan(request.user, plan_id, for_write=True)
    form = TaskForm(request.POST, plan=plan)

    def add(data: dict[str, Any]) -> Any:
        specs = [
            services.AssigneeSpec(org_kind=kind, unit=data.get("unit"), level=data["level"])
            for kind in data.get("kinds") or []
        ]
        if data.get("organization") is not None:
            specs.append(services.AssigneeSpec(organization=data["organization"]))
        return services.task_add(
            actor=request.user,
            plan=plan,
            assignees=specs,
            expected_version=data["version"],
            text=data["text"],
            deadline=data["deadline"],
            expected_output=data["expected_output"],
        )

    task = run_form(form, add, {"assignees": "kinds", "assignees.0": "kinds"})
    if task is not None:
        messages.success(request, _("Đã thêm nhiệm vụ %(number)s.") % {"number": task.number})
        return redirect("reporting:plan_detail", plan_id=plan.pk)
    return _plan_page(request, plan, task_form=form)


@login_required
@require_POST
def plan_task_edit(request: HttpRequest, task_id: int) -> HttpResponse:
    task = access.access_task(request.user, task_id, for_write=True)
    form = TaskEditForm(request.POST, prefix=f"t{task.pk}")
    done = run_form(
        form,
        lambda data: services.task_update(
            actor=request.user,
            task=task,
            expected_version=data["version"],
            text=data["text"],
            deadline=data["deadline"],
            expected_output=data["expected_output"],
        ),
    )
    if done is not None:
        messages.success(request, _("Đã sửa nhiệm vụ %(number)s.") % {"number": task.number})
        return redirect("reporting:plan_detail", plan_id=task.plan_id)
    return _plan_page(request, task.plan, task_edit=(task.pk, form))


def _state_change(request: HttpRequest, plan_id: int, call: Any, done_text: str) -> HttpResponse:
    plan = access.access_plan(request.user, plan_id, for_write=True)
    form = VersionForm(request.POST)
    result = run_form(form, lambda data: call(actor=request.user, plan=plan, expected_version=data["version"]))
    if result is not None:
        messages.success(request, done_text)
        return redirect("reporting:plan_detail", plan_id=plan.pk)
    return _plan_page(request, plan, state_form=form)


@login_required
@require_POST
def plan_issue(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _state_change(request, plan_id, services.plan_issue, _("Đã ban hành kế hoạch và thông báo nơi được giao."))


@login_required
@require_POST
def plan_close(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _state_change(request, plan_id, services.plan_close, _("Đã kết thúc kế hoạch."))


@login_required
@require_POST
def plan_attach(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access.access_plan(request.user, plan_id, for_write=True)
    form = AttachForm(request.POST, request.FILES)
    done = run_form(form, lambda data: services.plan_attach(actor=request.user, plan=plan, upload=data["file"]))
    if done is not None:
        messages.success(request, _("Đã đính kèm tệp."))
        return redirect("reporting:plan_detail", plan_id=plan.pk)
    return _plan_page(request, plan, attach_form=form)


@login_required
def plan_export(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access.access_plan(request.user, plan_id)
    within = None if access.plans_visible_in_full(request.user, plan) else access.report_scope(request.user)
    table = implementation_table(plan, timezone.localdate(), within=within)
    name = f"ke-hoach-{plan.number.replace('/', '-')}.xlsx"
    return xlsx_response(implementation_xlsx(table), name)


@login_required
def plan_progress(request: HttpRequest, target_id: int) -> HttpResponse:
    """One assigned organization's work on one task: its reports, and the form to report progress."""
    target = access.access_target(request.user, target_id)
    can_report = access.can_report_target(request.user, target) and target.task.plan.status == PlanStatus.ISSUED
    form = ProgressForm(
        initial={
            "version": target.version,
            "percent": target.percent,
            "submission_key": submission_key(request.user, ""),
        }
    )
    if request.method == "POST":
        target = access.access_target(request.user, target_id, for_report=True)
        form = ProgressForm(request.POST, request.FILES)
        report = run_form(
            form,
            lambda data: services.progress_report(
                actor=request.user,
                target=target,
                percent=data["percent"],
                text=data["text"],
                evidence=data.get("evidence"),
                expected_version=data["version"],
                submission_key=_key(request, form),
            ),
        )
        if report is not None:
            messages.success(request, _("Đã ghi tiến độ."))
            return redirect("reporting:plan_progress", target_id=target.pk)
    today = timezone.localdate()
    context = {
        "target": target,
        "task": target.task,
        "plan": target.task.plan,
        "overdue": services.is_overdue(target, today),
        "reports": target.reports.select_related("reported_by", "evidence"),
        "form": form,
        "can_report": can_report,
    }
    return render(request, "reporting/plans/progress.html", context, status=422 if form.errors else 200)


@login_required
def plan_tasks_mine(request: HttpRequest) -> HttpResponse:
    """The tasks of the officer's bodies, soonest deadline first; ``state=overdue`` is the to-do list's link."""
    form = MyTasksForm(request.GET or None)
    state = form.cleaned_data.get("state", "") if form.is_valid() else ""
    today = timezone.localdate()
    targets = my_targets(access.report_scope(request.user), today, state)
    page = ListPaginator(targets, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reporting/plans/mine.html", {"form": form, "page": page, "today": today})


__all__ = ["run_service"]


@login_required
def plan_file(request: HttpRequest, attachment_id: int) -> HttpResponse:
    """A plan's attachment or a progress report's evidence, for an officer who reads that plan (404 otherwise)."""
    from django.http import Http404

    from danvan.core.attachments import attachment_download_name
    from danvan.core.downloads import stream_response

    attachment = access.access_plan_file(request.user, attachment_id)
    if attachment is None:
        raise Http404
    return stream_response(  # type: ignore[return-value]
        attachment.file.open("rb"), attachment.content_type, attachment_download_name(attachment)
    )
