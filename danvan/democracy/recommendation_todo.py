"""The recommendation tracker on the dashboard's to-do list: for each body the officer answers for, its items
overdue and due soon (rule ``recommendation.due_soon_warning``), each linking to the body's inbox so filtered."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from danvan.core.compiled import count_rows
from danvan.core.todo import TodoItem, register
from danvan.democracy.access import answering_orgs
from danvan.democracy.models import Recommendation, RecommendationStatus
from danvan.democracy.recommendation_sweep import due_soon_limit


@register
def recommendation_todo(user: Any) -> list[TodoItem]:
    orgs = answering_orgs(user)
    if not orgs:
        return []
    today = timezone.localdate()
    soon = due_soon_limit(today)
    counts = {
        row["addressee_org"]: row
        for row in Recommendation.objects.filter(
            addressee_org__in=[org.pk for org in orgs], status=RecommendationStatus.OPEN, due_on__lte=soon
        )
        .values("addressee_org")
        .annotate(overdue=count_rows(Q(due_on__lt=today)), due_soon=count_rows(Q(due_on__gte=today)))
        .order_by()
    }
    url = reverse("democracy:recommendation_inbox")
    items: list[TodoItem] = []
    for org in orgs:
        row = counts.get(org.pk)
        if row is None:
            continue
        items.append(
            TodoItem(
                f"recommendations_overdue_{org.pk}",
                _("Kiến nghị gửi %(body)s quá hạn trả lời") % {"body": org.name},
                row["overdue"],
                f"{url}?{urlencode({'organization': str(org.pk), 'state': 'overdue'})}",
                tone="overdue",
            )
        )
        items.append(
            TodoItem(
                f"recommendations_due_soon_{org.pk}",
                _("Kiến nghị gửi %(body)s sắp đến hạn trả lời") % {"body": org.name},
                row["due_soon"],
                f"{url}?{urlencode({'organization': str(org.pk), 'state': 'due_soon'})}",
                tone="due-soon",
            )
        )
    return items
