"""The registry's part of the dashboard's to-do list: drafts to submit for registration and models to self-assess,
each linking to the list filtered to them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from danvan.core.todo import TodoItem, register
from danvan.initiatives.access import initiatives_visible_to, registration_scope
from danvan.initiatives.models import InitiativeStatus


@register
def initiative_todo(user: Any) -> list[TodoItem]:
    scope = registration_scope(user)
    if scope.is_empty:
        return []
    mine = initiatives_visible_to(user).filter(scope.q("unit_path"))
    url = reverse("initiatives:list")
    return [
        TodoItem(
            "initiatives_to_submit",
            _("Mô hình dự thảo, chờ trình đăng ký"),
            mine.filter(status=InitiativeStatus.DRAFT).count(),
            f"{url}?{urlencode({'status': InitiativeStatus.DRAFT})}",
        ),
        TodoItem(
            "initiatives_to_assess",
            _("Mô hình đang thực hiện, chờ tự đánh giá"),
            mine.filter(status=InitiativeStatus.IMPLEMENTING).count(),
            f"{url}?{urlencode({'status': InitiativeStatus.IMPLEMENTING})}",
        ),
    ]
