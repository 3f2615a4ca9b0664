"""Part of the reporting API (see api.py): the indicator registry, the figures of a unit and a period with
comparisons, the dashboard (by child unit, trend), the records behind a figure, and entered figures.

No ``from __future__ import annotations`` here: django-ninja reads the annotations at import time.
"""

from decimal import Decimal
from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema

from danvan.core.schemas import ErrorOut, UnitRef
from danvan.core.text import CODE_MAX, NOTE_MAX, TEXT_MAX, TITLE_MAX
from danvan.reporting import access, rollup
from danvan.reporting.api_types import FigureValue
from danvan.reporting.indicator_services import dashboard_unit, enter_figure, indicator_update, report_figures
from danvan.reporting.indicators import source_of
from danvan.reporting.models import EnteredFigure, Indicator, ReportType
from danvan.reporting.periods import ReportPeriod, parse_period, with_cutoff

router = Router(tags=["reporting"])
IndicatorCode = Annotated[str, Path(max_length=CODE_MAX)]  # an indicator's code in a path, "cchc.online_rate"
RECORDS_LIMIT = 500


class IndicatorOut(Schema):
    code: str
    label: str
    label_en: str
    measure: str
    group: str
    group_label: str
    method: str
    source: str
    kind: str
    checked_against: str
    sort_order: int
    is_active: bool
    version: int


class IndicatorPatch(Schema):
    version: int
    label: str | None = Field(None, max_length=TITLE_MAX)
    label_en: str | None = Field(None, max_length=TITLE_MAX)
    source: str | None = Field(None, max_length=TITLE_MAX)
    method: str | None = Field(None, max_length=TEXT_MAX)
    sort_order: int | None = None
    is_active: bool | None = None


class PeriodOut(Schema):
    code: str
    label: str
    start: str
    end: str


class FigureOut(Schema):
    code: str
    label: str
    measure: str
    group: str
    kind: str
    value: float | None
    text: str
    previous: float | None
    last_year: float | None
    change_previous: str
    change_last_year: str


class FiguresOut(Schema):
    unit: UnitRef
    period: PeriodOut
    previous_period: PeriodOut
    same_period_last_year: PeriodOut
    legacy: bool
    figures: list[FigureOut]


class FiguresQuery(Schema):
    unit: int | None = None
    period: str = Field("", max_length=CODE_MAX)
    report_type: str = Field("", max_length=CODE_MAX)
    codes: str = Field("", max_length=NOTE_MAX)
    legacy: bool = True


class ChildOut(Schema):
    unit: UnitRef
    value: float | None


class PointOut(Schema):
    period: PeriodOut
    value: float | None


class DashboardOut(Schema):
    unit: UnitRef | None = Field(description="Đơn vị; null: toàn quốc (các tỉnh, thành phố là đơn vị trực thuộc)")
    national: bool
    period: PeriodOut
    legacy: bool
    code: str
    value: float | None
    children: list[ChildOut]
    trend: list[PointOut]


class DashboardQuery(Schema):
    unit: int | None = None
    period: str = Field("", max_length=CODE_MAX)
    report_type: str = Field("", max_length=CODE_MAX)
    code: str = Field(..., max_length=CODE_MAX)
    legacy: bool = True


class RecordOut(Schema):
    id: int
    text: str


class RecordsOut(Schema):
    code: str
    total: int
    records: list[RecordOut]


class EnteredIn(Schema):
    unit: int
    period: str = Field(..., max_length=CODE_MAX)
    code: str = Field(..., max_length=CODE_MAX)
    value: FigureValue
    note: str = Field("", max_length=NOTE_MAX)
    confirm: bool = False
    version: int | None = None


class EnteredOut(Schema):
    id: int
    unit: int
    start: str
    end: str
    code: str
    value: Decimal
    note: str
    version: int


def _unit(unit) -> UnitRef:
    return UnitRef(id=unit.pk, code=unit.code, name=unit.name, tree=unit.tree)


