"""A self-hosted proof-of-work CAPTCHA, compatible with ALTCHA's challenge format (no third party, no cookie).

The server makes a challenge: a random ``salt`` (carrying its expiry, ``?expires=<unix time>``), a secret number
``n`` below ``maxnumber``, ``challenge = SHA-256(salt + str(n))`` and ``signature = HMAC-SHA256(key, challenge)``.
The browser tries numbers until one hashes to the challenge (a few hundred milliseconds on a phone) and sends back
``base64(JSON{algorithm, challenge, number, salt, signature})``. :func:`verify` checks the signature (the challenge
is ours), the expiry, the number, and that the challenge was not used before (single use, in the shared cache).

A flood then costs the sender CPU for every report while costing us one hash; rate limits (core.ratelimit) do the
rest.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from danvan.core.errors import DomainError

ALGORITHM = "SHA-256"
DEFAULT_MAX_NUMBER = 50_000
DEFAULT_TTL_SECONDS = 20 * 60


def _key() -> bytes:
    return hashlib.sha256(b"danvan-proof-of-work:" + settings.SECRET_KEY.encode()).digest()


def max_number() -> int:
    return int(getattr(settings, "PROOF_OF_WORK_MAX_NUMBER", DEFAULT_MAX_NUMBER))


def _sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _sign(challenge: str) -> str:
    return hmac.new(_key(), challenge.encode(), hashlib.sha256).hexdigest()


def create_challenge(*, ttl_seconds: int = DEFAULT_TTL_SECONDS, now: float | None = None) -> dict[str, Any]:
    """A new challenge as ALTCHA's widget reads it: algorithm, challenge, maxnumber, salt, signature."""
    expires = int((now if now is not None else time.time()) + ttl_seconds)
    salt = f"{secrets.token_hex(12)}?expires={expires}"
    limit = max_number()
    number = secrets.randbelow(limit + 1)
    challenge = _sha256_hex(salt + str(number))
    return {
        "algorithm": ALGORITHM,
        "challenge": challenge,
        "maxnumber": limit,
        "salt": salt,
        "signature": _sign(challenge),
    }


def solve(challenge: dict[str, Any]) -> str:
    """The payload a browser would send for ``challenge`` (for tests and API clients written in Python)."""
    for number in range(int(challenge["maxnumber"]) + 1):
        if _sha256_hex(challenge["salt"] + str(number)) == challenge["challenge"]:
            payload = {
                "algorithm": ALGORITHM,
                "challenge": challenge["challenge"],
                "number": number,
                "salt": challenge["salt"],
                "signature": challenge["signature"],
            }
            return base64.b64encode(json.dumps(payload).encode()).decode()
    raise ValueError("no solution")


def _refused(code: str, message: str) -> DomainError:
    return DomainError(code, message, fields={"altcha": [message]}, status=422)


def _decode(payload: str) -> dict[str, Any]:
    try:
        data = json.loads(base64.b64decode((payload or "").strip(), validate=False).decode())
    except (ValueError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict):
        raise _refused("proof_of_work_missing", _("Hãy chờ trang xác minh bạn không phải máy tự động rồi gửi lại."))
    return data


def verify(payload: str, *, now: float | None = None) -> None:
    """Accept a solved challenge once; ``DomainError`` 422 (``proof_of_work_invalid``/``…_expired``/``…_used``)."""
    data = _decode(payload)
    challenge, salt, signature = (str(data.get(name) or "") for name in ("challenge", "salt", "signature"))
    number = data.get("number")
    invalid = _refused(
        "proof_of_work_invalid", _("Xác minh chống gửi tự động không đúng. Hãy tải lại trang và gửi lại.")
    )
    if data.get("algorithm") != ALGORITHM or not isinstance(number, int) or isinstance(number, bool):
        raise invalid
    if not hmac.compare_digest(_sign(challenge), signature) or _sha256_hex(salt + str(number)) != challenge:
        raise invalid
    expires_text = salt.partition("?expires=")[2]
    try:
        expires = int(expires_text)
    except ValueError:
        raise invalid from None
    current = now if now is not None else time.time()
    if current > expires:
        raise _refused("proof_of_work_expired", _("Phiên xác minh đã hết hạn. Hãy tải lại trang và gửi lại."))
    if not cache.add(f"danvan:pow:{challenge}", 1, timeout=max(1, int(expires - current) + 1)):
        raise _refused("proof_of_work_used", _("Xác minh này đã được dùng. Hãy tải lại trang để gửi phản ánh mới."))
