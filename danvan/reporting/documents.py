"""Periodic reports as documents: ``render(unit, period, template, fmt) -> bytes``.

- ``docx``: from the editable templates ``document_templates/report_state.docx`` (NĐ 30/2020) or
  ``report_party.docx`` (HD 05-HD/VPTW), chosen by the report template's format; sections with their figures in
  generated Vietnamese sentences compared with the previous period and the same period of the previous year
  (``phrasing.py``, as the figures page and the API phrase them), then the unit's narrative (from its submission for
  that template and period, if any), and a figures annex table.
- ``xlsx``: the annex — every indicator of the template by unit (the unit, or each unit below it that was asked),
  formula-safe (``core.xlsx``).
- ``pdf``: never inside a request — :func:`pdf_job` converts the DOCX with LibreOffice in a background job.

Periods are ``reporting.periods.ReportPeriod`` (a code such as "2026-H1", "2021-2025" or two dates, with a report
type's cut-off when one is given). Figures come from ``indicators.compute`` (frozen figures when a submission was
submitted); entered figures from the submission, else the unit's entered figures (``EnteredFigure``).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.documents.formats import FORMATS, dated_parts
from danvan.core.documents.templates import DOCX_CONTENT_TYPE, DocumentTemplate, render_docx, template_register
from danvan.core.formatting import format_number
from danvan.core.models import AdministrativeUnit
from danvan.core.params import digits_int
from danvan.core.periods import Period
from danvan.core.text import vi_sort_key
from danvan.core.xlsx import xlsx_bytes, xlsx_row, xlsx_workbook
from danvan.reporting import phrasing
from danvan.reporting.indicators import Place, compute_many, computed_codes
from danvan.reporting.models import ReportTemplate, Submission
from danvan.reporting.periods import ReportPeriod, period_code_for

FOLDER = Path(__file__).resolve().parent / "document_templates"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"docx": DOCX_CONTENT_TYPE, "xlsx": XLSX_CONTENT_TYPE, "pdf": "application/pdf"}

REPORT_STATE = template_register(
    DocumentTemplate(
        name="reporting_report_state",
        title=gettext_lazy("Báo cáo định kỳ (thể thức văn bản hành chính, NĐ 30/2020)"),
        default_path=FOLDER / "report_state.docx",
    )
)
REPORT_PARTY = template_register(
    DocumentTemplate(
        name="reporting_report_party",
        title=gettext_lazy("Báo cáo định kỳ (thể thức văn bản của Đảng, HD 05-HD/VPTW)"),
        default_path=FOLDER / "report_party.docx",
    )
)
DOCX_TEMPLATES = {"state": REPORT_STATE, "party": REPORT_PARTY}

NARRATIVE_HEADINGS = (
    ("results", "ĐÁNH GIÁ CHUNG VỀ KẾT QUẢ"),
    ("limitations", "HẠN CHẾ, NGUYÊN NHÂN"),
    ("next_tasks", "NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI"),
)
RATE = "%"  # the unit of measure of a rate: compared in percentage points


class DocumentError(ValueError):
    """A report that cannot be made as asked (an unknown format or template, no LibreOffice for a PDF); its
    message is Vietnamese, for the CLI and the pages."""


def _number(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _value(value: Any) -> int | Decimal | None:
    """A figure as ``phrasing`` takes it: an int when whole (a count), else a Decimal."""
    number = _number(value)
    if number is None:
        return None
    return int(number) if number == number.to_integral_value() else number


def show(value: Any) -> str:
    """1.234 / 77,8 / "—"."""
    number = _number(value)
    if number is None:
        return "—"
    return format_number(number, 0 if number == number.to_integral() else 1)


def value_text(value: Any, measure: str = "") -> str:
    """ "137 lượt", "đạt 77,8%" for a rate, "—" without a value."""
    number = _value(value)
    if number is None:
        return "—"
    if measure == RATE:
        return phrasing.rate_phrase(Decimal(number))
    return phrasing.figure_phrase(number, measure)


def compare_phrase(current: Any, previous: Any, against: str, measure: str = "") -> str:
    """The comparison as the published reports write it (``phrasing.py``): "giảm 25,5% so với năm 2021"
    (184 → 137, half-up to one decimal), "tăng 3 mô hình so với …" when there was nothing before, a rate in
    percentage points ("tăng 2,5 điểm % so với …"), "bằng …"; "" when either side is missing."""
    now, before = _value(current), _value(previous)
    if now is None or before is None:
        return ""
    if measure == RATE:
        return phrasing.difference_phrase(now, before, "điểm %", against=against)
    return phrasing.change_phrase(now, before, against=against) or phrasing.difference_phrase(
        now, before, measure, against=against
    )


def report_period(period: ReportPeriod | Period | str, *, report_type: Any = None) -> ReportPeriod:
    """A :class:`ReportPeriod` from itself, a calendar ``Period`` or a code ("2026-H1", "2021-2025",
    "2026-01-01..2026-03-31"; 422 ``invalid_period`` otherwise), shifted to ``report_type``'s cut-off (a
    ``ReportType`` or its code) when one is given."""
    from danvan.reporting.submission_services import period_of

    if isinstance(period, str):
        return period_of(period, report_type=report_type)
    found = period if isinstance(period, ReportPeriod) else period_code_for(period)
    if report_type is None:
        return found
    return period_of(found.code, report_type=report_type)


def indicator_info(codes: list[str]) -> dict[str, tuple[str, str]]:
    """Each code's label and unit of measure from the registry (``Indicator``); the code and no unit otherwise."""
    from danvan.reporting.models import Indicator

    info = {code: (code, "") for code in codes}
    for code, label, measure in Indicator.objects.filter(code__in=codes).values_list("code", "label", "measure"):
        info[code] = (label, measure or "")
    return info


