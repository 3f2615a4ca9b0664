"""Pages of administrative-procedure dossiers: the import of a province's one-stop-shop export (upload, columns
mapped once and remembered, a background job with progress), the list with filters and the drill-down of a CCHC
figure, the CCHC figures of a unit for a period, and the procedure figures a unit enters."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core.errors import DomainError
from danvan.core.forms import apply_errors
from danvan.core.pagination import ListPaginator
from danvan.core.periods import Period, period_from
from danvan.core.uploads import limit_upload_size
from danvan.reporting import access, dossier_jobs, dossier_services
from danvan.reporting.dossier_forms import (
    DossierFilterForm,
    DossierMappingForm,
    DossierUploadForm,
    DossierWordsForm,
    ProcedureFigureForm,
)
from danvan.reporting.indicators import Place
from danvan.reporting.models import Dossier, ProcedureFigure
from danvan.reporting.sources_dossiers import CCHC_INDICATORS, SOURCE, conditions, handled

PAGE_SIZE = 50
UPLOAD_PREFIX = "reporting/dossier_uploads/"


def _period(data: dict[str, Any]) -> Period:
    try:
        return period_from(year=data.get("year") or None, period=data.get("period") or "")
    except DomainError:
        return period_from()


@login_required
@require_GET
def dossier_list(request: HttpRequest) -> HttpResponse:
    """Dossiers of a unit (or of all the officer's units) handled in a period, filtered; with ``code``, the
    records behind one CCHC figure (the drill-down)."""
    form = DossierFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    period = _period(data)
    unit = access.dossier_unit_for_read(request.user, data["unit"]) if data.get("unit") else None
    code = data.get("code") or ""
    if unit is not None:
        place = Place.of(unit)
        if code:
            base = SOURCE.records(code, place, period)
            if base is None or base.model is not dossier_services.Dossier:
                raise Http404
        else:
            base = handled(place, period)
    else:
        scope = access.dossier_read_scope(request.user)
        base = (
            Dossier.objects.none()
            if scope.is_empty
            else Dossier.objects.filter(
                scope.q("unit_path"), received_on__lte=period.end, received_on__gte=period.start
            )
        )
    dossiers = dossier_services.dossier_list(
        base, status=data.get("status", ""), channel=data.get("channel", ""), q=data.get("q", "")
    )
    page = ListPaginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    labels = {c: label for c, label, _u in CCHC_INDICATORS}
    return render(
        request,
        "reporting/dossiers/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "unit": unit,
            "period": period,
            "code_label": labels.get(code, ""),
            "can_import": bool(access.dossier_provinces_for_import(request.user)),
        },
    )


@login_required
@require_GET
def dossier_indicators(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The CCHC figures (QĐ 766) of a unit for a period, each counted figure linking to its dossiers."""
    unit = access.dossier_unit_for_read(request.user, unit_id)
    form = DossierFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    period = _period(data)
    values = SOURCE.compute(Place.of(unit), period)
    counted = set(conditions(period))
    rows = [
        {"code": code, "label": label, "unit": measure, "value": values.get(code), "drill": code in counted}
        for code, label, measure in CCHC_INDICATORS
    ]
    return render(
        request,
        "reporting/dossiers/indicators.html",
        {
            "unit": unit,
            "form": form,
            "period": period,
            "rows": rows,
            "year": data.get("year") or period.start.year,
            "period_code": data.get("period") or "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@limit_upload_size
def dossier_import(request: HttpRequest) -> HttpResponse:
    """Step 1: upload the export. Step 2: check which column holds each field (the province's mapping, remembered
    from its last import, is proposed); confirming saves the mapping and starts the import in the background."""
    provinces = access.dossier_provinces_for_import(request.user)
    if not provinces:
        raise Http404
    if request.method == "POST" and "upload" in request.POST:
        province = access.dossier_province_for_import(request.user, _int(request.POST.get("province")))
        source = request.POST.get("upload", "")
        if not source.startswith(f"{UPLOAD_PREFIX}{request.user.pk}/") or ".." in source:
            raise Http404
        if not default_storage.exists(source):
            upload = DossierUploadForm(provinces=provinces, initial={"province": province.pk})
            upload.add_error(None, _("Tệp đã tải lên không còn; hãy tải lại."))
            return render(request, "reporting/dossiers/import.html", {"upload": upload}, status=422)
        with default_storage.open(source, "rb") as handle:
            headings = dossier_services.read_headings(handle)
        mapping_form = DossierMappingForm(request.POST, headings=headings)
        words_form = DossierWordsForm(request.POST)
        if mapping_form.is_valid() and words_form.is_valid():
            try:
                dossier_services.mapping_save(
                    actor=request.user,
                    province=province,
                    columns=mapping_form.columns(),
                    channel_values=words_form.words("channel"),
                    status_values=words_form.words("status"),
                    version=mapping_form.cleaned_data.get("version"),
                )
                dossier_services.check_columns(headings, mapping_form.columns())
            except DomainError as error:
                apply_errors(mapping_form, error, field_names={k: f"col_{k}" for k in _field_keys()}, summary=True)
            else:
                job = dossier_jobs.import_job_start(
                    owner=request.user, province=province, source=source, name=mapping_form.cleaned_data["name"]
                )
                return redirect("jobs:detail", job_id=job.pk)
        return render(
            request,
            "reporting/dossiers/import.html",
            {"mapping_form": mapping_form, "words_form": words_form, "province": province, "headings": headings},
            status=422,
        )
    upload = DossierUploadForm(request.POST or None, request.FILES or None, provinces=provinces)
    if request.method == "POST" and upload.is_valid():
        province = access.dossier_province_for_import(request.user, upload.cleaned_data["province"])
        file = upload.cleaned_data["file"]
        try:
            headings = dossier_services.read_headings(file, file.name)
        except DomainError as error:
            apply_errors(upload, error, field_names={}, summary=True)
        else:
            source = dossier_jobs.keep_upload(owner=request.user, file=file, name=file.name)
            saved = dossier_services.mapping_for(province)
            guessed = dossier_services.guess_columns(headings, saved.columns)
            mapping_form = DossierMappingForm(
                headings=headings,
                initial={
                    "upload": source,
                    "name": file.name,
                    "version": saved.version if saved.pk else None,
                    **{f"col_{k}": v for k, v in guessed.items()},
                },
            )
            return render(
                request,
                "reporting/dossiers/import.html",
                {
                    "mapping_form": mapping_form,
                    "words_form": DossierWordsForm(saved=saved),
                    "province": province,
                    "headings": headings,
                    "remembered": bool(saved.pk),
                },
            )
    status = 422 if request.method == "POST" else 200
    return render(request, "reporting/dossiers/import.html", {"upload": upload}, status=status)


def _field_keys() -> list[str]:
    return [f.key for f in dossier_services.FIELDS]


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def dossier_figures(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The procedure figures a unit entered (procedures published, with cut processing time, days cut, online
    services partial / full) and the form to enter or correct one period's."""
    unit = access.dossier_unit_for_read(request.user, unit_id)
    figures = ProcedureFigure.objects.filter(unit=unit).order_by("-period_start", "-period_end")
    can_write = True
    try:
        access.procedure_figure_unit_for_write(request.user, unit_id)
    except Http404:
        can_write = False
    form = ProcedureFigureForm(request.POST or None)
    if request.method == "POST":
        if not can_write:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                dossier_services.procedure_figure_save(
                    actor=request.user,
                    unit=unit,
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                    values=data,
                    version=data.get("version"),
                )
            except DomainError as error:
                apply_errors(form, error, summary=True)
            else:
                return redirect("reporting:dossier_figures", unit_id=unit.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "reporting/dossiers/figures.html",
        {"unit": unit, "figures": figures, "form": form, "can_write": can_write},
        status=status,
    )
