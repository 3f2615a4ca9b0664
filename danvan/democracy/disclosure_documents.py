"""Documents of disclosures as DOCX from editable templates (``document_templates/disclosure_*.docx``, built by
``disclosure_build.py`` to NĐ 30/2020): the quarterly list of what was disclosed (Luật 10/2022 Art. 13.2), the
yearly disclosure plan and the report to the People's Council (Art. 14). This module only builds the contexts, in
Vietnamese formats whatever the page's language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.documents.formats import dated_parts
from danvan.core.documents.templates import DocumentTemplate, render_docx, template_register
from danvan.core.formatting import format_date
from danvan.core.models import AdministrativeUnit, Organization
from danvan.core.rules import rule_in_force
from danvan.core.text import unit_in_sentence
from danvan.democracy.disclosure_compliance import KIND_LABELS
from danvan.democracy.disclosure_selectors import VIOLATION_FLAGS, quarterly_list, year_by_item
from danvan.democracy.models import Disclosure, PostingDuration

FOLDER = Path(__file__).resolve().parent / "document_templates"

QUARTERLY_LIST = template_register(
    DocumentTemplate(
        name="disclosure_quarterly_list",
        title=_("Danh sách thông tin đã công khai trong quý"),
        default_path=FOLDER / "disclosure_quarterly_list.docx",
    )
)
PLAN = template_register(
    DocumentTemplate(
        name="disclosure_plan",
        title=_("Kế hoạch công khai thông tin năm"),
        default_path=FOLDER / "disclosure_plan.docx",
    )
)
REPORT = template_register(
    DocumentTemplate(
        name="disclosure_report",
        title=_("Báo cáo Hội đồng nhân dân về kết quả công khai thông tin"),
        default_path=FOLDER / "disclosure_report.docx",
    )
)

FLAG_KIND = {
    "is_late": "timing",
    "is_too_short": "posting",
    "is_taken_down": "permanent",
    "lacks_portal": "portal",
    "lacks_loudspeaker": "loudspeaker",
}


def _issuer(commune: AdministrativeUnit) -> dict[str, str]:
    # Both are in running text ("…, Ủy ban nhân dân xã Đồng Xuân ban hành…", "Kính gửi: Hội đồng nhân dân xã Đồng
    # Xuân"): the unit's kind word in lower case, also inside the body's stored name.
    in_sentence = unit_in_sentence(commune.name)
    committee = Organization.objects.filter(unit=commune, kind__code="peoples_committee").first()
    name = committee.name.replace(commune.name, in_sentence) if committee else f"Ủy ban nhân dân {in_sentence}"
    return {
        "issuer": name,
        "issuer_parent": "",
        "place": commune.short_name or commune.name,
        "place_name": in_sentence,
        "signer_title": "Chủ tịch",
        "signer_name": "",
    }


def channel_text(disclosure: Disclosure) -> tuple[str, str]:
    """("Niêm yết (Nhà văn hóa thôn 1); Cổng thông tin", "03/03/2026 – 01/04/2026") for a list's row."""
    channels = list(disclosure.channels.all())
    forms = "; ".join(f"{c.form.name} ({c.place})" if c.place else c.form.name for c in channels)
    if disclosure.is_published and not any(c.form.kind == "portal" for c in channels):
        forms = "; ".join(filter(None, [forms, "Cổng thông tin điện tử danvan"]))
    starts = [c.started_on for c in channels]
    ends = [c.ended_on for c in channels]
    start = min(starts) if starts else disclosure.disclosed_on
    if disclosure.item.posting == PostingDuration.PERMANENT:
        period = f"Từ {format_date(start)}, thường xuyên"
    elif ends and all(ends):
        period = f"{format_date(start)} – {format_date(max(e for e in ends if e))}"
    else:
        period = f"Từ {format_date(start)}"
    return forms, period


