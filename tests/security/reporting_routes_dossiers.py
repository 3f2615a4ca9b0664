"""The access matrix's declarations for the reporting app's dossiers part (see reporting_routes.py).

The import and the column mapping are a province's (an officer of the province): the matrix's cast works at a
commune, so for them those routes answer 404 (``absent_ok``); ``test_dossier_import`` and
``test_dossier_pages_and_api`` check the province officer's way through them.
"""

from __future__ import annotations

from typing import Any

from tests.security.matrix_needs import LEADER, LOGIN, OFFICER, PUBLIC, SYSTEM_ADMIN, VIEWER, Need  # noqa: F401

PAGES: dict[str, Need] = {
    "reporting:dossier_list": Need(get=LOGIN),
    "reporting:dossier_import": Need(get=OFFICER, post=OFFICER, absent_ok=True),
    "reporting:dossier_indicators": Need(obj="unit", get=VIEWER),
    "reporting:dossier_figures": Need(obj="unit", get=VIEWER, post=OFFICER),
}
API: dict[tuple[str, str], Need] = {
    ("GET", "/api/v1/reporting/dossiers"): Need(get=LOGIN),
    ("GET", "/api/v1/reporting/dossiers/units/{unit_id}/indicators"): Need(obj="unit", get=VIEWER),
    ("GET", "/api/v1/reporting/dossiers/mappings/{province_id}"): Need(obj="province", get=OFFICER, absent_ok=True),
    ("PUT", "/api/v1/reporting/dossiers/mappings/{province_id}"): Need(obj="province", post=OFFICER),
    ("POST", "/api/v1/reporting/dossiers/import"): Need(post=OFFICER),
    ("GET", "/api/v1/reporting/dossiers/units/{unit_id}/figures"): Need(obj="unit", get=VIEWER),
    ("PUT", "/api/v1/reporting/dossiers/units/{unit_id}/figures"): Need(obj="unit", post=OFFICER),
}


def records(unit: Any, actor: Any) -> dict[str, Any]:
    """This part's records at ``unit`` (a commune), made by ``actor`` (an officer there): its province (whose
    column mapping the mapping routes name)."""
    from danvan.core.models import AdministrativeUnit, UnitLevel

    province = AdministrativeUnit.objects.get(tree=unit.tree, level=UnitLevel.PROVINCE, code=unit.province_code)
    return {"province": province}