def indicator_labels(codes: list[str]) -> dict[str, str]:
    """Labels from the registry; the code otherwise."""
    return {code: label for code, (label, _measure) in indicator_info(codes).items()}


def submission_for(unit: AdministrativeUnit, period: ReportPeriod, template: ReportTemplate) -> Submission | None:
    return (
        Submission.objects.filter(template=template, unit=unit, period_start=period.start, period_end=period.end)
        .select_related("unit", "template")
        .first()
    )


def figures_for(
    unit: AdministrativeUnit, period: ReportPeriod, template: ReportTemplate, submission: Submission | None
) -> dict[str, Any]:
    """Frozen figures of a submitted report, else computed now; the submission's entered figures added, else the
    unit's entered figures for exactly that period (its subtree summed)."""
    return _figures_of(unit, [(period, submission)], template)[0]


def _figures_of(
    unit: AdministrativeUnit, asked: Sequence[tuple[ReportPeriod, Submission | None]], template: ReportTemplate
) -> list[dict[str, Any]]:
    """:func:`figures_for` of each (period, submission): the periods computed now are computed together
    (``compute_many``: a source that counts several periods reads its rows once — a report and the periods it is
    compared with)."""
    codes = template.indicator_codes
    computed = computed_codes()
    wanted = [code for code in codes if code in computed]
    frozen = [submission is not None and bool(submission.times_submitted) for _period, submission in asked]
    live = [period.period for (period, _submission), done in zip(asked, frozen, strict=True) if not done]
    fresh = iter(compute_many(Place.of(unit), live, wanted) if wanted and live else [{} for _period in live])
    found = []
    for (period, submission), done in zip(asked, frozen, strict=True):
        values: dict[str, Any] = dict(submission.figures) if done and submission is not None else dict(next(fresh))
        if submission is not None:
            for code, value in (submission.entered or {}).items():
                values.setdefault(code, value)
        missing = [code for code in codes if code not in computed and values.get(code) is None]
        if missing:
            from danvan.reporting.indicator_services import entered_values

            for code, value in entered_values(unit, period, missing).items():
                values.setdefault(code, value)
        found.append(values)
    return found


