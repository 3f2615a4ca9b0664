"""Admin for system administrators: the pick-lists the law enumerates (fields, grounds for refusal, criteria of a
complex case), each with its legal basis and validity, and the log of deadline sweeps.

Cases, visits and the denouncer vault change only through the back office and the API, so their life stays audited;
the vault is deliberately absent here (a superuser does not see denouncers by rank).
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from danvan.cases.models import ComplexityCriterion, DeadlineSweep, Field, RefusalGround


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]


@admin.register(RefusalGround)
class RefusalGroundAdmin(admin.ModelAdmin):
    list_display = ["text", "scope", "legal_basis", "verification", "valid_from", "valid_to"]
    list_filter = ["scope"]
    search_fields = ["text", "legal_basis", "verification", "code"]


@admin.register(ComplexityCriterion)
class ComplexityCriterionAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "legal_basis", "verification", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["text", "legal_basis", "verification", "code"]


@admin.register(DeadlineSweep)
class DeadlineSweepAdmin(admin.ModelAdmin):
    list_display = ["started_at", "finished_at", "recomputed", "newly_due_soon", "newly_overdue", "notifications"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
