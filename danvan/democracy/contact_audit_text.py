"""The words of the audit entries of dialogues with staff, electoral areas and voter contacts
(:mod:`danvan.core.audit_text`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.core.audit_text import register
from danvan.democracy.models import ContactStatus, ContactTiming

register(
    prefix=("democracy.staff_dialogue.", "democracy.electoral_area.", "democracy.voter_contact."),
    verbs={
        "democracy.staff_dialogue.recorded": _("đã ghi buổi đối thoại với cán bộ, công chức"),
        "democracy.staff_dialogue.edited": _("đã sửa buổi đối thoại với cán bộ, công chức"),
        "democracy.electoral_area.created": _("đã ghi đơn vị bầu cử"),
        "democracy.electoral_area.edited": _("đã sửa đơn vị bầu cử"),
        "democracy.voter_contact.scheduled": _("đã lên lịch tiếp xúc cử tri"),
        "democracy.voter_contact.rescheduled": _("đã sửa lịch tiếp xúc cử tri"),
        "democracy.voter_contact.held": _("đã ghi kết quả tiếp xúc cử tri"),
        "democracy.voter_contact.cancelled": _("đã hủy buổi tiếp xúc cử tri"),
    },
    fields={
        "organization": _("cơ quan, đơn vị"),
        "held_on": _("ngày"),
        "place": _("địa điểm"),
        "chaired_by": _("người chủ trì"),
        "participants": _("số người dự"),
        "topics": _("nội dung"),
        "minutes": _("biên bản"),
        "year": _("năm"),
        "number": _("số đơn vị bầu cử"),
        "name": _("tên"),
        "term": _("nhiệm kỳ"),
        "deputies": _("đại biểu"),
        "units": _("địa bàn"),
        "area": _("đơn vị bầu cử"),
        "session_name": _("kỳ họp"),
        "session_on": _("ngày khai mạc kỳ họp"),
        "timing": _("thời điểm"),
        "deputies_present": _("đại biểu dự"),
        "voters_attending": _("số cử tri dự"),
        "reason": _("lý do"),
    },
    values={"timing": dict(ContactTiming.choices), "status": dict(ContactStatus.choices)},
)
