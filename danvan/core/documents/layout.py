"""Building blocks of the shipped DOCX templates (python-docx, no Django): the page set-up and the header, number,
place-date and signature blocks of the state format (NĐ 30/2020) and the Party format (QĐ 399-QĐ/TW, HD 05-HD/VPTW),
see :mod:`danvan.core.documents.formats`. Each app's ``document_templates/build.py`` composes its templates from
these; placeholders are docxtpl (Jinja) tags, each in a single run so Word never splits it.
"""

from __future__ import annotations

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from danvan.core.documents.formats import PARTY, STATE, DocumentFormat

FONT = STATE.font
BODY_PT = STATE.body_pt
HEADER_PT = STATE.header_pt
TEXT_WIDTH = STATE.text_width_mm()
TEXT_WIDTH_LANDSCAPE = STATE.text_width_mm(landscape=True)

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT


def new_document(*, landscape: bool = False, fmt: DocumentFormat = STATE) -> DocxDocument:
    """An empty A4 document with the margins, font and spacing of ``fmt``."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.top_margin, section.bottom_margin = Mm(fmt.top_mm), Mm(fmt.bottom_mm)
    section.left_margin, section.right_margin = Mm(fmt.left_mm), Mm(fmt.right_mm)
    style = document.styles["Normal"]
    style.font.name = fmt.font
    style.font.size = Pt(fmt.body_pt)
    # East Asian and complex-script slots too, or Word falls back to another font for Vietnamese letters.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), fmt.font)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0
    return document


def paragraph(
    container: DocxDocument | _Cell,
    text: str = "",
    *,
    align: WD_ALIGN_PARAGRAPH | None = CENTER,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    space_before: float = 0,
    space_after: float = 0,
    first_line_indent: float | None = None,
) -> Paragraph:
    """A paragraph holding ``text`` in one run (so a Jinja tag is never split)."""
    para: Paragraph = container.add_paragraph()
    if align is not None:
        para.alignment = align
    fmt = para.paragraph_format
    fmt.space_before, fmt.space_after = Pt(space_before), Pt(space_after)
    if first_line_indent is not None:
        fmt.first_line_indent = Mm(first_line_indent)
    if text:
        run = para.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
    return para


def body(container: DocxDocument | _Cell, text: str, *, lead: str = "", **options: object) -> Paragraph:
    """A justified body paragraph, first line indented 10 mm, 6 pt after (NĐ 30: 1–1,27 cm, ≥ 6 pt).

    ``lead`` is a bold opening in its own run ("Điều 1. ").
    """
    defaults: dict[str, object] = {"align": JUSTIFY, "first_line_indent": 10, "space_after": 6}
    para = paragraph(container, "" if lead else text, **{**defaults, **options})  # type: ignore[arg-type]
    if lead:
        para.add_run(lead).bold = True
        para.add_run(text)
    return para


def cell_text(
    cell: _Cell,
    text: str,
    *,
    align: WD_ALIGN_PARAGRAPH = CENTER,
    bold: bool = False,
    italic: bool = False,
    size: float = 12,
) -> Paragraph:
    para = cell.paragraphs[0] if not cell.paragraphs[0].runs and len(cell.paragraphs) == 1 else cell.add_paragraph()
    para.alignment = align
    run = para.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    return para


def rule(container: DocxDocument | _Cell, *, width_mm: float, column_mm: float, space_after: float = 0) -> None:
    """The short centred line NĐ 30 draws under the body name, the motto and the title: the top border of an
    empty, indented paragraph whose mark is 2 pt high, so the line sits right under the text, ``width_mm`` long."""
    para = paragraph(container, space_before=3, space_after=space_after)
    fmt = para.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm((column_mm - width_mm) / 2)
    p_pr = para._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    p_pr.append(borders)
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    p_pr.append(mark)


def no_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def grid_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
            element.set(qn(key), value)
        borders.append(element)
    tbl_pr.append(borders)


def set_widths(table: Table, widths_mm: list[float]) -> None:
    """Fixed column widths in the grid and in every cell: LibreOffice reads the grid, Word the cells."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def repeat_header(table: Table) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def header_block(document: DocxDocument, *, left_width: float, right_width: float, numbered: bool = True) -> None:
    """State format: issuing body (left) and national motto (right); number (left) and place-date line (right)."""
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    set_widths(table, [left_width, right_width])
    left, right = table.rows[0].cells
    cell_text(left, "{{ issuer_parent|upper }}", size=HEADER_PT)
    cell_text(left, "{{ issuer|upper }}", bold=True, size=HEADER_PT)
    rule(left, width_mm=22, column_mm=left_width)
    cell_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12)
    cell_text(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=HEADER_PT)
    rule(right, width_mm=60, column_mm=right_width)
    number, place = table.rows[1].cells
    if numbered:
        cell_text(number, "Số: {{ number }}/{{ symbol }}", size=HEADER_PT).paragraph_format.space_before = Pt(6)
    dated = cell_text(place, "{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}", italic=True, size=BODY_PT)
    dated.paragraph_format.space_before = Pt(6)


