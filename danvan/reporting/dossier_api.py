"""API of administrative-procedure dossiers under /api/v1/reporting/dossiers…: the list with filters and the
drill-down of a CCHC figure, a unit's CCHC figures for a period, the province's column mapping, the import (a
background job; columns that do not match the mapping are refused at once, by name, nothing stored), and the
procedure figures a unit enters (PUT: one row per unit and period, ``version`` → 409 ``stale``).

No ``from __future__ import annotations``: ninja reads the parameter annotations at runtime.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.files import UploadedFile
from ninja.pagination import paginate

from danvan.core.errors import DomainError
from danvan.core.pagination import Page
from danvan.core.periods import Period, period_from
from danvan.core.schemas import ErrorOut
from danvan.core.text import CODE_MAX, NOTE_MAX, QUERY_MAX
from danvan.core.uploads import limit_upload_size
from danvan.jobs.schemas import JobOut
from danvan.reporting import access, dossier_jobs, dossier_services
from danvan.reporting.indicators import Place
from danvan.reporting.models import Dossier, ProcedureFigure
from danvan.reporting.sources_dossiers import CCHC_INDICATORS, SOURCE, handled

router = Router(tags=["reporting"])
ERRORS = {400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class DossierFilter(Schema):
    unit: int | None = None
    year: int | None = None
    period: str = Field("", max_length=CODE_MAX)
    start: dt.date | None = None
    end: dt.date | None = None
    status: str = Field("", max_length=CODE_MAX)
    channel: str = Field("", max_length=CODE_MAX)
    q: str = Field("", max_length=QUERY_MAX)
    code: str = Field("", max_length=CODE_MAX)


class DossierOut(Schema):
    id: int
    number: str
    unit_id: int
    unit_name: str
    procedure_code: str
    procedure_name: str
    level: str
    received_on: dt.date
    channel: str
    due_on: dt.date | None
    finished_on: dt.date | None
    status: str

    @staticmethod
    def resolve_unit_name(obj: Dossier) -> str:
        return obj.unit.name


class IndicatorValueOut(Schema):
    code: str
    label: str
    unit: str
    value: Decimal | int | None


class IndicatorsOut(Schema):
    unit_id: int
    start: dt.date
    end: dt.date
    indicators: list[IndicatorValueOut]


class MappingIn(Schema):
    columns: dict[str, str]
    channel_values: dict[str, str] | None = None
    status_values: dict[str, str] | None = None
    version: int | None = None


class MappingOut(Schema):
    province_id: int
    columns: dict[str, str]
    channel_values: dict[str, str]
    status_values: dict[str, str]
    version: int | None
    fields: list[dict[str, Any]]


class ImportErrorOut(Schema):
    code: str
    message: str
    errors: list[dict[str, Any]]


class FigureIn(Schema):
    period_start: dt.date
    period_end: dt.date
    published: int = 0
    time_cut: int = 0
    days_cut: int = 0
    online_partial: int = 0
    online_full: int = 0
    note: str = Field("", max_length=NOTE_MAX)
    version: int | None = None


class FigureOut(Schema):
    id: int
    unit_id: int
    period_start: dt.date
    period_end: dt.date
    published: int
    time_cut: int
    days_cut: int
    online_partial: int
    online_full: int
    note: str
    version: int


def _period(year: int | None, period: str, start: dt.date | None = None, end: dt.date | None = None) -> Period:
    if start is not None or end is not None:
        return period_from(start=start, end=end)
    return period_from(year=year, period=period or "")


@router.get(
    "/reporting/dossiers",
    response={200: list[DossierOut], **ERRORS},
    summary="Danh sách hồ sơ thủ tục hành chính (lọc; hồ sơ của một số liệu CCHC)",
    description="`unit`: đơn vị (mặc định: mọi đơn vị được xem, theo ngày tiếp nhận trong kỳ). Với `unit`: hồ sơ "
    "được giải quyết trong kỳ; thêm `code` (vd. `cchc.resolved_late`): đúng những hồ sơ tạo nên số liệu đó.",
    url_name="dossier_list",
)
@paginate(Page)
def dossier_list(request: HttpRequest, filters: Query[DossierFilter]) -> Any:
    period = _period(filters.year, filters.period, filters.start, filters.end)
    if filters.unit is not None:
        unit = access.dossier_unit_for_read(request.user, filters.unit)
        place = Place.of(unit)
        if filters.code:
            base = SOURCE.records(filters.code, place, period)
            if base is None or base.model is not Dossier:
                raise DomainError("code_invalid", _("Chỉ tiêu không có danh sách hồ sơ."), status=422)
        else:
            base = handled(place, period)
    else:
        scope = access.dossier_read_scope(request.user)
        if scope.is_empty:
            return Dossier.objects.none()
        base = Dossier.objects.filter(scope.q("unit_path"), received_on__gte=period.start, received_on__lte=period.end)
    return dossier_services.dossier_list(base, status=filters.status, channel=filters.channel, q=filters.q)


@router.get(
    "/reporting/dossiers/units/{unit_id}/indicators",
    response={200: IndicatorsOut, **ERRORS},
    summary="Số liệu giải quyết thủ tục hành chính (QĐ 766/QĐ-TTg) của một đơn vị trong kỳ",
    url_name="dossier_indicators",
)
def dossier_indicators(
    request: HttpRequest,
    unit_id: int,
    year: int | None = None,
    period: Annotated[str, Query(max_length=CODE_MAX)] = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Any:
    unit = access.dossier_unit_for_read(request.user, unit_id)
    asked = _period(year, period, start, end)
    values = SOURCE.compute(Place.of(unit), asked)
    return {
        "unit_id": unit.pk,
        "start": asked.start,
        "end": asked.end,
        "indicators": [
            {"code": code, "label": label, "unit": measure, "value": values.get(code)}
            for code, label, measure in CCHC_INDICATORS
        ],
    }


def _mapping_out(province: Any) -> dict[str, Any]:
    mapping = dossier_services.mapping_for(province)
    return {
        "province_id": province.pk,
        "columns": mapping.columns,
        "channel_values": mapping.channel_values,
        "status_values": mapping.status_values,
        "version": mapping.version if mapping.pk else None,
        "fields": [{"key": f.key, "label": f.label, "required": f.required} for f in dossier_services.FIELDS],
    }


@router.get(
    "/reporting/dossiers/mappings/{province_id}",
    response={200: MappingOut, **ERRORS},
    summary="Cách đọc các cột của tệp hồ sơ một cửa của tỉnh",
    url_name="dossier_mapping",
)
def dossier_mapping(request: HttpRequest, province_id: int) -> Any:
    return _mapping_out(access.dossier_province_for_import(request.user, province_id))


@router.put(
    "/reporting/dossiers/mappings/{province_id}",
    response={200: MappingOut, **ERRORS},
    summary="Lưu cách đọc các cột (tên cột của tệp cho từng thông tin; từ ngữ của hình thức nộp, tình trạng)",
    url_name="dossier_mapping_save",
)
def dossier_mapping_save(request: HttpRequest, province_id: int, payload: MappingIn) -> Any:
    province = access.dossier_province_for_import(request.user, province_id)
    dossier_services.mapping_save(
        actor=request.user,
        province=province,
        columns=payload.columns,
        channel_values=payload.channel_values,
        status_values=payload.status_values,
        version=payload.version,
    )
    return _mapping_out(province)


@router.post(
    "/reporting/dossiers/import",
    response={202: JobOut, 400: ErrorOut, 404: ErrorOut, 413: ErrorOut, 422: ImportErrorOut},
    summary="Nhập hồ sơ từ tệp xuất của hệ thống một cửa (.xlsx, .csv) — chạy nền",
    description="Các cột được đọc theo cách đã lưu của tỉnh (PUT /reporting/dossiers/mappings/{id}). Cột không "
    "khớp: 422 `import_columns` nêu tên từng cột, không lưu gì. Sau đó kiểm tra toàn bộ tệp trong công việc nền "
    "(GET /api/v1/tasks/{id}): có lỗi thì không hồ sơ nào được nhập, lỗi nêu theo dòng, cột.",
    url_name="dossier_import",
)
@decorate_view(limit_upload_size(api=True))
def dossier_import(request: HttpRequest, province_id: Form[int], file: File[UploadedFile]) -> Any:
    province = access.dossier_province_for_import(request.user, province_id)
    mapping = dossier_services.mapping_for(province)
    if not mapping.columns:
        raise DomainError("mapping_missing", _("Tỉnh chưa chọn cách đọc các cột của tệp."), status=422)
    try:
        headings = dossier_services.read_headings(file, file.name or "")
        dossier_services.check_columns(headings, mapping.columns)
    except dossier_services.InvalidImport as error:
        return Status(
            422,
            {
                "code": error.code,
                "message": str(error.message),
                "errors": [{"row": e.row, "column": e.column, "message": e.message} for e in error.errors],
            },
        )
    source = dossier_jobs.keep_upload(owner=request.user, file=file, name=file.name or "")
    return Status(
        202, dossier_jobs.import_job_start(owner=request.user, province=province, source=source, name=file.name or "")
    )


@router.get(
    "/reporting/dossiers/units/{unit_id}/figures",
    response={200: list[FigureOut], **ERRORS},
    summary="Số liệu thủ tục hành chính do đơn vị nhập (công bố, cắt giảm, dịch vụ công trực tuyến)",
    url_name="dossier_figures",
)
def dossier_figures(request: HttpRequest, unit_id: int) -> Any:
    unit = access.dossier_unit_for_read(request.user, unit_id)
    return list(ProcedureFigure.objects.filter(unit=unit).order_by("-period_start", "-period_end"))


@router.put(
    "/reporting/dossiers/units/{unit_id}/figures",
    response={200: FigureOut, **ERRORS},
    summary="Nhập hoặc sửa số liệu thủ tục hành chính của một kỳ (một dòng cho mỗi đơn vị và kỳ)",
    url_name="dossier_figure_save",
)
def dossier_figure_save(request: HttpRequest, unit_id: int, payload: FigureIn) -> Any:
    unit = access.procedure_figure_unit_for_write(request.user, unit_id)
    return dossier_services.procedure_figure_save(
        actor=request.user,
        unit=unit,
        period_start=payload.period_start,
        period_end=payload.period_end,
        values=payload.dict(),
        version=payload.version,
    )
