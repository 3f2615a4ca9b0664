"""The access matrix's declarations for the feedback channel's open311 part (see feedback_routes.py).

GeoReport v2 is public (reading; ``POST requests`` answers 403 without an api_key, which the matrix's empty body
has not); the API key pages are the system administrators'. The path parameters are filled from ``records``:
a real report code, service code and format, so the matrix requests real answers, not only 404s.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from tests.security.matrix_needs import LEADER, LOGIN, OFFICER, PUBLIC, SYSTEM_ADMIN, VIEWER, Need  # noqa: F401

PAGES: dict[str, Need] = {
    "open311:discovery": Need(get=PUBLIC),
    "open311:services": Need(get=PUBLIC),
    "open311:service_definition": Need(get=PUBLIC),
    "open311:requests": Need(get=PUBLIC, post=PUBLIC),
    "open311:request": Need(obj="report", get=PUBLIC, absent_ok=True),
    "open311:token": Need(obj="report", get=PUBLIC, absent_ok=True),
    "open311:media": Need(obj="report", get=PUBLIC, absent_ok=True),  # the report has no photo: 404
    "open311_keys:keys": Need(get=SYSTEM_ADMIN, post=SYSTEM_ADMIN),
    "open311_keys:key_revoke": Need(post=SYSTEM_ADMIN),
}
API: dict[tuple[str, str], Need] = {}


def records(unit: Any, actor: Any, made: dict[str, Any]) -> dict[str, Any]:
    """This part's records at ``unit`` (``made`` holds the report the channel made there, as ``report``)."""
    from danvan.open311.services import key_issue

    code = SimpleNamespace(pk=made["report"].code)
    return {
        "response_format": SimpleNamespace(pk="json"),
        "service_code": SimpleNamespace(pk=made["report"].category.code),
        "service_request": code,
        "open311_token": code,
        "open311_key": key_issue(actor=actor, name=f"Ứng dụng {unit.name}", contact="dev@example.com").key,
    }
