"""Plans on the dashboard's to-do list: the tasks of the officer's bodies that are past their deadline and not
done, and those due within a week, each linking to "my tasks" filtered to them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from danvan.core.todo import TodoItem, register
from danvan.reporting.access import report_scope
from danvan.reporting.plan_selectors import due_soon_targets, overdue_targets

DUE_SOON_DAYS = 7


@register
def plan_todo(user: Any) -> list[TodoItem]:
    scope = report_scope(user)
    if scope.is_empty:
        return []
    today = timezone.localdate()
    url = reverse("reporting:plan_tasks_mine")
    return [
        TodoItem(
            "plan_tasks_overdue",
            _("Nhiệm vụ theo kế hoạch quá hạn"),
            overdue_targets(scope, today).count(),
            f"{url}?{urlencode({'state': 'overdue'})}",
            tone="overdue",
        ),
        TodoItem(
            "plan_tasks_due_soon",
            _("Nhiệm vụ theo kế hoạch sắp đến hạn (7 ngày)"),
            due_soon_targets(scope, today, DUE_SOON_DAYS).count(),
            f"{url}?{urlencode({'state': 'open'})}",
            tone="due-soon",
        ),
    ]
