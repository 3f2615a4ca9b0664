"""Raised items on the dashboard's to-do list: the questions and recommendations raised at year-end meetings and
dialogues in the officer's units that are past their due date and still unanswered, linking to that list."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from danvan.core.todo import TodoItem, register
from danvan.democracy.access import recommendations_visible_to, write_scope


@register
def meeting_todo(user: Any) -> list[TodoItem]:
    scope = write_scope(user)
    if scope.is_empty:
        return []
    overdue = recommendations_visible_to(user).filter(scope.q("unit_path")).overdue(timezone.localdate())
    return [
        TodoItem(
            "raised_items_overdue",
            _("Ý kiến, kiến nghị quá hạn trả lời"),
            overdue.count(),
            f"{reverse('democracy:raised_items')}?{urlencode({'show': 'overdue'})}",
            tone="overdue",
        )
    ]
