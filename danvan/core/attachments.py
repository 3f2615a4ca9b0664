"""Attachments: photos and documents checked on their content, images cleaned of metadata, stored via Django storage.

The file name a client sends is only kept for display: the type comes from the bytes (magic numbers and
structure), the stored extension from the detected type, and photos are re-encoded so the EXIF block (GPS
position, camera serial, owner name) and XMP packets never reach storage. See docs/decisions/0004-attachments.md.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from typing import Any

import filetype
from django.conf import settings
from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from danvan.core.audit import audit_log
from danvan.core.errors import DomainError
from danvan.core.models import AdministrativeUnit, Attachment
from danvan.core.xlsx import XLSX_CONTENT_TYPE

HEAD_BYTES = 8192
# Acrobat accepts a file whose "%%EOF" marker lies within the last 1024 bytes (PDF Reference, implementation note).
PDF_TAIL_BYTES = 1024
OOXML_CONTENT_TYPES = "[Content_Types].xml"
OOXML_CONTENT_TYPES_MAX_BYTES = 1024 * 1024
JPEG_QUALITY = 90
WEBP_QUALITY = 90


@dataclass(frozen=True)
class DetectedType:
    """An accepted file type: its MIME type, the extension we store it under and, for images, Pillow's format."""

    mime: str
    extension: str
    pillow_format: str | None = None

    @property
    def is_image(self) -> bool:
        return self.pillow_format is not None


JPEG = DetectedType("image/jpeg", ".jpg", "JPEG")
PNG = DetectedType("image/png", ".png", "PNG")
WEBP = DetectedType("image/webp", ".webp", "WEBP")
PDF = DetectedType("application/pdf", ".pdf")
DOCX = DetectedType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")
XLSX = DetectedType(XLSX_CONTENT_TYPE, ".xlsx")

# filetype's answer for the first bytes → our type; APNG is a PNG with an animation chunk.
IMAGE_TYPES: dict[str, DetectedType] = {
    "image/jpeg": JPEG,
    "image/png": PNG,
    "image/apng": PNG,
    "image/webp": WEBP,
}

