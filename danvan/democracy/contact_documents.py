"""The list of voters' recommendations raised at a voter contact, with their answers, as DOCX — the list a People's
Council office circulates before a session — from an editable template
(``contact_templates/voter_recommendations.docx``, built by ``contact_templates/build.py``; ``core.documents``, NĐ
30/2020 layout)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
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


def recommendations_context(contacts: Sequence[VoterContact]) -> dict[str, Any]:
    """What the list says: the contacts (one, or every contact held for one session of one council), then each
    recommendation raised at them in the order recorded, with its answer (or that it is still awaited)."""
    held = [contact for contact in contacts if contact.status == ContactStatus.HELD]
    if not held:
        raise DomainError("not_held", _("Chỉ lập danh sách cho buổi tiếp xúc đã tổ chức."), status=409)
    first = held[0]
    council_unit = first.area.unit
    kind = ContentType.objects.get_for_model(VoterContact)
    raised = list(
        Recommendation.objects.filter(event_type=kind, event_id__in=[c.pk for c in held])
        .select_related("addressee_org")
        .order_by("raised_on", "id")
    )
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
    timing = _("trước") if first.timing == ContactTiming.BEFORE else _("sau")
    deputies = list(dict.fromkeys(name for contact in held for name in contact.deputies_present_names))
    voters = [c.voters_attending for c in held if c.voters_attending is not None]
    single = len(held) == 1
    return {
        "issuer_parent": _("Hội đồng nhân dân %(unit)s") % {"unit": unit_in_sentence(council_unit.name)},
        "issuer": _("Tổ đại biểu %(area)s") % {"area": first.area.name}
        if single
        else _("Thường trực Hội đồng nhân dân"),
        "place": first.unit.short_name or first.unit.name,
        **dated_parts(today()),
        "session_line": _("Tiếp xúc cử tri %(timing)s %(session)s") % {"timing": timing, "session": first.session_name},
        "area": "; ".join(dict.fromkeys(c.area.name for c in held)),
        "when": "; ".join(dict.fromkeys(format_date(c.held_on) for c in held)),
        "contact_place": "; ".join(dict.fromkeys(f"{c.place} ({c.unit.name})" for c in held)),
        "deputies": "; ".join(deputies) or _("không ghi"),
        "voters": format_number(sum(voters)) if voters else _("không ghi"),
        "items": items,
        "items_count": len(items) or _("không có"),
        "answered_count": sum(1 for item in raised if item.answered_on),
        "council": unit_in_sentence(council_unit.name),
        "first_deputy": deputies[0] if deputies and single else "",
    }


def recommendations_docx(contact: VoterContact) -> bytes:
    """The list of one contact."""
    return render_docx(RECOMMENDATIONS.name, recommendations_context([contact]))


def recommendations_response(contact: VoterContact) -> HttpResponse:
    stem = fold(f"kien-nghi-cu-tri-{contact.unit.code}-{contact.held_on:%Y%m%d}-{contact.pk}")
    return docx_response(recommendations_docx(contact), f"{stem}.docx")


def session_contacts(contact: VoterContact, visible: QuerySet[VoterContact]) -> list[VoterContact]:
    """The contacts among ``visible`` held for the same session of the same council, at the same time (before or
    after) as ``contact``."""
    return list(
        visible.filter(
            area__unit_id=contact.area.unit_id,
            area__council_level=contact.area.council_level,
            session_name=contact.session_name,
            timing=contact.timing,
            status=ContactStatus.HELD,
        )
        .select_related("unit", "area", "area__unit")
        .order_by("held_on", "id")
    )


def session_response(contact: VoterContact, visible: QuerySet[VoterContact]) -> HttpResponse:
    """The list of every contact held for ``contact``'s session that the officer sees, as one DOCX."""
    content = render_docx(RECOMMENDATIONS.name, recommendations_context(session_contacts(contact, visible)))
    stem = fold(f"kien-nghi-cu-tri-ky-hop-{contact.area.unit.code}-{contact.pk}")
    return docx_response(content, f"{stem}.docx")
