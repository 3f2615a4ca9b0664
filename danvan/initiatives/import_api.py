"""Registry import and export over the API: the same XLSX files as the pages.

Authentication comes from the router's registration (``api.add_router("/", router, auth=api_auth)``).
No ``from __future__ import annotations`` here: ninja reads the parameter annotations at runtime.
"""

from django.http import HttpRequest, HttpResponse
from ninja import File, Query, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.files import UploadedFile
from pydantic import Field

from danvan.core.params import digits_int, positive_int
from danvan.core.periods import MAX_YEAR, MIN_YEAR
from danvan.core.schemas import ErrorOut
from danvan.core.uploads import limit_upload_size
from danvan.core.xlsx import XLSX_CONTENT_TYPE, xlsx_response
from danvan.initiatives import xlsx
from danvan.initiatives.access import initiatives_visible_to
from danvan.initiatives.filters import apply_filters
from danvan.initiatives.import_views import TEMPLATE_FILENAME, export_filename
from danvan.initiatives.models import InitiativeKind, InitiativeLevel, InitiativeStatus

router = Router(tags=["initiatives"])

XLSX_RESPONSE = {
    "responses": {
        "200": {
            "description": "Tệp Excel (.xlsx).",
            "content": {XLSX_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


class ImportOut(Schema):
    created: int = Field(description="Số mô hình, điển hình mới được tạo.")
    skipped: int = Field(description="Số dòng bỏ qua vì đã có (nhập lại cùng tệp).")


class ImportErrorItem(Schema):
    row: int = Field(description="Số dòng trong Excel (dòng tiêu đề là 1).")
    column: str = Field(description="Tên cột.")
    message: str


class ImportErrorOut(Schema):
    code: str
    message: str
    errors: list[ImportErrorItem]


class InitiativeExportFilter(Schema):
    q: str | None = Field(None, max_length=200, description="Tìm không phân biệt dấu, hoa thường.")
    field: str | None = Field(None, max_length=40, description="Lĩnh vực: mã số (id) hoặc mã (economy, …).")
    level: InitiativeLevel | None = None
    kind: InitiativeKind | None = None
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)
    status: InitiativeStatus | None = None
    organization: int | None = Field(None, ge=1)
    unit: int | None = Field(None, ge=1, description="Đơn vị (id), kể cả các đơn vị trực thuộc.")
    recognized_year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)


@router.post(
    "/initiatives/import",
    response={201: ImportOut, 400: ErrorOut, 409: ErrorOut, 413: ErrorOut, 422: ImportErrorOut},
    summary="Nhập danh sách mô hình, điển hình từ tệp Excel",
    description="Tệp theo mẫu (GET /initiatives/import-template). Kiểm tra toàn bộ trước khi nhập: có lỗi thì "
    "không nhập dòng nào và trả về 422 với danh sách lỗi theo dòng, cột. Nhập lại cùng tệp không tạo trùng.",
    url_name="initiative_import",
)
@decorate_view(limit_upload_size(api=True))
def initiative_import(request: HttpRequest, file: File[UploadedFile]) -> object:
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
    description="Cùng các cột với tệp mẫu (thêm cột Trạng thái), nên có thể nhập lại.",
    url_name="initiative_export",
    openapi_extra=XLSX_RESPONSE,
)
def initiative_export(request: HttpRequest, filters: Query[InitiativeExportFilter]) -> HttpResponse:
    values = filters.dict()
    field = values.pop("field")
    queryset = apply_filters(
        initiatives_visible_to(request.user),
        field=positive_int(field) if digits_int(field) is not None else field,
        **values,
    )
    return xlsx_response(xlsx.export_initiatives(queryset), export_filename())
