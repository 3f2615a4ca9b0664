"""The statistics page of the registry: a unit of the officer's scope, a period, and the period before."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.errors import DomainError
from danvan.core.forms import VietnameseIntegerField, apply_errors
from danvan.core.periods import MAX_YEAR, MIN_YEAR, Period, period_from
from danvan.core.text import vi_sorted_units
from danvan.initiatives.statistics import (
    initiative_statistics,
)
from danvan.office.access import access_statistics_unit, required_statistics_unit, unit_choices

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class StatisticsForm(forms.Form):
    """By year, by half-year, or between two dates (dd/mm/yyyy)."""

    unit = VietnameseIntegerField(grouping=False, required=False, widget=forms.HiddenInput, min_value=1)
    year = VietnameseIntegerField(
        grouping=False, label=_("Năm"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    half = forms.TypedChoiceField(
        label=_("Kỳ"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Cả năm")), ("1", _("6 tháng đầu năm")), ("2", _("6 tháng cuối năm"))],
    )
    start = forms.DateField(
        label=_("Hoặc từ ngày"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "autocomplete": "off"}),
        error_messages={"invalid": _("Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy.")},
    )
    end = forms.DateField(
        label=_("đến ngày"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "autocomplete": "off"}),
        error_messages={"invalid": _("Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy.")},
    )

    def period(self) -> Period:
        data = self.cleaned_data
        if data.get("start") or data.get("end"):
            return period_from(start=data.get("start"), end=data.get("end"))
        return period_from(year=data.get("year"), half=data.get("half"))


@login_required
def initiative_statistics_page(request: HttpRequest) -> HttpResponse:
    """Figures of a unit subtree (default: the officer's first membership unit) for a period, beside the one before."""
    form = StatisticsForm(request.GET or {"year": timezone.localdate().year})
    context: dict[str, Any] = {"form": form, "stats": None}
    if form.is_valid():
        unit_id = form.cleaned_data.get("unit")
        if unit_id is None:
            unit_id = required_statistics_unit(request.user).pk
        unit, scope = access_statistics_unit(request.user, unit_id)
        context["unit"] = unit
        context["unit_choices"] = unit_choices(request.user, unit)
        context["children"] = vi_sorted_units(unit.children.all())
        try:
            period = form.period()
        except DomainError as error:
            apply_errors(form, error, summary=True)
        else:
            context["stats"] = initiative_statistics(unit=unit, period=period, scope=scope)
    return render(request, "initiatives/statistics.html", context)
