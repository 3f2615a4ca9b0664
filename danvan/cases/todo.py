"""The case engine's part of the dashboard's to-do list: petitions to classify and to accept, my cases overdue or
due soon, each linking to the list filtered to them (this week's reception sessions are ``reception.todo``'s)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from danvan.cases import access
from danvan.cases.clock import current_clock
from danvan.cases.models import CaseStatus, DeadlineState
from danvan.cases.workflow import TRANSITIONS
from danvan.core.todo import TodoItem, register


def _cases_url(**params: Any) -> str:
    return f"{reverse('cases:list')}?{urlencode(params)}"


@register
def case_todo(user: Any) -> list[TodoItem]:
    items: list[TodoItem] = []
    visible = access.cases_visible_to(user)
    officer_scope = access.step_scope(user, TRANSITIONS["classify"])
    if not officer_scope.is_empty:
        count = visible.filter(officer_scope.q("unit_path"), status=CaseStatus.RECEIVED).count()
        items.append(
            TodoItem(
                "cases_to_classify",
                _("Đơn mới tiếp nhận, chờ phân loại"),
                count,
                _cases_url(status=CaseStatus.RECEIVED),
            )
        )
    leader_scope = access.step_scope(user, TRANSITIONS["accept"])
    if not leader_scope.is_empty:
        count = visible.filter(leader_scope.q("unit_path"), status=CaseStatus.CLASSIFIED).count()
        items.append(
            TodoItem(
                "cases_to_accept", _("Đơn đã phân loại, chờ thụ lý"), count, _cases_url(status=CaseStatus.CLASSIFIED)
            )
        )
    mine = visible.filter(assignee_id=user.pk, is_open=True)
    clock = current_clock()
    for state, key, label, tone in (
        (DeadlineState.OVERDUE, "cases_overdue", _("Đơn tôi xử lý đã quá hạn"), "overdue"),
        (DeadlineState.DUE_SOON, "cases_due_soon", _("Đơn tôi xử lý sắp đến hạn"), "due-soon"),
    ):
        count = mine.filter(clock.q(state)).count()
        items.append(TodoItem(key, label, count, _cases_url(deadline=state, mine=1, open=1), tone))
    return items
