"""Registry import and export over the API: the same XLSX files as the pages.

Authentication comes from the router's registration (``api.add_router("/", router, auth=api_auth)``).
No ``from __future__ import annotations`` here: ninja reads the parameter annotations at runtime.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import File, Query, Router, Status
from ninja.decorators import decorate_view
from ninja.files import UploadedFile

from danvan.core.schemas import ErrorOut
from danvan.core.uploads import limit_upload_size
from danvan.core.xlsx import XLSX_CONTENT_TYPE, xlsx_response
from danvan.initiatives import jobs, xlsx
from danvan.initiatives.access import initiatives_visible_to
from danvan.initiatives.filters import apply_filters
from danvan.initiatives.import_views import TEMPLATE_FILENAME, export_filename
from danvan.initiatives.schemas import ImportErrorOut, ImportOut, InitiativeFilter
from danvan.jobs.schemas import JobOut

router = Router(tags=["initiatives"])

XLSX_RESPONSE = {
    "responses": {
        "200": {
            "description": "Tệp Excel (.xlsx).",
            "content": {XLSX_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@router.post(
    "/initiatives/import",
    response={201: ImportOut, 202: JobOut, 400: ErrorOut, 409: ErrorOut, 413: ErrorOut, 422: ImportErrorOut},
    summary="Nhập danh sách mô hình, điển hình từ tệp Excel",
    description="Tệp theo mẫu (GET /initiatives/import-template). Kiểm tra toàn bộ trước khi nhập: có lỗi thì "
    "không nhập dòng nào và trả về 422 với danh sách lỗi theo dòng, cột. Nhập lại cùng tệp không tạo trùng. "
    "Tệp lớn (quá JOBS_IMPORT_THRESHOLD dòng): 202 với công việc nền, theo dõi ở GET /api/v1/tasks/{id}.",
    url_name="initiative_import",
)
@decorate_view(limit_upload_size(api=True))
def initiative_import(request: HttpRequest, file: File[UploadedFile]) -> object:
    if jobs.import_is_large(file):
        return Status(202, jobs.import_job_start(owner=request.user, file=file, name=file.name or ""))
    try:
        result = xlsx.import_initiatives(actor=request.user, file=file)
    except xlsx.InvalidImport as error:
        return Status(
            422,
            {
                "code": error.code,
                "message": str(error.message),
                "errors": [{"row": e.row, "column": e.column, "message": e.message} for e in error.errors],
            },
        )
    return Status(201, {"created": result.created, "skipped": result.skipped})


@router.get(
    "/initiatives/import-template",
    summary="Tải tệp mẫu nhập danh sách",
    url_name="initiative_import_template",
    openapi_extra=XLSX_RESPONSE,
)
def initiative_import_template(request: HttpRequest) -> HttpResponse:
    return xlsx_response(xlsx.build_template(), TEMPLATE_FILENAME)


@router.get(
    "/initiatives/export",
    summary="Xuất danh sách mô hình, điển hình (đã lọc) ra Excel",
    description="Cùng các cột với tệp mẫu (thêm cột Trạng thái), nên có thể nhập lại. Danh sách lớn (quá "
    "JOBS_EXPORT_THRESHOLD mô hình): 202 với công việc nền (GET /api/v1/tasks/{id}, tải ở `result_url`).",
    response={202: JobOut},
    url_name="initiative_export",
    openapi_extra=XLSX_RESPONSE,
)
def initiative_export(request: HttpRequest, filters: Query[InitiativeFilter]) -> HttpResponse | Status[Any]:
    queryset = apply_filters(initiatives_visible_to(request.user), **filters.values())
    if jobs.export_is_large(queryset.count()):
        job = jobs.export_job_start(owner=request.user, query=request.GET.urlencode(), filename=export_filename())
        return Status(202, job)
    return xlsx_response(xlsx.export_initiatives(queryset), export_filename())
