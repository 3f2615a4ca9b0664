"""Disclosures (dân biết, Luật 10/2022/QH15 Art. 11–14): what a commune made public, on which channels, from when
to when; whether it did so lawfully is computed (``disclosure_compliance``), never typed.

The 14 items of Art. 11 and the 10 forms of Art. 12.1 are pick-lists (data, edited in the admin). Each item says
whether its posting must last a minimum number of days (``disclosure.posting_min``) or stay up permanently (items 4
and 13), and whether it must also go on the loudspeakers (items 7–12, ``disclosure.loudspeaker_min``). The
computed result is stored on the disclosure (flags, status and the next date it may change) so that a province
board over hundreds of thousands of disclosures is one aggregate query.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.effective import EffectiveDated, EffectiveDatedQuerySet
from danvan.core.models import Attachment
from danvan.core.picklists import ActivePickList
from danvan.democracy.models.base import CommuneRecord


class PostingDuration(models.TextChoices):
    MINIMUM = "minimum", _("Niêm yết tối thiểu (theo quy định)")
    PERMANENT = "permanent", _("Niêm yết thường xuyên (không gỡ)")
    NONE = "none", _("Không quy định thời gian niêm yết")


class DisclosureItemQuerySet(EffectiveDatedQuerySet["DisclosureItem"]):
    def active(self) -> DisclosureItemQuerySet:
        """The rows still offered."""
        return self.filter(is_active=True)


class DisclosureItem(ActivePickList, EffectiveDated):
    """One of the 14 items a commune must disclose (Art. 11), with the duration rules that apply to it: a law-bound
    pick-list (``objects.active()`` and ``objects.in_force(on)``)."""

    number = models.PositiveSmallIntegerField(_("số thứ tự (Điều 11)"))
    name = models.CharField(_("nội dung công khai"), max_length=300)
    posting = models.CharField(_("thời gian niêm yết"), max_length=12, choices=PostingDuration.choices)
    needs_loudspeaker = models.BooleanField(_("phải thông báo trên loa truyền thanh"), default=False)

    objects: Any = DisclosureItemQuerySet.as_manager()  # type: ignore[misc,assignment]

    class Meta(ActivePickList.Meta):
        verbose_name = _("nội dung công khai")
        verbose_name_plural = _("nội dung công khai (Điều 11)")


class ChannelKind(models.TextChoices):
    """What compliance needs to know of a form: posting, the web portal, the loudspeakers, or another form."""

    POSTING = "posting", _("Niêm yết")
    PORTAL = "portal", _("Cổng, trang thông tin điện tử")
    LOUDSPEAKER = "loudspeaker", _("Loa truyền thanh")
    OTHER = "other", _("Hình thức khác")


class DisclosureForm(ActivePickList):
    """One of the 10 forms of disclosure (Art. 12.1)."""

    name = models.CharField(_("hình thức công khai"), max_length=200)
    kind = models.CharField(_("loại"), max_length=12, choices=ChannelKind.choices, default=ChannelKind.OTHER)
    needs_place = models.BooleanField(_("phải ghi địa điểm"), default=False)

    class Meta(ActivePickList.Meta):
        verbose_name = _("hình thức công khai")
        verbose_name_plural = _("hình thức công khai (Điều 12)")


class ComplianceStatus(models.TextChoices):
    OK = "ok", _("Đúng quy định")
    PENDING = "pending", _("Đang thực hiện")
    VIOLATION = "violation", _("Vi phạm")


class Disclosure(CommuneRecord):
    """A decision or document a commune disclosed (``unit`` is the commune)."""

    item = models.ForeignKey(DisclosureItem, verbose_name=_("nội dung"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tiêu đề"), max_length=300)
    document_number = models.CharField(_("số, ký hiệu văn bản"), max_length=60, blank=True)
    issued_on = models.DateField(_("ngày ban hành quyết định, văn bản"))
    summary = models.TextField(_("tóm tắt"), blank=True, max_length=4000)
    document = models.ForeignKey(
        Attachment, verbose_name=_("tài liệu"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_published = models.BooleanField(_("công bố trên cổng thông tin"), default=False)
    published_on = models.DateField(_("ngày công bố"), null=True, blank=True)
    search_text = models.CharField(max_length=600, editable=False, default="")
    public_search_text = models.CharField(max_length=600, editable=False, default="")
    # Computed by danvan.democracy.disclosure_compliance, refreshed on every write and when ``recheck_on`` comes.
    disclosed_on = models.DateField(_("ngày bắt đầu công khai"), null=True, blank=True, db_index=True)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=ComplianceStatus.choices, default=ComplianceStatus.PENDING
    )
    is_late = models.BooleanField(default=False)
    is_too_short = models.BooleanField(default=False)
    lacks_portal = models.BooleanField(default=False)
    is_taken_down = models.BooleanField(default=False)
    lacks_loudspeaker = models.BooleanField(default=False)
    checked_on = models.DateField(null=True, blank=True)
    recheck_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    submission_fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("thông tin công khai")
        verbose_name_plural = _("thông tin công khai")
        indexes = [
            models.Index(fields=["province_code", "unit_path"], name="disclosure_place"),
            models.Index(fields=["unit", "issued_on"], name="disclosure_unit_issued"),
            models.Index(fields=["province_code", "recheck_on"], name="disclosure_recheck"),
            # Covers the province board's one aggregate (read from the index alone), with or without its year
            # (``issued_on`` right after the province: a year is a range of the index).
            models.Index(
                fields=[
                    "province_code",
                    "issued_on",
                    "unit_id",
                    "status",
                    "is_late",
                    "is_too_short",
                    "lacks_portal",
                    "is_taken_down",
                    "lacks_loudspeaker",
                    "unit_path",
                ],
                name="disclosure_board",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DisclosureChannel(models.Model):
    """One form a disclosure used, where (a posting place), from ``started_on`` to ``ended_on`` (the last day it was
    up; empty while it still is)."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="channels")
    form = models.ForeignKey(DisclosureForm, verbose_name=_("hình thức"), on_delete=models.PROTECT, related_name="+")
    place = models.CharField(_("nơi niêm yết, thông báo"), max_length=300, blank=True)
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects: Any = models.Manager()

    class Meta:
        verbose_name = _("hình thức công khai đã dùng")
        verbose_name_plural = _("hình thức công khai đã dùng")
        ordering = ["started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="disclosure_channel_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.form} ({self.started_on:%d/%m/%Y})"


class CommunePortal(CommuneRecord):
    """Whether a commune has its own web portal (cổng/trang thông tin điện tử): Art. 13.1 requires every disclosed
    item on the portal only "where the commune has one". One row per commune, not effective-dated; a commune
    without a row is taken to have one (what the register assumed before the setting existed). Publishing on
    danvan's own portal still counts as the portal channel."""

    has_portal = models.BooleanField(_("xã có cổng thông tin điện tử riêng"), default=True)
    address = models.URLField(_("địa chỉ cổng thông tin"), max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects: Any = models.Manager()

    class Meta:
        verbose_name = _("cổng thông tin của xã")
        verbose_name_plural = _("cổng thông tin của xã")
        constraints = [models.UniqueConstraint(fields=["unit"], name="democracy_commune_portal_one_per_unit")]

    def __str__(self) -> str:
        return str(self.unit)
