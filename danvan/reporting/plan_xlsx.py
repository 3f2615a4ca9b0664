"""XLSX of a plan's implementation table (``core.xlsx``: text stays text, never a formula): a first sheet with one
row per task and organization (percentage, overdue mark, last report), and a second sheet tasks × organizations."""

from __future__ import annotations

from django.utils.translation import gettext as _

from danvan.core.formatting import format_date
from danvan.core.xlsx import xlsx_bytes, xlsx_cell, xlsx_row, xlsx_workbook
from danvan.reporting.plan_selectors import ImplementationTable


def implementation_xlsx(table: ImplementationTable) -> bytes:
    plan = table.plan
    title = _("Bảng theo dõi thực hiện Kế hoạch số %(number)s ngày %(date)s") % {
        "number": plan.number,
        "date": format_date(plan.issued_on),
    }
    as_of = _("Tính đến ngày %(date)s") % {"date": format_date(table.on)}
    with xlsx_workbook() as workbook:
        sheet = workbook.create_sheet(_("Theo đơn vị"))
        sheet.append(xlsx_row(sheet, [title]))
        sheet.append(xlsx_row(sheet, [plan.title]))
        sheet.append(xlsx_row(sheet, [as_of]))
        sheet.append(
            xlsx_row(
                sheet,
                [
                    _("STT"),
                    _("Nhiệm vụ"),
                    _("Thời hạn"),
                    _("Sản phẩm"),
                    _("Cơ quan, đơn vị thực hiện"),
                    _("Đơn vị hành chính"),
                    _("Tỷ lệ hoàn thành (%)"),
                    _("Quá hạn"),
                    _("Số ngày làm việc quá hạn"),
                ],
            )
        )
        for column, tasks in table.by_assignee():
            for task, cell in tasks:
                sheet.append(
                    xlsx_row(
                        sheet,
                        [
                            task.number,
                            task.text,
                            xlsx_cell(sheet, task.deadline, number_format="DD/MM/YYYY"),
                            task.expected_output,
                            column.name,
                            column.unit_name,
                            cell.percent,
                            _("Quá hạn") if cell.overdue else "",
                            cell.days_overdue or None,
                        ],
                    )
                )
        grid = workbook.create_sheet(_("Nhiệm vụ x đơn vị"))
        grid.append(xlsx_row(grid, [title]))
        grid.append(xlsx_row(grid, [as_of]))
        grid.append(xlsx_row(grid, [_("STT"), _("Nhiệm vụ"), _("Thời hạn"), *[c.name for c in table.columns]]))
        for row in table.rows:
            values: list[object] = [
                row.task.number,
                row.task.text,
                xlsx_cell(grid, row.task.deadline, number_format="DD/MM/YYYY"),
            ]
            for found in row.cells:
                if found is None:
                    values.append(None)
                else:
                    values.append(f"{found.percent}% ({_('quá hạn')})" if found.overdue else found.percent)
            grid.append(xlsx_row(grid, values))
        return xlsx_bytes(workbook)
