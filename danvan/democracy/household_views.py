"""Pages of the household register: villages of the officer's communes, a village's register (folded search, as
of a day), add, the household's page (edit the representative, dated move, leave), the commune's XLSX import."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core.errors import DomainError
from danvan.core.forms import apply_errors
from danvan.core.idempotency import submission_key
from danvan.core.models import AdministrativeUnit, UnitLevel
from danvan.core.pagination import ListPaginator
from danvan.core.text import matches_all_terms, vi_sort_key
from danvan.core.uploads import limit_upload_size
from danvan.core.xlsx import xlsx_response
from danvan.democracy import access, household_audit_text  # noqa: F401  (the audit entries' words)
from danvan.democracy.household_forms import (
    HouseholdEditForm,
    HouseholdForm,
    HouseholdImportForm,
    HouseholdLeaveForm,
    HouseholdMoveForm,
    HouseholdSearchForm,
)
from danvan.democracy.household_selectors import household_list
from danvan.democracy.household_services import (
    current_residence,
    household_add,
    household_leave,
    household_move,
    household_update,
)
from danvan.democracy.household_xlsx import COLUMNS, InvalidImport, build_template, import_households
from danvan.democracy.models import Household, Residence

PAGE_SIZE = 50
TEMPLATE_FILENAME = "mau-so-ho-gia-dinh.xlsx"


@login_required
@require_GET
def household_units(request: HttpRequest) -> HttpResponse:
    """The villages of the officer's communes, with the number of households in their register."""
    q = (request.GET.get("q") or "").strip()[:200]
    villages = AdministrativeUnit.objects.filter(level=UnitLevel.VILLAGE).filter(
        access.read_scope(request.user).q("path")
    )
    if q:
        villages = villages.filter(matches_all_terms(q, "name_key"))
    villages = villages.select_related("parent")[:500]
    rows = sorted(villages, key=lambda v: (vi_sort_key(v.parent.name if v.parent else ""), vi_sort_key(v.name)))
    return render(request, "democracy/households/units.html", {"villages": rows, "q": q})


