"""Rate limits for what anyone may send without signing in (an opinion on a consultation, a receipt check, a
citizen's report): the one way to say "at most N per window per client".

A fixed window counter in the shared cache (``settings.CACHES``): key = scope, who (an IP address as
``core.middleware.client_ip`` finds it, a phone number…) and the window's number. Counting is approximate under a
race (two processes may both read N-1), which is enough to stop a flood; it is not an accounting device.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.cache import cache
from django.utils.translation import gettext as _

from danvan.core.errors import DomainError
from danvan.core.middleware import client_ip


def allow(scope: str, who: str, *, limit: int, per_seconds: int) -> bool:
    """Count one more event of ``who`` in ``scope``; whether it is still within ``limit`` per ``per_seconds``."""
    window = int(time.time() // per_seconds)
    key = f"danvan:rate:{scope}:{who}:{window}"
    if cache.add(key, 1, timeout=per_seconds + 1):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=per_seconds + 1)
        return True
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
