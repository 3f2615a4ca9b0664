"""One way to show a citizen's ID and phone numbers to someone who may not read them whole (least privilege).

A viewer (of the unit, or of a mass organization) sees ``•••••••••999``; the officers and leaders who receive and
handle the petition see the whole number, and each time whole ID numbers are shown a ``core.personal_data.shown``
audit entry says who saw them, where and how many (never the numbers). Who sees what is decided in each app's
``access.py``; this module only masks and audits.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from danvan.core.audit import audit_log

MASK = "•"
KEEP = 3


def mask(value: str, keep: int = KEEP) -> str:
    """Every character but the last ``keep`` (and the spaces) replaced; a short value is masked entirely."""
    value = value or ""
    if not value:
        return ""
    shown = value[-keep:] if len(value) > keep + 2 else ""
    hidden = value[: len(value) - len(shown)]
    return "".join(ch if ch.isspace() else MASK for ch in hidden) + shown


def present(value: str, *, whole: bool) -> str:
    return value if whole else mask(value)


def audit_shown(*, actor: Any, where: str, count: int, instance: Model, unit: Any = None, **details: Any) -> None:
    """Record that ``count`` whole ID numbers were shown to ``actor`` on ``where`` (a page, an API, an export)."""
    if count <= 0 or not getattr(actor, "is_authenticated", False):
        return
    audit_log(
        actor=actor,
        action="core.personal_data.shown",
        instance=instance,
        unit=unit,
        changes={"where": where, "count": count, **details},
    )
