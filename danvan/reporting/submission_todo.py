"""Periodic reports on the dashboard's to-do list: reports the officer's units have to write (asked, or returned
for fixing; "overdue" past their deadline) and, for a leader, reports submitted by the units below waiting for
review. Registered on import (``apps.ready`` should import this module; ``submission_urls`` does meanwhile)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.subtree import subtree_q
from danvan.core.todo import TodoItem, register
from danvan.reporting import access
from danvan.reporting.models import Submission, SubmissionStatus


@register
def submission_todo(user: Any) -> list[TodoItem]:
    items: list[TodoItem] = []
    url = reverse("reporting:submission_home")
    writer = access.submission_writer_scope(user)
    if not writer.is_empty and not writer.is_global:
        open_ = Submission.objects.filter(
            writer.q("unit_path"), status__in=[SubmissionStatus.DRAFT, SubmissionStatus.RETURNED]
        )
        late = open_.filter(due_on__lt=timezone.localdate()).count()
        items.append(
            TodoItem(
                "reports_to_submit",
                _("Báo cáo định kỳ cần nộp hoặc sửa"),
                open_.count(),
                url,
                tone="overdue" if late else "due-soon",
            )
        )
    leader = access.submission_reviewer_scope(user)
    if not leader.is_empty and not leader.is_global:
        waiting = Submission.objects.filter(
            subtree_q(leader.paths, "reviewer_unit__", field="path"),
            status=SubmissionStatus.SUBMITTED,
        ).count()
        items.append(TodoItem("reports_to_review", _("Báo cáo định kỳ chờ thẩm định"), waiting, url))
    return items
