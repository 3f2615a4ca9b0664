"""Rate limits for what anyone may send without signing in (an opinion on a consultation, a receipt check, a
citizen's report) and for Open311 applications: the one way to say "at most N per window per client".

A fixed window counter shared by every process (``core.counters``): one row per scope and who (an IP address as
``core.middleware.client_ip`` finds it, a phone number, an API key…), counted with one upsert statement that starts
again from 1 in a new window. The count is atomic (two processes never both read N-1); the window is fixed, so a
client may send up to twice the limit across a window's edge, which is enough to stop a flood.
"""

from __future__ import annotations

import time
from typing import Any

from django.utils.translation import gettext as _

from danvan.core import counters
from danvan.core.errors import DomainError
from danvan.core.middleware import client_ip


def allow(scope: str, who: str, *, limit: int, per_seconds: int) -> bool:
    """Count one more event of ``who`` in ``scope``; whether it is still within ``limit`` per ``per_seconds``."""
    window = int(time.time() // per_seconds)
    count = counters.add(f"rate:{scope}:{per_seconds}:{who}", slot=window, expires_at=(window + 1) * per_seconds + 1)
    return count <= limit


def check(scope: str, who: str, *, limit: int, per_seconds: int) -> None:
    """``allow`` or ``DomainError("rate_limited", 429)`` with a Vietnamese message."""
    if not allow(scope, who, limit=limit, per_seconds=per_seconds):
        minutes = max(1, round(per_seconds / 60))
        raise DomainError(
            "rate_limited",
            _("Bạn đã gửi quá nhiều lần. Vui lòng thử lại sau %(minutes)s phút.") % {"minutes": minutes},
            status=429,
        )


def check_request(request: Any, scope: str, *, limit: int, per_seconds: int) -> None:
    """``check`` for the client address of ``request``."""
    check(scope, client_ip(request) or "unknown", limit=limit, per_seconds=per_seconds)
