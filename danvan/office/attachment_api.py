"""Attachments API: upload a photo or document for a unit, read its metadata, download it.

Authentication comes from the router's registration (``api.add_router("/", router, auth=api_auth)``).
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from ninja import File, Form, Router, Status
from ninja.decorators import decorate_view
from ninja.files import UploadedFile

from danvan.core.attachments import attachment_download_name, attachment_store
from danvan.core.schemas import ErrorOut
from danvan.core.storage import stored_file_response
from danvan.core.uploads import limit_upload_size
from danvan.office.access import access_attachment, access_unit_for_write
from danvan.office.schemas import AttachmentOut

router = Router(tags=["attachments"])


@router.post(
    "/attachments",
    response={201: AttachmentOut, 400: ErrorOut, 404: ErrorOut, 413: ErrorOut, 415: ErrorOut, 422: ErrorOut},
    summary="Tải lên tệp đính kèm",
    description="Ảnh JPEG, PNG, WebP (được lưu lại không kèm EXIF, vị trí GPS) hoặc tài liệu PDF, DOCX, XLSX; "
    "tối đa 20 MB. Loại tệp được xác định theo nội dung, không theo tên tệp.",
    url_name="attachment_create",
)
@decorate_view(limit_upload_size(api=True))
def attachment_create(request: HttpRequest, unit_id: Form[int], file: File[UploadedFile]) -> object:
    unit = access_unit_for_write(request.user, unit_id)
    attachment = attachment_store(actor=request.user, upload=file, unit=unit)
    return Status(201, attachment)


@router.get(
    "/attachments/{attachment_id}",
    response={200: AttachmentOut, 404: ErrorOut},
    summary="Thông tin tệp đính kèm",
    url_name="attachment_detail",
)
def attachment_detail(request: HttpRequest, attachment_id: int) -> object:
    return access_attachment(request.user, attachment_id)


@router.get(
    "/attachments/{attachment_id}/download",
    response={404: ErrorOut},
    summary="Tải xuống tệp đính kèm",
    url_name="attachment_download",
    openapi_extra={
        "responses": {
            "200": {
                "description": "Nội dung tệp.",
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def attachment_download(request: HttpRequest, attachment_id: int) -> FileResponse:
    attachment = access_attachment(request.user, attachment_id)
    try:
        # Streamed from the store (local disk or S3), only after the access check above (docs/decisions/0016-object-storage-and-caches.md).
        response = stored_file_response(
            attachment.file,
            as_attachment=True,
            filename=attachment_download_name(attachment),
            content_type=attachment.content_type,
        )
    except FileNotFoundError as error:
        raise Http404 from error
    response["X-Content-Type-Options"] = "nosniff"
    # Should a browser render it anyway (an old one, a PDF viewer), no script runs and nothing loads.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
