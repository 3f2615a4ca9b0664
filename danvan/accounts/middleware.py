"""Two-factor enforcement for administrators.

Two-factor authentication is optional for officers and required for
administrators (superusers, unit and system administrators): their accounts
reach every officer and record of a unit subtree, so a leaked password alone
must not be enough. An administrator whose session is not verified with a TOTP
code is sent to set up a device (none yet) or to enter a code (has one).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_otp import user_has_device

from danvan.accounts.access import ADMINISTRATOR_ROLES, is_administrator

__all__ = ["ADMINISTRATOR_ROLES", "TwoFactorRequiredMiddleware", "is_administrator", "second_factor_missing"]

# Pages an unverified administrator may still open: signing in and out, the
# two-factor steps themselves, the public portal, the health check, the language
# switch and the API (which authenticates with tokens, or with a session this
# module already guards, see danvan.accounts.auth).
EXEMPT_VIEW_NAMES = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:twofactor_setup",
        "accounts:twofactor_verify",
        "healthz",
        "set_language",
    }
)
EXEMPT_NAMESPACES = frozenset({"portal", "api"})


def is_verified(user: Any) -> bool:
    """Whether this session was confirmed with a second factor (set by django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def second_factor_missing(user: Any) -> bool:
    """An administrator signed in with a password only."""
    return bool(getattr(user, "is_authenticated", False)) and not is_verified(user) and is_administrator(user)


class TwoFactorRequiredMiddleware:
    """Send administrators without a verified second factor to the two-factor pages.

    Runs in ``process_view`` so that the resolved URL name decides what is
    exempt. Costs no query for verified sessions and one (the memberships,
    cached on the user for the rest of the request) for the others.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or match.view_name in EXEMPT_VIEW_NAMES or EXEMPT_NAMESPACES.intersection(match.namespaces):
            return None
        if request.path_info.startswith(settings.STATIC_URL):
            return None
        user = request.user
        if not second_factor_missing(user):
            return None
        step = "accounts:twofactor_verify" if user_has_device(user, confirmed=True) else "accounts:twofactor_setup"
        url = reverse(step)
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(url)
