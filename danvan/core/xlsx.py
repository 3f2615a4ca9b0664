"""Writing XLSX, one way: workbooks (streamed), safe cells and the download response.

- :func:`xlsx_workbook` gives a workbook (write-only, i.e. streamed row by row, by default) and closes its
  streams if writing fails half-way; :func:`xlsx_bytes` saves it; :func:`xlsx_response` answers it as a download
  (bytes in memory, or a large workbook written to a temporary file that spills to disk and is streamed).
- Cells are built with :func:`xlsx_cell` / :func:`xlsx_row` (or set with :func:`xlsx_set`): text is always text,
  never a formula.

openpyxl turns any string that starts with ``=`` into a live formula, and Excel or LibreOffice turn a cell
starting with ``+``, ``-`` or ``@`` into one as soon as someone edits it. A petitioner's name or a model's
title typed as ``=HYPERLINK("http://…")`` must reach the office as the words typed. Every XLSX writer builds
its cells with :func:`xlsx_cell` / :func:`xlsx_row` (or sets values with :func:`xlsx_set`): a string becomes a
string cell (``data_type="s"``), and one starting with a formula character also gets Excel's "quote prefix"
style, so that editing it keeps it text. Numbers, dates and ``None`` are written as they are.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, overload

import openpyxl
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from openpyxl.cell import Cell
from openpyxl.workbook import Workbook

from danvan.core.downloads import file_response, stream_response

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A download written to a temporary file stays in memory up to this size, then spills to disk.
SPOOL_BYTES = 8 * 1024 * 1024

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


def abandon_workbook(workbook: Any) -> None:
    """End a write-only openpyxl workbook that will not be saved (its rows failed half-way): its sheet streams are
    finished into a throw-away buffer, instead of complaining when they are garbage-collected."""
    with contextlib.suppress(Exception):
        workbook.save(io.BytesIO())


@contextlib.contextmanager
def xlsx_workbook(*, write_only: bool = True) -> Iterator[Workbook]:
    """A new workbook — write-only (rows streamed, memory flat however long the list) unless ``write_only=False``
    for a small sheet whose cells are styled after being appended. A failure inside the block abandons it."""
    workbook = openpyxl.Workbook(write_only=write_only)
    try:
        yield workbook
    except BaseException:
        abandon_workbook(workbook)
        raise


def xlsx_bytes(workbook: Workbook) -> bytes:
    """The saved workbook's bytes."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@overload
def xlsx_response(content: bytes, filename: str) -> HttpResponse: ...
@overload
def xlsx_response(content: Callable[[IO[bytes]], object], filename: str) -> FileResponse: ...
def xlsx_response(content: bytes | Callable[[IO[bytes]], object], filename: str) -> HttpResponseBase:
    """An XLSX download named ``filename``: ``content`` is the file's bytes, or a function writing the workbook to
    the file it is given (for large files: written to a temporary file, spilled to disk past ``SPOOL_BYTES``, and
    streamed from it)."""
    if isinstance(content, bytes):
        return file_response(content, XLSX_CONTENT_TYPE, filename)
    output = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - closed by the response
    try:
        content(output)
    except BaseException:
        output.close()
        raise
    output.seek(0)
    return stream_response(output, XLSX_CONTENT_TYPE, filename)


__all__ = [
    "XLSX_CONTENT_TYPE",
    "abandon_workbook",
    "looks_like_formula",
    "xlsx_bytes",
    "xlsx_cell",
    "xlsx_response",
    "xlsx_row",
    "xlsx_set",
    "xlsx_workbook",
]
