"""The feedback statistics as an XLSX workbook: one sheet of the unit's figures beside the period before, one by
category, one by channel. Text cells are formula-safe (``core.xlsx``); figures are numbers (rates in percent,
times in hours), empty where there is none."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.styles import Font

from danvan.core.xlsx import xlsx_bytes, xlsx_cell, xlsx_row, xlsx_workbook
from danvan.feedback.ranking import UnitRank
from danvan.feedback.statistics import ROWS, FeedbackStats, figure_rows


def _number(value: Any) -> Any:
    """A figure as a spreadsheet number (an int stays an int); None stays empty."""
    if isinstance(value, Decimal):
        return float(value)
    return value


def _heading(sheet: Any, stats: FeedbackStats, title: str) -> None:
    sheet.append(xlsx_row(sheet, [xlsx_cell(sheet, title, font=Font(bold=True))]))
    periods = _("Kỳ: %(period)s; kỳ trước: %(previous)s; kết quả tính đến %(today)s") % {
        "period": stats.period.label,
        "previous": stats.previous_period.label,
        "today": f"{stats.today:%d/%m/%Y}",
    }
    sheet.append(xlsx_row(sheet, [periods]))


def _slice_sheet(workbook: Any, stats: FeedbackStats, name: str, title: str, slices: list[Any]) -> None:
    sheet = workbook.create_sheet(name)
    _heading(sheet, stats, title)
    header = [name]
    for _code, label, _kind in ROWS:
        header += [f"{_(label)} – {stats.period.label}", f"{_(label)} – {_('kỳ trước')}"]
    sheet.append(xlsx_row(sheet, header))
    for item in slices:
        values: list[Any] = [item.label]
        for code, _label, _kind in ROWS:
            values += [_number(getattr(item.current, code)), _number(getattr(item.previous, code))]
        sheet.append(xlsx_row(sheet, values))


def _communes_sheet(workbook: Any, stats: FeedbackStats, communes: list[UnitRank]) -> None:
    sheet = workbook.create_sheet(_("Theo xã, phường"))
    _heading(sheet, stats, _("Theo xã, phường (kỳ này)"))
    names = [code for code, _label, _kind in ROWS if code != "median_hours"]
    labels = {code: _(label) for code, label, _kind in ROWS}
    sheet.append(xlsx_row(sheet, [_("Hạng"), _("Mã"), _("Xã, phường"), *(labels[code] for code in names)]))
    for commune in communes:
        values = [_number(getattr(commune.figures, code)) for code in names]
        sheet.append(xlsx_row(sheet, [commune.rank, commune.code, commune.name, *values]))


def statistics_xlsx(stats: FeedbackStats, communes: list[UnitRank] | None = None) -> bytes:
    """The workbook's bytes (with a sheet of the province's ``communes`` when given)."""
    with xlsx_workbook() as workbook:
        sheet = workbook.create_sheet(_("Tổng hợp"))
        _heading(sheet, stats, _("Thống kê phản ánh, kiến nghị – %(unit)s") % {"unit": stats.unit.name})
        header = [_("Chỉ tiêu"), stats.period.label, stats.previous_period.label, _("So với kỳ trước")]
        sheet.append(xlsx_row(sheet, header))
        for row in figure_rows(stats.current, stats.previous):
            label = _("%(label)s (giờ)") % {"label": row.label} if row.kind == "hours" else row.label
            sheet.append(xlsx_row(sheet, [label, _number(row.current), _number(row.previous), row.change_text]))
        _slice_sheet(workbook, stats, _("Theo lĩnh vực"), _("Theo lĩnh vực"), stats.by_category)
        _slice_sheet(workbook, stats, _("Theo kênh"), _("Theo kênh tiếp nhận"), stats.by_channel)
        if communes:
            _communes_sheet(workbook, stats, communes)
        return xlsx_bytes(workbook)
