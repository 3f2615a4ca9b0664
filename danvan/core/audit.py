"""The audit trail: one append-only entry per change or confidential read.

Services call :func:`audit_log` inside their transaction, so an entry exists
exactly when the change committed. The client IP comes from the request
context set by :class:`danvan.core.middleware.RequestContextMiddleware`.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import models

from danvan.core import compiled
from danvan.core.models import AdministrativeUnit, AuditEntry

current_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("danvan_current_ip", default=None)


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (dt.date, dt.datetime, Decimal)):
        return str(value)
    return value


def changes_between(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{"field": [old, new]}`` for the fields whose value changed."""
    return {
        name: [_jsonable(before.get(name)), _jsonable(value)]
        for name, value in after.items()
        if before.get(name) != value
    }


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of ``fields`` of ``instance``, for a later :func:`changes_between`."""
    return {name: getattr(instance, name) for name in fields}


def audit_log(
    *,
    actor: Any,
    action: str,
    instance: models.Model,
    unit: AdministrativeUnit | None = None,
    changes: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Append an audit entry for ``action`` (a dotted code like ``core.unit.created``) on ``instance``."""
    actor_id = getattr(actor, "pk", None) if actor is not None and getattr(actor, "is_authenticated", False) else None
    return compiled.insert(  # every change writes one: its INSERT compiled once
        AuditEntry(
            actor_id=actor_id,
            action=action,
            object_type=instance._meta.label_lower,
            object_id=str(instance.pk),
            object_repr=str(instance)[:300],
            unit=unit,
            unit_path=unit.path if unit else "",
            changes={key: _jsonable(value) for key, value in (changes or {}).items()},
            ip_address=current_ip.get(),
        )
    )
