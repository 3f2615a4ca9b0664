"""Who may see and change plans, indicators, dossiers, submissions and rankings. Views, the API and the services of
this app ask here only; missing and forbidden both raise ``Http404``. An officer reads the figures and records of
their unit subtree (viewer scope) and writes as an officer over the unit; reviewing the submissions of the units
below is the leader's."""

from __future__ import annotations

from typing import Any  # noqa: F401

from danvan.accounts.access import has_role_at, scope_for  # noqa: F401
from danvan.accounts.models import Role  # noqa: F401

# --- indicators ---------------------------------------------------------------------------------------------------


# --- plans --------------------------------------------------------------------------------------------------------


# --- dossiers -----------------------------------------------------------------------------------------------------


# --- submissions --------------------------------------------------------------------------------------------------
