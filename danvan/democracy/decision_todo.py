"""Community decisions on the dashboard's to-do list: records to send to the commune (overdue first) and
decisions waiting for this officer's body to recognize them, each linking to the filtered list."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from danvan.core.todo import TodoItem, register
from danvan.democracy.access import can_recognize_decision, decisions_visible_to, write_scope
from danvan.democracy.models import DecisionStatus


@register
def decision_todo(user: Any) -> list[TodoItem]:
    scope = write_scope(user)
    if scope.is_empty:
        return []
    today = timezone.localdate()
    mine = decisions_visible_to(user).filter(scope.q("unit_path"))
    url = reverse("democracy:decision_list")
    closed = mine.filter(status=DecisionStatus.CLOSED)
    waiting = [
        d
        for d in mine.filter(status=DecisionStatus.SUBMITTED, recognition_due_on__isnull=False).select_related(
            "matter"
        )[:200]
        if can_recognize_decision(user, d)
    ]
    overdue = closed.filter(submission_due_on__lt=today).count() + sum(
        1 for d in waiting if d.recognition_due_on and d.recognition_due_on < today
    )
    return [
        TodoItem(
            "decisions_overdue",
            _("Nội dung bàn và quyết định quá hạn gửi biên bản hoặc công nhận"),
            overdue,
            f"{url}?{urlencode({'overdue': 'on'})}",
            tone="overdue",
        ),
        TodoItem(
            "decisions_to_submit",
            _("Biên bản bàn và quyết định chờ gửi về xã"),
            closed.filter(~Q(submission_due_on__lt=today)).count(),
            f"{url}?{urlencode({'status': DecisionStatus.CLOSED})}",
        ),
        TodoItem(
            "decisions_to_recognize",
            _("Kết quả bàn và quyết định chờ công nhận"),
            len(waiting),
            f"{url}?{urlencode({'status': DecisionStatus.SUBMITTED})}",
        ),
    ]
