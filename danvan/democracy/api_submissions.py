"""The one way a democracy API create reads its ``Idempotency-Key``: the stored key, the request's fingerprint and
the record a first request with the same key already made (after checking it sent the same thing; 409
``idempotency_mismatch`` otherwise). Views then answer 200 with that record, or create with the key and
fingerprint and answer 201.

    submission = api_submission(request, Household, "democracy.household", payload)
    if submission.existing is not None:
        return Status(200, out(submission.existing))
    household = household_add(..., submission_key=submission.key, submission_fingerprint=submission.fingerprint)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import models
from django.http import HttpRequest

from danvan.core.idempotency import check_same_request, request_fingerprint, submission_key

RecordT = TypeVar("RecordT", bound=models.Model)

# An Idempotency-Key longer than this is cut (it is hashed with the officer's id before it is stored).
MAX_KEY_LENGTH = 200


@dataclass(frozen=True)
class Submission(Generic[RecordT]):
    key: str | None
    fingerprint: str
    existing: RecordT | None


def idempotency_key(request: HttpRequest) -> str | None:
    """The officer's stored form of the request's ``Idempotency-Key`` header; None without one."""
    return submission_key(request.user, (request.headers.get("Idempotency-Key") or "").strip()[:MAX_KEY_LENGTH])


def api_submission(
    request: HttpRequest, model: type[RecordT], scope: str, *parts: Any, within: dict[str, Any] | None = None
) -> Submission[RecordT]:
    """The key and fingerprint of a creating request (``scope`` and ``parts``: what it sent), and the ``model``
    record a first request with the key made (restricted by ``within``, e.g. the parent record), if any."""
    key = idempotency_key(request)
    fingerprint = request_fingerprint(scope, *parts)
    existing = None
    if key:
        existing = model._default_manager.filter(submission_key=key, **(within or {})).first()
        if existing is not None:
            check_same_request(existing.submission_fingerprint, fingerprint)  # type: ignore[attr-defined]
    return Submission(key=key, fingerprint=fingerprint, existing=existing)
