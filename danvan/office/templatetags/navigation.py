"""The back-office menu shows only what the signed-in officer may open: each entry asks the app's access.py."""

from __future__ import annotations

from typing import Any

from django import template

from danvan.accounts.access import is_unit_admin_somewhere
from danvan.office.access import can_read_audit

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_permissions(context: template.Context) -> dict[str, bool]:
    """``{% menu_permissions as can %}``: ``can.officers``, ``can.audit`` for the current user."""
    request = context.get("request")
    user: Any = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"officers": False, "audit": False}
    return {"officers": is_unit_admin_somewhere(user), "audit": can_read_audit(user)}
