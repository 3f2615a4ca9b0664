"""The access matrix's declarations for the feedback channel's public part (see feedback_routes.py)."""

from __future__ import annotations

from typing import Any

from tests.security.matrix_needs import LEADER, LOGIN, OFFICER, PUBLIC, SYSTEM_ADMIN, VIEWER, Need  # noqa: F401

PAGES: dict[str, Need] = {}
API: dict[tuple[str, str], Need] = {}


def records(unit: Any, actor: Any, made: dict[str, Any]) -> dict[str, Any]:
    """This part's records at ``unit`` (``made`` holds the report the channel made there, as ``report``)."""
    return {}