def quarterly_context(
    commune: AdministrativeUnit, year: int, quarter: int, *, on: dt.date | None = None
) -> dict[str, Any]:
    rows = []
    for position, disclosure in enumerate(quarterly_list(commune, year, quarter), start=1):
        forms, period = channel_text(disclosure)
        title = disclosure.title
        if disclosure.document_number:
            title = f"{title} ({disclosure.document_number})"
        rows.append(
            {
                "position": str(position),
                "item": f"{disclosure.item.number}. {disclosure.item.name}",
                "title": title,
                "issued_on": format_date(disclosure.issued_on),
                "forms": forms,
                "period": period,
            }
        )
    return {
        **_issuer(commune),
        **dated_parts(on or timezone.localdate()),
        "quarter": ["I", "II", "III", "IV"][quarter - 1],
        "report_year": str(year),
        "count": f"{len(rows):02d}",
        "rows": rows,
    }


def quarterly_docx(commune: AdministrativeUnit, year: int, quarter: int) -> bytes:
    return render_docx(QUARTERLY_LIST.name, quarterly_context(commune, year, quarter))


def _duration(item: Any, on: dt.date) -> str:
    if item.posting == PostingDuration.PERMANENT:
        return "Thường xuyên"
    if item.posting == PostingDuration.NONE:
        return "Theo văn bản"
    text = f"Ít nhất {rule_in_force('disclosure.posting_min', on).value} ngày liên tục"
    if item.needs_loudspeaker:
        text += f"; loa ít nhất {rule_in_force('disclosure.loudspeaker_min', on).value} ngày"
    return text


def plan_context(commune: AdministrativeUnit, year: int, *, on: dt.date | None = None) -> dict[str, Any]:
    """Next year's plan from the register: every item in force, the forms the commune used for it last year (or the
    posting and the portal, the forms every item needs), the duration its rules require, and last year's count."""
    start = dt.date(year, 1, 1)
    timing = rule_in_force("disclosure.timing", start)
    rows = []
    for row in year_by_item(commune, year - 1):
        forms = row.forms or ["Niêm yết tại trụ sở", "Cổng thông tin điện tử"]
        rows.append(
            {
                "number": str(row.item.number),
                "item": row.item.name,
                "forms": "; ".join(forms),
                "duration": _duration(row.item, start),
                "last_year": str(row.disclosures),
            }
        )
    return {
        **_issuer(commune),
        **dated_parts(on or timezone.localdate()),
        "report_year": str(year),
        "previous_year": str(year - 1),
        "timing": f"{timing.value} ngày làm việc",
        "timing_basis": timing.legal_basis,
        "rows": rows,
    }


def plan_docx(commune: AdministrativeUnit, year: int) -> bytes:
    return render_docx(PLAN.name, plan_context(commune, year))


def report_context(commune: AdministrativeUnit, year: int, *, on: dt.date | None = None) -> dict[str, Any]:
    """The year's results by item, and each kind of violation with how many disclosures it concerns."""
    by_item = year_by_item(commune, year)
    disclosures = Disclosure.objects.filter(unit=commune, issued_on__year=year)
    shortcomings = []
    for flag in VIOLATION_FLAGS:
        count = disclosures.filter(**{flag: True}).count()
        if count:
            shortcomings.append(f"{KIND_LABELS[FLAG_KIND[flag]]}: {count} thông tin chưa đúng quy định.")
    if not shortcomings:
        shortcomings.append("Không có thông tin nào vi phạm thời hạn, thời gian hoặc hình thức công khai.")
    return {
        **_issuer(commune),
        **dated_parts(on or timezone.localdate()),
        "report_year": str(year),
        "total": str(sum(r.disclosures for r in by_item)),
        "on_time": str(sum(r.on_time for r in by_item)),
        "violations": str(sum(r.violations for r in by_item)),
        "rows": [
            {
                "number": str(r.item.number),
                "item": r.item.name,
                "total": str(r.disclosures),
                "on_time": str(r.on_time),
                "violations": str(r.violations),
                "forms": "; ".join(r.forms),
            }
            for r in by_item
        ],
        "shortcomings": shortcomings,
    }


def report_docx(commune: AdministrativeUnit, year: int) -> bytes:
    return render_docx(REPORT.name, report_context(commune, year))
