"""The dashboard's to-do list: each app registers what an officer has to do in it (core imports no other app).

A provider is called with the signed-in user and returns :class:`TodoItem` rows: a sentence, how many, and the
link to the list filtered to exactly those records. Items with nothing to do are left out by :func:`todo_for`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TodoItem:
    key: str  # stable identifier, for tests and ``data-todo`` attributes
    label: str
    count: int
    url: str
    tone: str = ""  # "overdue", "due-soon" or "" (a badge colour)


Provider = Callable[[Any], list[TodoItem]]
_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add ``provider`` (usable as a decorator); registering the same function twice keeps one."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def todo_for(user: Any) -> list[TodoItem]:
    """What the officer has to do, across every app, in registration order; only items with a count."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [item for provider in _PROVIDERS for item in provider(user) if item.count > 0]
