"""The minutes of a held year-end meeting or dialogue conference as DOCX, from an editable template
(``meeting_templates/meeting_minutes.docx``, built by ``meeting_templates/build.py``; ``core.documents``, NĐ
30/2020 layout): time, place, kind, households total and present, participants, the three reports, the minutes text
and the items raised (Luật 10/2022/QH15 Art. 32–33; NĐ 59/2023 Art. 10–11)."""

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
from danvan.democracy.models import CommunityMeeting, MeetingKind, MeetingStatus, Recommendation, RecommendationKind

FOLDER = Path(__file__).resolve().parent / "meeting_templates"
MINUTES = template_register(
    DocumentTemplate(
        name="meeting_minutes",
        title=gettext_lazy("Biên bản hội nghị thôn, tổ dân phố hằng năm, hội nghị đối thoại"),
        default_path=FOLDER / "meeting_minutes.docx",
    )
)


def _count(value: int | None) -> str:
    return format_number(value) if value is not None else _("không ghi")


def _presented(value: bool) -> str:
    return _("đã trình bày") if value else _("không trình bày")


def minutes_context(meeting: CommunityMeeting) -> dict[str, Any]:
    """What the minutes say, from the recorded meeting and the items raised at it (in the order recorded)."""
    if meeting.status != MeetingStatus.HELD:
        raise DomainError("not_held", _("Chỉ lập biên bản cho hội nghị đã tổ chức."), status=409)
    unit = meeting.unit
    commune = unit.parent if meeting.kind == MeetingKind.YEAR_END and unit.parent else unit
    if meeting.kind == MeetingKind.YEAR_END:
        issuer_parent, issuer = commune.name, unit.name
    else:
        issuer_parent, issuer = _("Ủy ban nhân dân"), unit.name
    time = format_date(meeting.held_on)
    if meeting.starts_at is not None:
        time = _("%(hour)s giờ %(minute)s, ngày %(date)s") % {
            "hour": meeting.starts_at.hour,
            "minute": f"{meeting.starts_at.minute:02d}",
            "date": time,
        }
    raised = list(Recommendation.objects.for_event(meeting).order_by("raised_on", "id"))
    items = [
        {
            "number": index,
            "raised_by": item.raised_by,
            "kind": RecommendationKind(item.kind).label,
            "content": item.content,
            "addressee": item.addressee_note or item.get_addressee_display(),
            "due_on": format_date(item.due_on) if item.due_on else "",
        }
        for index, item in enumerate(raised, start=1)
    ]
    lines = [line.strip() for line in meeting.minutes.splitlines() if line.strip()]
    return {
        "issuer_parent": issuer_parent,
        "issuer": issuer,
        "place": commune.short_name or commune.name,
        **dated_parts(meeting.held_on),
        "kind": MeetingKind(meeting.kind).label,
        "title": meeting.title,
        "meeting_year": meeting.year,
        "time": time,
        "meeting_place": meeting.place or _("không ghi"),
        "chaired_by": meeting.chaired_by,
        "households_total": _count(meeting.households_total),
        "households_present": _count(meeting.households_present),
        "participants": _count(meeting.participants),
        "report_village_head": _presented(meeting.report_village_head),
        "report_front_committee": _presented(meeting.report_front_committee),
        "report_inspection_board": _presented(meeting.report_inspection_board),
        "minutes_lines": lines or [_("(Chưa ghi biên bản.)")],
        "items": items,
        "items_count": len(items) or _("không có"),
        "commune": unit_in_sentence(commune.name),  # running text: "… Việt Nam xã Đồng Xuân"
    }


def minutes_docx(meeting: CommunityMeeting) -> bytes:
    return render_docx(MINUTES.name, minutes_context(meeting))


def minutes_response(meeting: CommunityMeeting) -> HttpResponse:
    stem = fold(f"bien-ban-{meeting.unit.code}-{meeting.year}-{meeting.pk}")
    return docx_response(minutes_docx(meeting), f"{stem}.docx")
