"""API of report templates, submissions and rankings, under /api/v1/reporting/…

``/reporting/templates`` (make one, send it to the units below for a period, the dashboard of who has submitted),
``/reporting/submissions`` (fill in, submit, return, approve, lock; the diff of frozen figures; documents),
``/reporting/ranking-schemes`` (criteria with weights summing to 100, the yearly ranking with explained scores).
No ``from __future__ import annotations`` here: django-ninja reads the annotations at import time. Creations take an
``Idempotency-Key``; changes take the ``version`` the client read (409 ``stale``); outside the officer's units is 404.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from danvan.core.models import AdministrativeUnit
from danvan.core.schemas import ErrorOut
from danvan.core.text import CODE_MAX, NAME_MAX, NOTE_MAX, TEXT_MAX, TITLE_MAX
from danvan.democracy.api_submissions import api_submission
from danvan.jobs.schemas import JobOut
from danvan.reporting import access
from danvan.reporting import submission_services as services
from danvan.reporting.api_types import FigureValue
from danvan.reporting.models import ReportTemplate

router = Router(tags=["reporting"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class SectionIn(Schema):
    title: str = Field(..., max_length=TITLE_MAX)
    codes: list[Annotated[str, Field(max_length=CODE_MAX)]] = []
    prompts: list[Annotated[str, Field(max_length=NOTE_MAX)]] = []


class TemplateIn(Schema):
    unit_id: int
    name: str = Field(..., max_length=TITLE_MAX)
    period_kind: str = Field(..., max_length=CODE_MAX)
    doc_format: str = Field(..., max_length=CODE_MAX)
    sections: list[SectionIn]
    body_kind: str = Field("commune", max_length=CODE_MAX)
    issuer_name: str = Field("", max_length=NAME_MAX)
    report_type: str = Field(
        "", max_length=CODE_MAX, description="Mã loại báo cáo có ngày chốt số liệu (vd. state-year); rỗng: dương lịch."
    )


class TemplateOut(Schema):
    id: int
    name: str
    owner_unit_id: int
    period_kind: str
    doc_format: str
    report_type: str | None

    @staticmethod
    def resolve_report_type(obj: Any) -> str | None:
        return obj.report_type.code if obj.report_type_id else None

    issuer_name: str
    sections: list[dict[str, Any]]
    version: int


class SendIn(Schema):
    period: str = Field(..., max_length=CODE_MAX)
    due_on: dt.date | None = None


class SendOut(Schema):
    created: int
    existing: int


class SubmissionOut(Schema):
    id: int
    template_id: int
    unit_id: int
    unit_name: str
    reviewer_unit_id: int
    period_code: str
    period_start: dt.date
    period_end: dt.date
    due_on: dt.date | None
    status: str
    figures: dict[str, Any]
    entered: dict[str, Any]
    narrative: dict[str, Any]
    times_submitted: int
    version: int

    @staticmethod
    def resolve_unit_name(obj: Any) -> str:
        return obj.unit.name


class SubmissionIn(Schema):
    version: int
    narrative: dict[str, Annotated[str, Field(max_length=TEXT_MAX)]] | None = None
    entered: dict[str, Any] | None = None
    # An entered figure that contradicts the computed one (409 ``contradiction``) is saved when confirmed with a note.
    confirm: bool = False
    note: str = Field("", max_length=NOTE_MAX)


class VersionIn(Schema):
    version: int


class ReturnIn(Schema):
    version: int
    comment: str = Field(..., max_length=NOTE_MAX)
    section: str = Field("", max_length=TITLE_MAX)


class CommentOut(Schema):
    id: int
    text: str
    section: str
    action: str
    author_id: int | None
    created_at: dt.datetime


class DiffOut(Schema):
    code: str
    frozen: str | None
    now: str | None


class DashboardRowOut(Schema):
    submission: SubmissionOut
    is_late: bool


class DashboardOut(Schema):
    counts: dict[str, int]
    rows: list[DashboardRowOut]


def _unit_to_send(request: HttpRequest, unit_id: int) -> AdministrativeUnit:
    unit = AdministrativeUnit.objects.filter(pk=unit_id).first()
    if unit is None or not access.submission_can_send(request.user, unit):
        raise Http404
    return unit


@router.get("/reporting/templates", response=list[TemplateOut], summary="Mẫu báo cáo")
def template_list(request: HttpRequest) -> Any:
    return list(
        access.templates_visible_to(request.user).select_related("report_type").order_by("-created_at", "-pk")[:200]
    )


@router.post(
    "/reporting/templates",
    response={200: TemplateOut, 201: TemplateOut, **ERRORS},
    summary="Tạo mẫu báo cáo",
    description="Các phần (tiêu đề, mã chỉ tiêu, gợi ý nội dung), thể thức nhà nước hoặc của Đảng.",
)
def template_create(request: HttpRequest, payload: TemplateIn) -> Any:
    unit = _unit_to_send(request, payload.unit_id)
    submission = api_submission(request, ReportTemplate, "reporting.template", payload)
    if submission.existing is not None:
        return Status(200, submission.existing)
    values = payload.dict(exclude={"unit_id"})
    template = services.template_create(
        actor=request.user,
        unit=unit,
        submission_key=submission.key,
        submission_fingerprint=submission.fingerprint,
        **values,
    )
    return Status(201, template)


@router.get("/reporting/templates/{int:template_id}", response={200: TemplateOut, **ERRORS}, summary="Một mẫu")
def template_detail(request: HttpRequest, template_id: int) -> Any:
    return access.access_template(request.user, template_id)


@router.post(
    "/reporting/templates/{int:template_id}/send",
    response={200: SendOut, **ERRORS},
    summary="Gửi mẫu báo cáo cho các xã, phường",
    description="Gửi lại cho cùng kỳ chỉ thêm các đơn vị còn thiếu.",
)
def template_send(request: HttpRequest, template_id: int, payload: SendIn) -> Any:
    template = access.access_template(request.user, template_id, send=True)
    result = services.template_send(
        actor=request.user, template=template, period_code=payload.period, due_on=payload.due_on
    )
    return SendOut(created=result.created, existing=result.existing)


@router.get(
    "/reporting/templates/{int:template_id}/dashboard",
    response={200: DashboardOut, **ERRORS},
    summary="Tình hình nộp báo cáo: đã nộp, quá hạn, bị trả lại",
)
def template_dashboard(
    request: HttpRequest, template_id: int, period: Annotated[str, Query(max_length=CODE_MAX)]
) -> Any:
    template = access.access_template(request.user, template_id)
    board = services.dashboard(template, period, viewer=request.user)
    return {
        "counts": board.counts,
        "rows": [{"submission": row.submission, "is_late": row.is_late} for row in board.rows],
    }


@router.get("/reporting/submissions", response=list[SubmissionOut], summary="Báo cáo của các đơn vị")
def submission_list(
    request: HttpRequest,
    period: Annotated[str, Query(max_length=CODE_MAX)] = "",
    status: Annotated[str, Query(max_length=CODE_MAX)] = "",
) -> Any:
    rows = access.submissions_visible_to(request.user).select_related("unit")
    if period:
        rows = rows.filter(period_code=period.strip().upper())
    if status:
        rows = rows.filter(status=status)
    return list(rows.order_by("unit_path", "pk")[:500])


@router.get(
    "/reporting/submissions/{int:submission_id}", response={200: SubmissionOut, **ERRORS}, summary="Một báo cáo"
)
def submission_detail(request: HttpRequest, submission_id: int) -> Any:
    return access.access_submission(request.user, submission_id)


@router.patch(
    "/reporting/submissions/{int:submission_id}",
    response={200: SubmissionOut, **ERRORS},
    summary="Lưu nội dung và số liệu nhập",
)
def submission_update(request: HttpRequest, submission_id: int, payload: SubmissionIn) -> Any:
    submission = access.access_submission(request.user, submission_id, need="write")
    return services.submission_update(actor=request.user, submission=submission, **payload.dict())


@router.post(
    "/reporting/submissions/{int:submission_id}/submit",
    response={200: SubmissionOut, **ERRORS},
    summary="Nộp (hoặc nộp lại) báo cáo: số liệu được chốt",
)
def submission_submit(request: HttpRequest, submission_id: int, payload: SubmissionIn) -> Any:
    submission = access.access_submission(request.user, submission_id, need="write")
    return services.submission_submit(actor=request.user, submission=submission, **payload.dict())


@router.post(
    "/reporting/submissions/{int:submission_id}/return",
    response={200: SubmissionOut, **ERRORS},
    summary="Trả lại báo cáo kèm nhận xét",
)
def submission_return(request: HttpRequest, submission_id: int, payload: ReturnIn) -> Any:
    submission = access.access_submission(request.user, submission_id, need="review")
    return services.submission_return(actor=request.user, submission=submission, **payload.dict())


@router.post(
    "/reporting/submissions/{int:submission_id}/approve", response={200: SubmissionOut, **ERRORS}, summary="Duyệt"
)
def submission_approve(request: HttpRequest, submission_id: int, payload: VersionIn) -> Any:
    submission = access.access_submission(request.user, submission_id, need="review")
    return services.submission_approve(actor=request.user, submission=submission, version=payload.version)


@router.post("/reporting/submissions/{int:submission_id}/lock", response={200: SubmissionOut, **ERRORS}, summary="Khoá")
def submission_lock(request: HttpRequest, submission_id: int, payload: VersionIn) -> Any:
    submission = access.access_submission(request.user, submission_id, need="review")
    return services.submission_lock(actor=request.user, submission=submission, version=payload.version)


@router.get(
    "/reporting/submissions/{int:submission_id}/comments",
    response={200: list[CommentOut], **ERRORS},
    summary="Nhận xét thẩm định",
)
def submission_comments(request: HttpRequest, submission_id: int) -> Any:
    return list(access.access_submission(request.user, submission_id).comments.all())


@router.get(
    "/reporting/submissions/{int:submission_id}/diff",
    response={200: list[DiffOut], **ERRORS},
    summary="Số liệu đã thay đổi so với lúc nộp",
)
def submission_diff(request: HttpRequest, submission_id: int) -> Any:
    submission = access.access_submission(request.user, submission_id)
    return [DiffOut(code=c.code, frozen=c.frozen, now=c.now) for c in services.figure_diff(submission)]


@router.get(
    "/reporting/submissions/{int:submission_id}/document",
    response={200: None, **ERRORS},
    summary="Tải báo cáo (docx theo thể thức của mẫu, hoặc xlsx phụ lục)",
)
def submission_document(
    request: HttpRequest, submission_id: int, fmt: Annotated[str, Query(max_length=CODE_MAX)] = "docx"
) -> Any:
    from danvan.reporting import documents

    submission = access.access_submission(request.user, submission_id)
    if fmt not in ("docx", "xlsx"):
        raise Http404
    content = documents.render_submission(submission, fmt)
    response = HttpResponse(content, content_type=documents.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{documents.file_name(submission, fmt)}"'
    return response


@router.post(
    "/reporting/submissions/{int:submission_id}/pdf",
    response={202: JobOut, **ERRORS},
    summary="Tạo bản PDF của báo cáo (công việc nền)",
    description="Bản DOCX được lập ngay, LibreOffice chuyển sang PDF trong công việc nền: trả 202 với công việc, "
    "theo dõi tiến độ và tải tệp qua `GET /api/v1/tasks/{id}`.",
)
def submission_pdf(request: HttpRequest, submission_id: int) -> Any:
    from danvan.reporting import documents

    submission = access.access_submission(request.user, submission_id)
    job = documents.pdf_job(
        owner=request.user,
        unit=submission.unit,
        period=services.submission_period(submission),
        template=submission.template,
        period_code=submission.period_code,
    )
    return Status(202, job)


# --- A unit's report for a period (what ``danvan report`` gives) ---------------------------------------------------


class ReportPeriodOut(Schema):
    code: str
    label: str
    start: str
    end: str


class ReportFigureOut(Schema):
    code: str
    label: str
    group: str
    measure: str
    kind: str
    value: float | None
    text: str
    previous: float | None
    last_year: float | None
    change_previous: str
    change_last_year: str


class ReportUnitOut(Schema):
    id: int
    code: str
    name: str
    tree: str


class ReportOut(Schema):
    unit: ReportUnitOut
    period: ReportPeriodOut
    previous_period: ReportPeriodOut
    same_period_last_year: ReportPeriodOut
    figures: list[ReportFigureOut]


class ReportQuery(Schema):
    unit: int | None = None
    period: str = Field(..., max_length=CODE_MAX)
    template: int | None = None
    format: Literal["json", "docx", "xlsx"] = "json"
    report_type: str = Field("", max_length=CODE_MAX)
    doc_format: Literal["", "state", "party"] = ""
    codes: str = Field("", max_length=NOTE_MAX)


class ReportPdfIn(Schema):
    unit: int | None = None
    period: str = Field(..., max_length=CODE_MAX)
    template: int
    report_type: str = Field("", max_length=CODE_MAX)
    doc_format: Literal["", "state", "party"] = ""


def _report_template(request: HttpRequest, template_id: int | None) -> ReportTemplate:
    from django.utils.translation import gettext as _

    from danvan.core.errors import DomainError

    if template_id is None:
        message = _("Cần chọn mẫu báo cáo (template) để xuất DOCX, XLSX hoặc PDF.")
        raise DomainError("template", message, status=422, fields={"template": [message]})
    return access.access_template(request.user, template_id)


def _report_period(code: str, report_type: str, template: ReportTemplate | None) -> Any:
    """The period asked for, to the cut-off of the report type asked for, else of the template's."""
    if not report_type and template is not None:
        return services.template_period(template, code)
    return services.period_of(code, report_type=report_type or None)


