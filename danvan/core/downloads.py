"""The one way to answer a file download (DOCX, PDF, XLSX, CSV…) from a page or the API.

Every download is an attachment with an ASCII file name, is never sniffed into another type by the browser and
is never kept by a shared cache (it holds personal data). Content already in memory is answered as it is; a large
file written to a temporary file (see :func:`danvan.core.xlsx.xlsx_response`) is streamed from it.
"""

from __future__ import annotations

from typing import IO

from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase


def _secure(response: HttpResponseBase) -> HttpResponseBase:
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def file_response(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """``content`` as a download named ``filename`` (ASCII)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    _secure(response)
    return response


def stream_response(source: IO[bytes], content_type: str, filename: str) -> FileResponse:
    """The open file ``source`` (read from its current position) streamed as a download; it is closed at the end."""
    response = FileResponse(source, as_attachment=True, filename=filename, content_type=content_type)
    _secure(response)
    return response
