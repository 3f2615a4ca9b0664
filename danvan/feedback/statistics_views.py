"""The back-office statistics page of the feedback channel (and its XLSX): a unit of the officer's scope (their
first unit by default), a period (a year, a half, a quarter, a month or two dates) and the period before."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from danvan.core.errors import DomainError
from danvan.core.forms import apply_errors
from danvan.core.models import AdministrativeUnit, UnitLevel
from danvan.core.periods import Period, period_from
from danvan.core.text import vi_sorted_units
from danvan.core.xlsx import xlsx_response
from danvan.democracy.meeting_forms import StatisticsForm
from danvan.feedback.ranking import UnitRank, feedback_ranking
from danvan.feedback.statistics import feedback_statistics
from danvan.feedback.statistics_xlsx import statistics_xlsx
from danvan.office import access as office_access


def statistics_unit(user: Any, unit_id: int | None) -> AdministrativeUnit:
    """The unit asked for (one of the officer's viewer scope), or the officer's first unit when none; 404
    otherwise (the same for a unit that does not exist)."""
    if unit_id is None:
        unit_id = office_access.required_statistics_unit(user).pk
    unit, _scope = office_access.access_statistics_unit(user, unit_id)
    return unit


def form_period(form: StatisticsForm) -> Period:
    data = form.cleaned_data
    if data.get("start") or data.get("end"):
        return period_from(start=data.get("start"), end=data.get("end"))
    return period_from(year=data.get("year"), period=data.get("period") or None)


def province_communes(unit: AdministrativeUnit, period: Period) -> list[UnitRank]:
    """A province's communes side by side (the public ranking's grouped query); none below a province."""
    if unit.is_current and unit.level == UnitLevel.PROVINCE:
        return feedback_ranking(province=unit, period=period).units
    return []


def _form(request: HttpRequest) -> StatisticsForm:
    return StatisticsForm(request.GET or {"year": timezone.localdate().year})


@login_required
def statistics_page(request: HttpRequest) -> HttpResponse:
    """The figures of a unit subtree for a period beside the period before, by category and by channel; a bad
    period shows beside its field (422)."""
    form = _form(request)
    context: dict[str, Any] = {"form": form, "stats": None}
    if not form.is_valid():
        return render(request, "feedback/statistics/statistics.html", context, status=422)
    unit = statistics_unit(request.user, form.cleaned_data.get("unit"))
    context.update(
        unit=unit,
        unit_choices=office_access.unit_choices(request.user, unit),
        # Reports are filed at communes: the drill-down stops there (no villages).
        children=vi_sorted_units(unit.children.filter(tree=unit.tree, level__lte=UnitLevel.COMMUNE)),
    )
    try:
        period = form_period(form)
    except DomainError as error:
        apply_errors(form, error, summary=True)
        return render(request, "feedback/statistics/statistics.html", context, status=422)
    context.update(stats=feedback_statistics(unit=unit, period=period), query=request.GET.urlencode())
    context["communes"] = province_communes(unit, period)
    return render(request, "feedback/statistics/statistics.html", context)


@login_required
def statistics_download(request: HttpRequest) -> HttpResponseBase:
    """The same figures as an XLSX workbook (a bad form: 404, a bad period: 422 naming what is wrong)."""
    form = _form(request)
    if not form.is_valid():
        raise Http404
    unit = statistics_unit(request.user, form.cleaned_data.get("unit"))
    try:
        period = form_period(form)
    except DomainError as error:
        return HttpResponse(str(error.message), status=422, content_type="text/plain; charset=utf-8")
    stats = feedback_statistics(unit=unit, period=period)
    content = statistics_xlsx(stats, province_communes(unit, period))
    return xlsx_response(content, f"thong-ke-phan-anh-{unit.code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx")