@router.get(
    "/reporting/report",
    response={200: ReportOut, **ERRORS},
    summary="Báo cáo của một đơn vị trong một kỳ (JSON, DOCX, XLSX)",
    description="Như lệnh `danvan report`: `format=json` (mặc định) trả mọi chỉ tiêu (hoặc các chỉ tiêu của mẫu "
    "`template`, hoặc `codes`) kèm kỳ trước và cùng kỳ năm trước; `docx` (thể thức của mẫu, hoặc `doc_format`) "
    "và `xlsx` (phụ lục số liệu) cần `template`. Kỳ: `2026-M03`, `2026-Q1`, `2026-H1`, `2026-9M`, `2026`, "
    "`2021-2025` hoặc `2026-01-01..2026-03-31` (422 `invalid_period`); `report_type`: ngày chốt số liệu. PDF: "
    "`POST /reporting/report/pdf`.",
)
def report(request: HttpRequest, filters: Query[ReportQuery]) -> Any:
    from danvan.reporting import documents

    unit = access.access_report_unit(request.user, filters.unit)
    chosen = _report_template(request, filters.template) if filters.template is not None else None
    period = _report_period(filters.period, filters.report_type, chosen)
    if filters.format == "json":
        codes = [code.strip() for code in filters.codes.split(",") if code.strip()] or None
        if codes is None and chosen is not None:
            codes = chosen.indicator_codes
        return documents.figures_json(unit, period, codes)
    template = chosen or _report_template(request, None)
    content = documents.render(unit, period, template, filters.format, doc_format=filters.doc_format or None)
    suffix = f"-{filters.doc_format}" if filters.doc_format else ""
    response = HttpResponse(content, content_type=documents.CONTENT_TYPES[filters.format])
    name = documents.file_name(unit, filters.format, period.code + suffix)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.post(
    "/reporting/report/pdf",
    response={202: JobOut, **ERRORS},
    summary="Tạo bản PDF báo cáo của một đơn vị trong một kỳ (công việc nền)",
    description="Bản DOCX được lập ngay, LibreOffice chuyển sang PDF trong công việc nền: trả 202 với công việc, "
    "theo dõi tiến độ và tải tệp qua `GET /api/v1/tasks/{id}`.",
)
def report_pdf(request: HttpRequest, payload: ReportPdfIn) -> Any:
    from danvan.reporting import documents

    unit = access.access_report_unit(request.user, payload.unit)
    template = _report_template(request, payload.template)
    period = _report_period(payload.period, payload.report_type, template)
    job = documents.pdf_job(
        owner=request.user, unit=unit, period=period, template=template, doc_format=payload.doc_format or None
    )
    return Status(202, job)


