"""Attachments: type and size checked on content, photos cleaned of EXIF/GPS, oversized bodies refused unread.

Every file is made here: photos with Pillow, a PDF with Pillow, a DOCX with python-docx, an XLSX with openpyxl.
The API tests go through the real /api/v1.
"""

from __future__ import annotations

import io
import zipfile
from typing import IO, Any
from typing import cast as typing_cast

import docx
import openpyxl
import pytest
from django.core.files.base import File
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParser
from django.test import RequestFactory
from PIL import Image, PngImagePlugin

from danvan.core.attachments import attachment_store, validate_upload
from danvan.core.errors import DomainError
from danvan.core.models import Attachment, AuditEntry
from danvan.core.uploads import UploadSizeLimitHandler, UploadTooLarge, limit_upload_size

MB = 1024 * 1024

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# --- Files made for the tests -------------------------------------------------------------------------------

GPS_LATITUDE = (12.0, 55.0, 30.0)


def jpeg_with_gps() -> bytes:
    """A 64×48 photo rotated by its EXIF orientation, with a camera, an owner, a GPS position and an XMP packet."""
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, 16, 48))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x010F] = "CanonSecretMake"
    exif[0x013B] = "Nguyen Van Chup"  # artist
    exif[0x8825] = {1: "N", 2: GPS_LATITUDE, 3: "E", 4: (108.0, 3.0, 15.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, xmp=b"<x:xmpmeta>XmpSecretLocation</x:xmpmeta>")
    return buffer.getvalue()


def png_with_text() -> bytes:
    image = Image.new("RGBA", (20, 10), (0, 128, 0, 128))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "PngSecretAuthor")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (50, 50), "white").save(buffer, "PDF")
    return buffer.getvalue()


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Biên bản họp dân thôn 3")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Hộ", "Số nhân khẩu"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def docm_bytes() -> bytes:
    """A DOCX re-declared as macro-enabled (.docm)."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "[Content_Types].xml":
                content = content.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml",
                )
            target.writestr(item, content)
        target.writestr("word/vbaProject.bin", b"\x00" * 64)
    return buffer.getvalue()


def windows_executable() -> bytes:
    """The start of a Windows PE file: DOS header, stub message, PE signature."""
    header = bytearray(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44)
    header[0x3C:0x40] = (0x80).to_bytes(4, "little")
    stub = b"This program cannot be run in DOS mode.\r\r\n$".ljust(64, b"\x00")
    return bytes(header) + stub + b"PE\x00\x00" + b"\x4c\x01" + b"\x00" * 400


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


class CountingStream(io.RawIOBase):
    """A seekable stream of ``size`` bytes made on the fly that counts how many bytes were read from it."""

    def __init__(self, size: int, head: bytes = b"%PDF-1.7\n") -> None:
        self.size = size
        self.head = head
        self.position = 0
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[whence]
        self.position = max(base + offset, 0)
        return self.position

    def tell(self) -> int:
        return self.position

    def readinto(self, buffer: Any) -> int:
        count = max(min(len(buffer), self.size - self.position), 0)
        data = self.head[self.position : self.position + count].ljust(count, b"\x00")
        buffer[:count] = data
        self.position += count
        self.bytes_read += count
        return count


class MultipartBody(io.RawIOBase):
    """A multipart/form-data body with a ``unit_id`` field and one file of ``file_size`` bytes, made on the fly."""

    boundary = "danvan-test-boundary"

    def __init__(self, file_size: int, unit_id: int = 1, filename: str = "video.pdf") -> None:
        self.head = (
            f'--{self.boundary}\r\nContent-Disposition: form-data; name="unit_id"\r\n\r\n{unit_id}\r\n'
            f'--{self.boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        self.tail = f"\r\n--{self.boundary}--\r\n".encode()
        self.length = len(self.head) + file_size + len(self.tail)
        self.file_end = len(self.head) + file_size
        self.position = 0
        self.bytes_read = 0

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count = max(min(len(buffer), self.length - self.position), 0)
        start, end = self.position, self.position + count
        data = bytearray(count)
        if start < len(self.head):
            part = self.head[start:end]
            data[: len(part)] = part
        if end > self.file_end:
            tail_from = max(start, self.file_end)
            part = self.tail[tail_from - self.file_end : end - self.file_end]
            data[tail_from - start : tail_from - start + len(part)] = part
        buffer[:count] = data
        self.position = end
        self.bytes_read += count
        return count


def stored_bytes(attachment: Attachment) -> bytes:
    with attachment.file.open("rb") as handle:
        return handle.read()


# --- The service ------------------------------------------------------------------------------------------


def test_photo_is_stored_without_exif_gps_or_xmp_and_turned_upright(cast, media_root):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)[2] == GPS_LATITUDE

    attachment = attachment_store(actor=cast.alice, upload=upload("IMG_0001.JPG", original), unit=cast.dong_xuan)

    data = stored_bytes(attachment)
    stored = Image.open(io.BytesIO(data))
    assert stored.format == "JPEG"
    assert dict(stored.getexif()) == {}
    assert "exif" not in stored.info and "xmp" not in stored.info
    for secret in (b"Exif\x00\x00", b"CanonSecretMake", b"Nguyen Van Chup", b"XmpSecretLocation"):
        assert secret not in data
    assert stored.size == (48, 64)  # the orientation was applied to the pixels
    assert (attachment.content_type, attachment.extension, attachment.original_name) == (
        "image/jpeg",
        ".jpg",
        "IMG_0001.JPG",
    )
    assert attachment.size == len(data)
    assert str(attachment.file.name).endswith(f"/{attachment.sha256}.jpg")
    assert (media_root / attachment.file.name).is_file()


def test_png_text_chunks_are_dropped_and_transparency_kept(cast):
    attachment = attachment_store(actor=cast.alice, upload=upload("so-do.png", png_with_text()), unit=cast.dong_xuan)
    data = stored_bytes(attachment)
    assert b"PngSecretAuthor" not in data
    stored = Image.open(io.BytesIO(data))
    assert (stored.format, stored.mode, attachment.content_type) == ("PNG", "RGBA", "image/png")
    assert stored.getpixel((0, 0)) == (0, 128, 0, 128)


@pytest.mark.parametrize(
    ("name", "make", "content_type", "extension"),
    [
        ("bao-cao.pdf", pdf_bytes, "application/pdf", ".pdf"),
        (
            "bien-ban.docx",
            docx_bytes,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".docx",
        ),
        ("danh-sach.xlsx", xlsx_bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
        ("tai-lieu", docx_bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
        ("bang-tinh.pdf", xlsx_bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    ],
)
def test_documents_are_stored_as_sent_with_the_type_of_their_content(cast, name, make, content_type, extension):
    content = make()
    attachment = attachment_store(actor=cast.alice, upload=upload(name, content), unit=cast.dong_xuan)
    assert stored_bytes(attachment) == content
    assert (attachment.content_type, attachment.extension, attachment.size) == (content_type, extension, len(content))
    assert str(attachment.file.name).endswith(extension)


def test_an_audit_entry_is_written(cast):
    attachment = attachment_store(
        actor=cast.alice,
        upload=upload("bao-cao.pdf", pdf_bytes()),
        unit=cast.dong_xuan,
        object_type="test",
        object_id=7,
    )
    entry = AuditEntry.objects.get(action="core.attachment.created", object_id=str(attachment.pk))
    assert entry.actor_id == cast.alice.pk
    assert entry.unit_id == cast.dong_xuan.pk
    assert entry.changes["sha256"] == attachment.sha256
    assert (attachment.object_type, attachment.object_id, attachment.uploaded_by_id) == ("test", "7", cast.alice.pk)


@pytest.mark.parametrize(
    ("name", "content", "code", "status"),
    [
        ("photo.jpg", windows_executable(), "file_type_not_allowed", 415),
        ("bao-cao.pdf", "Đây là văn bản thường, không phải PDF.\n".encode(), "file_type_not_allowed", 415),
        ("bien-ban.docx", docm_bytes(), "file_type_not_allowed", 415),
        ("anh.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "file_type_not_allowed", 415),
        ("bao-cao.docx", b"PK\x05\x06" + b"\x00" * 18, "file_type_not_allowed", 415),
        ("rong.pdf", b"", "empty_file", 400),
        ("cut.jpg", jpeg_with_gps()[:-400], "corrupt_image", 400),
        ("cut.png", png_with_text()[:60], "corrupt_image", 400),
        ("cut.pdf", pdf_bytes()[:-40], "corrupt_file", 400),
        ("cut.docx", docx_bytes()[:2000], "corrupt_file", 400),
    ],
    ids=[
        "exe-as-jpg",
        "text-as-pdf",
        "docm",
        "gif",
        "empty-zip",
        "empty",
        "jpeg-cut",
        "png-cut",
        "pdf-cut",
        "docx-cut",
    ],
)
def test_bad_files_are_refused_with_a_clear_message(cast, media_root, name, content, code, status):
    with pytest.raises(DomainError) as refused:
        attachment_store(actor=cast.alice, upload=upload(name, content), unit=cast.dong_xuan)
    assert (refused.value.code, refused.value.status) == (code, status)
    assert str(refused.value.message)
    assert not Attachment.objects.exists()
    assert not media_root.exists() or not any(path.is_file() for path in media_root.rglob("*"))


def test_exe_named_jpg_says_which_types_are_accepted(cast):
    with pytest.raises(DomainError) as refused:
        validate_upload(upload("photo.jpg", windows_executable()))
    assert str(refused.value.message) == (
        "Loại tệp không được chấp nhận. Chỉ nhận ảnh JPEG, PNG, WebP và tài liệu PDF, DOCX, XLSX."
    )


def test_a_plain_zip_is_not_a_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(DomainError) as refused:
        validate_upload(upload("bien-ban.docx", buffer.getvalue()))
    assert refused.value.code == "file_type_not_allowed"


def test_images_over_the_pixel_limit_are_refused_before_decoding(settings):
    settings.IMAGE_MAX_PIXELS = 1000
    buffer = io.BytesIO()
    Image.new("L", (100, 100)).save(buffer, "PNG")
    with pytest.raises(DomainError) as refused:
        validate_upload(upload("bom.png", buffer.getvalue()))
    assert (refused.value.code, refused.value.status) == ("image_too_large", 413)


def test_a_50_mb_file_is_refused_without_being_read(cast):
    stream = CountingStream(50 * MB)
    with pytest.raises(DomainError) as refused:
        attachment_store(
            actor=cast.alice, upload=File(typing_cast(IO[bytes], stream), name="video.pdf"), unit=cast.dong_xuan
        )
    assert (refused.value.code, refused.value.status) == ("file_too_large", 413)
    assert str(refused.value.message) == "Tệp quá lớn: tối đa 20 MB."
    assert stream.bytes_read == 0


def test_a_file_at_the_limit_is_accepted(cast, settings):
    content = pdf_bytes()
    settings.ATTACHMENT_MAX_BYTES = len(content)
    attachment = attachment_store(actor=cast.alice, upload=upload("bao-cao.pdf", content), unit=cast.dong_xuan)
    assert attachment.size == len(content)
    with pytest.raises(DomainError):
        validate_upload(upload("bao-cao.pdf", content + b"\n"))


# --- The upload handler -----------------------------------------------------------------------------------


@limit_upload_size
def upload_page(request: HttpRequest) -> HttpResponse:
    uploaded = request.FILES["file"]
    assert isinstance(uploaded, UploadedFile)
    return HttpResponse(f"{uploaded.size} {request.POST['unit_id']}")


def wsgi_input(body: MultipartBody) -> dict[str, Any]:
    return {"wsgi.input": body}


def post_body(body: MultipartBody, path: str = "/upload") -> HttpRequest:
    request = RequestFactory().generic(
        "POST",
        path,
        CONTENT_TYPE=body.content_type,
        CONTENT_LENGTH=str(body.length),
        **wsgi_input(body),
    )
    request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
    return request


def test_a_50_mb_request_is_refused_from_its_content_length_before_reading_the_body():
    body = MultipartBody(50 * MB)
    response = upload_page(post_body(body))
    assert response.status_code == 413
    assert response.content.decode() == "Tệp quá lớn: tối đa 20 MB."
    assert body.bytes_read == 0


def test_the_handler_refuses_in_handle_raw_input_when_the_body_is_parsed_elsewhere():
    body = MultipartBody(50 * MB)
    request = post_body(body)
    request.upload_handlers.insert(0, UploadSizeLimitHandler(request))
    with pytest.raises(UploadTooLarge):
        _ = request.FILES
    assert body.bytes_read == 0
    assert request.FILES == {}  # marked unparsable: a second look does not read the body again


def test_a_file_growing_past_the_limit_is_stopped_while_streaming():
    # The declared length passes (max_request_bytes is generous), so only the streaming check can stop it.
    body = MultipartBody(50 * MB)
    handlers = [
        UploadSizeLimitHandler(max_bytes=20 * MB, max_request_bytes=100 * MB),
        MemoryFileUploadHandler(),
        TemporaryFileUploadHandler(),
    ]
    meta = {"CONTENT_TYPE": body.content_type, "CONTENT_LENGTH": str(body.length)}
    with pytest.raises(UploadTooLarge) as refused:
        MultiPartParser(meta, typing_cast(Any, body), handlers).parse()
    assert refused.value.code == "file_too_large"
    assert 20 * MB < body.bytes_read < 21 * MB < body.length


def test_a_file_just_over_the_limit_inside_the_overhead_is_refused_by_the_page_decorator(settings):
    settings.ATTACHMENT_MAX_BYTES = 1 * MB
    body = MultipartBody(MB + 300 * 1024)  # the whole body is under 1 MB + overhead: streaming refuses it
    response = upload_page(post_body(body))
    assert response.status_code == 413
    assert response.content.decode() == "Tệp quá lớn: tối đa 1 MB."
    assert body.bytes_read < body.length


def test_an_upload_under_the_limit_reaches_the_view():
    body = MultipartBody(300 * 1024, unit_id=42)
    response = upload_page(post_body(body))
    assert response.status_code == 200
    assert response.content.decode() == f"{300 * 1024} 42"


def test_the_page_decorator_keeps_csrf_protection():
    request = post_body(MultipartBody(1024))
    del request._dont_enforce_csrf_checks  # type: ignore[attr-defined]
    assert upload_page(request).status_code == 403


# --- The API ----------------------------------------------------------------------------------------------


@pytest.fixture
def api_base() -> str:
    return "/api/v1"


def post_file(client, api_base: str, unit_id: int, name: str, content: bytes):
    return client.post(f"{api_base}/attachments", {"unit_id": unit_id, "file": upload(name, content)})


def test_api_upload_read_and_download(client, cast, api_base):
    client.force_login(cast.alice)
    response = post_file(client, api_base, cast.dong_xuan.pk, "anh.jpg", png_with_text())
    assert response.status_code == 201, response.content
    body = response.json()
    attachment = Attachment.objects.get(pk=body["id"])
    assert body["content_type"] == "image/png"
    assert (body["unit_id"], body["sha256"], body["size"]) == (cast.dong_xuan.pk, attachment.sha256, attachment.size)
    assert body["download_url"] == f"{api_base}/attachments/{attachment.pk}/download"

    client.force_login(cast.erin)  # a viewer of the same commune reads it
    assert client.get(f"{api_base}/attachments/{attachment.pk}").json()["original_name"] == "anh.jpg"
    download = client.get(body["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == stored_bytes(attachment)
    assert download["Content-Type"] == "image/png"
    assert download["Content-Disposition"] == 'attachment; filename="anh.png"'
    assert download["X-Content-Type-Options"] == "nosniff"


def test_api_other_commune_gets_404(client, cast, api_base):
    attachment = attachment_store(actor=cast.alice, upload=upload("bao-cao.pdf", pdf_bytes()), unit=cast.dong_xuan)
    client.force_login(cast.bob)
    for url in (f"{api_base}/attachments/{attachment.pk}", f"{api_base}/attachments/{attachment.pk}/download"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert post_file(client, api_base, cast.dong_xuan.pk, "bao-cao.pdf", pdf_bytes()).status_code == 404


def test_api_viewer_cannot_upload_and_anonymous_is_refused(client, cast, api_base):
    assert post_file(client, api_base, cast.dong_xuan.pk, "bao-cao.pdf", pdf_bytes()).status_code == 401
    client.force_login(cast.erin)
    assert post_file(client, api_base, cast.dong_xuan.pk, "bao-cao.pdf", pdf_bytes()).status_code == 404
    assert not Attachment.objects.exists()


def test_api_refuses_an_executable_named_jpg(client, cast, api_base):
    client.force_login(cast.alice)
    response = post_file(client, api_base, cast.dong_xuan.pk, "photo.jpg", windows_executable())
    assert response.status_code == 415
    assert response.json() == {
        "code": "file_type_not_allowed",
        "message": "Loại tệp không được chấp nhận. Chỉ nhận ảnh JPEG, PNG, WebP và tài liệu PDF, DOCX, XLSX.",
    }


def test_api_refuses_a_50_mb_upload_before_reading_it(client, cast, api_base):
    client.force_login(cast.alice)
    body = MultipartBody(50 * MB, unit_id=cast.dong_xuan.pk)
    response = client.generic(
        "POST",
        f"{api_base}/attachments",
        CONTENT_TYPE=body.content_type,
        CONTENT_LENGTH=str(body.length),
        **wsgi_input(body),
    )
    assert response.status_code == 413
    assert response.json() == {"code": "file_too_large", "message": "Tệp quá lớn: tối đa 20 MB."}
    assert body.bytes_read == 0
    assert not Attachment.objects.exists()


def test_api_stops_a_file_growing_past_the_limit(client, cast, api_base, settings):
    settings.ATTACHMENT_MAX_BYTES = 1 * MB
    client.force_login(cast.alice)
    body = MultipartBody(MB + 300 * 1024, unit_id=cast.dong_xuan.pk)
    response = client.generic(
        "POST",
        f"{api_base}/attachments",
        CONTENT_TYPE=body.content_type,
        CONTENT_LENGTH=str(body.length),
        **wsgi_input(body),
    )
    assert response.status_code == 413
    assert response.json()["code"] == "file_too_large"
    assert body.bytes_read < body.length
