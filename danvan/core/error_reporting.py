"""The error-reporting hook: ``DANVAN_ERROR_HOOK`` names a callable told of every unhandled error.

``hook(exception, context)`` is called for an unhandled error in a page or the API (Django's
``got_request_exception``, connected in :class:`danvan.core.apps.CoreConfig`; ``context`` holds the request) and in a
task or command that runs its work inside :func:`reporting_errors`. The hook is the place to send errors to
Sentry, GlitchTip or a chat room; danvan ships none and needs none. A hook that fails (cannot be imported, raises)
is logged and never breaks the request or the task: the original error is handled exactly as without a hook.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.module_loading import import_string

from danvan.core.logs import current_request_id

logger = logging.getLogger("danvan.errors")

ErrorHook = Callable[[BaseException, Mapping[str, Any]], object]


def _hook() -> ErrorHook | None:
    path = getattr(settings, "ERROR_HOOK", "") or ""
    if not path:
        return None
    return import_string(path)


def report_error(exception: BaseException, context: Mapping[str, Any] | None = None) -> None:
    """Tell the configured hook about ``exception``; never raises."""
    details = {"request_id": current_request_id.get(), **(context or {})}
    try:
        hook = _hook()
        if hook is not None:
            hook(exception, details)
    except Exception:
        logger.exception("the error-reporting hook %r failed", getattr(settings, "ERROR_HOOK", ""))


def on_request_exception(sender: object, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """Receiver of Django's ``got_request_exception``: the error being handled is ``sys.exc_info()``."""
    exception = sys.exc_info()[1]
    if exception is None:
        return
    context: dict[str, Any] = {"kind": "request"}
    if request is not None:
        context.update(request=request, method=request.method, path=request.path)
    report_error(exception, context)


@contextmanager
def reporting_errors(kind: str, **context: Any) -> Iterator[None]:
    """Report an error escaping the block (a task, a command) to the hook, then let it propagate unchanged."""
    try:
        yield
    except Exception as error:
        report_error(error, {"kind": kind, **context})
        raise
