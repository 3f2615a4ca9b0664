"""Admin for system administrators: the registry's reference data (fields, movements, rubrics, authorities).

Initiatives themselves change only through the back office and the API, so their life stays audited.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from danvan.initiatives.models import Criterion, Field, Initiative, Movement, RecognitionAuthority, Rubric


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]


@admin.register(Movement)
class MovementAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "unit"]
    raw_id_fields = ["unit"]
    search_fields = ["name"]


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 1


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    list_display = ["name", "province", "year", "pass_mark"]
    list_filter = ["year"]
    raw_id_fields = ["province"]
    inlines = [CriterionInline]


@admin.register(RecognitionAuthority)
class RecognitionAuthorityAdmin(admin.ModelAdmin):
    list_display = ["initiative_level", "recognizer_level", "valid_from", "valid_to", "legal_basis"]


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "year", "status", "is_public"]
    list_filter = ["status", "year", "kind", "level"]
    search_fields = ["search_text"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