# --- Ranking ------------------------------------------------------------------------------------------------------


class CriterionIn(Schema):
    label: str = Field(..., max_length=TITLE_MAX)
    indicator_code: str = Field(..., max_length=CODE_MAX)
    weight: int
    target: FigureValue = Decimal("100")
    higher_is_better: bool = True


class SchemeIn(Schema):
    unit_id: int
    year: int
    name: str = Field(..., max_length=TITLE_MAX)
    criteria: list[CriterionIn]
    thresholds: list[dict[str, Any]] | None = None
    basis: str = Field("", max_length=TITLE_MAX)


class CriterionOut(Schema):
    id: int
    label: str
    indicator_code: str
    weight: int
    target: Decimal
    higher_is_better: bool


class SchemeOut(Schema):
    id: int
    unit_id: int
    year: int
    name: str
    thresholds: list[dict[str, Any]]
    basis: str
    criteria: list[CriterionOut]
    version: int

    @staticmethod
    def resolve_criteria(obj: Any) -> list[Any]:
        return list(obj.criteria.all())


class ResultOut(Schema):
    unit_id: int
    unit_name: str
    rank: int
    total: Decimal
    grade: str
    scores: list[dict[str, Any]]

    @staticmethod
    def resolve_unit_name(obj: Any) -> str:
        return obj.unit.name


