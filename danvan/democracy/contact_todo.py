"""Voter contacts on the dashboard's to-do list: contacts at the officer's communes whose day has passed and whose
result (deputies present, voters attending) is not recorded yet — the voters' questions cannot be tracked before."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from danvan.core.todo import TodoItem, register
from danvan.democracy.access import voter_contacts_visible_to, write_scope
from danvan.democracy.models import ContactStatus


@register
def contact_todo(user: Any) -> list[TodoItem]:
    scope = write_scope(user)
    if scope.is_empty:
        return []
    waiting = voter_contacts_visible_to(user).filter(
        scope.q("unit_path"), status=ContactStatus.SCHEDULED, held_on__lt=timezone.localdate()
    )
    return [
        TodoItem(
            "voter_contacts_unrecorded",
            _("Buổi tiếp xúc cử tri chưa ghi kết quả"),
            waiting.count(),
            f"{reverse('democracy:voter_contacts')}?{urlencode({'status': ContactStatus.SCHEDULED, 'past': '1'})}",
            tone="overdue",
        )
    ]