def docx_context(
    unit: AdministrativeUnit,
    period: ReportPeriod | Period | str,
    template: ReportTemplate,
    today: dt.date | None = None,
    doc_format: str | None = None,
) -> dict[str, Any]:
    period = report_period(period)
    fmt = FORMATS[doc_format or template.doc_format]
    previous_period, last_year_period = period.previous(), period.same_period_last_year()
    same_as_previous = last_year_period.period == previous_period.period
    # The period's figures and those of the periods compared with (their reports' when there are), read together.
    periods = [period, previous_period] if same_as_previous else [period, previous_period, last_year_period]
    submissions = [submission_for(unit, each, template) for each in periods]
    values, previous, *rest = _figures_of(unit, list(zip(periods, submissions, strict=True)), template)
    submission = submissions[0]
    last_year = rest[0] if rest else previous
    against_previous = previous_period.against
    against_last_year = _("cùng kỳ %(period)s") % {"period": last_year_period.against}
    info = indicator_info(template.indicator_codes)
    sections = []
    index = 0
    for section in template.sections:
        index += 1
        lines = []
        for code in section.get("codes", []):
            label, measure = info.get(code, (code, ""))
            value = values.get(code)
            phrases = [compare_phrase(value, previous.get(code), against_previous, measure)]
            if not same_as_previous:
                phrases.append(compare_phrase(value, last_year.get(code), against_last_year, measure))
            said = ", ".join(phrase for phrase in phrases if phrase)
            lines.append(f"{label}: {value_text(value, measure)}" + (f", {said}." if said else "."))
        sections.append({"heading": fmt.part_heading(index, section["title"].upper()), "lines": lines or ["—"]})
    narrative = (submission.narrative if submission else {}) or {}
    for key, heading in NARRATIVE_HEADINGS:
        index += 1
        text = str(narrative.get(key) or "").strip()
        sections.append({"heading": fmt.part_heading(index, heading), "lines": text.splitlines() or ["…"]})
    rows = []
    for number, code in enumerate(template.indicator_codes, start=1):
        label, measure = info.get(code, (code, ""))
        rows.append(
            {
                "number": number,
                "label": label,
                "value": show(values.get(code)),
                "previous": show(last_year.get(code)),
                "change": compare_phrase(values.get(code), last_year.get(code), "", measure),
            }
        )
    today = today or timezone.localdate()
    parent = unit.parent.name if unit.parent is not None else ""
    issuer = template.issuer_name if unit.pk == template.owner_unit_id and template.issuer_name else unit.name
    return {
        **dated_parts(today),
        "place": unit.short_name or unit.name,
        "issuer": issuer,
        "issuer_parent": parent,
        "number": "",
        "symbol": "BC" if fmt.code == "state" else "BC/ĐU",
        "title": template.name,
        "title_lower": template.name[:1].lower() + template.name[1:],
        "period_label": period.label,
        "period_label_lower": period.label[:1].lower() + period.label[1:],
        "sections": sections,
        "rows": rows,
        "signer_title": "",
        "signer_name": "",
    }


def render_xlsx(unit: AdministrativeUnit, period: ReportPeriod | Period | str, template: ReportTemplate) -> bytes:
    """The annex: one row per unit (the units asked for this template and period under ``unit``, else ``unit``),
    one column per indicator of the template."""
    period = report_period(period)
    codes = template.indicator_codes
    labels = indicator_labels(codes)
    asked = list(
        Submission.objects.filter(
            template=template, period_start=period.start, period_end=period.end, unit_path__startswith=unit.path
        ).select_related("unit", "template")
    )
    asked.sort(key=lambda submission: vi_sort_key(submission.unit.name))
    with xlsx_workbook() as workbook:
        sheet = workbook.create_sheet("Phu luc")
        sheet.append(xlsx_row(sheet, [f"{template.name} — {period.label}"]))
        sheet.append(xlsx_row(sheet, ["STT", "Đơn vị", "Trạng thái", *[labels[code] for code in codes]]))
        if asked:
            for number, submission in enumerate(asked, start=1):
                values = figures_for(submission.unit, period, template, submission)
                row = [
                    number,
                    submission.unit.name,
                    str(submission.get_status_display()),
                    *[_xlsx_value(values.get(code)) for code in codes],
                ]
                sheet.append(xlsx_row(sheet, row))
        else:
            values = figures_for(unit, period, template, None)
            sheet.append(xlsx_row(sheet, [1, unit.name, "", *[_xlsx_value(values.get(code)) for code in codes]]))
        return xlsx_bytes(workbook)


