"""Citizen reception (Luật Tiếp công dân 42/2013/QH13, DOMAIN.md §4): the schedule of heads and of the desk, and
the visits received there with the people who came.

The tables keep their names from when reception lived in ``cases`` (``cases_receptionsession``, ``cases_visit``,
``cases_visitperson``): the models moved without touching the data (migration ``reception.0001``, decision 0013).
A visit may raise petitions: each is a ``cases.Case`` whose ``visit`` points here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.cases.models import CaseKind, RefusalGround
from danvan.core.models import AdministrativeUnit, Organization


class ReceptionKind(models.TextChoices):
    REGULAR = "regular", _("Thường xuyên")
    PERIODIC = "periodic", _("Định kỳ")
    UNSCHEDULED = "unscheduled", _("Đột xuất")


class HostRole(models.TextChoices):
    """Who receives: the heads the law sets a minimum for, or the regular desk (Luật Tiếp công dân Art. 12–18)."""

    COMMUNE_CHAIRMAN = "commune_chairman", _("Chủ tịch UBND cấp xã")
    PROVINCE_CHAIRMAN = "province_chairman", _("Chủ tịch UBND cấp tỉnh")
    AGENCY_HEAD = "agency_head", _("Thủ trưởng cơ quan hành chính")
    DESK = "desk", _("Bộ phận tiếp công dân thường xuyên")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Theo lịch")
    HELD = "held", _("Đã tiếp")
    CANCELLED = "cancelled", _("Hủy")


class VisitOutcome:
    """What came of a visit: cases were opened, the citizen was answered on the spot, or reception was refused."""

    CASES = "cases"
    ANSWERED = "answered"
    REFUSED = "refused"
    CHOICES = (
        (CASES, _("Tiếp nhận đơn, vụ việc")),
        (ANSWERED, _("Trả lời, hướng dẫn tại chỗ")),
        (REFUSED, _("Từ chối tiếp")),
    )
    VALUES = (CASES, ANSWERED, REFUSED)


class ReceptionSession(models.Model):
    """A day (or half day) of reception by a head or at the desk, planned in the schedule then held."""

    unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=120, editable=False, db_index=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("hình thức tiếp"), max_length=12, choices=ReceptionKind.choices)
    host_role = models.CharField(_("người chủ trì"), max_length=20, choices=HostRole.choices)
    host_name = models.CharField(_("họ tên người tiếp"), max_length=150)
    host_position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    held_on = models.DateField(_("ngày tiếp"))
    starts_at = models.TimeField(_("từ"), null=True, blank=True)
    ends_at = models.TimeField(_("đến"), null=True, blank=True)
    location = models.CharField(_("địa điểm"), max_length=300, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=SessionStatus.choices)
    delegate_name = models.CharField(_("người được ủy quyền tiếp thay"), max_length=150, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("buổi tiếp công dân")
        verbose_name_plural = _("lịch tiếp công dân")
        db_table = "cases_receptionsession"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["unit_path", "held_on"], name="session_scope_day")]

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} – {self.host_name}"


class Visit(models.Model):
    """One visit (lượt tiếp) at the desk or a head's session: who came, how many, what they raised.

    A group (đoàn đông người) is 5 or more people who choose representatives (Luật Tiếp công dân Art. 30). When what is raised is a
    denunciation the visitors' identity is kept in the vault of the case it creates, never on the visit.
    """

    unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=120, editable=False)
    session = models.ForeignKey(
        ReceptionSession,
        verbose_name=_("buổi tiếp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
    )
    visited_on = models.DateField(_("ngày tiếp"))
    persons = models.PositiveIntegerField(_("số người"), default=1)
    is_group = models.BooleanField(_("đoàn đông người"), default=False, editable=False)
    kind = models.CharField(_("loại nội dung"), max_length=20, choices=CaseKind.choices)
    is_confidential = models.BooleanField(_("giữ bí mật người tố cáo"), default=False)
    visitor_name = models.CharField(_("họ tên"), max_length=150, blank=True)
    visitor_address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    visitor_id_document = models.CharField(_("giấy tờ tùy thân"), max_length=60, blank=True)
    summary = models.TextField(_("tóm tắt nội dung"))
    already_handled_by = models.CharField(_("cơ quan đã giải quyết"), max_length=300, blank=True)
    is_refused = models.BooleanField(_("từ chối tiếp"), default=False)
    refusal_ground = models.ForeignKey(
        RefusalGround, verbose_name=_("lý do từ chối"), null=True, blank=True, on_delete=models.PROTECT
    )
    answered_on_spot = models.BooleanField(_("đã trả lời tại chỗ"), default=False)
    answer = models.TextField(_("nội dung trả lời, hướng dẫn"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    # What the request with that key sent (core.idempotency): the same key with another body is refused.
    submission_fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lượt tiếp công dân")
        verbose_name_plural = _("sổ tiếp công dân")
        db_table = "cases_visit"
        ordering = ["-visited_on", "-id"]
        # The place and the day, then every column the reports' counts read (``statistics.visit_aggregates``): a
        # province's visits of a year are counted from the index alone (full scale, SQLite: 672 → ~300 ms for two
        # years, docs/reporting.md).
        indexes = [
            models.Index(fields=["unit_path", "visited_on", "persons", "is_group", "is_refused"], name="visit_counts")
        ]

    def __str__(self) -> str:
        return f"{self.visited_on:%d/%m/%Y} #{self.pk}"


class VisitPerson(models.Model):
    """A visitor named at the desk; in a group, the representatives are marked."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="people")
    full_name = models.CharField(_("họ tên"), max_length=150)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    id_number = models.CharField(_("số giấy tờ tùy thân"), max_length=30, blank=True)
    is_representative = models.BooleanField(_("người đại diện"), default=False)

    class Meta:
        db_table = "cases_visitperson"
        ordering = ["-is_representative", "id"]

    def __str__(self) -> str:
        return self.full_name
