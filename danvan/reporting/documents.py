"""Periodic reports as documents: ``render(unit, period, template, fmt) -> bytes``.

- ``docx``: from the editable templates ``document_templates/report_state.docx`` (NĐ 30/2020) or
  ``report_party.docx`` (HD 05-HD/VPTW), chosen by the report template's format; sections with their figures in
  generated Vietnamese sentences compared with the same period of the previous year, then the unit's narrative
  (from its submission for that template and period, if any), and a figures annex table.
- ``xlsx``: the annex — every indicator of the template by unit (the unit, or each unit below it that was asked),
  formula-safe (``core.xlsx``).
- ``pdf``: never inside a request — :func:`pdf_job` converts the DOCX with LibreOffice in a background job.

Figures come from ``indicators.compute`` (frozen figures when a submission was submitted). The phrasing here is a
minimal local helper until the indicators part's ``phrasing.py`` lands; swap :func:`compare_phrase` for it then.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.documents.formats import FORMATS, dated_parts
from danvan.core.documents.templates import DOCX_CONTENT_TYPE, DocumentTemplate, render_docx, template_register
from danvan.core.formatting import format_number
from danvan.core.models import AdministrativeUnit
from danvan.core.periods import Period, change_percent
from danvan.core.text import vi_sort_key
from danvan.core.xlsx import xlsx_bytes, xlsx_row, xlsx_workbook
from danvan.reporting.indicators import Place, compute, computed_codes
from danvan.reporting.models import ReportTemplate, Submission

FOLDER = Path(__file__).resolve().parent / "document_templates"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"docx": DOCX_CONTENT_TYPE, "xlsx": XLSX_CONTENT_TYPE, "pdf": "application/pdf"}

REPORT_STATE = template_register(
    DocumentTemplate(
        name="reporting_report_state",
        title=_("Báo cáo định kỳ (thể thức văn bản hành chính, NĐ 30/2020)"),
        default_path=FOLDER / "report_state.docx",
    )
)
REPORT_PARTY = template_register(
    DocumentTemplate(
        name="reporting_report_party",
        title=_("Báo cáo định kỳ (thể thức văn bản của Đảng, HD 05-HD/VPTW)"),
        default_path=FOLDER / "report_party.docx",
    )
)
DOCX_TEMPLATES = {"state": REPORT_STATE, "party": REPORT_PARTY}

NARRATIVE_HEADINGS = (
    ("results", "ĐÁNH GIÁ CHUNG VỀ KẾT QUẢ"),
    ("limitations", "HẠN CHẾ, NGUYÊN NHÂN"),
    ("next_tasks", "NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI"),
)


def _number(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def show(value: Any) -> str:
    """1.234 / 77,8 / "—"."""
    number = _number(value)
    if number is None:
        return "—"
    return format_number(number, 0 if number == number.to_integral() else 1)


def compare_phrase(current: Any, previous: Any, previous_label: str) -> str:
    """ "tăng 3,0% so với 6 tháng đầu năm 2025" / "giảm 25,5% …" / "bằng …"; "" when nothing to compare."""
    now, before = _number(current), _number(previous)
    if now is None or before is None:
        return ""
    if now == before:
        return f"bằng {previous_label}"
    change = change_percent(now, before)  # type: ignore[arg-type]
    if change is None:
        return f"tăng {show(now - before)} so với {previous_label}"
    word = "tăng" if change > 0 else "giảm"
    return f"{word} {format_number(abs(change), 1)}% so với {previous_label}"


def same_period_last_year(period: Period) -> Period:
    def back(day: dt.date) -> dt.date:
        try:
            return day.replace(year=day.year - 1)
        except ValueError:  # 29/02
            return day.replace(year=day.year - 1, day=28)

    return Period(back(period.start), back(period.end))


def indicator_labels(codes: list[str]) -> dict[str, str]:
    """Labels from the indicators part's ``Indicator`` rows when present; the code otherwise."""
    labels = {code: code for code in codes}
    from danvan.reporting import models

    indicator = getattr(models, "Indicator", None)  # the model lands with the indicators part
    if indicator is not None:
        labels.update(dict(indicator.objects.filter(code__in=codes).values_list("code", "label")))
    return labels


def submission_for(unit: AdministrativeUnit, period: Period, template: ReportTemplate) -> Submission | None:
    return (
        Submission.objects.filter(template=template, unit=unit, period_start=period.start, period_end=period.end)
        .select_related("unit", "template")
        .first()
    )


def figures_for(
    unit: AdministrativeUnit, period: Period, template: ReportTemplate, submission: Submission | None
) -> dict[str, Any]:
    """Frozen figures of a submitted report, else computed now; entered figures added."""
    codes = template.indicator_codes
    if submission is not None and submission.times_submitted:
        values: dict[str, Any] = dict(submission.figures)
    else:
        wanted = [code for code in codes if code in computed_codes()]
        values = compute(Place.of(unit), period, wanted) if wanted else {}
    if submission is not None:
        for code, value in (submission.entered or {}).items():
            values.setdefault(code, value)
    return values


