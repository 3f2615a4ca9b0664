"""The kinds of background job: each app registers its own in its ``jobs.py`` (found by ``JobsConfig.ready``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from danvan.jobs.models import Job

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class JobResult:
    """What a job leaves: a file to download (``content``), a line to show (``message``), or both."""

    content: bytes | None = None
    filename: str = ""
    content_type: str = "application/octet-stream"
    message: str = ""


Handler = Callable[["Job", Progress], JobResult]
KINDS: dict[str, Handler] = {}


def register(kind: str) -> Callable[[Handler], Handler]:
    def decorate(handler: Handler) -> Handler:
        if kind in KINDS and KINDS[kind] is not handler:
            raise ValueError(f"job kind {kind!r} registered twice")
        KINDS[kind] = handler
        return handler

    return decorate
