"""Errors a service raises for the user: a code, a Vietnamese message, an HTTP status."""

from __future__ import annotations

from django.utils.functional import Promise


class DomainError(Exception):
    """A refusal with a clear message; pages show ``message``, the API returns ``{"code","message"}``."""

    status = 400

    def __init__(
        self,
        code: str,
        message: str | Promise,
        *,
        status: int | None = None,
        fields: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.fields = fields
        if status is not None:
            self.status = status


class ConflictError(DomainError):
    """Someone else changed the record first (optimistic concurrency) or a state no longer allows it."""

    status = 409
