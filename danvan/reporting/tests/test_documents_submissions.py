"""render(unit, period, template, fmt): DOCX in both formats (state NĐ 30/2020, Party HD 05-HD/VPTW), the XLSX
annex (formula-safe), comparisons in the sentences, PDF only as a background job."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from danvan.reporting import documents
from danvan.reporting import submission_services as services
from danvan.reporting.models import DocumentFormat, Submission
from danvan.reporting.tests.submission_fixtures import (
    NARRATIVE,
    install_fake_source,
    make_template,
    remove_fake_source,
    set_figures,
)


@pytest.fixture(autouse=True)
def fake_source():
    install_fake_source()
    yield
    remove_fake_source()


def text_of(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_compare_phrase_golden():
    """The shared phrasing (``phrasing.py``): as the seeds print, with the unit of measure, half-up one decimal."""
    assert documents.compare_phrase(137, 184, "năm 2021") == "giảm 25,5% so với năm 2021"
    assert documents.compare_phrase("137", "184", "năm 2021", "lượt") == "giảm 25,5% so với năm 2021"
    assert documents.compare_phrase(3, 3, "cùng kỳ") == "bằng cùng kỳ"
    assert documents.compare_phrase(5, 0, "cùng kỳ") == "tăng 5 so với cùng kỳ"
    assert documents.compare_phrase(3, 0, "năm 2025", "mô hình") == "tăng 3 mô hình so với năm 2025"
    assert documents.compare_phrase("77.8", "75.3", "năm 2025", "%") == "tăng 2,5 điểm % so với năm 2025"
    assert documents.compare_phrase(None, 3, "cùng kỳ") == ""
    assert documents.value_text("77.8", "%") == "đạt 77,8%"
    assert documents.value_text(33838, "hồ sơ") == "33.838 hồ sơ"
    assert documents.value_text(None, "lượt") == "—"


@pytest.mark.parametrize(
    ("doc_format", "number_mark", "heading", "signed"),
    [
        (DocumentFormat.STATE, "Số: ", "I. TIẾP CÔNG DÂN", "TM. "),
        (DocumentFormat.PARTY, "Số -BC/ĐU", "I- TIẾP CÔNG DÂN", "T/M "),
    ],
)
def test_docx_in_both_formats(cast, doc_format, number_mark, heading, signed):
    template = make_template(cast.carol, cast.dak_lak, doc_format=doc_format)
    services.template_send(actor=cast.carol, template=template, period_code="2026-H1", units=[cast.dong_xuan])
    set_figures("22081", 137)
    submission = Submission.objects.get(template=template)
    services.submission_submit(actor=cast.alice, submission=submission, version=1, narrative=NARRATIVE)
    # Last year's figures for the comparison: the fake source answers the same for any period, so change them.
    set_figures("22081", 137)
    text = text_of(documents.render(cast.dong_xuan, services.period_of("2026-H1"), template, "docx"))
    assert number_mark in text
    assert heading in text
    assert "Tiếp 137 lượt công dân." in text
    assert "HẠN CHẾ, NGUYÊN NHÂN" in text
    # The previous period and the same period last year, phrased as the figures page does (phrasing.py).
    assert "test.visits: 137, bằng 6 tháng cuối năm 2025, bằng cùng kỳ 6 tháng đầu năm 2025." in text
    assert signed + "XÃ ĐỒNG XUÂN" in text
    if doc_format == DocumentFormat.PARTY:
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Số: " not in text
    else:
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text


def test_docx_without_a_submission_computes_now(cast):
    template = make_template(cast.carol, cast.dak_lak)
    set_figures("66", 1234)
    text = text_of(documents.render(cast.dak_lak, services.period_of("2026-H1"), template, "docx"))
    assert "test.visits: 1.234" in text
    assert "Ban Dân vận Tỉnh uỷ Đắk Lắk".upper() in text


def test_xlsx_annex_every_unit_formula_safe(cast):
    template = make_template(cast.carol, cast.dak_lak)
    services.template_send(
        actor=cast.carol, template=template, period_code="2026-H1", units=[cast.dong_xuan, cast.buon_ma_thuot]
    )
    set_figures("22081", 137, "77.8")
    set_figures("24133", 40, "90.5")
    submission = Submission.objects.get(template=template, unit=cast.dong_xuan)
    services.submission_submit(
        actor=cast.alice,
        submission=submission,
        version=1,
        narrative=NARRATIVE,
        entered={"entered.models": "3"},
    )
    template.name = '=HYPERLINK("http://x")'
    template.save()
    content = documents.render(cast.dak_lak, services.period_of("2026-H1"), template, "xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert rows[1][:3] == ["STT", "Đơn vị", "Trạng thái"]
    by_unit = {row[1]: row for row in rows[2:]}
    assert by_unit["Xã Đồng Xuân"][3:] == [137, 77.8, 3]
    assert by_unit["Phường Buôn Ma Thuột"][3] == 40


def test_pdf_is_a_background_job(cast):
    template = make_template(cast.carol, cast.dak_lak)
    job = documents.pdf_job(
        owner=cast.carol,
        unit=cast.dak_lak,
        period=services.period_of("2026-H1"),
        template=template,
        period_code="2026-H1",
    )
    assert job.pk and job.kind == "core.pdf"
    assert job.params["filename"].endswith(".pdf")


def test_unknown_format_refused(cast):
    template = make_template(cast.carol, cast.dak_lak)
    with pytest.raises(ValueError):
        documents.render(cast.dak_lak, services.period_of("2026-H1"), template, "odt")


def test_render_takes_codes_and_ids_for_the_cli(cast):
    template = make_template(cast.carol, cast.dak_lak)
    by_id = documents.render(cast.dak_lak, "2026-H1", template.pk, "xlsx")
    by_name = documents.render(cast.dak_lak, "2026-H1", template.name, "xlsx")
    assert by_id[:2] == by_name[:2] == b"PK"
    with pytest.raises(ValueError):
        documents.render(cast.dak_lak, "2026-H1", "không có", "docx")


def test_province_docx_has_a_bar_chart_of_its_communes(cast):
    template = make_template(cast.carol, cast.dak_lak)
    services.template_send(
        actor=cast.carol, template=template, period_code="2026-H1", units=[cast.dong_xuan, cast.buon_ma_thuot]
    )
    set_figures("22081", 137)
    set_figures("24133", 40)
    title, rows = documents.chart_rows(cast.dak_lak, services.period_of("2026-H1"), template)
    assert title == "test.visits"
    assert rows == [("Xã Đồng Xuân", 137), ("Phường Buôn Ma Thuột", 40)]
    content = documents.render(cast.dak_lak, "2026-H1", template, "docx")
    document = Document(io.BytesIO(content))
    assert len(document.inline_shapes) == 1
    # A commune's own report has no units below it: no chart.
    alone = Document(io.BytesIO(documents.render(cast.dong_xuan, "2026-H1", template, "docx")))
    assert len(alone.inline_shapes) == 0


def test_docx_golden_sentences_with_the_registry(cast):
    """Seed 003: 184 visits in 2021, 137 in 2022 — "Lượt tiếp công dân: 137 lượt, giảm 25,5% so với năm 2021."
    (a year: its previous period is the same period last year, said once); a rate "đạt 77,8%"."""
    from danvan.reporting.models import Indicator, PeriodKind
    from danvan.reporting.tests import golden

    Indicator.objects.create(
        code="test.on_time_rate", label="Tỷ lệ hồ sơ đúng hạn", measure="%", group="test", group_label="Thử"
    )
    golden.make_visits([cast.dong_xuan], 2021, golden.VISITS_2021)
    golden.make_visits([cast.dong_xuan], 2022, golden.VISITS_2022)
    set_figures("22081", 137, golden.CCHC_RATE)
    template = services.template_create(
        actor=cast.carol,
        unit=cast.dak_lak,
        name="Báo cáo năm",
        period_kind=PeriodKind.YEAR,
        doc_format=DocumentFormat.STATE,
        sections=[{"title": "Tiếp công dân", "codes": ["reception.visits", "test.on_time_rate"]}],
    )
    text = text_of(documents.render(cast.dong_xuan, "2022", template, "docx"))
    assert f"Lượt tiếp công dân: 137 lượt, {golden.VISITS_SENTENCE}." in text
    assert "cùng kỳ năm 2021" not in text
    assert f"Tỷ lệ hồ sơ đúng hạn: {golden.CCHC_SENTENCE}, bằng năm 2021." in text
    assert "giảm 25,5%" in text  # the annex's change column


def test_custom_periods_and_cutoffs(cast):
    """Two dates and a report type's cut-off come from reporting/periods.py, as on the figures page."""
    template = make_template(cast.carol, cast.dak_lak)
    set_figures("66", 12)
    period = documents.report_period("2026-01-01..2026-02-15")
    assert period.kind == "D" and period.end.isoformat() == "2026-02-15"
    text = text_of(documents.render(cast.dak_lak, "2026-01-01..2026-02-15", template, "docx"))
    assert "01/01/2026 – 15/02/2026" in text
    assert documents.report_period("2026-01-01..2026-06-30").code == "2026-H1"
    shifted = documents.report_period("2026", report_type="state-year")
    assert (shifted.start.isoformat(), shifted.end.isoformat()) == ("2025-12-15", "2026-12-14")
    assert documents.render(cast.dak_lak, "2026", template, "xlsx", report_type="state-year")[:2] == b"PK"
    from danvan.core.errors import DomainError

    with pytest.raises(DomainError) as refused:
        documents.render(cast.dak_lak, "2026-05-01..2026-04-01", template, "docx")
    assert refused.value.code == "invalid_period"
    with pytest.raises(DomainError) as refused:
        documents.report_period("2026", report_type="no-such-type")
    assert refused.value.fields == {"report_type": ["Không có loại báo cáo “no-such-type”."]}
