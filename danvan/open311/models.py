"""API keys of the application developers who send reports through Open311 (``POST requests``).

Only the SHA-256 of a key is stored; the key is shown once when an administrator issues it. A revoked key is kept
(the reports it sent still name its application).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiKey(models.Model):
    name = models.CharField(_("tên ứng dụng"), max_length=100)
    contact = models.CharField(_("người, đơn vị phát triển và liên hệ"), max_length=300)
    prefix = models.CharField(max_length=8, editable=False)  # the key's first characters, shown to tell keys apart
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    requests_per_hour = models.PositiveIntegerField(_("số phản ánh tối đa mỗi giờ"), default=600)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("khóa API Open311")
        verbose_name_plural = _("khóa API Open311")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class AttributeType(models.TextChoices):
    STRING = "string", _("Chuỗi ngắn")
    NUMBER = "number", _("Số")
    DATETIME = "datetime", _("Ngày giờ")
    TEXT = "text", _("Văn bản dài")
    SINGLE = "singlevaluelist", _("Chọn một")
    MULTI = "multivaluelist", _("Chọn nhiều")


class ServiceAttribute(models.Model):
    """An extra question an Open311 app asks for a service (GeoReport v2 service definition ``attributes``).

    The answers sent as ``attribute[code]`` are checked and added to the report's description as a line
    "question: answer", so officers read them where they read the report.
    """

    category = models.ForeignKey(
        "feedback.Category", verbose_name=_("lĩnh vực"), on_delete=models.CASCADE, related_name="+"
    )
    code = models.SlugField(_("mã"), max_length=50)
    description = models.CharField(_("câu hỏi"), max_length=300)
    datatype = models.CharField(_("kiểu"), max_length=16, choices=AttributeType.choices, default=AttributeType.STRING)
    datatype_description = models.CharField(_("hướng dẫn nhập"), max_length=300, blank=True)
    required = models.BooleanField(_("bắt buộc"), default=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    # For the list types: [{"key": "deep", "name": "Trên 50 cm"}, …]
    values = models.JSONField(_("các lựa chọn"), default=list, blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("thuộc tính dịch vụ Open311")
        verbose_name_plural = _("thuộc tính dịch vụ Open311")
        ordering = ["category", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["category", "code"], name="open311_attribute_unique")]

    def __str__(self) -> str:
        return f"{self.category_id}: {self.code}"

    @property
    def choices(self) -> dict[str, str]:
        return {str(value.get("key")): str(value.get("name")) for value in self.values or [] if isinstance(value, dict)}
