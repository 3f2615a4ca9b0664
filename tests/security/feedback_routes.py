"""The access matrix's declarations for the feedback channel and Open311 (``test_route_matrix``), one module per
part; ``records(unit, actor)`` makes one report at the commune (``<report_id>``) and each part's own records."""

from __future__ import annotations

from typing import Any

from tests.security import (
    feedback_routes_open311,
    feedback_routes_public,
    feedback_routes_statistics,
    feedback_routes_triage,
)
from tests.security.matrix_needs import Need

PARTS = (feedback_routes_public, feedback_routes_triage, feedback_routes_statistics, feedback_routes_open311)
PAGES: dict[str, Need] = {name: need for part in PARTS for name, need in part.PAGES.items()}
API: dict[tuple[str, str], Need] = {key: need for part in PARTS for key, need in part.API.items()}


def records(unit: Any, actor: Any) -> dict[str, Any]:
    from danvan.feedback.intake import ReportIn, report_submit

    report = report_submit(
        ReportIn(category_code="waste", description=f"Rác thải tại {unit.name}", unit_code=unit.code)
    ).report
    made: dict[str, Any] = {"report": report}
    for part in PARTS:
        made.update(part.records(unit, actor, made))
    return made