# An OOXML package is a ZIP whose [Content_Types].xml declares the main part. Macro-enabled (.docm, .xlsm)
# and template (.dotx, .xltx) packages declare other content types, so they are refused as well.
OOXML_TYPES: tuple[tuple[DetectedType, str, bytes], ...] = (
    (DOCX, "word/", b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    (XLSX, "xl/", b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
)


def file_too_large_error(max_bytes: int | None = None) -> DomainError:
    limit = settings.ATTACHMENT_MAX_BYTES if max_bytes is None else max_bytes
    megabytes = f"{limit / (1024 * 1024):g}"
    return DomainError("file_too_large", _("Tệp quá lớn: tối đa %(mb)s MB.") % {"mb": megabytes}, status=413)


def _type_not_allowed() -> DomainError:
    return DomainError(
        "file_type_not_allowed",
        _("Loại tệp không được chấp nhận. Chỉ nhận ảnh JPEG, PNG, WebP và tài liệu PDF, DOCX, XLSX."),
        status=415,
    )


def _corrupt_image() -> DomainError:
    return DomainError("corrupt_image", _("Ảnh bị hỏng hoặc không đọc được. Hãy chụp hoặc xuất lại ảnh."))


def _corrupt_document() -> DomainError:
    return DomainError("corrupt_file", _("Tài liệu bị hỏng hoặc không đọc được. Hãy lưu lại tệp rồi gửi lại."))


def _content_size(upload: File[bytes]) -> int:
    """The real length of the content, found by seeking to its end (nothing is read)."""
    upload.seek(0, os.SEEK_END)
    size = int(upload.tell())
    upload.seek(0)
    return size


def _read_at(upload: File[bytes], offset: int, length: int, *, whence: int = os.SEEK_SET) -> bytes:
    upload.seek(offset, whence)
    data = upload.read(length)
    upload.seek(0)
    return bytes(data)


def validate_upload(upload: File[bytes]) -> DetectedType:
    """The type of ``upload`` read from its bytes, or a ``DomainError`` a user can act on.

    The size is measured without reading the content, so an oversized file is refused before it is read. The
    client's file name and declared content type are ignored. Images are opened by Pillow, their pixel count is
    checked against ``IMAGE_MAX_PIXELS`` before any decoding (decompression bombs) and their structure verified;
    the pixel data itself is decoded when :func:`image_strip_metadata` re-encodes them, which catches truncation.
    """
    size = _content_size(upload)
    if size > settings.ATTACHMENT_MAX_BYTES:
        raise file_too_large_error()
    if size == 0:
        raise DomainError("empty_file", _("Tệp rỗng: không có nội dung."))
    head = _read_at(upload, 0, HEAD_BYTES)
    if head.startswith(b"%PDF-"):
        return _check_pdf(upload, size)
    if head.startswith(b"PK\x03\x04"):
        return _check_ooxml(upload)
    guess = filetype.guess(head)
    detected = IMAGE_TYPES.get(guess.mime) if guess is not None else None
    if detected is None:
        raise _type_not_allowed()
    return _check_image(upload, detected)


def _check_pdf(upload: File[bytes], size: int) -> DetectedType:
    tail = _read_at(upload, -min(size, PDF_TAIL_BYTES), PDF_TAIL_BYTES, whence=os.SEEK_END)
    if b"%%EOF" not in tail:
        raise _corrupt_document()
    return PDF


def _check_ooxml(upload: File[bytes]) -> DetectedType:
    upload.seek(0)
    # Only the central directory and [Content_Types].xml are read: nothing else is decompressed (zip bombs).
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if OOXML_CONTENT_TYPES not in names:
                raise _type_not_allowed()
            info = archive.getinfo(OOXML_CONTENT_TYPES)
            if info.file_size > OOXML_CONTENT_TYPES_MAX_BYTES:
                raise _corrupt_document()
            content_types = archive.read(info)
    except DomainError:
        raise
    except Exception as error:  # zipfile raises many kinds of error on hostile input; all mean "unreadable"
        raise _corrupt_document() from error
    finally:
        upload.seek(0)
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise _type_not_allowed()
    for detected, folder, main_type in OOXML_TYPES:
        if main_type in content_types and any(name.startswith(folder) for name in names):
            return detected
    raise _type_not_allowed()


def _check_image(upload: File[bytes], detected: DetectedType) -> DetectedType:
    upload.seek(0)
    try:
        with Image.open(upload, formats=[detected.pillow_format or ""]) as image:
            width, height = image.size
            if width * height > settings.IMAGE_MAX_PIXELS:
                raise _image_too_large()
            image.verify()
    except Image.DecompressionBombError as error:
        raise _image_too_large() from error
    except DomainError:
        raise
    except Exception as error:  # Pillow's decoders raise OSError, SyntaxError, ValueError… on damaged files
        raise _corrupt_image() from error
    finally:
        upload.seek(0)
    return detected


def _image_too_large() -> DomainError:
    megapixels = settings.IMAGE_MAX_PIXELS // 1_000_000
    return DomainError(
        "image_too_large",
        _("Ảnh có kích thước điểm ảnh quá lớn: tối đa %(mp)s triệu điểm ảnh.") % {"mp": megapixels},
        status=413,
    )


def image_strip_metadata(upload: File[bytes], detected: DetectedType) -> File[bytes]:
    """A re-encoded copy of the image in ``upload``: EXIF orientation applied, EXIF/GPS/XMP and text chunks gone.

    Only the pixels, the ICC colour profile (so colours stay right) and PNG transparency are carried over.
    An animated PNG or WebP keeps its first frame. The copy lives in a spooled temporary file.
    """
    output = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115
    upload.seek(0)
    try:
        with Image.open(upload, formats=[detected.pillow_format or ""]) as source:
            source.load()
            icc_profile = source.info.get("icc_profile")
            transparency = source.info.get("transparency")
            image = _convert_for(ImageOps.exif_transpose(source), detected, has_transparency=transparency is not None)
        # Pillow writes only the metadata it is handed; emptying ``info`` makes sure nothing else is carried over.
        image.info = {"transparency": transparency} if transparency is not None else {}
        options: dict[str, Any] = {"format": detected.pillow_format}
        if icc_profile:
            options["icc_profile"] = icc_profile
        if detected in (JPEG, WEBP):
            options["quality"] = JPEG_QUALITY if detected is JPEG else WEBP_QUALITY
        image.save(output, **options)
    except Image.DecompressionBombError as error:
        output.close()
        raise _image_too_large() from error
    except Exception as error:  # truncated or damaged pixel data
        output.close()
        raise _corrupt_image() from error
    finally:
        upload.seek(0)
    output.seek(0)
    return File(output, name=f"image{detected.extension}")


def _convert_for(image: Image.Image, detected: DetectedType, *, has_transparency: bool) -> Image.Image:
    """Convert modes the target format cannot hold (a palette or CMYK-less mode is not a JPEG, for example)."""
    if detected is JPEG and image.mode not in ("L", "RGB", "CMYK"):
        return image.convert("RGB")
    if detected is WEBP and image.mode not in ("RGB", "RGBA"):
        return image.convert("RGBA" if "A" in image.mode or has_transparency else "RGB")
    return image


def _clean_name(name: str, extension: str) -> str:
    """The base name the client gave, without folders or control characters, at most 255 characters."""
    base = re.sub(r"[\x00-\x1f\x7f]", "", name.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    if not base or base in (".", ".."):
        base = f"tep-dinh-kem{extension}"
    if len(base) > 255:
        stem, dot, suffix = base.rpartition(".")
        base = f"{stem[: 254 - len(suffix)]}.{suffix}" if dot and len(suffix) < 20 else base[:255]
    return base


def attachment_download_name(attachment: Attachment) -> str:
    """The original name, with the extension of the detected type when the client's one was wrong."""
    stem, dot, suffix = attachment.original_name.rpartition(".")
    same = f".{suffix.lower()}" == attachment.extension or (attachment.extension == ".jpg" and suffix.lower() == "jpeg")
    if dot and stem and same:
        return attachment.original_name
    return f"{stem if dot and stem else attachment.original_name}{attachment.extension}"


def _sha256(content: File[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in content.chunks():
        digest.update(chunk)
    return digest.hexdigest()


def attachment_store(
    *,
    actor: Any,
    upload: File[bytes],
    unit: AdministrativeUnit | None,
    object_type: str = "",
    object_id: str | int = "",
) -> Attachment:
    """Check ``upload`` on its content, clean images, store it through Django's default storage, audit it.

    Accepted: JPEG, PNG, WebP photos (re-encoded without EXIF/GPS/XMP) and PDF, DOCX, XLSX documents (stored
    as sent), up to ``ATTACHMENT_MAX_BYTES``. The stored name is the SHA-256 of the stored bytes plus the
    extension of the detected type, so a client-chosen name never reaches the file system.
    """
    # Checking and re-encoding happen before the transaction: decoding a photo takes a while, and on SQLite
    # (IMMEDIATE transactions) an open transaction holds the database's write lock.
    detected = validate_upload(upload)
    content = image_strip_metadata(upload, detected) if detected.is_image else upload
    try:
        attachment = Attachment(
            original_name=_clean_name(str(upload.name or ""), detected.extension),
            content_type=detected.mime,
            extension=detected.extension,
            size=_content_size(content),
            sha256=_sha256(content),
            unit=unit,
            object_type=object_type,
            object_id=str(object_id),
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        attachment.full_clean(exclude=["file"])
        attachment.file.save(f"{attachment.sha256}{detected.extension}", content, save=False)
    finally:
        if content is not upload:
            content.close()
    try:
        with transaction.atomic():
            attachment.save()
            audit_log(
                actor=actor,
                action="core.attachment.created",
                instance=attachment,
                unit=unit,
                changes={
                    "original_name": attachment.original_name,
                    "content_type": attachment.content_type,
                    "size": attachment.size,
                    "sha256": attachment.sha256,
                    "object_type": object_type,
                    "object_id": attachment.object_id,
                },
            )
    except BaseException:
        # The row was not written: do not leave its file behind in storage.
        attachment.file.delete(save=False)
        raise
    return attachment