@login_required
@require_GET
def household_village(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access.access_village_for_read(request.user, village_id)
    form = HouseholdSearchForm(request.GET or None)
    day = timezone.localdate()
    q = ""
    if form.is_valid():
        day = form.cleaned_data["on"] or day
        q = form.cleaned_data["q"]
    residences = household_list(village, on=day, q=q)
    page = ListPaginator(residences, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "democracy/households/village.html",
        {
            "village": village,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "day": day,
            "can_write": access.can_write_at(request.user, village),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def household_create(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access.access_village_for_write(request.user, village_id)
    form = HouseholdForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        key = submission_key(request.user, data["submission_key"])
        existing = Household.objects.filter(submission_key=key).first() if key else None
        if existing is not None:
            return redirect("democracy:household_detail", household_id=existing.pk)
        try:
            household = household_add(
                actor=request.user,
                village=village,
                code=data["code"],
                representative_name=data["representative_name"],
                representative_phone=data["representative_phone"],
                address=data["address"],
                moved_in_on=data["moved_in_on"],
                submission_key=key,
            )
        except DomainError as error:
            apply_errors(form, error)
        else:
            return redirect("democracy:household_detail", household_id=household.pk)
    status = 422 if form.errors else 200
    return render(request, "democracy/households/form.html", {"village": village, "form": form}, status=status)


def _detail(request: HttpRequest, household: Household, status: int = 200, **forms: Any) -> HttpResponse:
    residence = current_residence(household)
    can_write = access.can_write_at(request.user, household.unit)
    villages = AdministrativeUnit.objects.filter(parent=household.unit, level=UnitLevel.VILLAGE).order_by("name")
    if residence is not None:
        villages = villages.exclude(pk=residence.village_id)
    initial = {"expected_version": household.version}
    context = {
        "household": household,
        "residence": residence,
        "residences": Residence.objects.filter(household=household).select_related("village").order_by("valid_from"),
        "can_write": can_write and residence is not None,
        "edit_form": forms.get("edit_form")
        or HouseholdEditForm(
            prefix="edit",
            initial={
                **initial,
                "representative_name": household.representative_name,
                "representative_phone": household.representative_phone,
                "address": household.address,
            },
        ),
        "move_form": forms.get("move_form") or HouseholdMoveForm(prefix="move", initial=initial, villages=villages),
        "leave_form": forms.get("leave_form") or HouseholdLeaveForm(prefix="leave", initial=initial),
    }
    return render(request, "democracy/households/detail.html", context, status=status)


@login_required
@require_GET
def household_detail(request: HttpRequest, household_id: int) -> HttpResponse:
    return _detail(request, access.access_household(request.user, household_id))


@login_required
@require_POST
def household_edit(request: HttpRequest, household_id: int) -> HttpResponse:
    household = access.access_household(request.user, household_id, for_write=True)
    form = HouseholdEditForm(request.POST, prefix="edit")
    if form.is_valid():
        data = form.cleaned_data
        try:
            household_update(
                actor=request.user,
                household=household,
                representative_name=data["representative_name"],
                representative_phone=data["representative_phone"],
                address=data["address"],
                expected_version=data["expected_version"],
            )
        except DomainError as error:
            apply_errors(form, error)
        else:
            return redirect("democracy:household_detail", household_id=household.pk)
    return _detail(request, household, 422, edit_form=form)


@login_required
@require_POST
def household_move_view(request: HttpRequest, household_id: int) -> HttpResponse:
    household = access.access_household(request.user, household_id, for_write=True)
    villages = AdministrativeUnit.objects.filter(parent=household.unit, level=UnitLevel.VILLAGE)
    form = HouseholdMoveForm(request.POST, prefix="move", villages=villages)
    if form.is_valid():
        data = form.cleaned_data
        try:
            household_move(
                actor=request.user,
                household=household,
                village=access.access_village_for_write(request.user, data["village"].pk),
                moved_on=data["moved_on"],
                expected_version=data["expected_version"],
            )
        except DomainError as error:
            apply_errors(form, error, field_names={"village": "village"})
        else:
            return redirect("democracy:household_detail", household_id=household.pk)
    return _detail(request, household, 422, move_form=form)


@login_required
@require_POST
def household_leave_view(request: HttpRequest, household_id: int) -> HttpResponse:
    household = access.access_household(request.user, household_id, for_write=True)
    form = HouseholdLeaveForm(request.POST, prefix="leave")
    if form.is_valid():
        data = form.cleaned_data
        try:
            household_leave(
                actor=request.user,
                household=household,
                left_on=data["left_on"],
                expected_version=data["expected_version"],
            )
        except DomainError as error:
            apply_errors(form, error)
        else:
            return redirect("democracy:household_detail", household_id=household.pk)
    return _detail(request, household, 422, leave_form=form)


@login_required
@limit_upload_size
@require_http_methods(["GET", "POST"])
def household_import(request: HttpRequest, commune_id: int) -> HttpResponse:
    """Upload the commune's filled list: the full error table, or how many households were added and skipped."""
    commune = access.access_commune_for_write(request.user, commune_id)
    form = HouseholdImportForm(request.POST or None, request.FILES or None)
    result = None
    failure = None
    if request.method == "POST" and form.is_valid():
        try:
            result = import_households(actor=request.user, commune=commune, file=form.cleaned_data["file"])
        except InvalidImport as error:
            failure = error
        except DomainError as error:
            apply_errors(form, error, summary=True)
    status = 422 if failure is not None or (request.method == "POST" and form.errors) else 200
    return render(
        request,
        "democracy/households/import.html",
        {"commune": commune, "form": form, "result": result, "failure": failure, "columns": COLUMNS},
        status=status,
    )


@login_required
@require_GET
def household_import_template(request: HttpRequest) -> HttpResponse:
    return xlsx_response(build_template(), TEMPLATE_FILENAME)
