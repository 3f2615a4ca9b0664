"""Build the shipped default DOCX templates of disclosures (run after editing this file, commit the .docx).

    .venv/bin/python danvan/democracy/document_templates/disclosure_build.py

NĐ 30/2020/NĐ-CP, Phụ lục I layout (see danvan/initiatives/document_templates/build.py): the commune People's
Committee's header and the national motto, the place-date line, a bold title, the body, "Nơi nhận" and the signature.
Three documents of Luật 10/2022/QH15: the quarterly list of what was disclosed (Art. 13.2), the yearly disclosure
plan and the report to the People's Council (Art. 14). Placeholders are docxtpl (Jinja) tags, one per run.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocxDocument

from danvan.core.documents.layout import (
    BODY_PT,
    CENTER,
    LEFT,
    TEXT_WIDTH,
    TEXT_WIDTH_LANDSCAPE,
    body,
    cell_text,
    header_block,
    items_table,
    new_document,
    no_borders,
    paragraph,
    rule,
    set_widths,
)

FOLDER = Path(__file__).resolve().parent


def _signature(document: DocxDocument, recipients: list[str], *, left: float, right: float) -> None:
    table = document.add_table(rows=1, cols=2)
    no_borders(table)
    set_widths(table, [left, right])
    to, signer = table.rows[0].cells
    cell_text(to, "Nơi nhận:", align=LEFT, bold=True, italic=True, size=12)
    for line in recipients:
        cell_text(to, line, align=LEFT, size=11)
    cell_text(signer, "TM. {{ issuer|upper }}", bold=True, size=BODY_PT)
    cell_text(signer, "{{ signer_title|upper }}", bold=True, size=BODY_PT)
    for _blank in range(4):
        cell_text(signer, "", size=BODY_PT)
    cell_text(signer, "{{ signer_name }}", bold=True, size=BODY_PT)


def build_quarterly_list() -> DocxDocument:
    document = new_document(landscape=True)
    header_block(document, left_width=100, right_width=152, numbered=False)
    paragraph(document, "DANH SÁCH", bold=True, space_before=18)
    paragraph(document, "THÔNG TIN ĐÃ CÔNG KHAI QUÝ {{ quarter }} NĂM {{ report_year }}", bold=True)
    paragraph(document, "(Theo Điều 13 Luật Thực hiện dân chủ ở cơ sở năm 2022)", italic=True)
    rule(document, width_mm=60, column_mm=TEXT_WIDTH_LANDSCAPE, space_after=12)
    items_table(
        document,
        headings=[
            "STT",
            "Nội dung (Điều 11)",
            "Thông tin, văn bản công khai",
            "Ngày ban hành",
            "Hình thức, nơi công khai",
            "Thời gian công khai",
        ],
        cells=[
            "{{ row.position }}",
            "{{ row.item }}",
            "{{ row.title }}",
            "{{ row.issued_on }}",
            "{{ row.forms }}",
            "{{ row.period }}",
        ],
        widths=[12, 45, 70, 25, 60, 40],
        aligns=[CENTER, LEFT, LEFT, CENTER, LEFT, LEFT],
        loop="for row in rows",
    )
    paragraph(document, "Danh sách này có {{ count }} thông tin./.", italic=True, space_before=6)
    _signature(
        document,
        ["- Thường trực HĐND xã;", "- Ban Thường trực UBMTTQ Việt Nam xã;", "- Niêm yết tại trụ sở;", "- Lưu: VT."],
        left=120,
        right=132,
    )
    return document


def build_plan() -> DocxDocument:
    document = new_document()
    header_block(document, left_width=68, right_width=97)
    paragraph(document, "KẾ HOẠCH", bold=True, space_before=18)
    paragraph(document, "Công khai thông tin năm {{ report_year }}", bold=True)
    rule(document, width_mm=40, column_mm=TEXT_WIDTH, space_after=12)
    body(document, "Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;", italic=True)
    body(
        document,
        "Căn cứ kết quả công khai thông tin năm {{ previous_year }}, {{ issuer }} ban hành Kế hoạch công "
        "khai thông tin năm {{ report_year }} như sau:",
        italic=True,
        space_after=6,
    )
    body(document, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    body(
        document,
        "Công khai đầy đủ, kịp thời các nội dung theo Điều 11 Luật Thực hiện dân chủ ở cơ sở; đúng hình "
        "thức tại Điều 12 và thời điểm, thời hạn tại Điều 13 của Luật.",
    )
    body(document, "II. NỘI DUNG, HÌNH THỨC VÀ THỜI GIAN CÔNG KHAI", bold=True)
    body(
        document,
        "Thời hạn công khai: chậm nhất {{ timing }} kể từ ngày ban hành quyết định, văn bản ({{ timing_basis }}).",
    )
    items_table(
        document,
        headings=["STT", "Nội dung công khai", "Hình thức", "Thời gian niêm yết", "Năm {{ previous_year }}"],
        cells=["{{ row.number }}", "{{ row.item }}", "{{ row.forms }}", "{{ row.duration }}", "{{ row.last_year }}"],
        widths=[12, 60, 45, 30, 18],
        aligns=[CENTER, LEFT, LEFT, LEFT, CENTER],
        loop="for row in rows",
    )
    body(document, "III. TỔ CHỨC THỰC HIỆN", bold=True, space_before=6)
    body(
        document,
        "Văn phòng HĐND và UBND xã theo dõi sổ công khai, lập danh sách công khai hằng quý, niêm yết tại "
        "trụ sở và đăng trên cổng thông tin; trưởng thôn, tổ trưởng tổ dân phố phối hợp thông báo đến "
        "Nhân dân./.",
        space_after=12,
    )
    _signature(
        document,
        ["- Thường trực HĐND xã;", "- Ban Thường trực UBMTTQ Việt Nam xã;", "- Các thôn, tổ dân phố;", "- Lưu: VT."],
        left=80,
        right=85,
    )
    return document


def build_report() -> DocxDocument:
    document = new_document()
    header_block(document, left_width=68, right_width=97)
    paragraph(document, "BÁO CÁO", bold=True, space_before=18)
    paragraph(document, "Kết quả thực hiện công khai thông tin năm {{ report_year }}", bold=True)
    rule(document, width_mm=40, column_mm=TEXT_WIDTH, space_after=6)
    paragraph(document, "Kính gửi: Hội đồng nhân dân {{ place_name }}", space_after=12)
    body(
        document,
        "Thực hiện Điều 14 Luật Thực hiện dân chủ ở cơ sở, {{ issuer }} báo cáo kết quả công khai thông tin "
        "năm {{ report_year }} như sau:",
    )
    body(document, "I. KẾT QUẢ", bold=True)
    body(
        document,
        "Trong năm đã công khai {{ total }} thông tin; {{ on_time }} thông tin công khai đúng thời hạn; "
        "{{ violations }} thông tin có vi phạm về thời hạn, thời gian hoặc hình thức công khai.",
    )
    items_table(
        document,
        headings=["STT", "Nội dung công khai", "Số thông tin", "Đúng hạn", "Có vi phạm", "Hình thức đã dùng"],
        cells=[
            "{{ row.number }}",
            "{{ row.item }}",
            "{{ row.total }}",
            "{{ row.on_time }}",
            "{{ row.violations }}",
            "{{ row.forms }}",
        ],
        widths=[12, 55, 20, 20, 20, 38],
        aligns=[CENTER, LEFT, CENTER, CENTER, CENTER, LEFT],
        loop="for row in rows",
    )
    body(document, "II. TỒN TẠI, HẠN CHẾ", bold=True, space_before=6)
    body(document, "{%p for line in shortcomings %}")
    body(document, "- {{ line }}")
    body(document, "{%p endfor %}")
    body(document, "III. KIẾN NGHỊ", bold=True)
    body(document, "Đề nghị Hội đồng nhân dân xem xét, giám sát việc khắc phục các tồn tại nêu trên./.", space_after=12)
    _signature(document, ["- Như trên;", "- Ban Thường trực UBMTTQ Việt Nam xã;", "- Lưu: VT."], left=80, right=85)
    return document


def main() -> None:
    build_quarterly_list().save(str(FOLDER / "disclosure_quarterly_list.docx"))
    build_plan().save(str(FOLDER / "disclosure_plan.docx"))
    build_report().save(str(FOLDER / "disclosure_report.docx"))


if __name__ == "__main__":
    main()
