"""Reception's part of the dashboard's to-do list: this week's planned reception sessions, linking to the schedule
filtered to them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from danvan.core.todo import TodoItem, register
from danvan.reception import access
from danvan.reception.models import SessionStatus


@register
def reception_todo(user: Any) -> list[TodoItem]:
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    sunday = monday + dt.timedelta(days=6)
    sessions = access.sessions_visible_to(user).filter(
        held_on__gte=monday, held_on__lte=sunday, status=SessionStatus.PLANNED
    )
    query = urlencode({"start": monday.isoformat(), "end": sunday.isoformat(), "status": SessionStatus.PLANNED})
    url = f"{reverse('reception:schedule')}?{query}"
    return [TodoItem("sessions_this_week", _("Buổi tiếp công dân trong tuần này"), sessions.count(), url)]
