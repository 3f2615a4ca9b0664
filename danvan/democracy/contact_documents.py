"""The list of voters' recommendations raised at a voter contact, with their answers, as DOCX — the list a People's
Council office circulates before a session — from an editable template
(``contact_templates/voter_recommendations.docx``, built by ``contact_templates/build.py``; ``core.documents``, NĐ
30/2020 layout)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.documents.formats import dated_parts
from danvan.core.documents.templates import DocumentTemplate, docx_response, render_docx, template_register
from danvan.core.errors import DomainError
from danvan.core.formatting import format_date, format_number
from danvan.core.text import fold, unit_in_sentence
from danvan.democracy.models import ContactStatus, ContactTiming, Recommendation, VoterContact
from danvan.democracy.service_kit import today

FOLDER = Path(__file__).resolve().parent / "contact_templates"
RECOMMENDATIONS = template_register(
    DocumentTemplate(
        name="voter_recommendations",
        title=gettext_lazy("Tổng hợp ý kiến, kiến nghị của cử tri và kết quả trả lời"),
        default_path=FOLDER / "voter_recommendations.docx",
    )
)


def recommendations_context(contact: VoterContact) -> dict[str, Any]:
    """What the list says: the contact, then each recommendation raised at it in the order recorded, with its
    answer (or that it is still awaited)."""
    if contact.status != ContactStatus.HELD:
        raise DomainError("not_held", _("Chỉ lập danh sách cho buổi tiếp xúc đã tổ chức."), status=409)
    area = contact.area
    council_unit = area.unit
    raised = list(Recommendation.objects.for_event(contact).select_related("addressee_org").order_by("id"))
    items = [
        {
            "number": index,
            "raised_by": item.raised_by,
            "content": item.content,
            "field": item.get_field_display(),
            "addressee": item.addressee_org.name if item.addressee_org else item.get_addressee_display(),
            "due_on": format_date(item.due_on) if item.due_on else "",
            "answer": (
                _("%(answer)s (trả lời ngày %(day)s)") % {"answer": item.answer, "day": format_date(item.answered_on)}
                if item.answered_on
                else _("Chưa trả lời")
            ),
        }
        for index, item in enumerate(raised, start=1)
    ]
    timing = _("trước") if contact.timing == ContactTiming.BEFORE else _("sau")
    deputies = contact.deputies_present_names
    return {
        "issuer_parent": _("Hội đồng nhân dân %(unit)s") % {"unit": unit_in_sentence(council_unit.name)},
        "issuer": _("Tổ đại biểu %(area)s") % {"area": area.name},
        "place": contact.unit.short_name or contact.unit.name,
        **dated_parts(today()),
        "session_line": _("Tiếp xúc cử tri %(timing)s %(session)s")
        % {"timing": timing, "session": contact.session_name},
        "area": area.name,
        "when": format_date(contact.held_on),
        "contact_place": f"{contact.place} ({contact.unit.name})",
        "deputies": "; ".join(deputies) or _("không ghi"),
        "voters": format_number(contact.voters_attending) if contact.voters_attending is not None else _("không ghi"),
        "items": items,
        "items_count": len(items) or _("không có"),
        "answered_count": sum(1 for item in raised if item.answered_on),
        "council": unit_in_sentence(council_unit.name),
        "first_deputy": deputies[0] if deputies else "",
    }


def recommendations_docx(contact: VoterContact) -> bytes:
    return render_docx(RECOMMENDATIONS.name, recommendations_context(contact))


def recommendations_response(contact: VoterContact) -> HttpResponse:
    stem = fold(f"kien-nghi-cu-tri-{contact.unit.code}-{contact.held_on:%Y%m%d}-{contact.pk}")
    return docx_response(recommendations_docx(contact), f"{stem}.docx")
