"""The GeoReport v2 endpoints at ``/open311/v2/`` (JSON and XML, UTF-8, ISO-8601 times with +07:00).

Reading is open to everyone (public fields only); ``POST requests`` needs an ``api_key`` issued in the back office
(``officer_views.py``). Every refusal is answered in Open311's error format with a Vietnamese description.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from danvan.core.errors import DomainError
from danvan.core.storage import stored_file_response
from danvan.open311 import render, services

View = Callable[..., HttpResponse]
# Open311 clients know 400, 403, 404 and 429 (and 5xx); a refused body (422, 409 in danvan's API) is a 400 here.
KEPT_STATUSES = frozenset({400, 403, 404, 405, 429})
CHANGESET = "2026-12-04T00:00:00+07:00"


def open311_view(methods: tuple[str, ...] = ("GET",)) -> Callable[[View], View]:
    """Answer ``DomainError`` (and a method not offered) in Open311's error format; check ``jurisdiction_id``."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, response_format: str = "json", **kwargs: Any) -> HttpResponse:
            if request.method not in methods:
                response = render.error_response(
                    response_format,
                    405,
                    _("Phương thức %(method)s không được hỗ trợ ở địa chỉ này.")
                    % {"method": (request.method or "")[:10]},
                )
                response["Allow"] = ", ".join(methods)
                return response
            try:
                services.check_jurisdiction(request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id"))
                return view(request, *args, response_format=response_format, **kwargs)
            except DomainError as error:
                status = error.status if error.status in KEPT_STATUSES else 400
                # The refusal's message first, then every other problem of the body (each field's).
                fields = [str(m) for messages in (error.fields or {}).values() for m in messages]
                problems = list(dict.fromkeys([str(error.message), *fields]))
                return render.error_response(response_format, status, problems)
            except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent):
                return render.error_response(
                    response_format, 400, _("Dữ liệu gửi lên quá lớn hoặc có quá nhiều trường, quá nhiều tệp.")
                )

        return wrapped

    return decorator


def _rows(request: HttpRequest, rows: list[Any]) -> list[dict[str, Any]]:
    writer = services.RowWriter()
    media = request.build_absolute_uri(
        reverse("open311:media", kwargs={"service_request_id": "X", "open311_photo_id": 0})
    )
    prefix = media.removesuffix("X/0")
    answer = []
    for row in rows:
        photo_id = row["first_photo"]
        answer.append(writer.row(row, f"{prefix}{row['code']}/{photo_id}" if photo_id else None))
    return answer


@open311_view()
def discovery(request: HttpRequest, response_format: str) -> HttpResponse:
    base = request.build_absolute_uri(reverse("open311:services", kwargs={"response_format": "json"}))
    base = base.rsplit("/", 1)[0]
    data = {
        "changeset": CHANGESET,
        "contact": str(getattr(settings, "OPEN311_CONTACT", "") or _("Quản trị hệ thống danvan")),
        "key_service": _(
            "Khóa API (api_key) để gửi phản ánh do quản trị hệ thống cấp cho nhà phát triển ứng dụng; "
            "đọc dữ liệu không cần khóa."
        ),
        "endpoints": [
            {
                "specification": services.SPECIFICATION,
                "url": base,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return render.respond(response_format, "discovery", data)


@open311_view()
def service_list(request: HttpRequest, response_format: str) -> HttpResponse:
    rows = [services.service_row(category) for category in services.service_categories()]
    return render.respond(response_format, "services", rows)


@open311_view()
def service_definition(request: HttpRequest, service_code: str, response_format: str) -> HttpResponse:
    return render.respond(response_format, "service_definition", services.service_definition(service_code))


@csrf_exempt
@open311_view(methods=("GET", "POST"))
def requests(request: HttpRequest, response_format: str) -> HttpResponse:
    if request.method == "POST":
        key = services.key_authenticate(request.POST.get("api_key") or request.GET.get("api_key"))
        filed = services.request_submit(
            key=key,
            form=request.POST,
            photos=request.FILES.getlist("media"),
            idempotency_key=request.headers.get("Idempotency-Key"),
        )
        return render.respond(response_format, "service_requests", [services.post_row(filed)])
    reports = services.requests_query(request.GET)
    return render.respond(response_format, "service_requests", _rows(request, reports))


@open311_view()
def request_detail(request: HttpRequest, service_request_id: str, response_format: str) -> HttpResponse:
    row = services.request_one(service_request_id)
    return render.respond(response_format, "service_requests", _rows(request, [row]))


@open311_view()
def token(request: HttpRequest, open311_token: str, response_format: str) -> HttpResponse:
    """We give the id at once (no queue): a token is the id it stands for."""
    row = services.request_one(open311_token)
    rows = [{"service_request_id": row["code"], "token": open311_token}]
    return render.respond(response_format, "service_requests", rows)


def media(request: HttpRequest, service_request_id: str, open311_photo_id: int) -> FileResponse:
    """A public photo of a request (``media_url``): re-encoded and stripped of metadata when it was stored."""
    photo = services.public_photo(service_request_id, open311_photo_id)
    if photo is None:
        raise Http404
    try:
        response = stored_file_response(photo.attachment.file, content_type=photo.attachment.content_type)
    except FileNotFoundError as error:
        raise Http404 from error
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=300"
    return response
