"""What every write of the democracy app shares: field errors, version checks, model validation, clean text, and
idempotent creation by submission key (a create repeated with its key returns the first record; the same key with
a different request is refused by ``core.idempotency.check_same_request``)."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.errors import ConflictError, DomainError
from danvan.core.idempotency import check_same_request
from danvan.core.text import has_nul

RecordT = TypeVar("RecordT", bound=models.Model)


def today() -> dt.date:
    return timezone.localdate()


def invalid(code: str, message: str, field: str) -> DomainError:
    """A 422 error that names the field it belongs to (forms show it beside the field)."""
    return DomainError(code, message, status=422, fields={field: [message]})


def check_version(record: models.Model, expected_version: int | None) -> None:
    """409 ``stale`` when the record changed since the officer loaded it."""
    if expected_version is not None and getattr(record, "version", None) != expected_version:
        raise ConflictError("stale", _("Bản ghi đã được người khác cập nhật. Vui lòng tải lại trang và thử lại."))


def full_clean(record: models.Model, exclude: list[str] | None = None) -> None:
    """The model's own validation, as a 422 with the messages per field."""
    try:
        record.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as error:
        fields = {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}
        first = next(iter(fields.values()))[0]
        raise DomainError("invalid", first, status=422, fields=fields) from error


def clean_text(value: str | None, field: str) -> str:
    """The text stripped; refused when it carries a NUL character."""
    if has_nul(value):
        raise invalid("invalid_text", _("Không được chứa ký tự NUL."), field)
    return (value or "").strip()


def existing_submission(
    model: type[RecordT], submission_key: str | None, submission_fingerprint: str
) -> RecordT | None:
    """The record already created with ``submission_key`` (after checking it was the same request), or None."""
    if not submission_key:
        return None
    found = model._default_manager.filter(submission_key=submission_key).first()
    if found is not None:
        check_same_request(found.submission_fingerprint, submission_fingerprint)  # type: ignore[attr-defined]
    return found


def save_new(record: RecordT, submission_fingerprint: str) -> RecordT | None:
    """Save a new ``record``; the record already saved with its key when a twin request won the race."""
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        key: Any = getattr(record, "submission_key", None)
        model = type(record)
        if key and model._default_manager.filter(submission_key=key).exists():
            found = model._default_manager.get(submission_key=key)
            check_same_request(found.submission_fingerprint, submission_fingerprint)  # type: ignore[attr-defined]
            return found
        raise
    return None
