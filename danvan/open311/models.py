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
