"""The access matrix's declarations for the feedback channel's public part (see feedback_routes.py).

Every citizen page and API operation is open to everyone. The tracking code in the URLs is filled with a code that
does not exist ("987654"), so the pages that name a report answer 404 for every caller — which the matrix accepts —
while the pages without one (form, list, pickers) answer 200 (or 422 for a POST without its fields).
"""

from __future__ import annotations

from typing import Any

from tests.security.matrix_needs import LEADER, LOGIN, OFFICER, PUBLIC, SYSTEM_ADMIN, VIEWER, Need  # noqa: F401

PAGES: dict[str, Need] = {
    "feedback_public:new": Need(get=PUBLIC, post=PUBLIC),
    "feedback_public:list": Need(get=PUBLIC),
    "feedback_public:lookup": Need(get=PUBLIC),
    "feedback_public:commune_search": Need(get=PUBLIC),
    "feedback_public:nearby": Need(get=PUBLIC),
    "feedback_public:sent": Need(obj="report", get=PUBLIC, absent_ok=True),
    "feedback_public:detail": Need(obj="report", get=PUBLIC, absent_ok=True),
    "feedback_public:photo": Need(obj="report", get=PUBLIC, absent_ok=True),
    "feedback_public:follow": Need(obj="report", post=PUBLIC),
    "feedback_public:citizen": Need(obj="report", get=PUBLIC, post=PUBLIC, absent_ok=True),
}
API: dict[tuple[str, str], Need] = {
    ("GET", "/api/v1/feedback/public/categories"): Need(get=PUBLIC),
    ("GET", "/api/v1/feedback/public/challenge"): Need(get=PUBLIC),
    ("GET", "/api/v1/feedback/public/nearby"): Need(get=PUBLIC),
    ("GET", "/api/v1/feedback/public/reports"): Need(get=PUBLIC),
    ("POST", "/api/v1/feedback/public/reports"): Need(post=PUBLIC),
    ("GET", "/api/v1/feedback/public/reports/{code}"): Need(obj="report", get=PUBLIC, absent_ok=True),
    ("POST", "/api/v1/feedback/public/reports/{code}/info"): Need(obj="report", post=PUBLIC),
    ("POST", "/api/v1/feedback/public/reports/{code}/rating"): Need(obj="report", post=PUBLIC),
    ("POST", "/api/v1/feedback/public/reports/{code}/reopen"): Need(obj="report", post=PUBLIC),
    ("POST", "/api/v1/feedback/public/reports/{code}/followers"): Need(obj="report", post=PUBLIC),
}

# The operations to add to tests/security/test_public_routes.py APPROVED_PUBLIC (the integrator's file).
APPROVED_PUBLIC = {(method, path.removeprefix("/api/v1")) for method, path in API}


def records(unit: Any, actor: Any, made: dict[str, Any]) -> dict[str, Any]:
    """This part's records at ``unit`` (``made`` holds the report the channel made there, as ``report``)."""
    return {}
