"""The access matrix's declarations for grassroots democracy (``test_route_matrix``), one section per part.

``PAGES`` and ``API`` are merged into the matrix's own; ``records(unit, actor)`` makes each part's records at one
commune (the matrix fills ``<disclosure_id>`` with ``records["disclosure"]`` and so on). Keep a part's entries in
its section.
"""

from __future__ import annotations

from typing import Any

from tests.security.matrix_needs import LOGIN, Need

PAGES: dict[str, Need] = {
    "democracy:home": Need(get=LOGIN),
    # --- Households ---
    # --- Disclosures ---
    # --- Community decisions ---
    # --- Consultations ---
    # --- Meetings and dialogues ---
    # --- Statistics ---
}

API: dict[tuple[str, str], Need] = {
    # --- Households ---
    # --- Disclosures ---
    # --- Community decisions ---
    # --- Consultations ---
    # --- Meetings and dialogues ---
    # --- Statistics ---
}


def records(unit: Any, actor: Any) -> dict[str, Any]:
    """Each part's records at ``unit`` (a commune), made by ``actor`` (an officer there)."""
    made: dict[str, Any] = {}
    # --- Households ---
    # --- Disclosures ---
    # --- Community decisions ---
    # --- Consultations ---
    # --- Meetings and dialogues ---
    return made
