"""The access matrix's declarations for the feedback channel's statistics part (see feedback_routes.py): the
back-office statistics (any signed-in officer; the unit asked must be of their scope, their first unit by default)
and the public ranking."""

from __future__ import annotations

from typing import Any

from tests.security.matrix_needs import LOGIN, PUBLIC, Need

PAGES: dict[str, Need] = {
    "feedback_statistics:statistics": Need(get=LOGIN),
    "feedback_statistics:statistics_xlsx": Need(get=LOGIN),
    "feedback_ranking:ranking": Need(get=PUBLIC),
}
API: dict[tuple[str, str], Need] = {
    ("GET", "/api/v1/feedback/statistics"): Need(get=LOGIN),
    ("GET", "/api/v1/feedback/ranking"): Need(get=PUBLIC),
}


def records(unit: Any, actor: Any, made: dict[str, Any]) -> dict[str, Any]:
    """This part's records at ``unit`` (``made`` holds the report the channel made there, as ``report``)."""
    return {}
