"""The statistics page of reception and petitions, and its XLSX: a unit of the officer's scope, a period, the
period before beside it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.cases import statistics
from danvan.cases.statistics_xlsx import statistics_filename, statistics_xlsx
from danvan.core.errors import DomainError
from danvan.core.forms import VietnameseIntegerField, apply_errors
from danvan.core.periods import MAX_YEAR, MIN_YEAR, PERIOD_CHOICES, period_from
from danvan.core.text import vi_sorted_units
from danvan.core.xlsx import xlsx_response
from danvan.office.access import access_statistics_unit, required_statistics_unit, unit_choices

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "autocomplete": "off"})
DATE_ERRORS = {"invalid": _("Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy.")}


class StatisticsForm(forms.Form):
    """By year, half-year, quarter or month, or between two dates (dd/mm/yyyy)."""

    unit = VietnameseIntegerField(grouping=False, required=False, min_value=1, widget=forms.HiddenInput)
    year = VietnameseIntegerField(
        grouping=False, label=_("Năm"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    period = forms.ChoiceField(label=_("Kỳ"), required=False, choices=PERIOD_CHOICES)
    start = forms.DateField(
        label=_("Hoặc từ ngày"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DATE_WIDGET,
        error_messages=DATE_ERRORS,
    )
    end = forms.DateField(
        label=_("đến ngày"), required=False, input_formats=DATE_FORMATS, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )

    def chosen_period(self) -> statistics.Period:
        data = self.cleaned_data
        if data.get("start") or data.get("end"):
            return period_from(start=data.get("start"), end=data.get("end"))
        return period_from(year=data.get("year"), period=data.get("period") or "")


def _statistics(request: HttpRequest) -> dict[str, Any]:
    """The page's context; ``comparison`` is None when the form is wrong (its errors say why)."""
    form = StatisticsForm(request.GET or {"year": timezone.localdate().year})
    context: dict[str, Any] = {"form": form, "comparison": None}
    if not form.is_valid():
        return context
    unit_id = form.cleaned_data.get("unit")
    if unit_id is None:
        unit_id = required_statistics_unit(request.user).pk
    unit, scope = access_statistics_unit(request.user, unit_id)
    context.update(
        unit=unit, unit_choices=unit_choices(request.user, unit), children=vi_sorted_units(unit.children.all())
    )
    try:
        period = form.chosen_period()
    except DomainError as error:
        apply_errors(form, error, summary=True)
        return context
    comparison = statistics.compare_in_scope(unit=unit, period=period, scope=scope)
    context.update(
        comparison=comparison,
        sections=comparison.sections(),
        visits_change=comparison.change_text("visits"),
        resolution_text=statistics.resolution_text(comparison.current),
    )
    return context


@login_required
def statistics_page(request: HttpRequest) -> HttpResponse:
    """Figures of a unit subtree (default: the officer's first membership unit) for a period, beside the one before."""
    context = _statistics(request)
    context["query"] = request.GET.urlencode()
    return render(request, "cases/statistics.html", context)


@login_required
def statistics_xlsx_download(request: HttpRequest) -> HttpResponse:
    """The page's table as XLSX; a wrong period shows the page with its error instead."""
    context = _statistics(request)
    comparison = context["comparison"]
    if comparison is None:
        return render(request, "cases/statistics.html", context, status=422)
    return xlsx_response(statistics_xlsx(comparison), statistics_filename(comparison))