def _period(period: ReportPeriod) -> PeriodOut:
    return PeriodOut(code=period.code, label=period.label, start=period.start.isoformat(), end=period.end.isoformat())


def _number(value) -> float | None:
    return float(value) if value is not None else None


def _asked_period(code: str, report_type: str = "") -> ReportPeriod:
    from django.utils import timezone

    period = parse_period(code or str(timezone.localdate().year))
    if report_type:
        kind = ReportType.objects.filter(code=report_type).first()
        if kind is None:
            from danvan.core.periods import invalid_period

            raise invalid_period("Loại báo cáo không tồn tại.", "report_type")
        period = with_cutoff(period, kind.cutoff_day)
    return period


def _indicator(indicator: Indicator) -> IndicatorOut:
    return IndicatorOut(**{name: getattr(indicator, name) for name in IndicatorOut.model_fields})


@router.get(
    "/reporting/indicators", response=list[IndicatorOut], summary="Danh mục chỉ tiêu", url_name="indicator_list"
)
def indicator_list_endpoint(request: HttpRequest) -> list[IndicatorOut]:
    return [_indicator(indicator) for indicator in Indicator.objects.all()]


@router.patch(
    "/reporting/indicators/{code}",
    response={200: IndicatorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Sửa tên, nguồn của chỉ tiêu (quản trị hệ thống)",
    url_name="indicator_update",
)
def indicator_update_endpoint(request: HttpRequest, code: IndicatorCode, payload: IndicatorPatch) -> IndicatorOut:
    access.require_indicator_admin(request.user)
    changes = payload.dict(exclude_unset=True, exclude_none=True)
    version = changes.pop("version")
    return _indicator(indicator_update(actor=request.user, code=code, version=version, **changes))


@router.get(
    "/reporting/figures",
    response={200: FiguresOut, 404: ErrorOut, 422: ErrorOut},
    summary="Số liệu báo cáo của một đơn vị trong một kỳ",
    description="Mọi chỉ tiêu (hoặc `codes`, cách nhau bởi dấu phẩy) của đơn vị và các đơn vị trực thuộc, kể cả đơn "
    "vị cũ trước 01/7/2025 được kế thừa (`legacy=false` để bỏ); kỳ: `2026-M03`, `2026-Q1`, `2026-H1`, `2026-9M`, "
    "`2026`, `2021-2025` hoặc `2026-01-01..2026-03-31`; `report_type`: ngày chốt số liệu. Kèm kỳ trước và cùng kỳ.",
    url_name="indicator_figures",
)
def figures_endpoint(request: HttpRequest, filters: Query[FiguresQuery]) -> FiguresOut:
    unit = access.access_report_unit(request.user, filters.unit)
    period = _asked_period(filters.period, filters.report_type)
    codes = [code.strip() for code in filters.codes.split(",") if code.strip()] or None
    report = report_figures(unit, period, codes, legacy=filters.legacy)
    return FiguresOut(
        unit=_unit(unit),
        period=_period(period),
        previous_period=_period(report.previous),
        same_period_last_year=_period(report.last_year),
        legacy=filters.legacy,
        figures=[
            FigureOut(
                code=row.code,
                label=row.label,
                measure=row.measure,
                group=row.group,
                kind=row.kind,
                value=_number(row.value),
                text=row.text,
                previous=_number(row.previous),
                last_year=_number(row.last_year),
                change_previous=row.change_previous,
                change_last_year=row.change_last_year,
            )
            for row in report.rows
        ],
    )


@router.get(
    "/reporting/dashboard",
    response={200: DashboardOut, 404: ErrorOut, 422: ErrorOut},
    summary="Một chỉ tiêu theo đơn vị trực thuộc và qua các kỳ",
    description="Chỉ tiêu `code` của đơn vị (kể cả đơn vị cũ được kế thừa, `legacy=false` để bỏ) theo từng đơn vị "
    "trực thuộc và qua 5 kỳ cùng loại; `report_type`: ngày chốt số liệu. Không có `unit`: người xem toàn hệ thống "
    "thấy toàn quốc (34 tỉnh, thành phố), người khác thấy đơn vị đầu tiên của mình.",
    url_name="indicator_dashboard",
)
def dashboard_endpoint(request: HttpRequest, filters: Query[DashboardQuery]) -> DashboardOut:
    unit = dashboard_unit(request.user, filters.unit)
    if source_of(filters.code) is None:
        from django.http import Http404

        raise Http404
    period = _asked_period(filters.period, filters.report_type)
    children = rollup.by_child(unit, period.period, filters.code, legacy=filters.legacy)
    points = rollup.trend(unit, rollup.trend_periods(period), filters.code, legacy=filters.legacy)
    return DashboardOut(
        unit=_unit(unit) if unit is not None else None,
        national=unit is None,
        period=_period(period),
        legacy=filters.legacy,
        code=filters.code,
        value=_number(points[-1].value),
        children=[ChildOut(unit=_unit(child.unit), value=_number(child.value)) for child in children],
        trend=[PointOut(period=_period(point.period), value=_number(point.value)) for point in points],
    )


@router.get(
    "/reporting/records",
    response={200: RecordsOut, 404: ErrorOut, 422: ErrorOut},
    summary="Hồ sơ tạo nên một số liệu",
    url_name="indicator_records",
)
def records_endpoint(request: HttpRequest, filters: Query[DashboardQuery]) -> RecordsOut:
    unit = dashboard_unit(request.user, filters.unit)
    source = source_of(filters.code)
    period = _asked_period(filters.period, filters.report_type)
    place = rollup.place_of(unit, legacy=filters.legacy)
    records = source.records(filters.code, place, period.period) if source is not None else None
    if records is None:
        from django.http import Http404

        raise Http404
    return RecordsOut(
        code=filters.code,
        total=records.count(),
        records=[RecordOut(id=record.pk, text=str(record)) for record in records[:RECORDS_LIMIT]],
    )


def _entered(figure: EnteredFigure) -> EnteredOut:
    return EnteredOut(
        id=figure.pk,
        unit=figure.unit_id,
        start=figure.start.isoformat(),
        end=figure.end.isoformat(),
        code=figure.indicator_code,
        value=figure.value,
        note=figure.note,
        version=figure.version,
    )


@router.post(
    "/reporting/entered-figures",
    response={200: EnteredOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Nhập (hoặc sửa) số liệu của đơn vị cho một kỳ",
    description="Một số liệu cho mỗi đơn vị, kỳ và chỉ tiêu (gửi lại cùng nội dung cho cùng kết quả). Số liệu khác "
    "số tính từ hồ sơ bị từ chối (409 `contradiction`, kèm giải thích) trừ khi `confirm` và có `note`.",
    url_name="indicator_enter",
)
def enter_endpoint(request: HttpRequest, payload: EnteredIn) -> EnteredOut:
    unit = access.access_unit_for_entry(request.user, payload.unit)
    figure = enter_figure(
        actor=request.user,
        unit=unit,
        period=parse_period(payload.period),
        code=payload.code,
        value=payload.value,
        note=payload.note,
        confirm=payload.confirm,
        version=payload.version,
    )
    return _entered(figure)


class EnteredQuery(Schema):
    unit: int | None = None
    period: str = Field("", max_length=CODE_MAX)


@router.get(
    "/reporting/entered-figures",
    response={200: list[EnteredOut], 404: ErrorOut, 422: ErrorOut},
    summary="Số liệu đơn vị đã nhập",
    url_name="indicator_entered_list",
)
def entered_list_endpoint(request: HttpRequest, filters: Query[EnteredQuery]) -> list[EnteredOut]:
    unit = access.access_report_unit(request.user, filters.unit)
    figures = EnteredFigure.objects.filter(unit=unit).order_by("-start", "indicator_code")
    if filters.period:
        period = parse_period(filters.period)
        figures = figures.filter(start=period.start, end=period.end)
    return [_entered(figure) for figure in figures[:500]]


__all__ = ["router"]
