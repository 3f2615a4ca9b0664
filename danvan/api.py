"""The single django-ninja API at /api/v1; each app adds its Router.

Every error is ``{"code", "message", "fields"?}`` with a Vietnamese message,
so clients can show it as it is and branch on ``code``.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from danvan.core.error_reporting import report_error
from danvan.core.errors import DomainError
from danvan.core.text import holds_nul
from danvan.office.access import UnitNotChosen

logger = logging.getLogger(__name__)


def _nul_refused() -> DomainError:
    return DomainError("invalid_input", _("Dữ liệu gửi lên chứa ký tự NUL, không được chấp nhận."), status=422)


class CleanParser(Parser):
    """Ninja's form parser, refusing NUL characters in any multipart or urlencoded field of every operation
    (JSON bodies are checked by ``core.middleware.RejectNulMiddleware``: ninja turns any error raised while
    parsing a JSON body into a bare 400)."""

    def parse_querydict(self, data: MultiValueDict, list_fields: list[str], request: HttpRequest) -> dict[str, Any]:
        parsed = super().parse_querydict(data, list_fields, request)
        if holds_nul(parsed):
            raise _nul_refused()
        return parsed


api = NinjaAPI(
    title="danvan API",
    version="1",
    description="API của danvan: đơn vị hành chính, tổ chức, cán bộ và các nghiệp vụ dân vận.",
    urls_namespace="api",
    parser=CleanParser(),
)


def error_response(
    request: HttpRequest, status: int, code: str, message: str, fields: dict | None = None
) -> HttpResponse:
    body: dict[str, object] = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    return api.create_response(request, body, status=status)


def _field_errors(errors: list[dict]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        # The field as the client named it, without where ninja read it from (a JSON body, a form, the query) and
        # the view's parameter: only those leading parts, so that a field itself named "form" keeps its name.
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] in ("body", "query", "path", "form", "file", "header", "cookie"):
            loc.pop(0)
        if loc and loc[0] == "payload":
            loc.pop(0)
        name = ".".join(loc) or "__all__"
        fields.setdefault(name, []).append(_describe_pydantic_error(error))
    return fields


def _describe_pydantic_error(error: dict) -> str:
    kind = str(error.get("type", ""))
    if kind == "missing":
        return _("Trường này là bắt buộc.")
    if kind.startswith("int") or kind.startswith("float") or kind.startswith("decimal"):
        return _("Phải là một số.")
    if kind.startswith("bool"):
        return _("Phải là đúng hoặc sai (true/false).")
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("Ngày không hợp lệ (dạng YYYY-MM-DD).")
    if kind == "string_too_long":
        return _("Quá dài: tối đa %(max)s ký tự.") % {"max": error.get("ctx", {}).get("max_length", "?")}
    if kind == "string_too_short":
        return _("Trường này là bắt buộc.")
    if kind.startswith("string"):
        return _("Phải là chuỗi ký tự hợp lệ.")
    if kind == "value_error" and error.get("ctx", {}).get("error"):
        # Our own validators' messages (core.text: invisible titles, NUL) are Vietnamese sentences.
        return str(error["ctx"]["error"])
    if kind in ("json_invalid", "model_attributes_type", "dict_type", "model_type"):
        return _("Dữ liệu JSON không hợp lệ.")
    if kind.startswith("enum") or kind == "literal_error":
        return _("Giá trị không nằm trong danh sách cho phép.")
    if kind.startswith("greater_than") or kind.startswith("less_than"):
        return _("Giá trị nằm ngoài khoảng cho phép.")
    return _("Giá trị không hợp lệ.")


@api.exception_handler(NinjaValidationError)
def on_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return error_response(
        request, 422, "invalid_input", _("Dữ liệu gửi lên không hợp lệ."), _field_errors(list(exc.errors))
    )


@api.exception_handler(DjangoValidationError)
def on_django_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return error_response(request, 422, "invalid_input", _("Dữ liệu gửi lên không hợp lệ."), fields)


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return error_response(request, exc.status, exc.code, str(exc.message), exc.fields)


@api.exception_handler(UnitNotChosen)
def on_unit_not_chosen(request: HttpRequest, exc: UnitNotChosen) -> HttpResponse:
    """A figure about one unit asked without ``unit`` by a user who has none to default to (a system
    administrator): the client is told what to send, where a page offers the provinces. 422, as for any other
    missing parameter (ninja's ``invalid_input``), with its own code."""
    return error_response(
        request,
        422,
        "unit_required",
        _("Chưa chọn đơn vị: gửi tham số unit (mã số đơn vị hành chính) để xem số liệu."),
        {"unit": [_("Trường này là bắt buộc.")]},
    )


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, 404, "not_found", _("Không tìm thấy."))


