"""Security headers Django does not set itself (content security policy, permissions)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse


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


class RejectNulMiddleware:
    """Refuse a query string holding NUL characters: PostgreSQL cannot store or compare them (a 500 otherwise)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any("\x00" in value for values in request.GET.lists() for value in values[1]):
            from django.utils.translation import gettext as _

            message = _("Địa chỉ chứa ký tự không hợp lệ.")
            if request.path.startswith("/api/"):
                return JsonResponse({"code": "invalid_input", "message": message}, status=400)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
