"""Admin for system administrators: the extra questions (attributes) of Open311 services.

API keys are issued and revoked in the back office (``/backoffice/open311/keys/``), where only the hash is kept.
"""

from __future__ import annotations

from django.contrib import admin

from danvan.open311.models import ServiceAttribute


@admin.register(ServiceAttribute)
class ServiceAttributeAdmin(admin.ModelAdmin):
    list_display = ["category", "code", "description", "datatype", "required", "order", "is_active"]
    list_filter = ["datatype", "required", "is_active"]
    search_fields = ["code", "description"]
