"""A Front supervision's plan and its findings report as DOCX, from editable templates
(``supervision_templates/``, built by ``supervision_templates/build.py``; ``core.documents``, NĐ 30/2020 layout with
the Front's header), and the XLSX list of supervisions (formula-safe, ``core.xlsx``)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.documents.formats import dated_parts
from danvan.core.documents.templates import DocumentTemplate, docx_response, render_docx, template_register
from danvan.core.errors import DomainError
from danvan.core.formatting import format_date
from danvan.core.models import UnitLevel
from danvan.core.text import fold, unit_in_sentence
from danvan.core.xlsx import xlsx_bytes, xlsx_row, xlsx_workbook
from danvan.democracy.models import (
    Recommendation,
    Supervision,
    SupervisionKind,
    SupervisionMethod,
    SupervisionStatus,
)

FOLDER = Path(__file__).resolve().parent / "supervision_templates"
PLAN = template_register(
    DocumentTemplate(
        name="supervision_plan",
        title=gettext_lazy("Kế hoạch giám sát, phản biện xã hội của Mặt trận Tổ quốc"),
        default_path=FOLDER / "supervision_plan.docx",
    )
)
REPORT = template_register(
    DocumentTemplate(
        name="supervision_report",
        title=gettext_lazy("Báo cáo kết quả giám sát, phản biện xã hội của Mặt trận Tổ quốc"),
        default_path=FOLDER / "supervision_report.docx",
    )
)
# The abbreviation after the document's number: the Front's and its member organizations'.
SYMBOLS = {
    "fatherland_front": "MTTQ",
    "farmers_union": "HND",
    "womens_union": "HLHPN",
    "youth_union": "ĐTN",
    "veterans_association": "CCB",
    "trade_union": "CĐ",
}


def _lines(text: str, empty: str) -> list[str]:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines or [empty]


def _common(supervision: Supervision) -> dict[str, Any]:
    programme = supervision.programme
    organization = programme.organization
    commune = programme.unit
    parent = commune.parent
    province = parent if parent is not None and parent.level == UnitLevel.PROVINCE else None
    units = [unit for unit in (commune, province) if unit is not None]

    def sentence(text: str) -> str:
        """Unit names inside running text ("… Xã Đồng Xuân" → "… xã Đồng Xuân")."""
        for unit in units:
            text = text.replace(unit.name, unit_in_sentence(unit.name))
        return text

    is_criticism = supervision.kind == SupervisionKind.SOCIAL_CRITICISM
    kind_heading = _("Phản biện xã hội") if is_criticism else _("Giám sát")
    return {
        "issuer_parent": _("Ủy ban MTTQ Việt Nam %(province)s") % {"province": province.name}
        if province is not None and organization.kind.code == "fatherland_front"
        else _("Ủy ban MTTQ Việt Nam %(commune)s") % {"commune": unit_in_sentence(commune.name)},
        "issuer": organization.name,
        "issuer_text": sentence(organization.name),
        "symbol": SYMBOLS.get(organization.kind.code, organization.kind.abbreviation or "MTTQ"),
        "place": commune.short_name or commune.name,
        "programme_title": sentence(unit_in_sentence(programme.title)),
        "kind_heading": kind_heading,
        "kind_lower": kind_heading.lower(),
        "topic": supervision.topic,
        "supervised_org": sentence(supervision.supervised_org.name),
        "body_label": _("Cơ quan chủ trì soạn thảo") if is_criticism else _("Cơ quan, tổ chức được giám sát"),
        "draft_title": supervision.draft_title if is_criticism else "",
        "method_number": 4 if is_criticism else 3,
        "method": SupervisionMethod(supervision.method).label,
        "method_lower": str(SupervisionMethod(supervision.method).label).lower(),
        "starts_on": format_date(supervision.starts_on),
        "ends_on": format_date(supervision.ends_on),
        "team_lead": supervision.team_lead,
        "team_lead_text": supervision.team_lead or _("(chưa ghi)"),
        "team": [line.strip() for line in supervision.team.splitlines() if line.strip()],
    }


def plan_context(supervision: Supervision) -> dict[str, Any]:
    """What the plan says; dated the day the plan was sent (or today when it was not)."""
    if supervision.status == SupervisionStatus.CANCELLED:
        raise DomainError("cancelled", _("Cuộc giám sát, phản biện đã hủy."), status=409)
    on = supervision.notice_on or timezone.localdate()
    return {
        **_common(supervision),
        **dated_parts(on),
        "purpose_lines": _lines(supervision.purpose, _("(Chưa ghi mục đích, yêu cầu.)")),
    }


def report_context(supervision: Supervision) -> dict[str, Any]:
    """What the findings report says, with the recommendations sent to the tracker and their state."""
    if supervision.status != SupervisionStatus.DONE or supervision.done_on is None:
        raise DomainError("not_done", _("Chỉ lập báo cáo cho cuộc giám sát, phản biện đã thực hiện."), status=409)
    raised = Recommendation.objects.for_event(supervision).select_related("addressee_org").order_by("raised_on", "id")
    items = [
        {
            "number": index,
            "content": item.content,
            "addressee": item.addressee_org.name if item.addressee_org else item.get_addressee_display(),
            "due_on": format_date(item.due_on) if item.due_on else "",
            "status": (
                _("Đã trả lời ngày %(day)s") % {"day": format_date(item.answered_on)}
                if item.answered_on
                else item.get_status_display()
            ),
        }
        for index, item in enumerate(raised, start=1)
    ]
    return {
        **_common(supervision),
        **dated_parts(supervision.done_on),
        "done_on": format_date(supervision.done_on),
        "findings_lines": _lines(supervision.findings, _("(Chưa ghi kết quả.)")),
        "conclusion_lines": _lines(supervision.conclusion, _("(Chưa ghi kết luận.)")),
        "items": items,
        "items_count": len(items) or _("không có"),
    }


def _stem(prefix: str, supervision: Supervision) -> str:
    return fold(f"{prefix}-{supervision.unit.code}-{supervision.starts_on.year}-{supervision.pk}").replace(" ", "-")


def plan_response(supervision: Supervision) -> HttpResponse:
    return docx_response(render_docx(PLAN.name, plan_context(supervision)), f"{_stem('ke-hoach', supervision)}.docx")


def report_response(supervision: Supervision) -> HttpResponse:
    content = render_docx(REPORT.name, report_context(supervision))
    return docx_response(content, f"{_stem('bao-cao', supervision)}.docx")


# --- XLSX ---------------------------------------------------------------------------------------------------------


def supervisions_xlsx(supervisions: Iterable[Supervision]) -> bytes:
    """The list of supervisions and criticism sessions, one row each (every text cell formula-safe)."""
    header = [
        _("STT"),
        _("Xã, phường"),
        _("Tổ chức giám sát"),
        _("Năm"),
        _("Loại"),
        _("Nội dung, chuyên đề"),
        _("Dự thảo"),
        _("Cơ quan được giám sát / chủ trì soạn thảo"),
        _("Hình thức"),
        _("Từ ngày"),
        _("Đến ngày"),
        _("Trạng thái"),
        _("Ngày thực hiện xong"),
        _("Số kiến nghị"),
    ]
    with xlsx_workbook() as workbook:
        sheet = workbook.create_sheet(_("Giám sát, phản biện"))
        sheet.append(xlsx_row(sheet, [_("Danh sách giám sát, phản biện xã hội của Mặt trận Tổ quốc")]))
        sheet.append(xlsx_row(sheet, header))
        for number, item in enumerate(supervisions, start=1):
            sheet.append(
                xlsx_row(
                    sheet,
                    [
                        number,
                        item.unit.name,
                        item.programme.organization.name,
                        item.programme.year,
                        item.get_kind_display(),
                        item.topic,
                        item.draft_title,
                        item.supervised_org.name,
                        item.get_method_display(),
                        format_date(item.starts_on),
                        format_date(item.ends_on),
                        item.get_status_display(),
                        format_date(item.done_on) if item.done_on else "",
                        getattr(item, "recommendations_count", 0),
                    ],
                )
            )
        return xlsx_bytes(workbook)
