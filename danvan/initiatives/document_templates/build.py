"""Build the shipped default DOCX templates of the registry (run after editing this file, commit the .docx).

    .venv/bin/python danvan/initiatives/document_templates/build.py

The layout follows NĐ 30/2020/NĐ-CP, Phụ lục I (documents of state bodies): A4, margins top and bottom 20 mm,
left 30 mm, right 15 mm; Times New Roman; the issuing body and the national motto side by side in a borderless
two-column table; "Số: 12/QĐ-UBND"; the italic place-date line; bold centred title; "Nơi nhận" bottom left and the
signature bottom right. Party bodies (Ban Dân vận) use the Party format instead: an administrator uploads a
replacement on the "Mẫu văn bản" page. Placeholders are docxtpl (Jinja) tags; each tag sits in a single run so
Word never splits it.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

from danvan.core.documents.layout import (
    CENTER,
    LEFT,
    TEXT_WIDTH,
    TEXT_WIDTH_LANDSCAPE,
    body,
    header_block,
    items_table,
    new_document,
    paragraph,
    rule,
    signature_block,
)

FOLDER = Path(__file__).resolve().parent


def build_recognition_decision() -> DocxDocument:
    document = new_document()
    header_block(document, left_width=68, right_width=97)
    paragraph(document, "QUYẾT ĐỊNH", bold=True, space_before=18)
    paragraph(document, "Về việc công nhận mô hình, điển hình “Dân vận khéo” năm {{ registry_year }}", bold=True)
    rule(document, width_mm=40, column_mm=TEXT_WIDTH, space_after=12)
    paragraph(document, "{{ authority|upper }}", bold=True, space_after=12)
    body(document, "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", italic=True)
    body(document, "{%p for basis in legal_bases %}")
    body(document, "Căn cứ {{ basis }};", italic=True)
    body(document, "{%p endfor %}")
    body(
        document,
        "Xét kết quả chấm điểm, đánh giá của Hội đồng và đề nghị của bộ phận tham mưu,",
        italic=True,
    )
    paragraph(document, "QUYẾT ĐỊNH:", bold=True, space_before=6, space_after=12)
    body(
        document,
        lead="Điều 1. ",
        text="Công nhận {{ count }} mô hình, điển hình “Dân vận khéo” năm {{ registry_year }} (có danh sách kèm theo).",
    )
    body(
        document,
        lead="Điều 2. ",
        text="Các tập thể, cá nhân có mô hình, điển hình được công nhận tại Điều 1 có trách nhiệm tiếp tục "
        "duy trì, phát huy hiệu quả và phối hợp nhân rộng mô hình, điển hình; được xem xét khen thưởng theo "
        "quy định của Luật Thi đua, khen thưởng.",
    )
    body(
        document,
        lead="Điều 3. ",
        text="Quyết định này có hiệu lực kể từ ngày ký. Thủ trưởng các cơ quan, đơn vị có liên quan và các "
        "tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        space_after=12,
    )
    signature_block(document, left_width=80, right_width=85)
    # The list of Điều 1, on its own page as NĐ 30 Phụ lục I lays out lists attached to a decision.
    paragraph(document).add_run().add_break(WD_BREAK.PAGE)
    paragraph(document, "DANH SÁCH", bold=True)
    paragraph(document, "MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” ĐƯỢC CÔNG NHẬN NĂM {{ registry_year }}", bold=True)
    paragraph(
        document,
        "(Kèm theo Quyết định số {{ number }}/{{ symbol }} ngày {{ signed_on }} của {{ issuer }})",
        italic=True,
    )
    rule(document, width_mm=40, column_mm=TEXT_WIDTH, space_after=12)
    items_table(
        document,
        headings=["STT", "Tên mô hình, điển hình", "Đơn vị thực hiện", "Lĩnh vực", "Cấp"],
        cells=[
            "{{ item.position }}",
            "{{ item.name }}",
            "{{ item.unit }}",
            "{{ item.field }}",
            "{{ item.level }}",
        ],
        widths=[12, 63, 40, 30, 20],
        aligns=[CENTER, LEFT, LEFT, LEFT, CENTER],
        loop="for item in items",
    )
    paragraph(document, "Danh sách này có {{ count }} mô hình, điển hình./.", italic=True, space_before=6)
    return document


def build_commendation_list() -> DocxDocument:
    document = new_document(landscape=True)
    header_block(document, left_width=100, right_width=152, numbered=False)
    paragraph(document, "DANH SÁCH", bold=True, space_before=18)
    paragraph(document, "{{ title|upper }}", bold=True)
    paragraph(document, "{%p if subtitle %}")
    paragraph(document, "({{ subtitle }})", italic=True)
    paragraph(document, "{%p endif %}")
    rule(document, width_mm=60, column_mm=TEXT_WIDTH_LANDSCAPE, space_after=12)
    items_table(
        document,
        headings=[
            "STT",
            "Tập thể, cá nhân được khen",
            "Mô hình, điển hình",
            "Hình thức",
            "Cơ quan khen",
            "Số, ngày quyết định",
            "Tiền thưởng",
        ],
        cells=[
            "{{ item.position }}",
            "{{ item.recipient_name }} ({{ item.recipient_type }})",
            "{{ item.initiative }}",
            "{{ item.kind }}",
            "{{ item.awarded_by }}",
            "{{ item.decision_number }}{{ ', ' if item.decision_number else '' }}{{ item.awarded_on }}",
            "{{ item.amount }}",
        ],
        widths=[12, 55, 50, 25, 45, 35, 30],
        aligns=[CENTER, LEFT, LEFT, CENTER, LEFT, CENTER, WD_ALIGN_PARAGRAPH.RIGHT],
        loop="for item in items",
    )
    body(
        document,
        "Tổng cộng: {{ collectives }} tập thể, {{ individuals }} cá nhân; tổng tiền thưởng {{ total_amount }}.",
        space_before=6,
        first_line_indent=0,
    )
    return document


def main() -> None:
    build_recognition_decision().save(str(FOLDER / "recognition_decision.docx"))
    build_commendation_list().save(str(FOLDER / "commendation_list.docx"))


if __name__ == "__main__":
    main()
