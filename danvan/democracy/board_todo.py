"""Boards on the dashboard's to-do list: the boards at work in the officer's communes with fewer serving members
than the law's minimum (a vacancy to fill by a by-election), linking to the boards' list."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from danvan.core.todo import TodoItem, register
from danvan.democracy.access import boards_visible_to, write_scope
from danvan.democracy.board_selectors import boards_below_minimum


@register
def board_todo(user: Any) -> list[TodoItem]:
    scope = write_scope(user)
    if scope.is_empty:
        return []
    short = boards_below_minimum(boards_visible_to(user).filter(scope.q("unit_path")), timezone.localdate())
    return [
        TodoItem(
            "boards_below_minimum",
            _("Ban thiếu thành viên, cần bầu bổ sung"),
            len(short),
            f"{reverse('democracy:boards')}?{urlencode({'state': 'active'})}",
            tone="due-soon",
        )
    ]
