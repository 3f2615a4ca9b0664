"""What the supervision card of the democracy entry page counts for the officer's unit."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def supervision_card_counts(context: dict[str, Any], unit: Any) -> dict[str, int]:
    """Supervisions planned and done this year in ``unit``'s subtree (empty without a unit)."""
    from danvan.democracy.supervision_views import card_counts

    request = context.get("request")
    if request is None:
        return {}
    return card_counts(request.user, unit)
