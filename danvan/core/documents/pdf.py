"""PDF conversion, requested one way: :func:`convert_to_pdf` (LibreOffice), :func:`pdf_response` for downloads.

LibreOffice may take long (``PDF_TIMEOUT_SECONDS``); callers that should not wait inside a request wrap
:func:`convert_to_pdf` in a background task. A server without LibreOffice answers 503 ``pdf_unavailable``: the
officer downloads the Word file instead.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.http import HttpResponse
from django.utils.translation import gettext as _

from danvan.core.downloads import file_response
from danvan.core.errors import DomainError

logger = logging.getLogger(__name__)

PDF_TIMEOUT_SECONDS = 120
PDF_CONTENT_TYPE = "application/pdf"


def convert_to_pdf(content: bytes, *, source_suffix: str = ".docx", timeout: int = PDF_TIMEOUT_SECONDS) -> bytes | None:
    """The PDF LibreOffice makes of a document (a DOCX by default; ``source_suffix`` names another format such as
    ``".xlsx"``), or ``None`` when LibreOffice is not installed or fails.

    Each conversion gets its own LibreOffice profile folder: two conversions sharing one block each other.
    """
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory(prefix="danvan-pdf-") as folder:
        source = Path(folder) / f"document{source_suffix}"
        source.write_bytes(content)
        command = [
            soffice,
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            folder,
            str(source),
        ]
        try:
            subprocess.run(  # noqa: S603 (fixed program and arguments; the file name is ours)
                command, check=True, capture_output=True, timeout=timeout
            )
            return (Path(folder) / "document.pdf").read_bytes()
        except (OSError, subprocess.SubprocessError):
            logger.exception("PDF conversion failed")
            return None


def pdf_unavailable() -> DomainError:
    """The refusal when the server cannot make a PDF (the API answers it as 503 ``pdf_unavailable``)."""
    return DomainError(
        "pdf_unavailable", _("Máy chủ chưa tạo được PDF (chưa cài LibreOffice). Hãy tải bản Word (DOCX)."), status=503
    )


def pdf_response(docx: bytes, filename: str) -> HttpResponse:
    """The DOCX ``docx`` converted to a PDF download named ``filename`` (its ``.docx`` becomes ``.pdf``);
    ``DomainError("pdf_unavailable", status=503)`` when the server cannot convert."""
    pdf = convert_to_pdf(docx)
    if pdf is None:
        raise pdf_unavailable()
    return file_response(pdf, PDF_CONTENT_TYPE, filename.removesuffix(".docx").removesuffix(".pdf") + ".pdf")
