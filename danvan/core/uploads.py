"""Refuse oversized uploads before Django reads them.

Why a handler: ``DATA_UPLOAD_MAX_MEMORY_SIZE`` does not count file parts of a multipart body, and
``FILE_UPLOAD_MAX_MEMORY_SIZE`` only decides when an upload moves from memory to a temporary file. Without
a limit of our own Django reads any upload whole, 50 MB or 5 GB, to a temporary file before a view can
look at its size. :class:`UploadSizeLimitHandler` refuses the request from its ``Content-Length`` before
a byte of the body is read, and stops the parser as soon as a file grows past the limit (the header can
understate what follows). :func:`limit_upload_size` installs it on a view and answers 413 with a clear
message. A reverse proxy should refuse such bodies too (nginx ``client_max_body_size``); this is the
application's own guard.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, overload

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from danvan.core.attachments import file_too_large_error
from danvan.core.errors import DomainError

# Room for the multipart boundaries, part headers and the few form fields sent with a file.
MULTIPART_OVERHEAD_BYTES = 1024 * 1024

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., Any])


class UploadTooLarge(DomainError, MultiPartParserError):
    """The body or one of its files is over the limit.

    A ``MultiPartParserError`` so that Django marks the request body as unparsable (it is half read and must
    not be parsed again) and, should nobody catch it, answers 400 rather than 500; a ``DomainError`` so the
    API's error handler answers ``{"code": "file_too_large", "message": ...}`` with status 413.
    """

    def __init__(self, max_bytes: int | None = None) -> None:
        error = file_too_large_error(max_bytes)
        super().__init__(error.code, error.message, status=error.status)


class UploadSizeLimitHandler(FileUploadHandler):
    """First upload handler of a request: checks sizes, passes every chunk on to Django's usual handlers.

    ``max_bytes`` limits each file; ``max_request_bytes`` the declared length of the whole body.
    """

    def __init__(
        self,
        request: HttpRequest | None = None,
        *,
        max_bytes: int | None = None,
        max_request_bytes: int | None = None,
    ) -> None:
        super().__init__(request)
        self.max_bytes: int = max_bytes if max_bytes is not None else settings.ATTACHMENT_MAX_BYTES
        self.max_request_bytes: int = (
            max_request_bytes if max_request_bytes is not None else self.max_bytes + MULTIPART_OVERHEAD_BYTES
        )

    def handle_raw_input(
        self,
        input_data: Any,
        META: dict[str, Any],
        content_length: int,
        boundary: Any,
        encoding: str | None = None,
    ) -> None:
        # Called by the multipart parser before it reads the body: refusing here reads nothing.
        if content_length > self.max_request_bytes:
            raise UploadTooLarge(self.max_bytes)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        # ``start`` is the offset of this chunk in the current file.
        if start + len(raw_data) > self.max_bytes:
            raise UploadTooLarge(self.max_bytes)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def declared_length(request: HttpRequest) -> int:
    """The body length the client announced, 0 when absent or malformed (Django then reads no body)."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def too_large_response(error: DomainError, *, as_json: bool) -> HttpResponse:
    if as_json:
        body = {"code": error.code, "message": str(error.message)}
        return JsonResponse(body, status=error.status, json_dumps_params={"ensure_ascii": False})
    return HttpResponse(str(error.message), status=error.status, content_type="text/plain; charset=utf-8")


@overload
def limit_upload_size(view: ViewFunc, *, api: bool = False, max_bytes: int | None = None) -> ViewFunc: ...
@overload
def limit_upload_size(
    view: None = None, *, api: bool = False, max_bytes: int | None = None
) -> Callable[[ViewFunc], ViewFunc]: ...
def limit_upload_size(
    view: ViewFunc | None = None, *, api: bool = False, max_bytes: int | None = None
) -> ViewFunc | Callable[[ViewFunc], ViewFunc]:
    """Install :class:`UploadSizeLimitHandler` for a view; answer 413 with a Vietnamese message when refused.

    ``@limit_upload_size`` on a page view: the answer is plain text. Because ``CsrfViewMiddleware`` reads
    ``request.POST`` (and so the whole body) before the view runs, the wrapper is exempt from the middleware
    and runs the same CSRF check itself once the handler is in place, as Django's documentation prescribes.

    ``@decorate_view(limit_upload_size(api=True))`` on a django-ninja operation: it runs before ninja's
    authentication (whose session CSRF check also reads the body); ninja checks CSRF itself, and refusals
    are JSON ``{"code": "file_too_large", "message": ...}``.
    """

    def decorate(inner: ViewFunc) -> ViewFunc:
        checked = inner if api or getattr(inner, "csrf_exempt", False) else csrf_protect(inner)

        @wraps(inner)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            handler = UploadSizeLimitHandler(request, max_bytes=max_bytes)
            if declared_length(request) > handler.max_request_bytes:
                return too_large_response(UploadTooLarge(handler.max_bytes), as_json=api)
            # Installing a handler is only possible while the body is unread; then ours must come first.
            if not hasattr(request, "_files"):
                request.upload_handlers.insert(0, handler)
            try:
                response: HttpResponse = checked(request, *args, **kwargs)
            except UploadTooLarge as error:
                return too_large_response(error, as_json=api)
            return response

        return wrapper if api else csrf_exempt(wrapper)  # type: ignore[return-value]

    return decorate(view) if view is not None else decorate
