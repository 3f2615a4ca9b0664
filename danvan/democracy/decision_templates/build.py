"""Build the shipped default DOCX templates of community decisions (run after editing, commit the .docx).

    .venv/bin/python danvan/democracy/decision_templates/build.py

Form 02/04 (NĐ 59/2023): the count record of a meeting (02) or of a household ballot (04), with the two household
witnesses; Form 03: the record of the result of the discussion and decision (Luật 10/2022 Art. 20.2): time,
households total, present and absent, content, form, result, decision, signed by the village head, the Front
work-committee head and two household representatives. NĐ 30/2020 layout (A4, Times New Roman, the state header).
An administrator may upload a replacement on the "Mẫu văn bản" page.
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


def _signatures(document: DocxDocument, pairs: list[tuple[str, str]]) -> None:
    table = document.add_table(rows=len(pairs) // 2, cols=2)
    no_borders(table)
    set_widths(table, [82, 83])
    for index, (title, name) in enumerate(pairs):
        cell = table.rows[index // 2].cells[index % 2]
        cell_text(cell, title, bold=True, size=13)
        cell_text(cell, "(Ký, ghi rõ họ tên)", italic=True, size=12)
        for _blank in range(3):
            cell_text(cell, "", size=13)
        cell_text(cell, name, bold=True, size=13)


def _tally_table(document: DocxDocument) -> None:
    items_table(
        document,
        headings=[
            "Thôn, tổ dân phố",
            "Tổng số hộ",
            "Đồng ý",
            "Không đồng ý",
            "Ý kiến khác",
            "Không tham gia",
            "Kết quả",
        ],
        cells=[
            "{{ v.name }}",
            "{{ v.households }}",
            "{{ v.agreed }}",
            "{{ v.disagreed }}",
            "{{ v.other }}",
            "{{ v.absent }}",
            "{{ v.result }}",
        ],
        widths=[35, 18, 18, 20, 18, 20, 36],
        aligns=[LEFT, CENTER, CENTER, CENTER, CENTER, CENTER, LEFT],
        loop="for v in villages",
    )


def build_count_record() -> DocxDocument:
    document = new_document()
    header_block(document, left_width=68, right_width=97, numbered=False)
    paragraph(document, "{{ form_code }}", italic=True, align=LEFT, size=11)
    paragraph(document, "BIÊN BẢN KIỂM PHIẾU", bold=True, space_before=12)
    paragraph(document, "{{ form_title }}", bold=True)
    rule(document, width_mm=40, column_mm=TEXT_WIDTH, space_after=12)
    body(
        document,
        "Hôm nay, ngày {{ closed_on }}, tại {{ place }}, Tổ kiểm phiếu gồm: {{ team }} (Tổ trưởng: {{ team_leader }}) đã tiến hành kiểm phiếu về nội dung: {{ title }} (nội dung {{ matter_code }}: {{ matter }}).",
    )
    body(document, "Có sự chứng kiến của hai đại diện hộ gia đình: {{ witnesses }}.")
    body(
        document,
        "Tổng số hộ gia đình của cộng đồng (theo danh sách ngày {{ register_on }}): {{ households }}; số hộ tham gia: {{ voted }}; số hộ không tham gia: {{ absent }}.",
    )
    _tally_table(document)
    body(document, "Kết quả: {{ result_text }}.", space_before=6, bold=True)
    body(document, "Biên bản lập thành 03 bản, kết thúc lúc … giờ … cùng ngày./.")
    _signatures(
        document,
        [
            ("TỔ TRƯỞNG TỔ KIỂM PHIẾU", "{{ team_leader }}"),
            ("THƯ KÝ", ""),
            ("ĐẠI DIỆN HỘ GIA ĐÌNH", "{{ witness_1 }}"),
            ("ĐẠI DIỆN HỘ GIA ĐÌNH", "{{ witness_2 }}"),
        ],
    )
    return document


def build_decision_record() -> DocxDocument:
    document = new_document()
    header_block(document, left_width=68, right_width=97, numbered=False)
    paragraph(document, "Mẫu số 03", italic=True, align=LEFT, size=11)
    paragraph(document, "BIÊN BẢN", bold=True, space_before=12)
    paragraph(document, "Kết quả bàn và quyết định của cộng đồng dân cư", bold=True)
    paragraph(document, "về {{ title }}", bold=True)
    rule(document, width_mm=40, column_mm=TEXT_WIDTH, space_after=12)
    body(document, lead="1. Thời gian: ", text="{{ period }}.")
    body(
        document,
        lead="2. Thành phần: ",
        text="tổng số hộ gia đình: {{ households }}; số hộ tham gia: {{ voted }}; số hộ vắng mặt, không tham gia: {{ absent }}.",
    )
    body(
        document,
        lead="3. Nội dung đưa ra bàn và quyết định: ",
        text="{{ title }} (nội dung {{ matter_code }}: {{ matter }}). {{ content }}",
    )
    body(document, lead="4. Hình thức: ", text="{{ form }}.")
    body(document, lead="5. Kết quả: ", text="")
    _tally_table(document)
    body(document, "{{ result_text }}.", space_before=6)
    body(document, lead="6. Quyết định: ", text="{{ verdict }}")
    body(
        document,
        "Biên bản được gửi đến Ủy ban nhân dân và Ủy ban Mặt trận Tổ quốc Việt Nam {{ commune }} trong {{ submission_days }} ngày làm việc (hạn {{ submission_due_on }})./.",
    )
    _signatures(
        document,
        [
            ("TRƯỞNG THÔN, TỔ TRƯỞNG TỔ DÂN PHỐ", "{{ head_name }}"),
            ("TRƯỞNG BAN CÔNG TÁC MẶT TRẬN", "{{ front_head_name }}"),
            ("ĐẠI DIỆN HỘ GIA ĐÌNH", "{{ witness_1 }}"),
            ("ĐẠI DIỆN HỘ GIA ĐÌNH", "{{ witness_2 }}"),
        ],
    )
    return document


def main() -> None:
    build_count_record().save(str(FOLDER / "decision_count_record.docx"))
    build_decision_record().save(str(FOLDER / "decision_record.docx"))


if __name__ == "__main__":
    main()
