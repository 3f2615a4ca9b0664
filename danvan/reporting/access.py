"""Who may see and change plans, indicators, dossiers, submissions and rankings. Views, the API and the services of
this app ask here only; missing and forbidden both raise ``Http404``. An officer reads the figures and records of
their unit subtree (viewer scope) and writes as an officer over the unit; reviewing the submissions of the units
below is the leader's."""

from __future__ import annotations

from typing import Any

from danvan.accounts.access import has_role_at, scope_for  # noqa: F401
from danvan.accounts.models import Role

# --- indicators ---------------------------------------------------------------------------------------------------


# --- plans --------------------------------------------------------------------------------------------------------


# --- dossiers -----------------------------------------------------------------------------------------------------


def dossier_read_scope(user: Any) -> Any:
    """The units whose dossiers and procedure figures the officer reads (viewer scope)."""
    from danvan.accounts.access import scope_for as _scope_for

    return _scope_for(user, Role.VIEWER)


def dossier_unit_for_read(user: Any, unit_id: int) -> Any:
    """A unit (province, commune) whose dossiers the officer reads, or ``Http404``."""
    from django.http import Http404

    from danvan.core.models import AdministrativeUnit

    unit = AdministrativeUnit.objects.filter(pk=unit_id).first()
    if unit is None or not has_role_at(user, unit, Role.VIEWER):
        raise Http404
    return unit


def dossier_province_for_import(user: Any, unit_id: int) -> Any:
    """A current province where the officer imports the one-stop-shop export and keeps its column mapping (an
    officer of the province), or ``Http404``."""
    from django.http import Http404

    from danvan.accounts.access import can_create_at
    from danvan.core.models import AdministrativeUnit, UnitLevel

    unit = AdministrativeUnit.objects.filter(pk=unit_id, level=UnitLevel.PROVINCE).first()
    if unit is None or not can_create_at(user, unit, Role.OFFICER):
        raise Http404
    return unit


def dossier_provinces_for_import(user: Any) -> list[Any]:
    """The current provinces where the officer may import."""
    from danvan.accounts.access import scope_for as _scope_for
    from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree

    scope = _scope_for(user, Role.OFFICER)
    if scope.is_empty:
        return []
    return list(
        AdministrativeUnit.objects.filter(scope.q("path"), level=UnitLevel.PROVINCE, tree=UnitTree.CURRENT).order_by(
            "code"
        )
    )


def procedure_figure_unit_for_write(user: Any, unit_id: int) -> Any:
    """A current province or commune where the officer enters procedure figures, or ``Http404``."""
    from django.http import Http404

    from danvan.accounts.access import can_create_at
    from danvan.core.models import AdministrativeUnit, UnitLevel

    unit = AdministrativeUnit.objects.filter(pk=unit_id, level__in=[UnitLevel.PROVINCE, UnitLevel.COMMUNE]).first()
    if unit is None or not can_create_at(user, unit, Role.OFFICER):
        raise Http404
    return unit


# --- submissions --------------------------------------------------------------------------------------------------
