"""The access matrix's declarations for the reporting app's indicators part (see reporting_routes.py)."""

from __future__ import annotations

from typing import Any

from tests.security.matrix_needs import LEADER, LOGIN, OFFICER, PUBLIC, SYSTEM_ADMIN, VIEWER, Need  # noqa: F401

PAGES: dict[str, Need] = {
    # Figures of a unit of the viewer scope (default: the first membership unit; ?unit= another).
    "reporting:indicator_report": Need(get=LOGIN),
    "reporting:indicator_dashboard": Need(get=LOGIN),
    "reporting:indicator_records": Need(get=LOGIN),
    "reporting:indicator_list": Need(get=LOGIN),
    "reporting:indicator_edit": Need(get=SYSTEM_ADMIN, post=SYSTEM_ADMIN),
    "reporting:indicator_enter": Need(get=OFFICER, post=OFFICER),
}
API: dict[tuple[str, str], Need] = {
    ("GET", "/api/v1/reporting/indicators"): Need(get=LOGIN),
    ("PATCH", "/api/v1/reporting/indicators/{code}"): Need(post=SYSTEM_ADMIN),
    ("GET", "/api/v1/reporting/figures"): Need(get=LOGIN),
    ("GET", "/api/v1/reporting/dashboard"): Need(get=LOGIN),
    ("GET", "/api/v1/reporting/records"): Need(get=LOGIN),
    ("GET", "/api/v1/reporting/entered-figures"): Need(get=LOGIN),
    ("POST", "/api/v1/reporting/entered-figures"): Need(post=OFFICER),
}


def records(unit: Any, actor: Any) -> dict[str, Any]:
    """This part's records at ``unit`` (a commune), made by ``actor`` (an officer there): an indicator's code (the
    registry is seeded by the migrations; the edit page is the system administrator's)."""
    from danvan.reporting.models import Indicator

    indicator = Indicator.objects.order_by("code").first()
    return {"indicator_code": indicator.code} if indicator else {}
