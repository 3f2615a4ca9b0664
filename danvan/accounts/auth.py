"""API authentication: personal bearer tokens, or the browser session (with its CSRF check).

A token stands for its officer until it is revoked or the officer is disabled
(disabling revokes every token too, see ``services.officer_set_active``). Only
the SHA-256 of a token is stored, so the lookup is by hash.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth

from danvan.accounts.access import may_use_api_token
from danvan.accounts.middleware import second_factor_missing
from danvan.accounts.models import ApiToken, Officer
from danvan.accounts.services import token_hash
from danvan.core import compiled
from danvan.core.compiled import text_slot

# Writing last_used_at on every call would turn each read into a write; a minute is precise enough.
LAST_USED_PRECISION = dt.timedelta(minutes=1)
MAX_TOKEN_LENGTH = 200


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <secret>`` with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Officer | None:
        token = token.strip()
        if not token or len(token) > MAX_TOKEN_LENGTH:
            return None
        api_token = _live_token(token_hash(token))
        if api_token is None or not may_use_api_token(api_token.officer):
            return None
        now = timezone.now()
        if api_token.last_used_at is None or api_token.last_used_at < now - LAST_USED_PRECISION:
            # Conditional, so that concurrent requests write it once.
            ApiToken.objects.filter(pk=api_token.pk).filter(
                Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_PRECISION)
            ).update(last_used_at=now)
        request.user = api_token.officer
        return api_token.officer


def _live_token(key_hash: str) -> ApiToken | None:
    """The unrevoked token of an active officer with this hash, its officer joined — compiled once
    (``core.compiled``): this look-up starts every API call, and building it cost the ORM more than its answer."""
    found = compiled.instances(
        ApiToken,
        "accounts.live_token",
        lambda: (
            ApiToken.objects.select_related("officer")
            .filter(key_hash=text_slot("key_hash"), revoked_at__isnull=True, officer__is_active=True)
            .order_by("pk")[:1]
        ),
        {"key_hash": key_hash},
    )
    return found[0] if found else None


class TwoFactorSessionAuth(SessionAuth):
    """Django's session, CSRF-checked; an administrator's session counts only once two-factor verified."""

    def _get_key(self, request: HttpRequest) -> str | None:
        # Without a session cookie there is nothing to protect from CSRF: answer 401, not 403.
        if self.param_name not in request.COOKIES:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is None or second_factor_missing(user):
            return None
        return user


token_auth = TokenAuth()
session_auth = TwoFactorSessionAuth()
api_auth = [token_auth, session_auth]


def access_own_api_token(user: Any, token_id: int) -> ApiToken:
    """One of the officer's own API tokens, or ``Http404`` (also for another officer's token)."""
    api_token = ApiToken.objects.filter(pk=token_id, officer_id=user.pk).first()
    if api_token is None:
        raise Http404
    return api_token


def request_officer(request: HttpRequest) -> Officer:
    """The officer behind a request that passed ``api_auth`` or ``login_required``."""
    user = request.user
    if not isinstance(user, Officer):
        raise PermissionDenied
    return user
