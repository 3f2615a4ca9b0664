"""What the democracy pages and API endpoints share: a service run for a posted form (its refusal shown on the
form, beside its field and above it), and the unit and year a yearly compliance report is asked for (the pages
and the API of the staff dialogues and of the community meetings)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.errors import DomainError
from danvan.core.forms import apply_errors
from danvan.core.models import AdministrativeUnit
from danvan.core.periods import MAX_YEAR, MIN_YEAR, invalid_period
from danvan.democracy import access
from danvan.democracy.meeting_forms import ComplianceForm

ResultT = TypeVar("ResultT")


def run_service(
    form: forms.Form, call: Callable[[], ResultT], field_names: dict[str, str] | None = None
) -> ResultT | None:
    """The service's result, or None with its refusal put on ``form`` (beside its field, and above the form)."""
    try:
        return call()
    except DomainError as error:
        apply_errors(form, error, field_names=field_names, summary=True)
        return None


def run_form(
    form: forms.Form, call: Callable[[dict[str, Any]], ResultT], field_names: dict[str, str] | None = None
) -> ResultT | None:
    """``call(form.cleaned_data)``, the service run with the valid form's values; None when the form is invalid
    or the service refused (its refusal put on ``form`` by :func:`run_service`)."""
    if not form.is_valid():
        return None
    return run_service(form, lambda: call(form.cleaned_data), field_names)


def statistics_unit_asked(user: Any, unit_id: int | None) -> AdministrativeUnit:
    """The unit a figures page or report asks for: ``unit_id``, or the officer's default statistics unit when none
    (without one, ``UnitNotChosen``: a page offers the provinces); one the officer reads figures of (404 otherwise)."""
    if unit_id is None:
        unit_id = access.required_statistics_unit(user).pk
    return access.access_statistics_unit(user, unit_id)


def compliance_scope(user: Any, unit_id: int | None, year: int | None) -> tuple[AdministrativeUnit, int]:
    """The unit (:func:`statistics_unit_asked`) and the year (this year when none; 422 ``invalid_period``
    outside the project's years) of a yearly compliance report."""
    unit = statistics_unit_asked(user, unit_id)
    year = year or timezone.localdate().year
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise invalid_period(_("Năm không hợp lệ."), "year")
    return unit, year


def compliance_page(request: HttpRequest, *, report: Callable[..., Any], template: str) -> HttpResponse:
    """A yearly compliance page: ``report(unit=…, year=…)`` for the unit asked (the officer's default statistics
    unit when none; 404 without one) and the year asked (this year at first)."""
    form = ComplianceForm(request.GET or {"year": timezone.localdate().year})
    context: dict[str, Any] = {"form": form, "report": None}
    if form.is_valid():
        unit, year = compliance_scope(request.user, form.cleaned_data.get("unit"), form.cleaned_data.get("year"))
        context.update(
            unit=unit,
            year=year,
            unit_choices=access.statistics_unit_choices(request.user, unit),
            report=report(unit=unit, year=year),
        )
    return render(request, template, context)
