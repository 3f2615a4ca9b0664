"""Demo records of grassroots democracy at the demo communes, one module per part; ``load_democracy`` loads
them all (after the officers and villages)."""

from __future__ import annotations


def load_democracy(province_code: str) -> int:
    """Every part's demo records; the number created."""
    created = 0
    # --- Households ---
    from danvan.demo.democracy import households

    created += households.load(province_code)
    # --- Disclosures ---
    from danvan.demo.democracy import disclosures

    created += disclosures.load(province_code)
    # --- Community decisions ---
    from danvan.demo.democracy import decisions

    created += decisions.load(province_code)
    # --- Consultations ---
    from danvan.demo.democracy import consultations

    created += consultations.load(province_code)
    # --- Meetings and dialogues ---
    from danvan.demo.democracy import meetings

    created += meetings.load(province_code)
    # --- Recommendations (one tracker; after the parts that raise them) ---
    from danvan.demo.democracy import recommendations

    created += recommendations.load(province_code)
    # --- Boards (People's Inspection, Community Investment Supervision) ---
    from danvan.demo.democracy import boards

    created += boards.load(province_code)
    # --- Front supervision and social criticism ---
    from danvan.demo.democracy import supervisions

    created += supervisions.load(province_code)
    # --- Dialogues with staff and voter contacts ---
    from danvan.demo.democracy import contacts

    created += contacts.load(province_code)
    return created