def _xlsx_value(value: Any) -> Any:
    number = _number(value)
    if number is None:
        return value if value is not None else ""
    return int(number) if number == number.to_integral() else float(number)


def chart_rows(
    unit: AdministrativeUnit, period: ReportPeriod | Period | str, template: ReportTemplate
) -> tuple[str, list[Any]]:
    """The first indicator of the template by the units below ``unit`` asked for this period (largest first, at
    most 15); no rows when none were asked or none has a value."""
    period = report_period(period)
    codes = template.indicator_codes
    if not codes:
        return "", []
    code = codes[0]
    rows = []
    for submission in (
        Submission.objects.filter(
            template=template, period_start=period.start, period_end=period.end, unit_path__startswith=unit.path
        )
        .exclude(unit=unit)
        .select_related("unit", "template")
    ):
        value = _number(figures_for(submission.unit, period, template, submission).get(code))
        if value is not None and value >= 0:
            rows.append((submission.unit.name, value))
    rows.sort(key=lambda row: (-row[1], vi_sort_key(row[0])))
    return indicator_labels([code])[code], rows[:15]


def with_chart(content: bytes, unit: AdministrativeUnit, period: ReportPeriod, template: ReportTemplate) -> bytes:
    """The rendered DOCX with a bar chart (Pillow PNG) before the figures annex, when there is something to draw."""
    title, rows = chart_rows(unit, period, template)
    if not rows:
        return content
    from docx import Document
    from docx.shared import Mm

    from danvan.reporting.charts import bar_chart_png

    document = Document(io.BytesIO(content))
    anchor = next((p for p in document.paragraphs if p.text.strip() == "PHỤ LỤC SỐ LIỆU"), None)
    paragraph = anchor.insert_paragraph_before() if anchor is not None else document.add_paragraph()
    paragraph.add_run().add_picture(io.BytesIO(bar_chart_png(title, rows)), width=Mm(160))
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def resolve_template(ref: ReportTemplate | int | str) -> ReportTemplate:
    """A template from itself, its id, or its name (the newest of that name); :class:`DocumentError` when none."""
    if isinstance(ref, ReportTemplate):
        return ref
    text = str(ref).strip()
    if not text:
        raise DocumentError(_("Cần chọn mẫu báo cáo (số hoặc tên của mẫu) để xuất DOCX, XLSX hoặc PDF."))
    template_id = digits_int(text)
    found = (
        ReportTemplate.objects.filter(pk=template_id).first()
        if template_id is not None
        else ReportTemplate.objects.filter(name=text).order_by("-created_at", "-pk").first()
    )
    if found is None:
        raise DocumentError(_("Không có mẫu báo cáo “%(template)s”.") % {"template": text})
    return found


FORMATS_RENDERED = ("docx", "xlsx", "pdf")


