"""The statistics of grassroots democracy: every registered figure group (``danvan.democracy.figures``) for a unit
subtree and a period, beside the period of the same length before.

Records of the legacy units the unit primarily succeeded in 2025 count for it (``core.selectors.statistics_paths``);
the reads go to the reporting replica when there is one (``core.db_router.reporting_reads``). The page, its XLSX
and the API all show what :func:`democracy_statistics` returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from danvan.core.db_router import reporting_reads
from danvan.core.formatting import format_percent
from danvan.core.models import AdministrativeUnit
from danvan.core.periods import Period, change_percent
from danvan.core.selectors import statistics_paths
from danvan.democracy.figures import Place, groups, shared_reads


def change_text(current: int, previous: int) -> str:
    """ "tăng 12,5%", "giảm 25,0%", "không đổi"; empty when the period before had none."""
    change = change_percent(current, previous)
    if change is None:
        return ""
    if change == 0:
        return _("không đổi")
    word = _("tăng") if change > 0 else _("giảm")
    return f"{word} {format_percent(abs(change))}"


@dataclass(frozen=True)
class FigureRow:
    """One figure: its value in the period and in the period before."""

    code: str
    label: str
    current: int
    previous: int

    @property
    def change(self) -> Decimal | None:
        return change_percent(self.current, self.previous)

    @property
    def change_text(self) -> str:
        return change_text(self.current, self.previous)

    @property
    def is_breakdown(self) -> bool:
        """A part of the figure before it ("by_matter.1", "items_raised.question"): shown indented."""
        return "." in self.code


@dataclass(frozen=True)
class GroupStats:
    code: str
    label: str
    rows: list[FigureRow]


@dataclass(frozen=True)
class DemocracyStats:
    unit: AdministrativeUnit
    period: Period
    previous_period: Period
    groups: list[GroupStats]
    unit_paths: tuple[str, ...]


@reporting_reads()
def democracy_statistics(*, unit: AdministrativeUnit, period: Period) -> DemocracyStats:
    """Every registered figure group for ``unit``'s subtree (with its legacy predecessors) in ``period`` and the
    period before. A figure a group does not return counts 0."""
    paths, provinces = statistics_paths(unit)
    place = Place(paths=paths, provinces=provinces)
    previous = period.previous()
    computed = []
    with shared_reads():  # the recommendations several groups count, read once for both periods
        for group in groups():
            if group.read_ahead is not None:
                group.read_ahead(place, (period, previous))
        values = [(group, group.compute(place, period), group.compute(place, previous)) for group in groups()]
    for group, now, before in values:
        rows = [
            FigureRow(code=code, label=str(label), current=int(now.get(code, 0)), previous=int(before.get(code, 0)))
            for code, label in group.figures
        ]
        computed.append(GroupStats(code=group.code, label=str(group.label), rows=rows))
    return DemocracyStats(unit=unit, period=period, previous_period=previous, groups=computed, unit_paths=paths)


def statistics_xlsx(stats: DemocracyStats) -> bytes:
    """The statistics as one sheet: group, figure, the period, the period before, the change."""
    from danvan.core.xlsx import xlsx_bytes, xlsx_row, xlsx_workbook

    with xlsx_workbook() as workbook:
        sheet = workbook.create_sheet(_("Thống kê"))
        title = _("Thống kê thực hiện dân chủ ở cơ sở – %(unit)s") % {"unit": stats.unit.name}
        sheet.append(xlsx_row(sheet, [title]))
        periods = _("Kỳ: %(period)s; kỳ trước: %(previous)s") % {
            "period": stats.period.label,
            "previous": stats.previous_period.label,
        }
        sheet.append(xlsx_row(sheet, [periods]))
        header = [_("Nhóm"), _("Chỉ tiêu"), stats.period.label, stats.previous_period.label, _("So với kỳ trước")]
        sheet.append(xlsx_row(sheet, header))
        for group in stats.groups:
            for row in group.rows:
                label = f"– {row.label}" if row.is_breakdown else row.label
                sheet.append(xlsx_row(sheet, [group.label, label, row.current, row.previous, row.change_text]))
        return xlsx_bytes(workbook)
