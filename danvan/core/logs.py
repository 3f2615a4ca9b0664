"""Log records that a collector can read: the request id of the request (or task) a record was written in, and
``DANVAN_LOG_FORMAT=json`` — one JSON object per line.

The request id comes from :class:`danvan.core.middleware.RequestContextMiddleware`, which takes a sane incoming
``X-Request-ID`` (from nginx or a load balancer) or makes one, and returns it in the response's ``X-Request-ID``.
Code outside a request (a task, a command) may set its own with :func:`request_id_context`.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

current_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("danvan_request_id", default=None)

# Letters, digits and a few separators, up to 128 characters: enough for a UUID, nginx's $request_id or a trace
# id, never a line break or a quote that could forge a log line.
_SANE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}")
_STANDARD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def new_request_id() -> str:
    return uuid.uuid4().hex


def sane_request_id(value: str | None) -> str | None:
    """``value`` when it is a sane request id to carry on, else None (a new one is made instead)."""
    if value and _SANE_ID.fullmatch(value):
        return value
    return None


@contextmanager
def request_id_context(request_id: str | None = None) -> Iterator[str]:
    """Run a block (a task, a command) under ``request_id`` (a new one by default): its log lines carry it."""
    value = sane_request_id(request_id) or new_request_id()
    token = current_request_id.set(value)
    try:
        yield value
    finally:
        current_request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Put ``request_id`` on every record ("-" outside a request), for both formats."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = current_request_id.get() or "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (ISO 8601, UTC), level, logger, message, request_id, and ``exc_info`` (the
    formatted traceback) when the record has one; extra attributes passed with ``extra=`` are kept."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or current_request_id.get(),
        }
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exc_info"] = record.exc_text
        if record.stack_info:
            entry["stack_info"] = self.formatStack(record.stack_info)
        for name, value in vars(record).items():
            if name not in _STANDARD_ATTRIBUTES and name not in entry and not name.startswith("_"):
                entry[name] = value
        return json.dumps(entry, ensure_ascii=False, default=str)