@api.exception_handler(PermissionDenied)
def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(request, 403, "forbidden", _("Bạn không có quyền thực hiện thao tác này."))


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(request, 401, "unauthenticated", _("Cần đăng nhập hoặc mã truy cập API hợp lệ."))


# Ninja's own refusals, in English in the library: the same refusal said in Vietnamese, with a stable code.
NINJA_ERRORS = {
    "Cannot parse request body": ("invalid_json", _lazy("Nội dung gửi lên không phải JSON hợp lệ.")),
    "CSRF check Failed": ("csrf_failed", _lazy("Phiên làm việc không hợp lệ (CSRF). Hãy tải lại trang rồi thử lại.")),
}


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    code, message = NINJA_ERRORS.get(str(exc.message), ("http_error", str(exc.message)))
    return error_response(request, exc.status_code, code, str(message))


@api.exception_handler(DataError)
def on_data_error(request: HttpRequest, exc: DataError) -> HttpResponse:
    # Values the database refuses (a NUL character, a number out of range) are bad input, not a server fault.
    return error_response(request, 422, "invalid_input", _("Dữ liệu chứa ký tự hoặc giá trị không hợp lệ."))


@api.exception_handler(OverflowError)
def on_overflow(request: HttpRequest, exc: OverflowError) -> HttpResponse:
    # An id or number beyond what the database stores (2**63) cannot name any record.
    return error_response(request, 422, "invalid_input", _("Số quá lớn."))


@api.exception_handler(RequestDataTooBig)
def on_body_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    # A body over DATA_UPLOAD_MAX_MEMORY_SIZE (JSON or form fields); files have their own limit (core.uploads).
    megabytes = f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024):g}"
    return error_response(
        request, 413, "request_too_large", _("Dữ liệu gửi lên quá lớn: tối đa %(mb)s MB.") % {"mb": megabytes}
    )


@api.exception_handler(MultiPartParserError)
def on_bad_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    # No boundary, a broken part header, a body cut short: the client sent something that is not a form.
    return error_response(request, 400, "invalid_request", _("Yêu cầu gửi tệp không đúng định dạng (multipart)."))


@api.exception_handler(SuspiciousOperation)
@api.exception_handler(BadRequest)
@api.exception_handler(UnreadablePostError)
@api.exception_handler(UnicodeError)
def on_bad_request(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Too many fields or files, a body that is not UTF-8, a connection dropped while the body was read.
    return error_response(request, 400, "invalid_request", _("Yêu cầu không hợp lệ."))


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("Unhandled API error")
    report_error(exc, {"kind": "api", "request": request, "method": request.method, "path": request.path})
    return error_response(request, 500, "server_error", _("Lỗi hệ thống. Vui lòng thử lại sau."))


def _register_routers() -> None:
    """One router per app (``danvan/<app>/api.py``: ``api_router``, see core.routing), each mounted with the
    project's authentication: an operation is for signed-in officers unless marked ``core.routing.public``."""
    from danvan.accounts.auth import api_auth
    from danvan.core.calendar_api import router as calendar_router

    api.add_router("/", calendar_router, auth=api_auth)  # the kernel's legal calendar (its reads are public)
    for app in (
        "office",
        "accounts",
        "notifications",
        "jobs",
        "initiatives",
        "reception",
        "cases",
        "democracy",
        "reporting",
        "feedback",
    ):
        api.add_router("/", importlib.import_module(f"danvan.{app}.api").api_router, auth=api_auth)


_register_routers()
