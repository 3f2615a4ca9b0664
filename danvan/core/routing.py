"""API routers, one way: one router per app, authenticated by default, public routes marked as such.

Each app exposes a single router (``danvan/<app>/api.py``: ``api_router``) made with :func:`app_router` from its
sub-routers, in the order their paths must be tried (fixed paths such as ``/cases/statistics`` before
``/cases/{id}``). ``danvan/api.py`` mounts every app router with the project's authentication, so an operation is
for signed-in officers unless it says otherwise — and the only way to say otherwise is :func:`public`, the one
place ``auth=None`` is written. ``danvan/core/tests/test_public_routes.py`` lists every operation open to everyone
and compares it with the approved list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ninja import Router

F = TypeVar("F", bound=Callable[..., Any])
PUBLIC_MARK = "_danvan_public"


def app_router(*children: Router, tags: list[str] | None = None) -> Router:
    """The one router of an app: ``children`` mounted in order (earlier paths are tried first)."""
    router = Router(tags=tags)
    for child in children:
        router.add_router("", child)
    return router


def public(route: Callable[..., Callable[[F], F]], path: str, **options: Any) -> Callable[[F], F]:
    """Declare an operation open to everyone (no sign-in, no token): ``@public(router.get, "/cases/fields", …)``
    instead of ``@router.get("/cases/fields", …)``. Only for what a citizen may read: pick-lists, public data."""

    def decorator(view: F) -> F:
        setattr(view, PUBLIC_MARK, True)
        return route(path, auth=None, **options)(view)

    return decorator


def is_marked_public(view: Callable[..., Any]) -> bool:
    return bool(getattr(view, PUBLIC_MARK, False))
