"""Demo records of grassroots democracy at the demo communes, one module per part; ``load_democracy`` loads
them all (after the officers and villages)."""

from __future__ import annotations


def load_democracy(province_code: str) -> int:
    """Every part's demo records; the number created."""
    created = 0
    # --- Households ---
    # --- Disclosures ---
    # --- Community decisions ---
    # --- Consultations ---
    # --- Meetings and dialogues ---
    from danvan.demo.democracy import meetings

    created += meetings.load(province_code)
    return created
