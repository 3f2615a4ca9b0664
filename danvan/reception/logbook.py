"""The reception logbook (sổ tiếp công dân) as XLSX, in the 13 columns of Form 03/TCD.

Columns as DOMAIN.md §4 lists them (NĐ 154/2026, Form 03/TCD [2nd]): No.; date; name and address; ID document;
summary; type; number of people; body that already handled it; within our jurisdiction; guidance given (document
no.); body that accepted it (transfer no.); follow-up of the result; notes. Headers stay Vietnamese whatever the
interface language: it is the official book. The sheet is written in openpyxl's write-only mode from
:class:`selectors.LogbookRows`, which reads the lines in slices, so 10,000 lines take little memory; it is printed
landscape, fitted to the page width, the header repeated on each page. A denunciation's line never names the
denouncer (Luật Tố cáo 2018 Art. 8): the rows come from ``selectors.build_rows``, which does not read the vault.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from copy import copy
from typing import IO, Any, NamedTuple

from django.http import FileResponse
from django.utils.translation import gettext_noop
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from danvan.core.formatting import format_date
from danvan.core.xlsx import xlsx_cell, xlsx_response, xlsx_set, xlsx_workbook
from danvan.reception.selectors import LogbookRow

DATE_FORMAT = "dd/mm/yyyy"
FORM_NAME = "Mẫu số 03/TCD"
TITLE = "SỔ TIẾP CÔNG DÂN"


class Column(NamedTuple):
    header: str
    key: str
    width: float


# Headers stay Vietnamese in the workbook (the official form); the page shows them translated (gettext_noop marks them).
COLUMNS: list[Column] = [
    Column(gettext_noop("STT"), "number", 6),
    Column(gettext_noop("Ngày tiếp"), "visited_on", 12),
    Column(gettext_noop("Họ tên, địa chỉ"), "name_address", 28),
    Column(gettext_noop("Số CCCD/Giấy tờ tùy thân"), "id_document", 16),
    Column(gettext_noop("Nội dung vụ việc"), "summary", 40),
    Column(gettext_noop("Phân loại (khiếu nại, tố cáo, kiến nghị, phản ánh)"), "kind", 14),
    Column(gettext_noop("Số người"), "persons", 8),
    Column(gettext_noop("Cơ quan đã giải quyết"), "already_handled_by", 20),
    Column(gettext_noop("Thuộc thẩm quyền"), "in_jurisdiction", 11),
    Column(gettext_noop("Hướng dẫn (số văn bản)"), "guidance", 20),
    Column(gettext_noop("Cơ quan tiếp nhận, số văn bản chuyển đơn"), "transfer", 22),
    Column(gettext_noop("Theo dõi kết quả giải quyết"), "result", 28),
    Column(gettext_noop("Ghi chú"), "note", 24),
]
HEADERS = [column.header for column in COLUMNS]
HEADER_ROW = 6
FIRST_DATA_ROW = HEADER_ROW + 2

_thin = Side(style="thin", color="000000")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER_TOP = Alignment(horizontal="center", vertical="top", wrap_text=True)
CENTERED_COLUMNS = {"number", "visited_on", "kind", "persons", "in_jurisdiction"}


def _title_rows(sheet: WriteOnlyWorksheet, unit_name: str, start: dt.date, end: dt.date) -> None:
    last = get_column_letter(len(COLUMNS))
    for row in range(1, 5):
        sheet.merged_cells.add(f"A{row}:{last}{row}")
    sheet.append([xlsx_cell(sheet, FORM_NAME, font=Font(italic=True), alignment=Alignment(horizontal="right"))])
    sheet.append([xlsx_cell(sheet, TITLE, font=Font(bold=True, size=14), alignment=Alignment(horizontal="center"))])
    sheet.append([xlsx_cell(sheet, unit_name, font=Font(bold=True), alignment=Alignment(horizontal="center"))])
    period = f"Từ ngày {format_date(start)} đến ngày {format_date(end)}"
    sheet.append([xlsx_cell(sheet, period, font=Font(italic=True), alignment=Alignment(horizontal="center"))])
    sheet.append([])


def _header_rows(sheet: WriteOnlyWorksheet) -> None:
    fill = PatternFill("solid", fgColor="DDEBF7")
    bold = Font(bold=True)
    centered = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.append(
        [xlsx_cell(sheet, title, font=bold, fill=fill, border=BORDER, alignment=centered) for title in HEADERS]
    )
    sheet.append(
        [
            xlsx_cell(sheet, f"({index})", font=Font(italic=True), border=BORDER, alignment=centered)
            for index in range(1, len(COLUMNS) + 1)
        ]
    )


def _values(row: LogbookRow) -> dict[str, Any]:
    return {
        "number": row.number,
        "visited_on": row.visited_on,
        "name_address": row.name_address,
        "id_document": row.id_document,
        "summary": row.summary,
        "kind": row.kind,
        "persons": row.persons,
        "already_handled_by": row.already_handled_by,
        "in_jurisdiction": row.in_jurisdiction,
        "guidance": row.guidance,
        "transfer": row.transfer,
        "result": row.result,
        "note": row.note,
    }


def write_logbook(
    rows: Iterable[LogbookRow], *, unit_name: str, start: dt.date, end: dt.date, output: IO[bytes]
) -> int:
    """Write the logbook of ``unit_name`` for ``start``–``end`` to ``output``; returns the number of lines."""
    with xlsx_workbook() as workbook:  # streamed; a failure half-way ends its streams
        sheet = workbook.create_sheet("Sổ tiếp công dân")
        for index, column in enumerate(COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
        sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW + 1}"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = 9  # A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_margins.left = sheet.page_margins.right = 0.4
        sheet.page_margins.top = sheet.page_margins.bottom = 0.6
        sheet.print_options.horizontalCentered = True
        _title_rows(sheet, unit_name, start, end)
        _header_rows(sheet)
        # Styles are resolved once per column; each cell then takes a copy of the resolved style (setting fonts and
        # borders cell by cell hashes them every time, which made 10,000 lines take seconds instead of a fraction).
        styles = []
        for column in COLUMNS:
            template = xlsx_cell(
                sheet,
                None,
                border=BORDER,
                alignment=CENTER_TOP if column.key in CENTERED_COLUMNS else WRAP_TOP,
                number_format=DATE_FORMAT if column.key == "visited_on" else "General",
            )
            styles.append(template._style)
        count = 0
        for row in rows:
            values = _values(row)
            cells = []
            for column, style in zip(COLUMNS, styles, strict=True):
                value = values[column.key]
                cell = Cell(sheet, row=1, column=1)
                cell._style = copy(style)
                # Text as typed stays text: a name starting with "=" is not a formula (core.xlsx).
                cells.append(xlsx_set(cell, value if value != "" else None))
            sheet.append(cells)
            count += 1
        workbook.save(output)
        return count


def logbook_filename(start: dt.date, end: dt.date) -> str:
    return f"so-tiep-cong-dan-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"


def logbook_response(rows: Iterable[LogbookRow], *, unit_name: str, start: dt.date, end: dt.date) -> FileResponse:
    """The logbook as a download, written to a temporary file (spilled to disk past 8 MB) and streamed from it."""

    def write(output: IO[bytes]) -> None:
        write_logbook(rows, unit_name=unit_name, start=start, end=end, output=output)

    return xlsx_response(write, logbook_filename(start, end))
