"""Security headers Django does not set itself (content security policy, permissions), the client's address
behind a reverse proxy, and 404 pages that never list the URLconf."""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from ipware import get_client_ip

from danvan.core.logs import current_request_id, new_request_id, sane_request_id
from danvan.core.text import holds_nul

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _trusted_networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request: HttpRequest) -> str | None:
    """The address of the client that sent ``request``: the one helper of the login lockout (django-axes,
    ``AXES_CLIENT_IP_CALLABLE``) and of the audit log.

    Without trusted proxies (``DANVAN_TRUSTED_PROXIES``, the default) it is ``REMOTE_ADDR``: an
    ``X-Forwarded-For`` header sent by anyone changes nothing. When the connection comes from a trusted proxy,
    each proxy appended the address it saw to ``X-Forwarded-For``; the client is the right-most address there
    that is not itself a trusted proxy (anything to its left was written by the client and is not believed).
    django-ipware reads that position from the header.
    """
    remote = str(request.META.get("REMOTE_ADDR") or "") or None
    networks = _trusted_networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or remote is None or not _is_trusted(remote, networks):
        return remote
    hops = [hop.strip() for hop in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if hop.strip()]
    proxies = 0
    while proxies < len(hops) - 1 and _is_trusted(hops[len(hops) - 1 - proxies], networks):
        proxies += 1
    if not hops:
        return remote
    ip, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    return ip or remote


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
    """Remember the client IP for audit entries written while handling this request, and give the request an id.

    The id is a sane incoming ``X-Request-ID`` (set by nginx or a load balancer, so one id follows the request
    across nodes) or a new one; it is ``request.request_id``, on every log line written meanwhile
    (danvan.core.logs), told to the error-reporting hook, and returned in the response's ``X-Request-ID``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from danvan.core.audit import current_ip

        request_id = sane_request_id(request.headers.get("X-Request-ID")) or new_request_id()
        request.request_id = request_id  # type: ignore[attr-defined]
        ip_token = current_ip.set(client_ip(request))
        id_token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(id_token)
            current_ip.reset(ip_token)
        response.headers["X-Request-ID"] = request_id
        return response


def _json_body_holds_nul(request: HttpRequest) -> bool:
    """Whether an API request's JSON body holds a NUL character in any key or value (nested)."""
    if request.method not in ("POST", "PUT", "PATCH") or "json" not in (request.content_type or ""):
        return False
    try:
        body = request.body
    except Exception:  # too large, unreadable: the API answers that itself (413, 400)
        return False
    if b"\\u0000" not in body and b"\x00" not in body:
        return False
    try:
        return holds_nul(json.loads(body))
    except ValueError:
        return b"\x00" in body


class RejectNulMiddleware:
    """Refuse NUL characters in the address, the query string or an API request's JSON body (any field, nested):
    PostgreSQL cannot store or compare them (a 500 otherwise) and they hide text from readers. Page forms refuse
    them through Django's CharField; API form fields through the API's parser (danvan.api.CleanParser)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/") and _json_body_holds_nul(request):
            message = _("Dữ liệu gửi lên chứa ký tự NUL, không được chấp nhận.")
            return JsonResponse(
                {"code": "invalid_input", "message": message}, status=422, json_dumps_params={"ensure_ascii": False}
            )
        if "\x00" in request.path or any("\x00" in value for values in request.GET.lists() for value in values[1]):
            message = _("Địa chỉ chứa ký tự không hợp lệ.")
            if request.path.startswith("/api/"):
                return JsonResponse({"code": "invalid_input", "message": message}, status=400)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class NotFoundMiddleware:
    """A 404 never lists the URLconf, even with DEBUG on: Django's debug 404 page (which names every route of the
    site) is replaced by the site's own page, and an unknown API address (404) or method (405) answers
    ``{"code","message"}``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code == 405
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            body = {
                "code": "method_not_allowed",
                "message": _("Địa chỉ này không nhận phương thức %(method)s.") % {"method": request.method},
            }
            allowed = JsonResponse(body, status=405, json_dumps_params={"ensure_ascii": False})
            if response.has_header("Allow"):
                allowed["Allow"] = response["Allow"]
            return allowed
        if response.status_code != 404 or "text/html" not in response.get("Content-Type", ""):
            return response
        if request.path.startswith("/api/"):
            body = {"code": "not_found", "message": _("Không tìm thấy.")}
            return JsonResponse(body, status=404, json_dumps_params={"ensure_ascii": False})
        if settings.DEBUG and not getattr(response, "streaming", False) and b"URLconf" in response.content:
            return render(request, "404.html", status=404)
        return response
