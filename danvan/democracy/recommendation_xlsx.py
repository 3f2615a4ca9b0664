"""The recommendation lists as XLSX (the inbox and the waiting list as filtered): one row per item, every text
cell formula-safe (``core.xlsx``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.styles import Font

from danvan.core.formatting import choice_label, format_date
from danvan.core.xlsx import xlsx_cell, xlsx_response, xlsx_row, xlsx_workbook
from danvan.democracy.models import (
    Addressee,
    Assessment,
    Recommendation,
    RecommendationField,
    RecommendationKind,
    RecommendationSource,
    RecommendationStatus,
)


def _headers() -> list[str]:
    return [
        _("Số"),
        _("Nguồn"),
        _("Đơn vị nêu"),
        _("Ngày nêu"),
        _("Loại"),
        _("Lĩnh vực"),
        _("Người, tổ chức nêu"),
        _("Nội dung"),
        _("Cơ quan trả lời"),
        _("Hạn trả lời"),
        _("Trạng thái"),
        _("Ngày trả lời"),
        _("Nội dung trả lời"),
        _("Đánh giá"),
    ]


def _row(item: Recommendation) -> list[object]:
    return [
        item.pk,
        choice_label(RecommendationSource, item.source),
        item.unit.name,
        format_date(item.raised_on),
        choice_label(RecommendationKind, item.kind),
        choice_label(RecommendationField, item.field),
        item.raiser_org.name if item.raiser_org is not None else item.raised_by,
        item.content,
        item.addressee_org.name if item.addressee_org is not None else choice_label(Addressee, item.addressee),
        format_date(item.due_on) if item.due_on else "",
        choice_label(RecommendationStatus, item.status),
        format_date(item.answered_on) if item.answered_on else "",
        item.answer,
        choice_label(Assessment, item.assessment) if item.assessment else "",
    ]


def write_recommendations(items: Iterable[Recommendation], title: str, output: IO[bytes]) -> None:
    with xlsx_workbook() as workbook:
        sheet = workbook.create_sheet(_("Kiến nghị"))
        sheet.append(xlsx_row(sheet, [xlsx_cell(sheet, title, font=Font(bold=True))]))
        sheet.append(xlsx_row(sheet, [_("Ngày xuất: %(day)s") % {"day": format_date(timezone.localdate())}]))
        sheet.append(xlsx_row(sheet, [xlsx_cell(sheet, header, font=Font(bold=True)) for header in _headers()]))
        for item in items:
            sheet.append(xlsx_row(sheet, _row(item)))
        workbook.save(output)


def recommendations_xlsx(items: Iterable[Recommendation], title: str, filename: str) -> HttpResponseBase:
    rows = list(items)
    return xlsx_response(lambda output: write_recommendations(rows, title, output), filename)
