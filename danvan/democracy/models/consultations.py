"""Consultations (tham gia ý kiến, Luật 10/2022 Art. 25–28): the commune asks its people's opinion on a draft
(one of the 9 items of Art. 25, as data) through some of the 8 forms of Art. 26 (as data), for at least the
number of days the rule ``consultation.open_min`` sets; opinions are recorded (from meetings with their counts,
from the portal with a name or anonymously, from letters and the suggestion box); the authority decides and,
where it goes against the majority, explains why (Art. 28). The summary and the explanation are published."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.effective import EffectiveDated
from danvan.core.models import Attachment
from danvan.core.picklists import PickList
from danvan.democracy.models.base import CommuneRecord


class ConsultationItem(PickList, EffectiveDated):
    """One of the items on which people give their opinion before the authority decides (Art. 25)."""

    name = models.CharField(_("nội dung"), max_length=300)

    label_field: ClassVar[str] = "name"

    class Meta(PickList.Meta):
        verbose_name = _("nội dung lấy ý kiến Nhân dân")
        verbose_name_plural = _("nội dung lấy ý kiến Nhân dân")


class ConsultationChannel(PickList, EffectiveDated):
    """One of the forms in which people's opinions are taken (Art. 26)."""

    name = models.CharField(_("hình thức"), max_length=300)
    takes_counts = models.BooleanField(_("ghi theo số người (hội nghị)"), default=False)

    label_field: ClassVar[str] = "name"

    class Meta(PickList.Meta):
        verbose_name = _("hình thức lấy ý kiến Nhân dân")
        verbose_name_plural = _("hình thức lấy ý kiến Nhân dân")


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo, chưa công bố")
    OPEN = "open", _("Đang lấy ý kiến")
    DECIDED = "decided", _("Đã quyết định, đã công khai kết quả")


class Consultation(CommuneRecord):
    """A draft put to the people of a commune (``unit``) from ``opens_on`` to ``closes_on`` (both included)."""

    item = models.ForeignKey(ConsultationItem, verbose_name=_("nội dung"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tên dự thảo"), max_length=300)
    description = models.TextField(_("tóm tắt dự thảo"), blank=True)
    authority = models.CharField(_("cơ quan có thẩm quyền quyết định"), max_length=200)
    draft = models.ForeignKey(
        Attachment, verbose_name=_("tệp dự thảo"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    channels = models.ManyToManyField(ConsultationChannel, verbose_name=_("hình thức lấy ý kiến"), related_name="+")
    opens_on = models.DateField(_("ngày công bố, bắt đầu lấy ý kiến"))
    closes_on = models.DateField(_("ngày kết thúc lấy ý kiến"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=ConsultationStatus.choices, default=ConsultationStatus.DRAFT
    )
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    search_text = models.CharField(max_length=600, editable=False, default="")
    summary = models.TextField(_("tổng hợp ý kiến"), blank=True)
    decision = models.TextField(_("quyết định của cơ quan có thẩm quyền"), blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    adopts_draft = models.BooleanField(_("quyết định theo dự thảo"), null=True, blank=True)
    against_majority = models.BooleanField(_("quyết định khác ý kiến đa số"), default=False)
    explanation = models.TextField(_("giải trình"), blank=True)
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    submission_fingerprint = models.CharField(max_length=64, blank=True, default="", db_default="", editable=False)

    class Meta:
        verbose_name = _("lấy ý kiến Nhân dân")
        verbose_name_plural = _("lấy ý kiến Nhân dân")
        ordering = ["-opens_on", "-id"]
        indexes = [
            models.Index(fields=["province_code", "unit_path", "opens_on"], name="consultation_place_opens"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="consultation_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status != ConsultationStatus.DRAFT


class OpinionSource(models.TextChoices):
    MEETING = "meeting", _("Hội nghị, cuộc họp (ghi số người)")
    PORTAL = "portal", _("Cổng thông tin (người dân gửi)")
    LETTER = "letter", _("Văn bản, thư góp ý")
    BOX = "box", _("Hòm thư góp ý")
    OTHER = "other", _("Hình thức khác")


class OpinionStance(models.TextChoices):
    AGREE = "agree", _("Đồng ý với dự thảo")
    DISAGREE = "disagree", _("Không đồng ý")
    OTHER = "other", _("Ý kiến khác")


class Opinion(models.Model):
    """Opinions received on a consultation: one person's (portal, letter) or a meeting's count of ``people``."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="opinions")
    source = models.CharField(_("nguồn"), max_length=10, choices=OpinionSource.choices)
    stance = models.CharField(_("ý kiến"), max_length=10, choices=OpinionStance.choices)
    people = models.PositiveIntegerField(_("số người"), default=1)
    author_name = models.CharField(_("người góp ý (để trống nếu ẩn danh)"), max_length=200, blank=True)
    content = models.TextField(_("nội dung góp ý"), blank=True)
    received_on = models.DateField(_("ngày nhận"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    submission_fingerprint = models.CharField(max_length=64, blank=True, default="", db_default="", editable=False)

    class Meta:
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("ý kiến góp ý")
        ordering = ["-received_on", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(people__gte=1), name="opinion_people_positive")]

    def __str__(self) -> str:
        return f"{self.get_stance_display()} ({self.people})"
