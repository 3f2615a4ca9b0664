"""Helpers for the dossier tests: one-stop-shop exports as CSV or XLSX, and dossier rows made in bulk."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import openpyxl

from danvan.reporting.models import Dossier
from danvan.reporting.sources_dossiers import CUBE

# A province's export, as its one-stop-shop system names the columns (not the platform's labels).
HEADINGS = [
    "Số hồ sơ",
    "Cơ quan tiếp nhận",
    "Mã TTHC",
    "Tên thủ tục hành chính",
    "Ngày nhận hồ sơ",
    "Kênh nộp",
    "Ngày hẹn trả kết quả",
    "Ngày có kết quả",
    "Trạng thái",
]
COLUMNS = {
    "number": "Số hồ sơ",
    "unit": "Cơ quan tiếp nhận",
    "procedure_code": "Mã TTHC",
    "procedure_name": "Tên thủ tục hành chính",
    "received_on": "Ngày nhận hồ sơ",
    "channel": "Kênh nộp",
    "due_on": "Ngày hẹn trả kết quả",
    "finished_on": "Ngày có kết quả",
    "status": "Trạng thái",
}


def row(
    number: str,
    unit: str = "22081",
    received: str = "05/01/2026",
    channel: str = "Trực tuyến",
    due: str = "10/01/2026",
    finished: str = "09/01/2026",
    status: str = "Đã giải quyết",
) -> list[str]:
    return [number, unit, "1.001", "Đăng ký khai sinh", received, channel, due, finished, status]


def csv_file(rows: Sequence[Sequence[Any]], headings: Sequence[str] = HEADINGS, delimiter: str = ",") -> io.BytesIO:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter)
    writer.writerow(headings)
    writer.writerows(rows)
    return io.BytesIO(text.getvalue().encode("utf-8-sig"))


def xlsx_file(rows: Sequence[Sequence[Any]], headings: Sequence[str] = HEADINGS) -> io.BytesIO:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(headings))
    for values in rows:
        sheet.append(list(values))
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def make_dossiers(unit: Any, count: int, *, prefix: str, **fields: Any) -> None:
    """``count`` dossiers at ``unit`` with the same ``fields`` (received 05/01/2026 online unless given), and the
    unit's month cube counted again (as the import does)."""
    values: dict[str, Any] = {
        "received_on": dt.date(2026, 1, 5),
        "channel": "online",
        "due_on": dt.date(2026, 1, 10),
        "finished_on": dt.date(2026, 1, 9),
        "status": "early",
        "procedure_name": "Đăng ký khai sinh",
    }
    values.update(fields)
    Dossier.objects.bulk_create(
        [
            Dossier(
                unit=unit,
                unit_path=unit.path,
                province_code=unit.province_code,
                number=f"{prefix}-{i}",
                search_text=f"{prefix.lower()}-{i} dang ky khai sinh",
                **values,
            )
            for i in range(count)
        ],
        batch_size=2000,
    )
    CUBE.rebuild(provinces=[unit.province_code], paths=[unit.path])  # written around the import service
