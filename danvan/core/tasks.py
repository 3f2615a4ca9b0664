"""The one way to declare a background task: ``@task()`` from here, not from ``django_tasks``.

It is django-tasks' decorator around a function that runs under its own request id (every log line the task writes
carries it, as a request's lines do) and inside :func:`danvan.core.error_reporting.reporting_errors`: an unhandled
error reaches ``DANVAN_ERROR_HOOK`` with the task's name and id, then fails the task as before.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from django_tasks import task as django_task

from danvan.core.error_reporting import reporting_errors
from danvan.core.logs import new_request_id, request_id_context

P = ParamSpec("P")
T = TypeVar("T")


def reported(function: Callable[P, T]) -> Callable[P, T]:
    """``function`` run under a fresh request id (``task-…``) with its unhandled errors told to the hook."""
    name = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        with request_id_context(f"task-{new_request_id()}"), reporting_errors("task", task=name):
            return function(*args, **kwargs)

    return run


def task(**options: Any) -> Callable[[Callable[P, T]], Any]:
    """``django_tasks.task(**options)`` of the reported function (same module path: the queue finds it by name)."""

    def decorate(function: Callable[P, T]) -> Any:
        return django_task(**options)(reported(function))

    return decorate
