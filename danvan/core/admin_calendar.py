"""Django admin for the working-day calendar notices and the legal rules table (system administrators).

Both are data the law changes every year; the administrator corrects them here without a release. Each change
writes an audit entry; saving or deleting a notice also refreshes the shared working-day calendar.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core import workdays  # also registers the calendar cache invalidation receivers
from danvan.core.audit import audit_log
from danvan.core.effective import in_force_q
from danvan.core.formatting import format_date
from danvan.core.forms import VietnameseIntegerField
from danvan.core.models import CalendarNotice, LegalRule
from danvan.core.params import year_param
from danvan.core.rules import CONFIDENCE_CHOICES


class YearFilter(admin.SimpleListFilter):
    title = _("năm")
    parameter_name = "year"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        years = CalendarNotice.objects.dates("date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        year = year_param(self.value())
        return queryset.filter(date__year=year) if year else queryset


class InForceFilter(admin.SimpleListFilter):
    title = _("hiệu lực hôm nay")
    parameter_name = "in_force"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("Đang có hiệu lực")), ("no", _("Hết hoặc chưa có hiệu lực"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        today = timezone.localdate()
        in_force = in_force_q(today)
        if self.value() == "yes":
            return queryset.filter(in_force)
        if self.value() == "no":
            return queryset.exclude(in_force)
        return queryset


MARK = re.compile(r"\[[^\]]*\]")


def clean_citation(value: str) -> str:
    """``legal_basis``, ``note`` and ``title`` are printed for officers and citizens: a bracketed verification mark
    ("[2nd]", "[chưa xác minh]") belongs in the verification field instead."""
    if MARK.search(value or ""):
        raise forms.ValidationError(
            _(
                "Không ghi dấu kiểm chứng trong ngoặc vuông ở đây: văn bản này được in cho cán bộ, người dân. Hãy ghi "
                "vào ô “ghi chú kiểm chứng”."
            )
        )
    return value


class CalendarNoticeForm(forms.ModelForm):
    class Meta:
        model = CalendarNotice
        fields = ["date", "kind", "title", "legal_basis", "verification"]

    def clean_title(self) -> str:
        return clean_citation(self.cleaned_data["title"])

    def clean_legal_basis(self) -> str:
        return clean_citation(self.cleaned_data["legal_basis"])


@admin.register(CalendarNotice)
class CalendarNoticeAdmin(admin.ModelAdmin):
    form = CalendarNoticeForm
    list_display = ["date", "weekday", "kind", "title", "legal_basis", "verification", "updated_at"]
    list_filter = [YearFilter, "kind"]
    search_fields = ["title", "legal_basis", "verification"]
    date_hierarchy = "date"
    ordering = ["-date"]

    @admin.display(description=_("thứ"), ordering="date")
    def weekday(self, obj: CalendarNotice) -> str:
        return workdays.weekday_name(obj.date)

    def save_model(self, request: HttpRequest, obj: CalendarNotice, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            action = "core.calendar_notice.changed" if change else "core.calendar_notice.created"
            audit_log(actor=request.user, action=action, instance=obj, changes=_changed(form))

    def delete_model(self, request: HttpRequest, obj: CalendarNotice) -> None:
        with transaction.atomic():
            audit_log(actor=request.user, action="core.calendar_notice.deleted", instance=obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarNotice]) -> None:
        with transaction.atomic():
            for obj in queryset:
                audit_log(actor=request.user, action="core.calendar_notice.deleted", instance=obj)
            super().delete_queryset(request, queryset)


class LegalRuleForm(forms.ModelForm):
    confidence = forms.ChoiceField(label=_("mức kiểm chứng"), choices=CONFIDENCE_CHOICES)
    value = VietnameseIntegerField(label=_("giá trị"), grouping=False)

    class Meta:
        model = LegalRule
        fields = [
            "code",
            "name",
            "value",
            "value_unit",
            "day_kind",
            "legal_basis",
            "confidence",
            "verification",
            "valid_from",
            "valid_to",
            "note",
        ]

    def clean_legal_basis(self) -> str:
        return clean_citation(self.cleaned_data["legal_basis"])

    def clean_note(self) -> str:
        return clean_citation(self.cleaned_data["note"])


@admin.register(LegalRule)
class LegalRuleAdmin(admin.ModelAdmin):
    form = LegalRuleForm
    list_display = [
        "code",
        "name",
        "value",
        "value_unit",
        "day_kind",
        "validity",
        "confidence",
        "legal_basis",
        "verification",
    ]
    list_filter = [InForceFilter, "day_kind", "confidence", "value_unit"]
    search_fields = ["code", "name", "legal_basis", "note", "verification"]
    ordering = ["code", "valid_from"]

    @admin.display(description=_("hiệu lực"), ordering="valid_from")
    def validity(self, obj: LegalRule) -> str:
        return f"{format_date(obj.valid_from)} – {format_date(obj.valid_to) if obj.valid_to else '…'}"

    def save_model(self, request: HttpRequest, obj: LegalRule, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            action = "core.legal_rule.changed" if change else "core.legal_rule.created"
            audit_log(actor=request.user, action=action, instance=obj, changes=_changed(form))

    def delete_model(self, request: HttpRequest, obj: LegalRule) -> None:
        with transaction.atomic():
            audit_log(actor=request.user, action="core.legal_rule.deleted", instance=obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[LegalRule]) -> None:
        with transaction.atomic():
            for obj in queryset:
                audit_log(actor=request.user, action="core.legal_rule.deleted", instance=obj)
            super().delete_queryset(request, queryset)


def _changed(form: forms.ModelForm) -> dict[str, list[Any]]:
    """``{"field": [old, new]}`` for the fields the admin form changed."""
    changes: dict[str, list[Any]] = {}
    for name in form.changed_data:
        old, new = form.initial.get(name), form.cleaned_data.get(name)
        changes[name] = [_plain(old), _plain(new)]
    return changes


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
