"""Officers, their memberships in organizations (with a role) and API tokens."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import AdministrativeUnit, Organization


class Role(models.TextChoices):
    """Roles in increasing order of power; ``RANK`` makes "at least" checks one comparison."""

    VIEWER = "viewer", _("Xem")
    OFFICER = "officer", _("Cán bộ")
    LEADER = "leader", _("Lãnh đạo (duyệt, ký)")
    UNIT_ADMIN = "unit_admin", _("Quản trị đơn vị")
    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống")


ROLE_RANK: dict[str, int] = {
    Role.VIEWER: 10,
    Role.OFFICER: 20,
    Role.LEADER: 30,
    Role.UNIT_ADMIN: 40,
    Role.SYSTEM_ADMIN: 50,
}


class Officer(AbstractUser):
    """A user of the back office: an official of a body of the political system."""

    full_name = models.CharField(_("họ và tên"), max_length=150)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    search_text = models.CharField(max_length=400, editable=False, default="")

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        ordering = ["full_name", "username"]

    def __str__(self) -> str:
        return self.full_name or self.username


class Membership(models.Model):
    """An officer's place in an organization; gives access to the organization's unit subtree."""

    officer = models.ForeignKey(Officer, verbose_name=_("cán bộ"), on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, default=Role.OFFICER)
    # Denormalized from organization.unit so scope checks need no join.
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+", editable=False)
    unit_path = models.CharField(max_length=120, editable=False)
    is_active = models.BooleanField(_("còn hiệu lực"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        constraints = [models.UniqueConstraint(fields=["officer", "organization"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.officer} – {self.organization} ({self.get_role_display()})"


class ApiToken(models.Model):
    """A revocable API token; only its SHA-256 is stored, the secret is shown once."""

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("tên"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
