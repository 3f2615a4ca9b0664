"""The state (NĐ 30/2020) and Party (QĐ 399-QĐ/TW, HD 05-HD/VPTW) formats of core.documents."""

import datetime as dt
import io

from docx import Document
from docxtpl import DocxTemplate

from danvan.core.documents.formats import PARTY, STATE, dated_line, document_number
from danvan.core.documents.layout import header_block, new_document, party_header_block


def test_number_lines_differ_by_format():
    assert STATE.number_line("5", "QĐ-UBND") == "Số: 05/QĐ-UBND"
    assert PARTY.number_line("5", "NQ/ĐU") == "Số 05-NQ/ĐU"
    assert PARTY.number_line("394", "KH/BDVQU") == "Số 394-KH/BDVQU"
    assert document_number(" 12 ") == "12" and document_number("05") == "05"


def test_part_headings_and_collective_signatures():
    assert STATE.part_heading(1, "KẾT QUẢ") == "I. KẾT QUẢ"
    assert PARTY.part_heading(2, "NHIỆM VỤ") == "II- NHIỆM VỤ"
    assert STATE.signed_for("Ủy ban nhân dân") == "TM. ỦY BAN NHÂN DÂN"
    assert PARTY.signed_for("Ban Thường vụ") == "T/M BAN THƯỜNG VỤ"


def test_place_date_line_pads_small_days_and_the_first_two_months():
    assert dated_line("Đắk Lắk", dt.date(2026, 2, 5)) == "Đắk Lắk, ngày 05 tháng 02 năm 2026"
    assert dated_line("Đắk Lắk", dt.date(2026, 11, 20)) == "Đắk Lắk, ngày 20 tháng 11 năm 2026"


def _rendered_text(document, context):
    buffer = io.BytesIO()
    document.save(buffer)
    template = DocxTemplate(io.BytesIO(buffer.getvalue()))
    template.render(context, autoescape=True)
    out = io.BytesIO()
    template.save(out)
    rendered = Document(io.BytesIO(out.getvalue()))
    cells = [cell.text for table in rendered.tables for row in table.rows for cell in row.cells]
    return rendered, "\n".join(cells)


CONTEXT = {
    "issuer_parent": "Đảng bộ xã Đồng Xuân",
    "issuer": "Ban Dân vận",
    "number": "05",
    "symbol": "NQ/ĐU",
    "place": "Đồng Xuân",
    "day": "05",
    "month": "02",
    "year": "2026",
}


def test_party_header_has_the_party_name_the_star_and_no_colon():
    document = new_document(fmt=PARTY)
    party_header_block(document, left_width=80, right_width=85)
    rendered, text = _rendered_text(document, CONTEXT)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "CỘNG HÒA" not in text
    assert "*" in text and "Số 05-NQ/ĐU" in text and "Số:" not in text
    section = rendered.sections[0]
    assert round(section.left_margin.mm) == PARTY.left_mm and round(section.top_margin.mm) == PARTY.top_mm


def test_state_header_has_the_motto_and_the_colon():
    document = new_document(fmt=STATE)
    header_block(document, left_width=68, right_width=97)
    _rendered, text = _rendered_text(document, {**CONTEXT, "symbol": "QĐ-UBND"})
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Số: 05/QĐ-UBND" in text


def test_parts_are_numbered_in_roman_numerals_however_many_there_are():
    from danvan.core.documents.formats import roman

    assert [roman(n) for n in (1, 4, 9, 12, 14, 19, 40, 2026)] == ["I", "IV", "IX", "XII", "XIV", "XIX", "XL", "MMXXVI"]
    assert STATE.part_heading(16, "KIẾN NGHỊ") == "XVI. KIẾN NGHỊ"
    assert PARTY.part_heading(20, "KIẾN NGHỊ") == "XX- KIẾN NGHỊ"