def render(
    unit: AdministrativeUnit,
    period: ReportPeriod | Period | str,
    template: ReportTemplate | int | str,
    fmt: str,
    *,
    doc_format: str | None = None,
    report_type: Any = None,
) -> bytes:
    """The report of ``unit`` for ``period`` (a ``ReportPeriod``, a ``Period`` or a code like "2026-H1", parsed by
    ``reporting.periods``; ``report_type`` — a ``ReportType`` or its code — shifts it to its cut-off) on
    ``template`` (a template, its id or its name) as ``docx``, ``xlsx`` or ``pdf`` bytes. The CLI uses this; pages
    and the API never ask for ``pdf`` here — they start :func:`pdf_job`. ``doc_format`` ("state" or "party")
    overrides the template's format for the DOCX. :class:`DocumentError` (a ``ValueError``) for an unknown format
    or template, or a PDF without LibreOffice; 422 ``invalid_period`` for a bad period. The document is Vietnamese
    whatever the language of the request."""
    from django.utils import translation

    if fmt not in FORMATS_RENDERED:
        raise DocumentError(_("Định dạng không hỗ trợ: %(format)s (docx, xlsx, pdf).") % {"format": fmt})
    with translation.override("vi"):
        period = report_period(period, report_type=report_type)
        template = resolve_template(template)
        if fmt == "docx":
            chosen = doc_format if doc_format in DOCX_TEMPLATES else template.doc_format
            content = render_docx(DOCX_TEMPLATES[chosen].name, docx_context(unit, period, template, doc_format=chosen))
            return with_chart(content, unit, period, template)
        if fmt == "xlsx":
            return render_xlsx(unit, period, template)
        from danvan.core.documents.pdf import convert_to_pdf

        pdf = convert_to_pdf(render(unit, period, template, "docx", doc_format=doc_format))
        if pdf is None:
            raise DocumentError(
                _("Không tạo được PDF: máy chưa cài LibreOffice (lệnh soffice). Hãy xuất DOCX (--format docx).")
            )
        return pdf


def render_submission(submission: Submission, fmt: str) -> bytes:
    from danvan.reporting.submission_services import submission_period

    return render(submission.unit, submission_period(submission), submission.template, fmt)


def file_name(submission_or_unit: Any, fmt: str, period_code: str = "") -> str:
    from danvan.core.text import fold

    if isinstance(submission_or_unit, Submission):
        unit, period_code = submission_or_unit.unit, submission_or_unit.period_code
    else:
        unit = submission_or_unit
    slug = fold(unit.name).replace(" ", "-")
    return f"bao-cao-{slug}-{period_code}.{fmt}"


def pdf_job(
    *,
    owner: Any,
    unit: AdministrativeUnit,
    period: ReportPeriod | Period | str,
    template: ReportTemplate,
    period_code: str = "",
    doc_format: str | None = None,
) -> Any:
    """Start the PDF conversion of the DOCX report as a background job (progress and result file in ``jobs``)."""
    from danvan.jobs.jobs import pdf_job_start

    period = report_period(period)
    period_code = period_code or period.code
    docx = render(unit, period, template, "docx", doc_format=doc_format)
    return pdf_job_start(
        owner=owner,
        docx=docx,
        filename=file_name(unit, "pdf", period_code),
        label=f"{template.name} — {unit.name} — {period.label}",
    )


def _float(value: Any) -> Any:
    return float(value) if value is not None and not isinstance(value, int) else value


def figures_json(unit: AdministrativeUnit, period: ReportPeriod, codes: list[str] | None = None) -> dict[str, Any]:
    """The figures of a unit for a period with the previous period and the same period last year, as the CLI's
    ``--format json`` and the API's ``GET /reporting/report`` give them (``indicator_services.report_figures``)."""
    from danvan.reporting.indicator_services import report_figures

    report = report_figures(unit, period, codes)

    def span(p: ReportPeriod) -> dict[str, str]:
        return {"code": p.code, "label": p.label, "start": p.start.isoformat(), "end": p.end.isoformat()}

    return {
        "unit": {"id": unit.pk, "code": unit.code, "name": unit.name, "tree": unit.tree},
        "period": span(period),
        "previous_period": span(report.previous),
        "same_period_last_year": span(report.last_year),
        "figures": [
            {
                "code": row.code,
                "label": row.label,
                "group": row.group,
                "measure": row.measure,
                "kind": row.kind,
                "value": _float(row.value),
                "text": row.text,
                "previous": _float(row.previous),
                "last_year": _float(row.last_year),
                "change_previous": row.change_previous,
                "change_last_year": row.change_last_year,
            }
            for row in report.rows
        ],
    }
