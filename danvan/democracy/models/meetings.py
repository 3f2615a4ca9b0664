"""The year-end village meeting and the commune dialogue conference (Luật 10/2022/QH15 Art. 32–33; NĐ 59/2023
Art. 10–11), and the items raised at them that need an answer.

A :class:`CommunityMeeting` is scheduled (with the day its notice was given), then recorded as held (attendance,
the reports presented, minutes) and its result sent to the commune People's Committee and Fatherland Front — or
cancelled. A :class:`Recommendation` is a question or recommendation raised by someone at an event, addressed to a body,
with a due date and an answer, is a :class:`~danvan.democracy.models.recommendations.Recommendation` of the
one tracker (docs/decisions/0023).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.democracy.models.base import CommuneRecord


class MeetingKind(models.TextChoices):
    """Which conference: the village (residential group) meeting held each year, or the commune People's
    Committee's dialogue with the Front and the people (at least once a year, Art. 32)."""

    YEAR_END = "year_end", _("Hội nghị thôn, tổ dân phố hằng năm")
    DIALOGUE = "dialogue", _("Hội nghị đối thoại của UBND xã với Nhân dân")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Đã lên lịch")
    HELD = "held", _("Đã tổ chức")
    CANCELLED = "cancelled", _("Đã hủy")


class CommunityMeeting(CommuneRecord):
    """A year-end village meeting (``unit`` is the village) or a commune dialogue conference (``unit`` is the
    commune) for ``year``."""

    kind = models.CharField(_("loại hội nghị"), max_length=12, choices=MeetingKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên hội nghị"), max_length=300)
    held_on = models.DateField(_("ngày tổ chức"))
    starts_at = models.TimeField(_("giờ bắt đầu"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    notice_on = models.DateField(_("ngày thông báo"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    chaired_by = models.CharField(_("người chủ trì"), max_length=200, blank=True)
    participants = models.PositiveIntegerField(_("số người dự"), null=True, blank=True)
    households_total = models.PositiveIntegerField(_("tổng số hộ"), null=True, blank=True)
    households_present = models.PositiveIntegerField(_("số hộ có đại diện dự"), null=True, blank=True)
    report_village_head = models.BooleanField(_("báo cáo của trưởng thôn, tổ trưởng tổ dân phố"), default=False)
    report_front_committee = models.BooleanField(_("báo cáo của Ban công tác Mặt trận"), default=False)
    report_inspection_board = models.BooleanField(_("báo cáo của thành viên Ban Thanh tra nhân dân"), default=False)
    minutes = models.TextField(_("biên bản, kết quả hội nghị"), blank=True)
    sent_to_committee_on = models.DateField(_("ngày gửi kết quả cho UBND xã"), null=True, blank=True)
    sent_to_front_on = models.DateField(_("ngày gửi kết quả cho MTTQ xã"), null=True, blank=True)
    cancel_reason = models.CharField(_("lý do hủy"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    submission_fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("hội nghị thôn, đối thoại")
        verbose_name_plural = _("hội nghị thôn, đối thoại")
        indexes = [
            models.Index(fields=["province_code", "unit_path", "held_on"], name="meeting_place_held"),
            models.Index(fields=["kind", "year"], name="meeting_kind_year"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"

    @property
    def is_sent(self) -> bool:
        return self.sent_to_committee_on is not None and self.sent_to_front_on is not None
