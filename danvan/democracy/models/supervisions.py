"""The Fatherland Front's supervision programme and social criticism (giám sát và phản biện xã hội; Luật Mặt trận
Tổ quốc Việt Nam 75/2015/QH13 Chương V, as amended by Luật 97/2025/QH15: since 1/7/2025 the socio-political
organizations are organized within the Front).

A :class:`SupervisionProgramme` is the yearly programme of one supervising organization (a ``core.Organization`` of
kind ``fatherland_front`` or one of its member organizations at a commune). Each :class:`Supervision` of it is
either a supervision (topic, supervised body, team, period, method: document review, field visit, meeting; its
findings and conclusion) or a social-criticism session on a draft (the draft, the drafting body, the opinions).
A supervision's recommendations and a criticism session's opinions are recommendations of the one tracker
(docs/decisions/0023; source ``supervision`` / ``social_criticism``): the supervised or drafting body's answer is
the tracker's answer.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import Organization
from danvan.democracy.models.base import CommuneRecord

# The organizations that supervise and give social criticism at a commune: the Front and the member organizations
# organized within it (Luật 97/2025).
FRONT_ORG_KINDS = (
    "fatherland_front",
    "farmers_union",
    "womens_union",
    "youth_union",
    "veterans_association",
    "trade_union",
)


class SupervisionKind(models.TextChoices):
    SUPERVISION = "supervision", _("Giám sát")
    SOCIAL_CRITICISM = "social_criticism", _("Phản biện xã hội")


class SupervisionMethod(models.TextChoices):
    """How a supervision is done (Luật MTTQ Art. 27; a criticism session is held as a meeting or in writing)."""

    DOCUMENT_REVIEW = "document_review", _("Nghiên cứu, xem xét văn bản")
    FIELD_VISIT = "field_visit", _("Khảo sát, giám sát thực tế")
    MEETING = "meeting", _("Tổ chức hội nghị, đoàn giám sát làm việc")


class SupervisionStatus(models.TextChoices):
    PLANNED = "planned", _("Theo kế hoạch")
    DONE = "done", _("Đã thực hiện")
    CANCELLED = "cancelled", _("Đã hủy")


class SupervisionProgramme(CommuneRecord):
    """The supervision and social-criticism programme of ``organization`` for ``year`` (``unit`` is the
    organization's commune)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("tổ chức giám sát"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên chương trình"), max_length=300)
    adopted_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    submission_fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("chương trình giám sát, phản biện xã hội")
        verbose_name_plural = _("chương trình giám sát, phản biện xã hội")
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="supervision_programme_org_year"),
        ]
        indexes = [models.Index(fields=["province_code", "unit_path", "year"], name="supervision_programme_place")]

    def __str__(self) -> str:
        return self.title


class Supervision(CommuneRecord):
    """One supervision (``kind`` supervision) or social-criticism session (``kind`` social_criticism) of a
    programme: planned with its topic, body, team, period and method; then done, with its findings."""

    programme = models.ForeignKey(
        SupervisionProgramme, verbose_name=_("chương trình"), on_delete=models.PROTECT, related_name="supervisions"
    )
    kind = models.CharField(_("loại"), max_length=20, choices=SupervisionKind.choices)
    topic = models.CharField(_("nội dung, chuyên đề"), max_length=300)
    supervised_org = models.ForeignKey(
        Organization,
        verbose_name=_("cơ quan, tổ chức được giám sát / cơ quan chủ trì soạn thảo"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    draft_title = models.CharField(_("dự thảo được phản biện"), max_length=300, blank=True)
    method = models.CharField(_("hình thức"), max_length=20, choices=SupervisionMethod.choices)
    team_lead = models.CharField(_("trưởng đoàn"), max_length=200, blank=True)
    team = models.TextField(_("thành viên đoàn"), blank=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    notice_on = models.DateField(_("ngày gửi kế hoạch cho cơ quan được giám sát"), null=True, blank=True)
    purpose = models.TextField(_("mục đích, yêu cầu"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=SupervisionStatus.choices, default=SupervisionStatus.PLANNED
    )
    done_on = models.DateField(_("ngày kết thúc thực hiện"), null=True, blank=True)
    findings = models.TextField(_("kết quả giám sát, ý kiến phản biện"), blank=True)
    conclusion = models.TextField(_("đánh giá, kết luận"), blank=True)
    cancel_reason = models.CharField(_("lý do hủy"), max_length=300, blank=True)
    search_text = models.CharField(max_length=700, blank=True, default="", editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    submission_fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("cuộc giám sát, phản biện xã hội")
        verbose_name_plural = _("cuộc giám sát, phản biện xã hội")
        indexes = [
            models.Index(fields=["province_code", "unit_path", "starts_on"], name="supervision_place_starts"),
            models.Index(fields=["kind", "status"], name="supervision_kind_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="supervision_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.topic

    @property
    def is_criticism(self) -> bool:
        return self.kind == SupervisionKind.SOCIAL_CRITICISM
