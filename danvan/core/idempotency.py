"""One scheme for submission keys (idempotency keys), on every page and API that creates something.

A client sends a key with a creating request (the form's hidden ``submission_key``, or the ``Idempotency-Key``
header); the same key again returns what the first request made. The stored key is a hash of the officer and the
key, so one officer's key can never return, or collide with, another officer's record.
"""

from __future__ import annotations

import hashlib
from typing import Any


def submission_key(user: Any, *candidates: str | None) -> str | None:
    """The stored form of the first non-blank candidate key for ``user``; ``None`` when none was given."""
    raw = next((value.strip() for value in candidates if value and value.strip()), None)
    if raw is None:
        return None
    return hashlib.sha256(f"{getattr(user, 'pk', '')}:{raw}".encode()).hexdigest()
