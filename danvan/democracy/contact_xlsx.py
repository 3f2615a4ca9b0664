"""XLSX exports of the dialogues-with-staff, electoral-area and voter-contact lists (``core.xlsx``: text stays
text, never a formula). Each sheet opens with a title naming the officer's unit, then one row per record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from danvan.core.compiled import count_rows
from danvan.core.formatting import choice_label
from danvan.core.models import AdministrativeUnit
from danvan.core.xlsx import xlsx_bytes, xlsx_cell, xlsx_row, xlsx_workbook
from danvan.democracy.models import (
    ContactStatus,
    ContactTiming,
    CouncilLevel,
    ElectoralArea,
    Recommendation,
    StaffDialogue,
    VoterContact,
)


def _title(label: str, unit: AdministrativeUnit | None) -> str:
    return f"{label} – {unit.name}" if unit is not None else label


def _dated(sheet: Any, value: Any) -> Any:
    """A day shown dd/mm/yyyy; anything else as it is (made safe by ``xlsx_row``)."""
    if isinstance(value, dt.date):
        return xlsx_cell(sheet, value, number_format="DD/MM/YYYY")
    return value


def _sheet(title: str, header: list[str], rows: Iterable[list[Any]]) -> bytes:
    with xlsx_workbook() as workbook:
        sheet = workbook.create_sheet(title[:31].replace("/", "-"))
        sheet.append(xlsx_row(sheet, [title]))
        sheet.append(xlsx_row(sheet, header))
        for row in rows:
            sheet.append(xlsx_row(sheet, [_dated(sheet, value) for value in row]))
        return xlsx_bytes(workbook)


def _question_counts(model: type, ids: list[int]) -> dict[int, int]:
    from django.contrib.contenttypes.models import ContentType

    if not ids:
        return {}
    kind = ContentType.objects.get_for_model(model)
    return dict(
        Recommendation.objects.filter(event_type=kind, event_id__in=ids)
        .order_by()
        .values("event_id")
        .annotate(n=count_rows())
        .values_list("event_id", "n")
    )


def dialogues_xlsx(dialogues: Iterable[StaffDialogue], unit: AdministrativeUnit | None) -> bytes:
    items = list(dialogues)
    counts = _question_counts(StaffDialogue, [d.pk for d in items])
    header = [
        _("Ngày"),
        _("Cơ quan, đơn vị"),
        _("Đơn vị hành chính"),
        _("Người chủ trì"),
        _("Số người dự"),
        _("Nội dung"),
        _("Số ý kiến"),
    ]
    rows = (
        [d.held_on, d.organization.name, d.unit.name, d.chaired_by, d.participants, d.topics, counts.get(d.pk, 0)]
        for d in items
    )
    return _sheet(_title(_("Đối thoại với cán bộ, công chức"), unit), header, rows)


def areas_xlsx(areas: Iterable[ElectoralArea], unit: AdministrativeUnit | None) -> bytes:
    header = [_("Hội đồng nhân dân"), _("Số"), _("Tên đơn vị bầu cử"), _("Nhiệm kỳ"), _("Địa bàn"), _("Đại biểu")]
    rows = (
        [
            f"{choice_label(CouncilLevel, area.council_level)} – {area.unit.name}",
            area.number,
            area.name,
            area.term,
            "; ".join(u.name for u in area.units.all()),
            "; ".join(area.deputy_names),
        ]
        for area in areas
    )
    return _sheet(_title(_("Đơn vị bầu cử"), unit), header, rows)


def contacts_xlsx(contacts: Iterable[VoterContact], unit: AdministrativeUnit | None) -> bytes:
    items = list(contacts)
    counts = _question_counts(VoterContact, [c.pk for c in items])
    header = [
        _("Ngày"),
        _("Đơn vị bầu cử"),
        _("Kỳ họp"),
        _("Thời điểm"),
        _("Xã, phường"),
        _("Địa điểm"),
        _("Trạng thái"),
        _("Đại biểu dự"),
        _("Số cử tri dự"),
        _("Số ý kiến"),
    ]
    rows = (
        [
            c.held_on,
            c.area.name,
            c.session_name,
            choice_label(ContactTiming, c.timing),
            c.unit.name,
            c.place,
            choice_label(ContactStatus, c.status),
            "; ".join(c.deputies_present_names),
            c.voters_attending,
            counts.get(c.pk, 0),
        ]
        for c in items
    )
    return _sheet(_title(_("Tiếp xúc cử tri"), unit), header, rows)
