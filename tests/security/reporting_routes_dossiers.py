"""The access matrix's declarations for the reporting app's dossiers part (see reporting_routes.py)."""

from __future__ import annotations

from typing import Any

from tests.security.matrix_needs import LEADER, LOGIN, OFFICER, PUBLIC, SYSTEM_ADMIN, VIEWER, Need  # noqa: F401

PAGES: dict[str, Need] = {}
API: dict[tuple[str, str], Need] = {}


def records(unit: Any, actor: Any) -> dict[str, Any]:
    """This part's records at ``unit`` (a commune), made by ``actor`` (an officer there)."""
    return {}
