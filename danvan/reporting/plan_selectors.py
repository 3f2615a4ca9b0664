"""Reads of plans: the plan list's filters, the implementation table (tasks × assigned organizations with the
percentage each reported and overdue marks, grouped by assignee as the plan names them), and the tasks an officer's
bodies have to carry out (for the to-do list and "my tasks")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from danvan.accounts.access import Scope
from danvan.core.text import matches_all_terms, vi_sort_key
from danvan.core.workdays import count_working_days, next_working_day, past_due_from
from danvan.reporting.models import AssigneeLevel, Plan, PlanStatus, PlanTask, TaskAssignee, TaskTarget
from danvan.reporting.plan_services import overdue_q


def filter_plans(plans: QuerySet[Plan], *, q: str = "", status: str = "", year: int | None = None) -> QuerySet[Plan]:
    if q:
        plans = plans.filter(matches_all_terms(q))
    if status in PlanStatus.values:
        plans = plans.filter(status=status)
    if year:
        plans = plans.filter(period_start__lte=dt.date(year, 12, 31), period_end__gte=dt.date(year, 1, 1))
    return plans


def assignee_label(assignee: TaskAssignee) -> str:
    """How the plan names who a task goes to: “UBND các xã”, “Cấp ủy Đảng (Xã Đồng Xuân)”, a named body."""
    if assignee.organization is not None:
        return assignee.organization.name
    kind = assignee.org_kind.name if assignee.org_kind else ""
    levels: dict[str, str] = {
        AssigneeLevel.PROVINCE: _("cấp tỉnh"),
        AssigneeLevel.COMMUNE: _("các xã, phường"),
        AssigneeLevel.UNIT: "",
    }
    level = levels.get(assignee.level, "")
    parts = [kind, level]
    if assignee.unit is not None:
        parts.append(f"({assignee.unit.name})")
    return " ".join(part for part in parts if part)


def percent_text(value: Decimal | int | None) -> str:
    from danvan.core.formatting import format_percent

    return format_percent(value, 0 if isinstance(value, int) else 1)


@dataclass
class Cell:
    target: TaskTarget
    overdue: bool
    days_overdue: int = 0

    @property
    def percent(self) -> int:
        return self.target.percent


@dataclass
class Column:
    """One assigned organization, with how many of its tasks are done and overdue."""

    target_org_id: int
    name: str
    unit_name: str
    unit_path: str
    done: int = 0
    overdue: int = 0
    total: int = 0


@dataclass
class Row:
    task: PlanTask
    assignees: list[str]
    cells: list[Cell | None]
    done: int = 0
    overdue: int = 0
    total: int = 0
    average: Decimal = Decimal(0)


@dataclass
class ImplementationTable:
    plan: Plan
    on: dt.date
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)

    @property
    def overdue(self) -> int:
        return sum(row.overdue for row in self.rows)

    def by_assignee(self) -> list[tuple[Column, list[tuple[PlanTask, Cell]]]]:
        """The same table turned for a phone: each organization with its tasks."""
        result = []
        for index, column in enumerate(self.columns):
            tasks = [(row.task, cell) for row in self.rows if (cell := row.cells[index]) is not None]
            result.append((column, tasks))
        return result


def _half_up(total: int, count: int) -> Decimal:
    if not count:
        return Decimal(0)
    return (Decimal(total) / Decimal(count)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def implementation_table(plan: Plan, on: dt.date, within: Scope | None = None) -> ImplementationTable:
    """The plan's tasks × its assigned organizations (``within``: only the organizations of that scope), in three
    queries whatever the size."""
    table = ImplementationTable(plan=plan, on=on)
    tasks = list(plan.tasks.order_by("number"))
    assignees: dict[int, list[str]] = {}
    for assignee in TaskAssignee.objects.filter(task__plan=plan).select_related("org_kind", "unit", "organization"):
        assignees.setdefault(assignee.task_id, []).append(assignee_label(assignee))
    targets = TaskTarget.objects.filter(task__plan=plan).select_related("organization", "organization__unit")
    if within is not None:
        targets = targets.filter(within.q("unit_path"))
    found = list(targets)
    columns: dict[int, Column] = {}
    for target in found:
        org = target.organization
        if org.pk not in columns:
            columns[org.pk] = Column(org.pk, org.name, org.unit.name, org.unit.path)
    table.columns = sorted(
        columns.values(), key=lambda c: (c.unit_path.count("/"), vi_sort_key(c.unit_name), vi_sort_key(c.name))
    )
    index = {column.target_org_id: i for i, column in enumerate(table.columns)}
    cells: dict[int, list[Cell | None]] = {task.pk: [None] * len(table.columns) for task in tasks}
    issued = plan.status == PlanStatus.ISSUED
    by_id = {task.pk: task for task in tasks}
    past_due = past_due_from(on)
    for target in found:
        task = by_id[target.task_id]
        late = issued and target.percent < 100 and task.deadline < past_due
        days = count_working_days(next_working_day(task.deadline), on) if late else 0
        cells[task.pk][index[target.organization_id]] = Cell(target, late, days)
    for task in tasks:
        row = Row(task=task, assignees=assignees.get(task.pk, []), cells=cells[task.pk])
        present = [cell for cell in row.cells if cell is not None]
        row.total = len(present)
        row.done = sum(cell.percent == 100 for cell in present)
        row.overdue = sum(cell.overdue for cell in present)
        row.average = _half_up(sum(cell.percent for cell in present), len(present))
        for i, cell in enumerate(row.cells):
            if cell is not None:
                column = table.columns[i]
                column.total += 1
                column.done += cell.percent == 100
                column.overdue += cell.overdue
        table.rows.append(row)
    return table


def targets_of(scope: Scope) -> QuerySet[TaskTarget]:
    """The task targets of the bodies in ``scope`` (issued plans)."""
    if scope.is_empty:
        return TaskTarget.objects.none()
    return TaskTarget.objects.filter(scope.q("unit_path"), task__plan__status=PlanStatus.ISSUED)


def overdue_targets(scope: Scope, on: dt.date) -> QuerySet[TaskTarget]:
    return targets_of(scope).filter(overdue_q(on))


def due_soon_targets(scope: Scope, on: dt.date, days: int = 7) -> QuerySet[TaskTarget]:
    return targets_of(scope).filter(
        Q(percent__lt=100), task__deadline__gte=past_due_from(on), task__deadline__lte=on + dt.timedelta(days=days)
    )


def my_targets(scope: Scope, on: dt.date, state: str = "") -> QuerySet[TaskTarget]:
    targets = targets_of(scope)
    if state == "overdue":
        targets = targets.filter(overdue_q(on))
    elif state == "open":
        targets = targets.filter(percent__lt=100)
    elif state == "done":
        targets = targets.filter(percent=100)
    return targets.select_related("task", "task__plan", "organization", "organization__unit").order_by(
        "task__deadline", "task__plan_id", "task__number", "id"
    )


def plan_list_rows(plans: QuerySet[Plan]) -> list[Any]:
    return list(plans.select_related("unit", "issuer").order_by("-issued_on", "-id"))
