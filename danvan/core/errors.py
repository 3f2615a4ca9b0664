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
        field: str | None = None,
    ) -> None:
        """``fields`` names each field at fault with its own problems; ``field`` names the one field the whole
        refusal is about, whose problem is ``message`` itself — what a form shows beside that field and the API
        under ``fields``, never a bare "Không hợp lệ." that leaves the user guessing what is wrong with it."""
        super().__init__(str(message))
        self.code = code
        self.message = message
        if field is not None:
            fields = {field: [str(message)], **(fields or {})}
        self.fields = fields
        if status is not None:
            self.status = status


class ConflictError(DomainError):
    """Someone else changed the record first (optimistic concurrency) or a state no longer allows it."""

    status = 409
