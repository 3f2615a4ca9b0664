"""Files on the local disk and on a real S3 server: attachments, document templates and exports.

Every test runs twice through the ``storage_kind`` fixture (conftest.py at the root): with the local disk, and with
the SeaweedFS server that ``scripts/with-seaweedfs.sh`` starts (``make test`` runs it for the PostgreSQL run; the S3
runs are skipped without a server). Uploads and downloads go through the real pages and /api/v1.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import openpyxl
import pytest
from botocore.response import StreamingBody
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from PIL import Image

from danvan.core.attachments import attachment_store
from danvan.core.documents.templates import render_docx, template_replace, template_reset
from danvan.core.models import Attachment
from danvan.core.storage import BLOCK_SIZE, open_stream, stored_file_response
from danvan.initiatives.documents import RECOGNITION_DECISION
from danvan.initiatives.models import Initiative
from danvan.initiatives.xlsx import export_initiatives

pytestmark = [pytest.mark.django_db]
API = "/api/v1"
MB = 1024 * 1024


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "CanonSecretMake"
    exif[0x8825] = {1: "N", 2: (12.0, 55.0, 30.0), 3: "E", 4: (108.0, 3.0, 15.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, xmp=b"<x:xmpmeta>XmpSecretLocation</x:xmpmeta>")
    return buffer.getvalue()


def big_pdf(size: int) -> bytes:
    """A document of ``size`` bytes that passes the PDF check (header and end marker)."""
    head, tail = b"%PDF-1.4\n", b"\n%%EOF\n"
    return head + b"0" * (size - len(head) - len(tail)) + tail


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def in_store(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return bytes(handle.read())


def test_photo_uploaded_cleaned_stored_and_downloaded_after_the_access_check(client, cast, storage_kind):
    client.force_login(cast.alice)
    response = client.post(
        f"{API}/attachments", {"unit_id": cast.dong_xuan.pk, "file": upload("ảnh hiện trường.jpeg", jpeg_with_gps())}
    )
    assert response.status_code == 201, response.content
    attachment = Attachment.objects.get(pk=response.json()["id"])

    # The store holds the re-encoded photo, without EXIF/GPS/XMP, under its SHA-256.
    stored = in_store(attachment.file.name)
    assert hashlib.sha256(stored).hexdigest() == attachment.sha256 and len(stored) == attachment.size
    for secret in (b"CanonSecretMake", b"XmpSecretLocation", b"Exif\x00\x00"):
        assert secret not in stored
    assert dict(Image.open(io.BytesIO(stored)).getexif()) == {}
    if storage_kind == "s3":
        key = f"{default_storage.location}/{attachment.file.name}"  # type: ignore[attr-defined]
        assert default_storage.bucket.Object(key).content_length == attachment.size  # type: ignore[attr-defined]

    client.force_login(cast.erin)  # a viewer of the commune
    download = client.get(response.json()["download_url"])
    assert download.status_code == 200 and download.streaming
    assert b"".join(download.streaming_content) == stored
    assert download["Content-Type"] == "image/jpeg"
    assert download["Content-Length"] == str(attachment.size)
    assert (
        download["Content-Disposition"]
        == "attachment; filename*=utf-8''%E1%BA%A3nh%20hi%E1%BB%87n%20tr%C6%B0%E1%BB%9Dng.jpeg"
    )
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert download["Cache-Control"] == "private, no-store"

    client.force_login(cast.bob)  # another commune: the store is never asked
    assert client.get(response.json()["download_url"]).status_code == 404

    default_storage.delete(attachment.file.name)
    client.force_login(cast.erin)
    assert client.get(response.json()["download_url"]).status_code == 404


def test_a_large_document_is_streamed_in_blocks(client, cast, storage_kind):
    content = big_pdf(3 * MB + 12345)
    attachment = attachment_store(actor=cast.alice, upload=upload("ho-so.pdf", content), unit=cast.dong_xuan)
    client.force_login(cast.alice)
    download = client.get(f"{API}/attachments/{attachment.pk}/download")
    assert download.status_code == 200 and download["Content-Length"] == str(len(content))
    if storage_kind == "s3":  # the GET response's body itself, not a whole copy made first (django-storages' S3File)
        stream, size = open_stream(attachment.file)
        assert isinstance(stream, StreamingBody) and size == len(content)
        stream.close()
    chunks = list(download.streaming_content)
    # Read from the store block by block as the response is sent, never as one piece.
    assert len(chunks) >= len(content) // BLOCK_SIZE
    assert max(len(chunk) for chunk in chunks) <= BLOCK_SIZE
    assert b"".join(chunks) == content


def test_two_uploads_of_the_same_file_keep_two_stored_files(cast, storage_kind):
    first = attachment_store(actor=cast.alice, upload=upload("a.pdf", big_pdf(2000)), unit=cast.dong_xuan)
    second = attachment_store(actor=cast.alice, upload=upload("b.pdf", big_pdf(2000)), unit=cast.dong_xuan)
    assert first.sha256 == second.sha256 and first.file.name != second.file.name
    first.file.delete(save=False)
    assert in_store(second.file.name) == big_pdf(2000)


def template_docx(*texts: str) -> bytes:
    document = Document()
    for text in texts:
        document.add_paragraph(text)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def test_replaced_template_is_stored_rendered_downloaded_and_reset(client, cast, storage_kind):
    replacement = template_docx("BAN DÂN VẬN ĐẢNG ỦY", "Số {{ number }}-QĐ/{{ symbol }}")
    template_replace(actor=cast.root, template=RECOGNITION_DECISION, upload=upload("mau.docx", replacement))
    assert RECOGNITION_DECISION.is_replaced
    assert in_store(RECOGNITION_DECISION.storage_name) == replacement

    rendered = render_docx(RECOGNITION_DECISION.name, {"number": "05", "symbol": "QĐ-BCĐ"})
    assert [p.text for p in Document(io.BytesIO(rendered)).paragraphs] == ["BAN DÂN VẬN ĐẢNG ỦY", "Số 05-QĐ/QĐ-BCĐ"]

    # A second replacement takes the same name (the old one is deleted first, on S3 as on disk).
    again = template_docx("ỦY BAN MẶT TRẬN", "Số {{ number }}")
    template_replace(actor=cast.root, template=RECOGNITION_DECISION, upload=upload("mau-2.docx", again))
    assert in_store(RECOGNITION_DECISION.storage_name) == again

    client.force_login(cast.root)
    url = reverse("initiatives:document_templates")
    page = client.get(url)
    assert page.status_code == 200
    download = client.get(url, {"download": RECOGNITION_DECISION.name})
    assert b"".join(download.streaming_content) == again

    template_reset(actor=cast.root, template=RECOGNITION_DECISION)
    assert not RECOGNITION_DECISION.is_replaced
    assert not default_storage.exists(RECOGNITION_DECISION.storage_name)


def test_export_written_to_the_store_and_streamed_back(cast, storage_kind):
    content = export_initiatives(Initiative.objects.order_by("pk"))
    name = default_storage.save(f"exports/{dt.date(2026, 11, 20):%Y/%m}/sang-kien.xlsx", ContentFile(content))
    response = stored_file_response(
        name,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename="sáng-kiến.xlsx",
        as_attachment=True,
    )
    body = b"".join(response.streaming_content)
    assert body == content and response["Content-Length"] == str(len(content))
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''s%C3%A1ng")
    header = next(openpyxl.load_workbook(io.BytesIO(body), read_only=True).worksheets[0].iter_rows(values_only=True))
    assert header == next(
        openpyxl.load_workbook(io.BytesIO(content), read_only=True).worksheets[0].iter_rows(values_only=True)
    )
    default_storage.delete(name)
    with pytest.raises(FileNotFoundError):
        stored_file_response(name, content_type="application/octet-stream")
