"""What the boards card of the democracy entry page counts for the officer's unit."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def board_card_counts(context: dict[str, Any], unit: Any) -> dict[str, int]:
    """Boards at work by kind, projects under way and checks or supervisions ahead in ``unit``'s subtree."""
    from danvan.democracy.board_views import board_card_counts as counts

    request = context.get("request")
    if request is None:
        return {}
    return counts(request.user, unit)
