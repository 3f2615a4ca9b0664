"""Pages of the indicators part under /backoffice/reporting/: the indicator registry (administrators edit labels and
sources), the report figures of a unit and a period with comparisons, the dashboard (bars by child unit, trend by
period, drill-down province → commune → village → records), and the entered figures form."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.accounts.access import is_system_admin
from danvan.core.errors import DomainError
from danvan.core.forms import apply_errors
from danvan.reporting import access, rollup
from danvan.reporting.indicator_charts import Bar, bars_svg, trend_svg
from danvan.reporting.indicator_forms import EnteredFigureForm, IndicatorForm, ReportQueryForm
from danvan.reporting.indicator_services import (
    dashboard_unit,
    enter_figure,
    indicator_update,
    report_figures,
)
from danvan.reporting.indicators import source_of
from danvan.reporting.models import EnteredFigure, Indicator
from danvan.reporting.periods import ReportPeriod, parse_period, with_cutoff
from danvan.reporting.phrasing import number

RECORDS_SHOWN = 200


def _default_period() -> str:
    return str(timezone.localdate().year)


def _query(
    request: HttpRequest, *, country: bool = False
) -> tuple[ReportQueryForm, Any, ReportPeriod | None, dict[str, Any]]:
    """The form of the query string, the unit (viewer scope; 404 otherwise) and the period (None when it is bad:
    its error shows beside the field). With ``country`` (the dashboard and its records), no unit asked by an officer
    who sees the whole system is the country: the unit is None, its children the provinces."""
    data = request.GET.copy()
    data.setdefault("period", _default_period())
    form = ReportQueryForm(data)
    if not form.is_valid():
        raise Http404
    if country:
        unit = dashboard_unit(request.user, form.cleaned_data.get("unit"))
    else:
        unit = access.access_report_unit(request.user, form.cleaned_data.get("unit"))
    period: ReportPeriod | None = None
    try:
        period = parse_period(form.cleaned_data.get("period") or _default_period())
        report_type = form.cleaned_data.get("report_type")
        if report_type is not None:
            period = with_cutoff(period, report_type.cutoff_day)
    except DomainError as error:
        apply_errors(form, error, summary=True)
    national = country and is_system_admin(request.user)  # sees the whole system
    context = {
        "form": form,
        "unit": unit,
        "period": period,
        "unit_choices": access.report_unit_choices(request.user, unit) if unit is not None else [],
        "national_choice": national,  # the unit list offers "Toàn quốc"
        "children": rollup.children_of(unit),
        "can_enter": unit is not None and access.can_enter_figures_at(request.user, unit),
        "legacy": not form.cleaned_data.get("without_legacy"),
    }
    return form, unit, period, context


def _link(name: str, **params: Any) -> str:
    return f"{reverse(f'reporting:{name}')}?{urlencode({k: v for k, v in params.items() if v not in (None, '')})}"


def _options(form: ReportQueryForm) -> dict[str, Any]:
    """The query's cut-off and legacy choice, carried by every link of the dashboard."""
    report_type = form.cleaned_data.get("report_type")
    return {
        "report_type": report_type.code if report_type is not None else None,
        "without_legacy": "on" if form.cleaned_data.get("without_legacy") else None,
    }


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    """The registry: every indicator with its group, unit of measure, kind, method and source."""
    indicators = list(Indicator.objects.all())
    return render(
        request,
        "reporting/indicators/list.html",
        {"indicators": indicators, "can_edit": access.can_edit_indicators(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, indicator_code: str) -> HttpResponse:
    """An administrator edits an indicator's label, English label, source, method, order and activity."""
    access.require_indicator_admin(request.user)
    indicator = Indicator.objects.filter(code=indicator_code).first()
    if indicator is None:
        raise Http404
    status = 200
    if request.method == "POST":
        form = IndicatorForm(request.POST, instance=Indicator.objects.get(pk=indicator.pk))
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in IndicatorForm.Meta.fields}
            try:
                indicator_update(
                    actor=request.user, code=indicator.code, version=form.cleaned_data["version"], **changes
                )
            except DomainError as error:
                apply_errors(form, error, summary=True)
                status = error.status
            else:
                return redirect("reporting:indicator_list")
        else:
            status = 422
    else:
        form = IndicatorForm(instance=indicator, initial={"version": indicator.version})
    return render(request, "reporting/indicators/edit.html", {"form": form, "indicator": indicator}, status=status)


@login_required
def indicator_report(request: HttpRequest) -> HttpResponse:
    """Every indicator of a unit for a period, with the previous period and the same period last year."""
    form, unit, period, context = _query(request, country=True)
    if period is None:
        return render(request, "reporting/indicators/report.html", context, status=422)
    if unit is None:  # a system administrator with no unit: the provinces to choose from (the country's figures
        return render(request, "reporting/indicators/report.html", context)  # are on the dashboard)
    context["report"] = report_figures(unit, period, legacy=not form.cleaned_data.get("without_legacy"))
    context["legacy_units"] = rollup.legacy_units(unit)
    return render(request, "reporting/indicators/report.html", context)


@login_required
def indicator_dashboard(request: HttpRequest) -> HttpResponse:
    """One indicator of a unit: bars by child unit (each links one level down), the trend over the last periods of
    the same kind, and at the bottom of the tree the records behind the figure."""
    form, unit, period, context = _query(request, country=True)
    code = form.cleaned_data.get("code") or "reception.visits"
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None or source_of(code) is None:
        raise Http404
    legacy, options = context["legacy"], _options(form)
    context["indicator"] = indicator
    context["indicators"] = [i for i in Indicator.objects.filter(is_active=True) if source_of(i.code) is not None]
    if period is None:
        return render(request, "reporting/indicators/dashboard.html", context, status=422)
    children = rollup.by_child(unit, period.period, code, legacy=legacy)
    context["bars"] = bars_svg(
        [
            Bar(
                child.unit.name,
                child.value,
                _link("indicator_dashboard", unit=child.unit.pk, period=period.code, code=code, **options),
            )
            for child in children
        ],
        title=_("%(indicator)s theo đơn vị trực thuộc") % {"indicator": indicator.label},
    )
    context["child_figures"] = children
    unit_id = unit.pk if unit is not None else None
    points = rollup.trend(unit, rollup.trend_periods(period), code, legacy=legacy)
    context["trend"] = trend_svg(
        [
            Bar(
                point.period.code,
                point.value,
                _link("indicator_dashboard", unit=unit_id, period=point.period.code, code=code, **options),
            )
            for point in points
        ],
        title=_("%(indicator)s qua các kỳ") % {"indicator": indicator.label},
    )
    context["points"] = points
    context["value"] = points[-1].value if points else None
    context["records_link"] = _link("indicator_records", unit=unit_id, period=period.code, code=code, **options)
    context["child_rows"] = [
        (child, _link("indicator_dashboard", unit=child.unit.pk, period=period.code, code=code, **options))
        for child in children
    ]
    context["parent"] = unit.parent if unit is not None and unit.parent_id else None
    if context["parent"] is not None:
        try:
            access.access_report_unit(request.user, unit.parent_id)
        except Http404:
            context["parent"] = None
    # A province's way up: the country, for an officer who sees the whole system.
    context["country_link"] = (
        _link("indicator_dashboard", period=period.code, code=code, **options)
        if unit is not None and context["parent"] is None and context["national_choice"]
        else ""
    )
    return render(request, "reporting/indicators/dashboard.html", context)


# The page of a record behind a figure: (app label, model) → (URL name, its argument).
RECORD_PAGES = {
    ("cases", "case"): ("cases:detail", "pk"),
    ("feedback", "report"): ("feedback_officer:detail", "report_id"),
    ("initiatives", "initiative"): ("initiatives:detail", "initiative_id"),
}


def _record_url(record: Any) -> str:
    """The page of a record (a case, a feedback report, an initiative), or "" for records without one."""
    page = RECORD_PAGES.get((record._meta.app_label, record._meta.model_name))
    if page is None:
        return ""
    try:
        return reverse(page[0], kwargs={page[1]: record.pk})
    except NoReverseMatch:
        return ""


@login_required
def indicator_records(request: HttpRequest) -> HttpResponse:
    """The records behind one figure of a unit and a period (the last step of the drill-down)."""
    form, unit, period, context = _query(request, country=True)
    code = form.cleaned_data.get("code") or "reception.visits"
    source = source_of(code)
    indicator = Indicator.objects.filter(code=code).first()
    if source is None or indicator is None:
        raise Http404
    context["indicator"] = indicator
    if period is None:
        return render(request, "reporting/indicators/records.html", context, status=422)
    records = source.records(code, rollup.place_of(unit, legacy=context["legacy"]), period.period)
    context["records"] = (
        [(record, _record_url(record)) for record in records[:RECORDS_SHOWN]] if records is not None else None
    )
    context["total"] = records.count() if records is not None else None
    context["shown"] = RECORDS_SHOWN
    return render(request, "reporting/indicators/records.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_enter(request: HttpRequest) -> HttpResponse:
    """A unit's entered figures for a period: the form, and what was entered (a figure contradicting the computed
    one is refused with the explanation until confirmed with a note)."""
    unit_id = request.GET.get("unit")
    try:
        unit = access.access_unit_for_entry(request.user, int(unit_id) if unit_id else None)
    except ValueError:
        raise Http404 from None
    status = 200
    if request.method == "POST":
        form = EnteredFigureForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                period = parse_period(data["period"])
                enter_figure(
                    actor=request.user,
                    unit=unit,
                    period=period,
                    code=data["code"],
                    value=data["value"],
                    note=data["note"],
                    confirm=data["confirm"],
                    version=data.get("version"),
                )
            except DomainError as error:
                apply_errors(form, error, field_names={"period": "period"})
                status = error.status
            else:
                return redirect(_link("indicator_enter", unit=unit.pk, period=period.code))
        else:
            status = 422
    else:
        form = EnteredFigureForm(initial={"period": request.GET.get("period") or _default_period()})
    labels = dict(Indicator.objects.values_list("code", "label"))
    figures = [
        (figure, labels.get(figure.indicator_code, figure.indicator_code), number(figure.value))
        for figure in EnteredFigure.objects.filter(unit=unit).order_by("-start", "indicator_code")[:100]
    ]
    return render(
        request,
        "reporting/indicators/enter.html",
        {"form": form, "unit": unit, "figures": figures},
        status=status,
    )