def docx_context(
    unit: AdministrativeUnit,
    period: Period,
    template: ReportTemplate,
    today: dt.date | None = None,
    doc_format: str | None = None,
) -> dict[str, Any]:
    fmt = FORMATS[doc_format or template.doc_format]
    submission = submission_for(unit, period, template)
    values = figures_for(unit, period, template, submission)
    last_year = same_period_last_year(period)
    computed = [code for code in template.indicator_codes if code in computed_codes()]
    previous = compute(Place.of(unit), last_year, computed) if computed else {}
    labels = indicator_labels(template.indicator_codes)
    previous_label = (
        last_year.label[:1].lower() + last_year.label[1:]
        if "năm" in last_year.label
        else f"cùng kỳ ({last_year.label})"
    )
    sections = []
    index = 0
    for section in template.sections:
        index += 1
        lines = []
        for code in section.get("codes", []):
            value = values.get(code)
            sentence = f"{labels[code]}: {show(value)}"
            phrase = compare_phrase(value, previous.get(code), previous_label)
            lines.append(sentence + (f", {phrase}." if phrase else "."))
        sections.append({"heading": fmt.part_heading(index, section["title"].upper()), "lines": lines or ["—"]})
    narrative = (submission.narrative if submission else {}) or {}
    for key, heading in NARRATIVE_HEADINGS:
        index += 1
        text = (narrative.get(key) or "").strip()
        sections.append({"heading": fmt.part_heading(index, heading), "lines": text.splitlines() or ["…"]})
    rows = []
    for number, code in enumerate(template.indicator_codes, start=1):
        rows.append(
            {
                "number": number,
                "label": labels[code],
                "value": show(values.get(code)),
                "previous": show(previous.get(code)),
                "change": compare_phrase(values.get(code), previous.get(code), "cùng kỳ").replace(
                    " so với cùng kỳ", ""
                ),
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


def render_xlsx(unit: AdministrativeUnit, period: Period, template: ReportTemplate) -> bytes:
    """The annex: one row per unit (the units asked for this template and period under ``unit``, else ``unit``),
    one column per indicator of the template."""
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


def chart_rows(unit: AdministrativeUnit, period: Period, template: ReportTemplate) -> tuple[str, list[Any]]:
    """The first indicator of the template by the units below ``unit`` asked for this period (largest first, at
    most 15); no rows when none were asked or none has a value."""
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


def with_chart(content: bytes, unit: AdministrativeUnit, period: Period, template: ReportTemplate) -> bytes:
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
    """A template from itself, its id, or its name (the newest of that name); ``ValueError`` when none."""
    if isinstance(ref, ReportTemplate):
        return ref
    text = str(ref).strip()
    found = (
        ReportTemplate.objects.filter(pk=int(text)).first()
        if text.isdigit()
        else ReportTemplate.objects.filter(name=text).order_by("-created_at", "-pk").first()
    )
    if found is None:
        raise ValueError(f"no report template {ref!r}")
    return found


def render(
    unit: AdministrativeUnit,
    period: Period | str,
    template: ReportTemplate | int | str,
    fmt: str,
    *,
    doc_format: str | None = None,
) -> bytes:
    """The report of ``unit`` for ``period`` (a Period or a code like "2026-H1") on ``template`` (a template, its
    id or its name) as ``docx``, ``xlsx`` or ``pdf`` bytes. The CLI uses this; pages and the API never ask for
    ``pdf`` here — they start :func:`pdf_job`. ``doc_format`` ("state" or "party") overrides the template's format
    for the DOCX. ``ValueError`` for an unknown format or template."""
    if isinstance(period, str):
        from danvan.reporting.submission_services import period_of

        period = period_of(period)
    template = resolve_template(template)
    if fmt == "docx":
        chosen = doc_format if doc_format in DOCX_TEMPLATES else template.doc_format
        content = render_docx(DOCX_TEMPLATES[chosen].name, docx_context(unit, period, template, doc_format=chosen))
        return with_chart(content, unit, period, template)
    if fmt == "xlsx":
        return render_xlsx(unit, period, template)
    if fmt == "pdf":
        from danvan.core.documents.pdf import convert_to_pdf

        pdf = convert_to_pdf(render(unit, period, template, "docx"))
        if pdf is None:
            raise ValueError("LibreOffice is not available to convert to PDF")
        return pdf
    raise ValueError(f"unknown format {fmt!r}")


def render_submission(submission: Submission, fmt: str) -> bytes:
    return render(submission.unit, Period(submission.period_start, submission.period_end), submission.template, fmt)


def file_name(submission_or_unit: Any, fmt: str, period_code: str = "") -> str:
    from danvan.core.text import fold

    if isinstance(submission_or_unit, Submission):
        unit, period_code = submission_or_unit.unit, submission_or_unit.period_code
    else:
        unit = submission_or_unit
    slug = fold(unit.name).replace(" ", "-")
    return f"bao-cao-{slug}-{period_code}.{fmt}"


def pdf_job(*, owner: Any, unit: AdministrativeUnit, period: Period, template: ReportTemplate, period_code: str):
    """Start the PDF conversion of the DOCX report as a background job (progress and result file in ``jobs``)."""
    from danvan.jobs.jobs import pdf_job_start

    docx = render(unit, period, template, "docx")
    return pdf_job_start(
        owner=owner,
        docx=docx,
        filename=file_name(unit, "pdf", period_code),
        label=f"{template.name} — {unit.name} — {period.label}",
    )
