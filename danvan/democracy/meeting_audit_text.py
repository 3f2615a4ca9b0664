"""The words of the audit entries of year-end meetings, dialogues and raised items (:mod:`danvan.core.audit_text`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.core.audit_text import register
from danvan.democracy.models import Addressee, MeetingKind, MeetingStatus, RecommendationKind

register(
    prefix=("democracy.meeting.", "democracy.raised_item."),
    verbs={
        "democracy.meeting.scheduled": _("đã lên lịch hội nghị"),
        "democracy.meeting.rescheduled": _("đã sửa lịch hội nghị"),
        "democracy.meeting.held": _("đã ghi kết quả hội nghị"),
        "democracy.meeting.sent": _("đã ghi ngày gửi kết quả hội nghị"),
        "democracy.meeting.cancelled": _("đã hủy hội nghị"),
        "democracy.raised_item.added": _("đã ghi ý kiến, kiến nghị cần trả lời"),
        "democracy.raised_item.answered": _("đã ghi câu trả lời ý kiến, kiến nghị"),
    },
    fields={
        "held_on": _("ngày tổ chức"),
        "notice_on": _("ngày thông báo"),
        "participants": _("số người dự"),
        "households_total": _("tổng số hộ"),
        "households_present": _("số hộ dự"),
        "minutes": _("biên bản"),
        "sent_to_committee_on": _("ngày gửi UBND xã"),
        "sent_to_front_on": _("ngày gửi MTTQ xã"),
        "addressee": _("cơ quan trả lời"),
        "due_on": _("hạn trả lời"),
        "answered_on": _("ngày trả lời"),
        "answer": _("nội dung trả lời"),
        "year": _("năm"),
    },
    values={
        "kind": {**dict(MeetingKind.choices), **dict(RecommendationKind.choices)},
        "status": dict(MeetingStatus.choices),
        "addressee": dict(Addressee.choices),
    },
)
