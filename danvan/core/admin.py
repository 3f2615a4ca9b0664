"""Django admin for system administrators: units, organization kinds, organizations, audit (read-only)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from danvan.core import admin_calendar  # noqa: F401 - registers the calendar and legal-rule admins
from danvan.core.models import AdministrativeUnit, Attachment, AuditEntry, Organization, OrgKind, UnitSuccession


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "tree", "parent", "households"]
    list_filter = ["tree", "kind", "level"]
    search_fields = ["search_text", "code"]
    raw_id_fields = ["parent"]
    readonly_fields = ["path", "search_text", "name_key"]


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(admin.ModelAdmin):
    list_display = ["predecessor", "successor", "kind", "is_primary", "effective_on"]
    list_filter = ["kind", "is_primary"]
    raw_id_fields = ["predecessor", "successor"]


@admin.register(OrgKind)
class OrgKindAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "abbreviation", "province_name_pattern", "commune_name_pattern", "sort_order"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["search_text"]
    raw_id_fields = ["unit"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "object_repr", "ip_address"]
    list_filter = ["action"]
    search_fields = ["object_repr", "action"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "content_type", "size", "unit", "uploaded_by", "uploaded_at"]
    readonly_fields = ["sha256", "size", "content_type", "extension"]
