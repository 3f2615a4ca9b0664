"""Build the shipped default DOCX template of the minutes of a year-end meeting or dialogue (run after editing,
commit the .docx).

    .venv/bin/python danvan/democracy/meeting_templates/build.py

The minutes of the village (residential group) year-end meeting or of the commune dialogue conference (Luật
10/2022/QH15 Art. 32–33; NĐ 59/2023 Art. 10–11): time, place, kind, households total and present, participants,
the three reports presented (village head, Front work committee, inspection-board member), the minutes text and the
questions and recommendations raised. NĐ 30/2020 layout (A4, Times New Roman, the state header). An administrator
may upload a replacement on the "Mẫu văn bản" page.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocxDocument

from danvan.core.documents.layout import (
    CENTER,
    LEFT,
    TEXT_WIDTH,
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


def build_minutes() -> DocxDocument:
    document = new_document()
    header_block(document, left_width=68, right_width=97, numbered=False)
    paragraph(document, "BIÊN BẢN", bold=True, space_before=12)
    paragraph(document, "{{ kind }}", bold=True)
    paragraph(document, "năm {{ meeting_year }}", bold=True)
    rule(document, width_mm=40, column_mm=TEXT_WIDTH, space_after=12)
    body(document, lead="1. Thời gian: ", text="{{ time }}.")
    body(document, lead="2. Địa điểm: ", text="{{ meeting_place }}.")
    body(document, lead="3. Chủ trì: ", text="{{ chaired_by }}.")
    body(
        document,
        lead="4. Thành phần: ",
        text="tổng số hộ gia đình: {{ households_total }}; số hộ có đại diện dự: {{ households_present }}; "
        "số người dự: {{ participants }}.",
    )
    body(document, lead="5. Các báo cáo đã trình bày:", text="")
    body(document, "- Báo cáo của trưởng thôn, tổ trưởng tổ dân phố: {{ report_village_head }}.")
    body(document, "- Báo cáo của Ban công tác Mặt trận: {{ report_front_committee }}.")
    body(document, "- Báo cáo của thành viên Ban Thanh tra nhân dân: {{ report_inspection_board }}.")
    body(document, lead="6. Diễn biến và kết quả hội nghị:", text="")
    paragraph(document, "{%p for line in minutes_lines %}", align=LEFT)
    body(document, "{{ line }}")
    paragraph(document, "{%p endfor %}", align=LEFT)
    body(document, lead="7. Ý kiến, kiến nghị của Nhân dân cần trả lời: ", text="{{ items_count }}.")
    items_table(
        document,
        headings=["TT", "Người nêu", "Nội dung", "Cơ quan trả lời", "Hạn trả lời"],
        cells=[
            "{{ i.number }}",
            "{{ i.raised_by }}",
            "{{ i.kind }}: {{ i.content }}",
            "{{ i.addressee }}",
            "{{ i.due_on }}",
        ],
        widths=[10, 32, 70, 30, 23],
        aligns=[CENTER, LEFT, LEFT, LEFT, CENTER],
        loop="for i in items",
    )
    body(
        document,
        "Kết quả hội nghị được gửi đến Ủy ban nhân dân và Ủy ban Mặt trận Tổ quốc Việt Nam {{ commune }}./.",
        space_before=6,
    )
    table = document.add_table(rows=1, cols=2)
    no_borders(table)
    set_widths(table, [82, 83])
    for cell, (title, name) in zip(table.rows[0].cells, [("THƯ KÝ", ""), ("CHỦ TRÌ", "{{ chaired_by }}")], strict=True):
        cell_text(cell, title, bold=True, size=13)
        cell_text(cell, "(Ký, ghi rõ họ tên)", italic=True, size=12)
        for _blank in range(3):
            cell_text(cell, "", size=13)
        cell_text(cell, name, bold=True, size=13)
    return document


def main() -> None:
    build_minutes().save(str(FOLDER / "meeting_minutes.docx"))


if __name__ == "__main__":
    main()
