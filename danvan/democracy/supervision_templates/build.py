"""Build the shipped default DOCX templates of a Front supervision's plan and its findings report (run after
editing, commit the .docx files).

    .venv/bin/python danvan/democracy/supervision_templates/build.py

The plan (kế hoạch giám sát / phản biện xã hội) states the purpose, the topic, the supervised or drafting body, the
method, the period and the team; the report (báo cáo kết quả) states what was done, the findings, the conclusion
and the recommendations sent to the tracker. NĐ 30/2020 layout (A4, Times New Roman) with the Front's header: the
issuing committee on the left, "MẶT TRẬN TỔ QUỐC VIỆT NAM" on the right, as the Front's own documents carry it. An
administrator may upload a replacement on the "Mẫu văn bản" page.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt

from danvan.core.documents.layout import (
    BODY_PT,
    CENTER,
    HEADER_PT,
    LEFT,
    TEXT_WIDTH,
    body,
    cell_text,
    items_table,
    new_document,
    no_borders,
    paragraph,
    rule,
    set_widths,
)

FOLDER = Path(__file__).resolve().parent
LEFT_WIDTH, RIGHT_WIDTH = 75, 90


def front_header(document: DocxDocument, symbol: str) -> None:
    """The Front's header: the committee (left) and "MẶT TRẬN TỔ QUỐC VIỆT NAM" (right); number and date line."""
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    set_widths(table, [LEFT_WIDTH, RIGHT_WIDTH])
    left, right = table.rows[0].cells
    cell_text(left, "{{ issuer_parent|upper }}", size=HEADER_PT)
    cell_text(left, "{{ issuer|upper }}", bold=True, size=HEADER_PT)
    rule(left, width_mm=22, column_mm=LEFT_WIDTH)
    cell_text(right, "MẶT TRẬN TỔ QUỐC VIỆT NAM", bold=True, size=13)
    rule(right, width_mm=50, column_mm=RIGHT_WIDTH)
    number, place = table.rows[1].cells
    cell_text(number, f"Số:       /{symbol}", size=HEADER_PT).paragraph_format.space_before = Pt(6)
    dated = cell_text(place, "{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}", italic=True, size=BODY_PT)
    dated.paragraph_format.space_before = Pt(6)


def signature(document: DocxDocument) -> None:
    table = document.add_table(rows=1, cols=2)
    no_borders(table)
    set_widths(table, [LEFT_WIDTH, RIGHT_WIDTH])
    recipients, signer = table.rows[0].cells
    cell_text(recipients, "Nơi nhận:", align=LEFT, bold=True, italic=True, size=12)
    for line in ("- {{ supervised_org }};", "- {{ issuer_parent }} (b/c);", "- Lưu: VT."):
        cell_text(recipients, line, align=LEFT, size=11)
    cell_text(signer, "TM. {{ issuer|upper }}", bold=True, size=BODY_PT)
    for _blank in range(4):
        cell_text(signer, "", size=BODY_PT)
    cell_text(signer, "{{ team_lead }}", bold=True, size=BODY_PT)


def build_plan() -> DocxDocument:
    document = new_document()
    front_header(document, "KH-{{ symbol }}")
    paragraph(document, "KẾ HOẠCH", bold=True, space_before=12)
    paragraph(document, "{{ kind_heading }}", bold=True)
    paragraph(document, "{{ topic }}", bold=True)
    rule(document, width_mm=40, column_mm=TEXT_WIDTH, space_after=12)
    body(document, "Thực hiện {{ programme_title }}, {{ issuer_text }} xây dựng kế hoạch như sau:")
    body(document, lead="I. MỤC ĐÍCH, YÊU CẦU", text="")
    paragraph(document, "{%p for line in purpose_lines %}", align=LEFT)
    body(document, "{{ line }}")
    paragraph(document, "{%p endfor %}", align=LEFT)
    body(document, lead="II. NỘI DUNG, ĐỐI TƯỢNG, HÌNH THỨC", text="")
    body(document, lead="1. Nội dung: ", text="{{ topic }}.")
    body(document, lead="2. {{ body_label }}: ", text="{{ supervised_org }}.")
    paragraph(document, "{%p if draft_title %}", align=LEFT)
    body(document, lead="3. Dự thảo được phản biện: ", text="{{ draft_title }}.")
    paragraph(document, "{%p endif %}", align=LEFT)
    body(document, lead="{{ method_number }}. Hình thức: ", text="{{ method }}.")
    body(document, lead="III. THỜI GIAN", text="")
    body(document, "Từ ngày {{ starts_on }} đến ngày {{ ends_on }}.")
    body(document, lead="IV. THÀNH PHẦN", text="")
    body(document, lead="Trưởng đoàn: ", text="{{ team_lead_text }}.")
    paragraph(document, "{%p for member in team %}", align=LEFT)
    body(document, "- {{ member }}")
    paragraph(document, "{%p endfor %}", align=LEFT)
    body(document, lead="V. TỔ CHỨC THỰC HIỆN", text="")
    body(
        document,
        "Đề nghị {{ supervised_org }} chuẩn bị nội dung, tài liệu và bố trí thành phần làm việc với đoàn. "
        "Kết quả được báo cáo bằng văn bản; kiến nghị được theo dõi đến khi có trả lời./.",
    )
    signature(document)
    return document


def build_report() -> DocxDocument:
    document = new_document()
    front_header(document, "BC-{{ symbol }}")
    paragraph(document, "BÁO CÁO", bold=True, space_before=12)
    paragraph(document, "Kết quả {{ kind_lower }}", bold=True)
    paragraph(document, "{{ topic }}", bold=True)
    rule(document, width_mm=40, column_mm=TEXT_WIDTH, space_after=12)
    body(
        document,
        "Thực hiện {{ programme_title }}, từ ngày {{ starts_on }} đến ngày {{ done_on }}, {{ issuer_text }} đã tiến hành "
        "{{ kind_lower }} đối với {{ supervised_org }} theo hình thức: {{ method_lower }}.",
    )
    paragraph(document, "{%p if draft_title %}", align=LEFT)
    body(document, lead="Dự thảo được phản biện: ", text="{{ draft_title }}.")
    paragraph(document, "{%p endif %}", align=LEFT)
    body(document, lead="I. KẾT QUẢ", text="")
    paragraph(document, "{%p for line in findings_lines %}", align=LEFT)
    body(document, "{{ line }}")
    paragraph(document, "{%p endfor %}", align=LEFT)
    body(document, lead="II. ĐÁNH GIÁ, KẾT LUẬN", text="")
    paragraph(document, "{%p for line in conclusion_lines %}", align=LEFT)
    body(document, "{{ line }}")
    paragraph(document, "{%p endfor %}", align=LEFT)
    body(document, lead="III. KIẾN NGHỊ: ", text="{{ items_count }}.")
    items_table(
        document,
        headings=["TT", "Nội dung kiến nghị", "Cơ quan trả lời", "Hạn trả lời", "Tình hình trả lời"],
        cells=["{{ i.number }}", "{{ i.content }}", "{{ i.addressee }}", "{{ i.due_on }}", "{{ i.status }}"],
        widths=[10, 70, 35, 22, 28],
        aligns=[CENTER, LEFT, LEFT, CENTER, LEFT],
        loop="for i in items",
    )
    body(document, "Đề nghị {{ supervised_org }} xem xét, trả lời các kiến nghị trên theo quy định./.", space_before=6)
    signature(document)
    return document


def main() -> None:
    build_plan().save(str(FOLDER / "supervision_plan.docx"))
    build_report().save(str(FOLDER / "supervision_report.docx"))


if __name__ == "__main__":
    main()
