"""Security headers Django does not set itself (content security policy, permissions)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class SecurityHeadersMiddleware:
    """Add a strict content security policy: no inline scripts, no third-party hosts."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)")
        return response


class RequestContextMiddleware:
    """Remember the client IP for audit entries written while handling this request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from danvan.core.audit import current_ip

        forwarded = request.headers.get("X-Forwarded-For", "") if settings.SECURE_PROXY_SSL_HEADER else ""
        ip = forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR")
        token = current_ip.set(ip or None)
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)
