"""The statistics table of reception and petitions as an XLSX workbook: the same rows as the page.

Numbers are real numbers (the change as a percentage cell), so the office can sum and chart them; labels and
the "so với kỳ trước" words are in Vietnamese whatever the page's language.
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from danvan.cases.statistics import Comparison
from danvan.core.formatting import format_date
from danvan.core.text import fold
from danvan.core.xlsx import xlsx_bytes, xlsx_row, xlsx_workbook

WIDTHS = (52, 22, 22, 14, 40)
PERCENT_FORMAT = "0.0%"


def statistics_xlsx(comparison: Comparison) -> bytes:
    """One sheet: a title block, then per section a heading and its rows (figure, period, period before, change)."""
    with xlsx_workbook(write_only=False) as workbook:
        return xlsx_bytes(_write(workbook, comparison))


def _write(workbook: Any, comparison: Comparison) -> Any:
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Thống kê"
    bold = Font(bold=True)
    current, previous = comparison.period, comparison.previous_period
    sheet.append(xlsx_row(sheet, ["THỐNG KÊ TIẾP CÔNG DÂN, XỬ LÝ ĐƠN VÀ GIẢI QUYẾT KHIẾU NẠI, TỐ CÁO"]))
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(xlsx_row(sheet, [f"{comparison.unit.name} và các đơn vị trực thuộc"]))
    sheet.append(
        xlsx_row(
            sheet,
            [
                f"Kỳ: {comparison.label} ({format_date(current.start)} – {format_date(current.end)}); "
                f"kỳ trước: {comparison.previous_label} ({format_date(previous.start)} – {format_date(previous.end)})"
            ],
        )
    )
    sheet.append([])
    sheet.append(
        xlsx_row(sheet, ["Chỉ tiêu", comparison.label, comparison.previous_label, "Tăng, giảm", "So với kỳ trước"])
    )
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.freeze_panes = f"A{header_row + 1}"
    for section in comparison.sections():
        if not section.rows:
            continue
        sheet.append(xlsx_row(sheet, [section.title]))
        sheet.cell(row=sheet.max_row, column=1).font = bold
        for row in section.rows:
            label = ("    " * row.indent) + row.label
            if row.current_text:
                sheet.append(xlsx_row(sheet, [label, row.current_text, row.previous_text]))
                continue
            change = row.change
            sheet.append(
                xlsx_row(
                    sheet,
                    [
                        label,
                        row.current,
                        row.previous,
                        float(change) / 100 if change is not None else None,
                        row.change_words,
                    ],
                )
            )
            if change is not None:
                sheet.cell(row=sheet.max_row, column=4).number_format = PERCENT_FORMAT
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    return workbook


def statistics_filename(comparison: Comparison) -> str:
    """An ASCII name: "thong-ke-tiep-cong-dan-22081-20260101-20261231.xlsx"."""
    code = re.sub(r"[^a-z0-9]+", "-", fold(comparison.unit.code)).strip("-") or "don-vi"
    period = comparison.period
    return f"thong-ke-tiep-cong-dan-{code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"
