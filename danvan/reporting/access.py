"""Who may see and change plans, indicators, dossiers, submissions and rankings. Views, the API and the services of
this app ask here only; missing and forbidden both raise ``Http404``. An officer reads the figures and records of
their unit subtree (viewer scope) and writes as an officer over the unit; reviewing the submissions of the units
below is the leader's."""

from __future__ import annotations

from typing import Any

from danvan.accounts.access import has_role_at, scope_for  # noqa: F401
from danvan.accounts.models import Role  # noqa: F401

# --- indicators ---------------------------------------------------------------------------------------------------
# Figures (the report page, the dashboard, the drill-down to records, the API): any unit of the officer's viewer
# scope. Entered figures: an officer (or above) at a current unit. The indicator registry: everyone signed in reads
# it, a system administrator edits labels and sources.


def access_report_unit(user: Any, unit_id: int | None) -> Any:
    """The unit whose figures are asked for: ``unit_id`` or the officer's first membership unit; ``Http404`` outside
    the viewer scope, for a unit that does not exist, or without any unit."""
    from django.http import Http404

    from danvan.office import access as office_access

    if unit_id is None:
        default = office_access.default_statistics_unit(user)
        if default is None:
            raise Http404
        unit_id = default.pk
    unit, _scope = office_access.access_statistics_unit(user, unit_id)
    return unit


def report_unit_choices(user: Any, unit: Any) -> list[Any]:
    """The units a figures page offers beside ``unit`` (the officer's memberships)."""
    from danvan.office import access as office_access

    return office_access.unit_choices(user, unit)


def can_enter_figures_at(user: Any, unit: Any) -> bool:
    """Entering a unit's figures: an officer at a current unit (a legacy unit takes no new records)."""
    from danvan.accounts.access import can_create_at
    from danvan.accounts.models import Role as Roles

    return can_create_at(user, unit, Roles.OFFICER)


def access_unit_for_entry(user: Any, unit_id: int | None) -> Any:
    """The unit whose figures the officer enters (:func:`can_enter_figures_at`); ``Http404`` otherwise."""
    from django.http import Http404

    unit = access_report_unit(user, unit_id)
    if not can_enter_figures_at(user, unit):
        raise Http404
    return unit


def can_edit_indicators(user: Any) -> bool:
    """Editing the registry's labels and sources: a system administrator."""
    from danvan.accounts.access import is_system_admin

    return bool(getattr(user, "is_authenticated", False)) and is_system_admin(user)


def require_indicator_admin(user: Any) -> None:
    """``Http404`` unless :func:`can_edit_indicators`."""
    from django.http import Http404

    if not can_edit_indicators(user):
        raise Http404


# --- plans --------------------------------------------------------------------------------------------------------


# --- dossiers -----------------------------------------------------------------------------------------------------


# --- submissions --------------------------------------------------------------------------------------------------