def signature_block(document: DocxDocument, *, left_width: float, right_width: float) -> None:
    table = document.add_table(rows=1, cols=2)
    no_borders(table)
    set_widths(table, [left_width, right_width])
    recipients, signer = table.rows[0].cells
    cell_text(recipients, "Nơi nhận:", align=LEFT, bold=True, italic=True, size=12)
    for line in ("- Như Điều 3;", "- {{ issuer_parent|default('Cơ quan cấp trên', true) }} (b/c);", "- Lưu: VT."):
        cell_text(recipients, line, align=LEFT, size=11)
    cell_text(signer, "{{ signer_title|upper }}", bold=True, size=BODY_PT)
    for _blank in range(4):
        cell_text(signer, "", size=BODY_PT)
    cell_text(signer, "{{ signer_name }}", bold=True, size=BODY_PT)


def items_table(
    document: DocxDocument,
    *,
    headings: list[str],
    cells: list[str],
    widths: list[float],
    aligns: list[WD_ALIGN_PARAGRAPH],
    loop: str,
) -> None:
    """A bordered table: a heading row, a ``{%tr for … %}`` row, one data row, a ``{%tr endfor %}`` row."""
    table = document.add_table(rows=4, cols=len(headings))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid_borders(table)
    set_widths(table, widths)
    repeat_header(table)
    for cell, heading in zip(table.rows[0].cells, headings, strict=True):
        cell_text(cell, heading, bold=True, size=12)
    cell_text(table.rows[1].cells[0], f"{{%tr {loop} %}}", align=LEFT, size=12)
    for cell, text, align in zip(table.rows[2].cells, cells, aligns, strict=True):
        cell_text(cell, text, align=align, size=12)
    cell_text(table.rows[3].cells[0], "{%tr endfor %}", align=LEFT, size=12)


def party_header_block(document: DocxDocument, *, left_width: float, right_width: float, numbered: bool = True) -> None:
    """Party format: the superior committee and the issuing body with a "*" below (left), "ĐẢNG CỘNG SẢN VIỆT NAM"
    underlined (right); "Số {{ number }}-{{ symbol }}" without a colon (left), the place-date line (right)."""
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    set_widths(table, [left_width, right_width])
    left, right = table.rows[0].cells
    cell_text(left, "{{ issuer_parent|upper }}", size=PARTY.header_pt)
    cell_text(left, "{{ issuer|upper }}", bold=True, size=PARTY.header_pt)
    cell_text(left, PARTY.body_mark, size=PARTY.header_pt)
    cell_text(right, PARTY.motto[0], bold=True, size=PARTY.body_pt)
    rule(right, width_mm=60, column_mm=right_width)
    number, place = table.rows[1].cells
    if numbered:
        line = f"{PARTY.number_prefix}{{{{ number }}}}{PARTY.number_joiner}{{{{ symbol }}}}"
        cell_text(number, line, size=PARTY.header_pt).paragraph_format.space_before = Pt(6)
    dated = cell_text(place, "{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}", italic=True, size=BODY_PT)
    dated.paragraph_format.space_before = Pt(6)