@router.post(
    "/reporting/ranking-schemes",
    response={201: SchemeOut, **ERRORS},
    summary="Tạo bộ tiêu chí xếp hạng (tổng trọng số 100)",
)
def scheme_create(request: HttpRequest, payload: SchemeIn) -> Any:
    from danvan.reporting import ranking

    unit = AdministrativeUnit.objects.filter(pk=payload.unit_id).first()
    if unit is None or not access.ranking_can_manage(request.user, unit):
        raise Http404
    scheme = ranking.scheme_create(
        actor=request.user,
        unit=unit,
        year=payload.year,
        name=payload.name,
        criteria=[c.dict() for c in payload.criteria],
        thresholds=payload.thresholds,
        basis=payload.basis,
    )
    return Status(201, scheme)


@router.get("/reporting/ranking-schemes/{int:scheme_id}", response={200: SchemeOut, **ERRORS}, summary="Bộ tiêu chí")
def scheme_detail(request: HttpRequest, scheme_id: int) -> Any:
    return access.access_scheme(request.user, scheme_id)


@router.post(
    "/reporting/ranking-schemes/{int:scheme_id}/rank",
    response={200: list[ResultOut], **ERRORS},
    summary="Xếp hạng các đơn vị trong năm (điểm từng tiêu chí có giải thích)",
)
def scheme_rank(request: HttpRequest, scheme_id: int) -> Any:
    from danvan.reporting import ranking

    scheme = access.access_scheme(request.user, scheme_id, manage=True)
    return ranking.rank_units(actor=request.user, scheme=scheme)


@router.get(
    "/reporting/ranking-schemes/{int:scheme_id}/results",
    response={200: list[ResultOut], **ERRORS},
    summary="Kết quả xếp hạng",
)
def scheme_results(request: HttpRequest, scheme_id: int) -> Any:
    scheme = access.access_scheme(request.user, scheme_id)
    return list(scheme.results.select_related("unit"))
