"""What the meetings card of the democracy entry page counts for the officer's unit."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def meeting_card_counts(context: dict[str, Any], unit: Any) -> dict[str, int]:
    """Meetings ahead, items still to answer and items overdue, in ``unit``'s subtree (empty without a unit)."""
    from danvan.democracy.meeting_views import upcoming_for

    request = context.get("request")
    if request is None:
        return {}
    return upcoming_for(request.user, unit)
