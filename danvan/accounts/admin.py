from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from danvan.accounts.models import ApiToken, Membership, Officer


@admin.register(Officer)
class OfficerAdmin(UserAdmin):
    list_display = ["username", "full_name", "email", "is_active", "is_superuser"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = [*UserAdmin.fieldsets, ("danvan", {"fields": ["full_name", "position", "phone"]})]  # type: ignore[misc]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Read-only here: memberships are granted in the back office so that scope and audit stay right."""

    list_display = ["officer", "organization", "role", "is_active", "created_at"]
    list_filter = ["role", "is_active"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "officer", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "key_hash", "created_at", "last_used_at"]
