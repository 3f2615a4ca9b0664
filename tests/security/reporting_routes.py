"""The access matrix's declarations for plans, indicators and reports (``test_route_matrix``), one module per part."""

from __future__ import annotations

from typing import Any

from tests.security import (
    reporting_routes_dossiers,
    reporting_routes_indicators,
    reporting_routes_plans,
    reporting_routes_submissions,
)
from tests.security.matrix_needs import Need

PARTS = (reporting_routes_indicators, reporting_routes_plans, reporting_routes_dossiers, reporting_routes_submissions)
PAGES: dict[str, Need] = {name: need for part in PARTS for name, need in part.PAGES.items()}
API: dict[tuple[str, str], Need] = {key: need for part in PARTS for key, need in part.API.items()}


def records(unit: Any, actor: Any) -> dict[str, Any]:
    made: dict[str, Any] = {}
    for part in PARTS:
        made.update(part.records(unit, actor))
    return made
