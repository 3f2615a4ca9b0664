"""Who may do what with Open311: reading is public; API keys are the system administrators'."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from danvan.accounts.access import is_system_admin
from danvan.open311.models import ApiKey


def can_manage_keys(user: Any) -> bool:
    """Issue, list and revoke the application developers' API keys: system administrators only."""
    return is_system_admin(user)


def require_key_manager(user: Any) -> None:
    if not can_manage_keys(user):
        raise Http404


def access_key(user: Any, key_id: int) -> ApiKey:
    """The key, for a system administrator; ``Http404`` otherwise (and for a key that does not exist)."""
    require_key_manager(user)
    key = ApiKey.objects.filter(pk=key_id).first()
    if key is None:
        raise Http404
    return key
