"""Dialogues of the head of a body with its staff, and People's Council deputies' voter contacts (docs/democracy/
contacts.md).

A :class:`StaffDialogue` is a dialogue the head of a body (a ``core.Organization``: the commune People's Committee,
People's Council, Fatherland Front…) held with its cadres, civil servants and employees — at least
``staff_dialogue.per_year_min`` a year (rule data). The commune People's Committee's dialogue with the people is a
``CommunityMeeting`` of kind ``dialogue`` (meetings part), not one of these.

An :class:`ElectoralArea` is an electoral area (đơn vị bầu cử) of a commune or province People's Council: its
number and name, the units it covers and its deputies. A :class:`VoterContact` is one contact of the area's deputies
with voters before or after a session of the council: scheduled (day, place), then recorded as held (deputies
present, voters attending). What voters and staff raise goes to the one tracker
(:class:`~danvan.democracy.models.recommendations.Recommendation`, source ``voter_contact`` / ``staff_dialogue``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import AdministrativeUnit, Organization
from danvan.democracy.models.base import CommuneRecord


class StaffDialogue(CommuneRecord):
    """A dialogue the head of ``organization`` held with its staff on ``held_on`` (``unit`` is the body's unit)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("cơ quan, đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    held_on = models.DateField(_("ngày đối thoại"))
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    chaired_by = models.CharField(_("người đứng đầu chủ trì"), max_length=200)
    participants = models.PositiveIntegerField(_("số người tham dự"))
    topics = models.CharField(_("nội dung đối thoại"), max_length=500, blank=True)
    minutes = models.TextField(_("biên bản, kết quả đối thoại"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    submission_fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("đối thoại với cán bộ, công chức")
        verbose_name_plural = _("đối thoại với cán bộ, công chức")
        indexes = [
            models.Index(fields=["province_code", "unit_path", "held_on"], name="staff_dialogue_place_held"),
            models.Index(fields=["organization", "year"], name="staff_dialogue_org_year"),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} ({self.held_on:%d/%m/%Y})"


class CouncilLevel(models.TextChoices):
    COMMUNE = "commune", _("HĐND cấp xã")
    PROVINCE = "province", _("HĐND cấp tỉnh")


class ElectoralArea(CommuneRecord):
    """An electoral area of a commune (``unit`` is the commune) or province (``unit`` is the province) People's
    Council: it covers ``units`` (villages of the commune, or communes of the province)."""

    council_level = models.CharField(_("cấp Hội đồng nhân dân"), max_length=10, choices=CouncilLevel.choices)
    number = models.PositiveSmallIntegerField(_("số đơn vị bầu cử"))
    name = models.CharField(_("tên đơn vị bầu cử"), max_length=200)
    term = models.CharField(_("nhiệm kỳ"), max_length=20, blank=True)
    units = models.ManyToManyField(AdministrativeUnit, verbose_name=_("địa bàn"), related_name="+", blank=True)
    deputies = models.TextField(_("đại biểu HĐND (mỗi dòng một người)"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    submission_fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("đơn vị bầu cử")
        verbose_name_plural = _("đơn vị bầu cử")
        constraints = [
            models.UniqueConstraint(fields=["unit", "council_level", "number"], name="electoral_area_number_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def deputy_names(self) -> list[str]:
        return [line.strip() for line in self.deputies.splitlines() if line.strip()]


class ContactTiming(models.TextChoices):
    BEFORE = "before", _("Trước kỳ họp")
    AFTER = "after", _("Sau kỳ họp")


class ContactStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Đã lên lịch")
    HELD = "held", _("Đã tiếp xúc")
    CANCELLED = "cancelled", _("Đã hủy")


class VoterContact(CommuneRecord):
    """The deputies of ``area`` meet voters at ``unit`` (a commune) before or after a session of the council."""

    area = models.ForeignKey(
        ElectoralArea, verbose_name=_("đơn vị bầu cử"), on_delete=models.PROTECT, related_name="contacts"
    )
    session_name = models.CharField(_("kỳ họp"), max_length=200)
    session_on = models.DateField(_("ngày khai mạc kỳ họp"), null=True, blank=True)
    timing = models.CharField(_("thời điểm"), max_length=6, choices=ContactTiming.choices)
    held_on = models.DateField(_("ngày tiếp xúc"))
    place = models.CharField(_("địa điểm"), max_length=300)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ContactStatus.choices, default=ContactStatus.SCHEDULED
    )
    deputies_present = models.TextField(_("đại biểu dự (mỗi dòng một người)"), blank=True)
    voters_attending = models.PositiveIntegerField(_("số cử tri dự"), null=True, blank=True)
    minutes = models.TextField(_("tóm tắt buổi tiếp xúc"), blank=True)
    cancel_reason = models.CharField(_("lý do hủy"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    submission_fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("tiếp xúc cử tri")
        verbose_name_plural = _("tiếp xúc cử tri")
        indexes = [
            models.Index(fields=["province_code", "unit_path", "held_on"], name="voter_contact_place_held"),
            models.Index(fields=["area", "held_on"], name="voter_contact_area_held"),
        ]

    def __str__(self) -> str:
        return f"{self.area_id}: {self.session_name} ({self.held_on:%d/%m/%Y})"

    @property
    def deputies_present_names(self) -> list[str]:
        return [line.strip() for line in self.deputies_present.splitlines() if line.strip()]
