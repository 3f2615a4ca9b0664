"""Writing XLSX cells safely: text is always text, never a formula.

openpyxl turns any string that starts with ``=`` into a live formula, and Excel or LibreOffice turn a cell
starting with ``+``, ``-`` or ``@`` into one as soon as someone edits it. A petitioner's name or a model's
title typed as ``=HYPERLINK("http://…")`` must reach the office as the words typed. Every XLSX writer builds
its cells with :func:`xlsx_cell` / :func:`xlsx_row` (or sets values with :func:`xlsx_set`): a string becomes a
string cell (``data_type="s"``), and one starting with a formula character also gets Excel's "quote prefix"
style, so that editing it keeps it text. Numbers, dates and ``None`` are written as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell import Cell

# Characters a spreadsheet may read as the start of a formula (OWASP "CSV injection"), with their
# full-width forms, which some spreadsheet programs normalise.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula (after leading spaces)."""
    return text.lstrip(" ").startswith(FORMULA_STARTS)


def xlsx_set(cell: Any, value: Any) -> Any:
    """Give ``cell`` the value ``value``: a string as a string (quote-prefixed when it looks like a formula)."""
    if isinstance(value, str):
        # Bypass openpyxl's value setter, which makes "=…" a formula; the cell is a plain string.
        cell._value = value
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def xlsx_cell(sheet: Any, value: Any = None, **style: Any) -> Cell:
    """A cell of ``sheet`` (write-only or not) holding ``value`` safely, with the given style attributes
    (``font=``, ``border=``, ``alignment=``, ``number_format=``…)."""
    cell = Cell(sheet, row=1, column=1)  # the row and column are set when the row is appended
    for name, setting in style.items():
        setattr(cell, name, setting)
    return xlsx_set(cell, value)


def xlsx_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """``values`` made ready for ``sheet.append``: cells already built are kept, everything else is made safe."""
    return [value if isinstance(value, Cell) else xlsx_cell(sheet, value) for value in values]
