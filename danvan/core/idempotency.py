"""One scheme for submission keys (idempotency keys), on every page and API that creates something.

A client sends a key with a creating request (the form's hidden ``submission_key``, or the ``Idempotency-Key``
header); the same key again returns what the first request made. The stored key is a hash of the officer and the
key, so one officer's key can never return, or collide with, another officer's record.

Beside the key, the record keeps a fingerprint of the request (:func:`request_fingerprint`: a hash of what was
sent). The same key with another body is a client error, not a repeat: it is refused with 422
``idempotency_mismatch`` (:func:`check_same_request`) instead of being answered with the first record.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.utils.translation import gettext as _

from danvan.core.errors import DomainError

# Fields that carry the key itself: they are not part of what the key stands for.
KEY_FIELDS = frozenset({"submission_key"})


def submission_key(user: Any, *candidates: str | None) -> str | None:
    """The stored form of the first non-blank candidate key for ``user``; ``None`` when none was given."""
    raw = next((value.strip() for value in candidates if value and value.strip()), None)
    if raw is None:
        return None
    return hashlib.sha256(f"{getattr(user, 'pk', '')}:{raw}".encode()).hexdigest()


def request_fingerprint(*parts: Any) -> str:
    """A hash of what a creating request sent: its schema(s) (without the key fields), path ids, any value.

    Schemas are dumped in JSON mode with sorted keys, so the same content always gives the same fingerprint.
    """

    def plain(part: Any) -> Any:
        if hasattr(part, "model_dump"):
            return part.model_dump(mode="json", exclude=set(KEY_FIELDS))
        return part

    text = json.dumps([plain(part) for part in parts], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def check_same_request(stored: str | None, fingerprint: str | None) -> None:
    """Refuse a repeated key whose request differs from the first one (records made before fingerprints were
    kept have none and are taken as the same)."""
    if stored and fingerprint and stored != fingerprint:
        raise DomainError(
            "idempotency_mismatch",
            _(
                "Khóa chống gửi trùng (Idempotency-Key) này đã được dùng cho một yêu cầu có nội dung khác. "
                "Hãy dùng một khóa mới cho mỗi yêu cầu mới."
            ),
            status=422,
        )
