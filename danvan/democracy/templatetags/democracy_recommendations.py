"""What the recommendations card of the democracy entry page counts: the officer's first body's inbox."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def recommendation_card_counts(context: dict[str, Any]) -> dict[str, Any]:
    """The first body the officer answers for, with its open, overdue and due-soon items (empty without one)."""
    from django.utils import timezone

    from danvan.democracy.access import answering_orgs
    from danvan.democracy.models import Recommendation, RecommendationStatus
    from danvan.democracy.recommendation_sweep import due_soon_limit

    request = context.get("request")
    if request is None:
        return {}
    orgs = answering_orgs(request.user)
    if not orgs:
        return {}
    org = orgs[0]
    today = timezone.localdate()
    waiting = Recommendation.objects.filter(addressee_org=org, status=RecommendationStatus.OPEN)
    return {
        "org": org,
        "open": waiting.count(),
        "overdue": waiting.filter(due_on__lt=today).count(),
        "due_soon": waiting.filter(due_on__gte=today, due_on__lte=due_soon_limit(today)).count(),
    }
