"""Core records: the administrative unit tree and its succession, organizations,
audit entries, attachments, the holiday-notice calendar and the legal rules table.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.effective import EffectiveDated

CURRENT_TREE_START = dt.date(2025, 7, 1)
LEGACY_TREE_END = dt.date(2025, 6, 30)


class UnitTree(models.TextChoices):
    CURRENT = "current", _("Hiện hành (từ 01/7/2025)")
    LEGACY = "legacy", _("Trước sắp xếp (đến 30/6/2025)")


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh")
    CITY = "city", _("Thành phố trực thuộc trung ương")
    DISTRICT = "district", _("Huyện")
    URBAN_DISTRICT = "urban_district", _("Quận")
    TOWN = "town", _("Thị xã")
    PROVINCIAL_CITY = "provincial_city", _("Thành phố thuộc tỉnh")
    COMMUNE = "commune", _("Xã")
    WARD = "ward", _("Phường")
    SPECIAL_ZONE = "special_zone", _("Đặc khu")
    TOWNSHIP = "township", _("Thị trấn")
    VILLAGE = "village", _("Thôn")
    RESIDENTIAL_GROUP = "residential_group", _("Tổ dân phố")


class UnitLevel(models.IntegerChoices):
    PROVINCE = 1, _("Cấp tỉnh")
    DISTRICT = 2, _("Cấp huyện (trước 01/7/2025)")
    COMMUNE = 3, _("Cấp xã")
    VILLAGE = 4, _("Thôn, tổ dân phố")


LEVEL_OF_KIND: dict[str, int] = {
    UnitKind.PROVINCE: UnitLevel.PROVINCE,
    UnitKind.CITY: UnitLevel.PROVINCE,
    UnitKind.DISTRICT: UnitLevel.DISTRICT,
    UnitKind.URBAN_DISTRICT: UnitLevel.DISTRICT,
    UnitKind.TOWN: UnitLevel.DISTRICT,
    UnitKind.PROVINCIAL_CITY: UnitLevel.DISTRICT,
    UnitKind.COMMUNE: UnitLevel.COMMUNE,
    UnitKind.WARD: UnitLevel.COMMUNE,
    UnitKind.SPECIAL_ZONE: UnitLevel.COMMUNE,
    UnitKind.TOWNSHIP: UnitLevel.COMMUNE,
    UnitKind.VILLAGE: UnitLevel.VILLAGE,
    UnitKind.RESIDENTIAL_GROUP: UnitLevel.VILLAGE,
}


class AdministrativeUnit(models.Model):
    """A province, (legacy) district, commune, village or residential group.

    Codes are reused between the legacy and the current tree (new Phường Ba Đình
    has old Phường Trúc Bạch's code 00004), so a unit is identified by
    ``(tree, code)`` and its validity dates, never by its code alone.
    ``path`` is the materialized path of codes from the root ("C/01/00004/"),
    so a subtree is one indexed prefix filter.
    """

    tree = models.CharField(_("hệ thống đơn vị"), max_length=8, choices=UnitTree.choices)
    code = models.CharField(_("mã"), max_length=20)
    kind = models.CharField(_("loại"), max_length=20, choices=UnitKind.choices)
    level = models.PositiveSmallIntegerField(_("cấp"), choices=UnitLevel.choices)
    name = models.CharField(_("tên"), max_length=200)
    short_name = models.CharField(_("tên ngắn"), max_length=200)
    parent = models.ForeignKey(
        "self", verbose_name=_("trực thuộc"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=120, unique=True)
    province_code = models.CharField(_("mã tỉnh"), max_length=2, db_index=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    households = models.PositiveIntegerField(_("số hộ gia đình"), null=True, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    # Folded short name ("dong xuan") to rank exact matches first.
    name_key = models.CharField(max_length=200, editable=False, default="", db_index=True)
    # Folded "name, parent, grandparent" for diacritics-insensitive search.
    search_text = models.CharField(max_length=400, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["tree", "path"]
        constraints = [
            models.UniqueConstraint(fields=["tree", "code"], name="unit_code_unique_per_tree"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_validity_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["tree", "kind"], name="unit_tree_kind"),
            models.Index(fields=["parent", "name"], name="unit_parent_name"),
            models.Index(fields=["search_text"], name="unit_search_text"),
            # The communes near a point (feedback.geo.nearest_commune, every report with a pin): a latitude band.
            models.Index(fields=["tree", "level", "latitude"], name="unit_tree_level_latitude"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.tree == UnitTree.CURRENT

    @property
    def is_commune_level(self) -> bool:
        return self.level == UnitLevel.COMMUNE

    @property
    def accepts_villages(self) -> bool:
        return self.is_current and self.level == UnitLevel.COMMUNE


class SuccessionKind(models.TextChoices):
    MERGE = "merge", _("Sáp nhập")
    SPLIT = "split", _("Chia tách")
    RENAME = "rename", _("Đổi tên, giữ nguyên")


class UnitSuccession(models.Model):
    """An edge "predecessor → successor" of the 2025 reorganization.

    A merged commune has one successor; a split one has several, one of them
    marked ``is_primary`` (where its records go by default, and how reports
    apportion it unless told otherwise).
    """

    predecessor = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="successor_links")
    successor = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="predecessor_links")
    kind = models.CharField(max_length=8, choices=SuccessionKind.choices)
    is_primary = models.BooleanField(default=True)
    effective_on = models.DateField(default=CURRENT_TREE_START)
    legal_basis = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("kế thừa đơn vị")
        verbose_name_plural = _("kế thừa đơn vị")
        constraints = [models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique")]

    def __str__(self) -> str:
        return f"{self.predecessor_id} → {self.successor_id} ({self.kind})"


class OrgKind(models.Model):
    """A kind of body of the political system (data, not code)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(_("tên loại"), max_length=200)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=200, blank=True)
    abbreviation = models.CharField(_("viết tắt"), max_length=20, blank=True)
    # "{unit}" / "{short}" patterns of the standard body's name; empty = no standard body at that level.
    province_name_pattern = models.CharField(_("tên mặc định cấp tỉnh"), max_length=200, blank=True)
    commune_name_pattern = models.CharField(_("tên mặc định cấp xã"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        verbose_name = _("loại tổ chức")
        verbose_name_plural = _("loại tổ chức")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    """A body (Party committee, People's Committee, Front, union, …) at a unit."""

    unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="organizations"
    )
    kind = models.ForeignKey(OrgKind, verbose_name=_("loại"), on_delete=models.PROTECT, related_name="organizations")
    name = models.CharField(_("tên"), max_length=300)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    search_text = models.CharField(max_length=500, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tổ chức")
        verbose_name_plural = _("tổ chức")
        ordering = ["unit_id", "kind__sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="organization_name_unique_per_unit")]

    def __str__(self) -> str:
        return self.name


class AuditEntry(models.Model):
    """Append-only record of a change or of a read of confidential data.

    Database triggers (migration 0002) refuse UPDATE and DELETE so that not even
    a bug can rewrite history.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(max_length=300, blank=True)
    unit = models.ForeignKey(AdministrativeUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=120, blank=True, db_index=True)
    changes = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("nhật ký")
        verbose_name_plural = _("nhật ký")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


def attachment_path(instance: Attachment, filename: str) -> str:
    today = timezone.localdate()
    return f"attachments/{today:%Y/%m}/{instance.sha256[:2]}/{instance.sha256}{instance.extension}"


class Attachment(models.Model):
    """A stored file (photo or document) checked on its content, not its name."""

    file = models.FileField(upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    unit = models.ForeignKey(AdministrativeUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        indexes = [models.Index(fields=["object_type", "object_id"], name="attachment_object")]

    def __str__(self) -> str:
        return self.original_name


class NoticeKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ")
    WORKING_DAY = "working_day", _("Ngày làm việc bù")


class CalendarNotice(models.Model):
    """A day the Government's yearly notice makes a day off or a make-up working day.

    Layered on top of ``holidays.VN``: the package may miss swaps announced each year.
    """

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=12, choices=NoticeKind.choices)
    title = models.CharField(_("nội dung"), max_length=200)
    legal_basis = models.CharField(_("căn cứ"), max_length=300)
    verification = models.CharField(
        _("ghi chú kiểm chứng (chỉ quản trị hệ thống thấy)"),
        max_length=300,
        blank=True,
        help_text=_("Nguồn đã đối chiếu và mức kiểm chứng; không in ra cho cán bộ, người dân."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("thông báo lịch nghỉ, làm bù")
        verbose_name_plural = _("thông báo lịch nghỉ, làm bù")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.title}"


class DayKind(models.TextChoices):
    WORKING = "working", _("Ngày làm việc")
    CALENDAR = "calendar", _("Ngày (lịch)")
    NONE = "none", _("Không áp dụng")


class LegalRule(EffectiveDated):
    """One legal number in force for a period, with its legal basis.

    "Rule X in force on date D" is the row with ``code = X`` and
    ``valid_from <= D <= valid_to`` (open ended when ``valid_to`` is empty).
    """

    code = models.CharField(_("mã quy tắc"), max_length=80, db_index=True)
    name = models.CharField(_("tên"), max_length=300)
    value = models.IntegerField(_("giá trị"))
    value_unit = models.CharField(_("đơn vị"), max_length=20, default="day")
    day_kind = models.CharField(_("loại ngày"), max_length=10, choices=DayKind.choices, default=DayKind.NONE)
    confidence = models.CharField(_("mức kiểm chứng"), max_length=10, default="read")
    verification = models.CharField(
        _("ghi chú kiểm chứng (chỉ quản trị hệ thống thấy)"),
        max_length=300,
        blank=True,
        help_text=_("Nguồn đã đối chiếu, điều cần kiểm tra lại; không in ra cho cán bộ, người dân."),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("quy định pháp lý")
        verbose_name_plural = _("quy định pháp lý")
        ordering = ["code", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="rule_code_valid_from_unique"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="rule_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} = {self.value} ({self.valid_from:%d/%m/%Y})"


class Counter(models.Model):
    """A named count shared by every process and node, changed in one SQL statement (``core.counters``): the
    fixed windows of rate limits, the generation of a cached figure. A row whose ``expires_at`` (Unix seconds) has
    passed may be deleted."""

    name = models.CharField(max_length=200, unique=True)
    slot = models.BigIntegerField(default=0)  # e.g. a rate limit's window: a new slot counts again from 1
    value = models.BigIntegerField(default=0)
    expires_at = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("bộ đếm")
        verbose_name_plural = _("bộ đếm")

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"
