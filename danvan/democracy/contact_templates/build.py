"""Build the shipped default DOCX template of the list of voters' recommendations with their answers (run after
editing, commit the .docx).

    .venv/bin/python danvan/democracy/contact_templates/build.py

The list a People's Council office circulates before a session: for one voter contact (area, session, before or
after, day and place, deputies present, voters attending), each recommendation raised — who raised it as the
minutes give it, what, the body that must answer, its deadline — and the answer given so far. NĐ 30/2020 layout (A4,
Times New Roman, the state header). An administrator may upload a replacement on the "Mẫu văn bản" page.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocxDocument

from danvan.core.documents.layout import (
    CENTER,
    LEFT,
    TEXT_WIDTH,
    body,
    header_block,
    items_table,
    new_document,
    paragraph,
    rule,
)

FOLDER = Path(__file__).resolve().parent


def build_recommendations() -> DocxDocument:
    document = new_document()
    header_block(document, left_width=75, right_width=90, numbered=False)
    paragraph(document, "TỔNG HỢP Ý KIẾN, KIẾN NGHỊ CỦA CỬ TRI", bold=True, space_before=12)
    paragraph(document, "và kết quả trả lời", bold=True)
    paragraph(document, "{{ session_line }}", italic=True)
    rule(document, width_mm=40, column_mm=TEXT_WIDTH, space_after=12)
    body(document, lead="1. Đơn vị bầu cử: ", text="{{ area }}.")
    body(document, lead="2. Thời gian, địa điểm tiếp xúc: ", text="{{ when }}, {{ contact_place }}.")
    body(document, lead="3. Đại biểu dự: ", text="{{ deputies }}.")
    body(document, lead="4. Số cử tri dự: ", text="{{ voters }}.")
    body(
        document,
        lead="5. Ý kiến, kiến nghị của cử tri: ",
        text="{{ items_count }}; đã trả lời {{ answered_count }}.",
    )
    items_table(
        document,
        headings=["TT", "Cử tri", "Nội dung ý kiến, kiến nghị", "Cơ quan trả lời", "Kết quả trả lời"],
        cells=[
            "{{ i.number }}",
            "{{ i.raised_by }}",
            "{{ i.content }} ({{ i.field }})",
            "{{ i.addressee }}; hạn {{ i.due_on }}",
            "{{ i.answer }}",
        ],
        widths=[10, 28, 55, 32, 40],
        aligns=[CENTER, LEFT, LEFT, LEFT, LEFT],
        loop="for i in items",
    )
    body(
        document,
        "Danh sách được gửi đến các cơ quan có thẩm quyền để trả lời và thông báo kết quả đến cử tri trước kỳ họp "
        "Hội đồng nhân dân {{ council }}./.",
        space_before=6,
    )
    paragraph(document, "TỔ ĐẠI BIỂU", bold=True, space_before=12, align=CENTER)
    paragraph(document, "(Ký, ghi rõ họ tên)", italic=True, align=CENTER)
    paragraph(document, "{{ first_deputy }}", bold=True, space_before=48, align=CENTER)
    return document


def main() -> None:
    build_recommendations().save(str(FOLDER / "voter_recommendations.docx"))


if __name__ == "__main__":
    main()
