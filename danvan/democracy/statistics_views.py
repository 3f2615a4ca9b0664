"""The statistics page of grassroots democracy (and its XLSX): a unit of the officer's scope, a period, and the
period before, for every registered figure group."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from danvan.core.errors import DomainError
from danvan.core.forms import apply_errors
from danvan.core.periods import Period, period_from
from danvan.core.text import vi_sorted_units
from danvan.core.xlsx import xlsx_response
from danvan.democracy import access
from danvan.democracy.meeting_forms import StatisticsForm
from danvan.democracy.recommendation_ranking import ranking_xlsx, recommendation_ranking
from danvan.democracy.statistics import democracy_statistics, statistics_xlsx
from danvan.democracy.view_kit import statistics_unit_asked


def _period(form: StatisticsForm) -> Period:
    data = form.cleaned_data
    if data.get("start") or data.get("end"):
        return period_from(start=data.get("start"), end=data.get("end"))
    return period_from(year=data.get("year"), period=data.get("period") or None)


def _unit(request: HttpRequest, form: StatisticsForm) -> Any:
    return statistics_unit_asked(request.user, form.cleaned_data.get("unit"))


def _unit_and_period(request: HttpRequest) -> tuple[dict[str, Any], Any, Period | None, int]:
    """The page's form read from the query string (default: this year), the unit (of the officer's scope; 404
    otherwise) and the period; a bad period shows beside its field (422)."""
    form = StatisticsForm(request.GET or {"year": timezone.localdate().year})
    context: dict[str, Any] = {"form": form}
    if not form.is_valid():
        return context, None, None, 422
    unit = _unit(request, form)
    context.update(unit=unit, unit_choices=access.statistics_unit_choices(request.user, unit))
    try:
        period = _period(form)
    except DomainError as error:
        apply_errors(form, error, summary=True)
        return context, unit, None, 422
    context["query"] = request.GET.urlencode()
    return context, unit, period, 200


def _download(request: HttpRequest, sheet: Callable[[Any, Period], tuple[bytes, str]]) -> HttpResponseBase:
    """An XLSX of the unit and period the query string chose: ``sheet(unit, period)`` gives its bytes and file name
    stem. A bad form is a 404 (as a unit out of scope), a bad period a 422 naming what is wrong."""
    form = StatisticsForm(request.GET or {"year": timezone.localdate().year})
    if not form.is_valid():
        raise Http404
    unit = _unit(request, form)
    try:
        period = _period(form)
    except DomainError as error:
        return HttpResponse(str(error.message), status=422, content_type="text/plain; charset=utf-8")
    content, stem = sheet(unit, period)
    return xlsx_response(content, f"{stem}-{unit.code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx")


@login_required
def statistics_page(request: HttpRequest) -> HttpResponse:
    """Every figure group for a unit subtree (default: the officer's first unit) and a period, beside the one before."""
    context, unit, period, status = _unit_and_period(request)
    context["stats"] = None
    if unit is not None:
        context["children"] = vi_sorted_units(unit.children.all())
    if period is not None:
        context["stats"] = democracy_statistics(unit=unit, period=period)
    return render(request, "democracy/statistics.html", context, status=status)


@login_required
def statistics_download(request: HttpRequest) -> HttpResponseBase:
    """The same figures as an XLSX sheet."""
    return _download(
        request,
        lambda unit, period: (statistics_xlsx(democracy_statistics(unit=unit, period=period)), "thong-ke-dan-chu"),
    )


@login_required
def ranking_page(request: HttpRequest) -> HttpResponse:
    """The bodies of a unit subtree ranked by on-time answers to the recommendations raised in a period."""
    context, unit, period, status = _unit_and_period(request)
    context["ranking"] = recommendation_ranking(unit=unit, period=period) if period is not None else None
    return render(request, "democracy/statistics_ranking.html", context, status=status)


@login_required
def ranking_download(request: HttpRequest) -> HttpResponseBase:
    """The same ranking as an XLSX sheet."""
    return _download(
        request,
        lambda unit, period: (
            ranking_xlsx(recommendation_ranking(unit=unit, period=period)),
            "xep-hang-tra-loi-kien-nghi",
        ),
    )
