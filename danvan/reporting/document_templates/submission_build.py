"""Build the shipped default DOCX templates of periodic reports (run after editing this file, commit the .docx).

    .venv/bin/python danvan/reporting/document_templates/submission_build.py

Two editable templates of the same report: the state format (NĐ 30/2020/NĐ-CP, Phụ lục I: "Số: 12/BC-UBND",
"I.", "TM.") and the Party format (QĐ 399-QĐ/TW, HD 05-HD/VPTW 2026: "Số 12-BC/ĐU" without a colon, "*" under
the body, "I-", "T/M"). Part headings come numbered from the context (the format's numeral style); placeholders
are docxtpl (Jinja) tags, one per run.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocxDocument

from danvan.core.documents.formats import PARTY, STATE, DocumentFormat
from danvan.core.documents.layout import (
    BODY_PT,
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
    party_header_block,
    rule,
    set_widths,
)

FOLDER = Path(__file__).resolve().parent


def build(fmt: DocumentFormat) -> DocxDocument:
    document = new_document(fmt=fmt)
    if fmt is PARTY:
        party_header_block(document, left_width=75, right_width=90)
    else:
        header_block(document, left_width=68, right_width=97)
    paragraph(document, "BÁO CÁO", bold=True, space_before=18)
    paragraph(document, "{{ title }}", bold=True)
    paragraph(document, "{{ period_label }}", bold=True)
    rule(document, width_mm=40, column_mm=TEXT_WIDTH, space_after=12)
    body(document, "{%p for section in sections %}")
    body(document, "{{ section.heading }}", bold=True)
    body(document, "{%p for line in section.lines %}")
    body(document, "{{ line }}")
    body(document, "{%p endfor %}")
    body(document, "{%p endfor %}")
    body(document, "PHỤ LỤC SỐ LIỆU", bold=True, space_before=6)
    items_table(
        document,
        headings=["STT", "Chỉ tiêu", "Kỳ này", "Cùng kỳ năm trước", "So sánh"],
        cells=["{{ row.number }}", "{{ row.label }}", "{{ row.value }}", "{{ row.previous }}", "{{ row.change }}"],
        widths=[12, 75, 25, 28, 25],
        aligns=[CENTER, LEFT, CENTER, CENTER, LEFT],
        loop="for row in rows",
    )
    body(document, "Trên đây là báo cáo {{ title_lower }} {{ period_label_lower }} của {{ issuer }}./.", space_before=6)
    table = document.add_table(rows=1, cols=2)
    no_borders(table)
    set_widths(table, [80, 85])
    to, signer = table.rows[0].cells
    cell_text(to, "Nơi nhận:", align=LEFT, bold=True, italic=True, size=12)
    for line in ("- {{ issuer_parent|default('Cấp trên', true) }} (b/c);", "- Lưu: VT."):
        cell_text(to, line, align=LEFT, size=11)
    cell_text(signer, fmt.on_behalf + " {{ issuer|upper }}", bold=True, size=BODY_PT)
    cell_text(signer, "{{ signer_title|upper }}", bold=True, size=BODY_PT)
    for _blank in range(4):
        cell_text(signer, "", size=BODY_PT)
    cell_text(signer, "{{ signer_name }}", bold=True, size=BODY_PT)
    return document


def main() -> None:
    build(STATE).save(str(FOLDER / "report_state.docx"))
    build(PARTY).save(str(FOLDER / "report_party.docx"))


if __name__ == "__main__":
    main()
