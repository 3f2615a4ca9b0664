"""The access matrix's declarations for grassroots democracy (``test_route_matrix``), one section per part.

``PAGES`` and ``API`` are merged into the matrix's own; ``records(unit, actor)`` makes each part's records at one
commune (the matrix fills ``<disclosure_id>`` with ``records["disclosure"]`` and so on). Keep a part's entries in
its section.
"""

from __future__ import annotations

from typing import Any

from tests.security.matrix_needs import LOGIN, OFFICER, PUBLIC, VIEWER, Need

PAGES: dict[str, Need] = {
    "democracy:home": Need(get=LOGIN),
    # --- Households ---
    # --- Disclosures ---
    "democracy:disclosure_list": Need(get=LOGIN),
    "democracy:disclosure_create": Need(get=OFFICER, post=OFFICER),
    "democracy:disclosure_board": Need(obj="unit", get=VIEWER),
    "democracy:disclosure_quarterly": Need(obj="unit", get=VIEWER),
    "democracy:disclosure_quarterly_docx": Need(obj="unit", get=VIEWER),
    "democracy:disclosure_plan_docx": Need(obj="unit", get=VIEWER),
    "democracy:disclosure_report_docx": Need(obj="unit", get=VIEWER),
    "democracy:disclosure_detail": Need(obj="disclosure", get=VIEWER),
    "democracy:disclosure_edit": Need(obj="disclosure", get=OFFICER, post=OFFICER),
    "democracy:disclosure_channel_add": Need(obj="disclosure", post=OFFICER),
    "democracy:disclosure_channel_end": Need(obj="disclosure", post=OFFICER),
    "democracy:disclosure_publish": Need(obj="disclosure", post=OFFICER),
    "democracy:disclosure_document": Need(obj="disclosure", get=VIEWER, absent_ok=True),  # none attached: 404
    # Public pages: a legacy commune has no portal page (404), nor does an unpublished disclosure.
    "democracy_public:disclosure_list": Need(obj="unit", get=PUBLIC, absent_ok=True),
    "democracy_public:disclosure_quarterly": Need(obj="unit", get=PUBLIC, absent_ok=True),
    "democracy_public:disclosure_detail": Need(obj="disclosure", get=PUBLIC, absent_ok=True),
    "democracy_public:disclosure_document": Need(obj="disclosure", get=PUBLIC, absent_ok=True),
    # --- Community decisions ---
    # --- Consultations ---
    # --- Meetings and dialogues ---
    # --- Statistics ---
}

API: dict[tuple[str, str], Need] = {
    # --- Households ---
    # --- Disclosures ---
    ("GET", "/api/v1/democracy/disclosure-items"): Need(get=LOGIN),
    ("GET", "/api/v1/democracy/disclosure-forms"): Need(get=LOGIN),
    ("GET", "/api/v1/democracy/disclosures"): Need(get=LOGIN),
    ("POST", "/api/v1/democracy/disclosures"): Need(post=OFFICER),
    ("GET", "/api/v1/democracy/disclosures/compliance"): Need(get=LOGIN),
    ("GET", "/api/v1/democracy/disclosures/{disclosure_id}"): Need(obj="disclosure", get=VIEWER),
    ("PUT", "/api/v1/democracy/disclosures/{disclosure_id}"): Need(obj="disclosure", post=OFFICER),
    ("POST", "/api/v1/democracy/disclosures/{disclosure_id}/channels"): Need(obj="disclosure", post=OFFICER),
    ("POST", "/api/v1/democracy/disclosures/{disclosure_id}/channels/{channel_id}/end"): Need(
        obj="disclosure", post=OFFICER
    ),
    ("POST", "/api/v1/democracy/disclosures/{disclosure_id}/publish"): Need(obj="disclosure", post=OFFICER),
    ("GET", "/api/v1/democracy/public/communes/{unit_id}/disclosures"): Need(obj="unit", get=PUBLIC, absent_ok=True),
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
    import datetime as dt

    from danvan.democracy.disclosure_services import ChannelLine, disclosure_create
    from danvan.democracy.models import DisclosureForm, DisclosureItem

    disclosure = disclosure_create(
        actor=actor,
        unit=unit,
        item=DisclosureItem.objects.get(number=3),
        title=f"Phương án bồi thường {unit.name}",
        issued_on=dt.date(2026, 11, 2),
        channels=[
            ChannelLine(
                form=DisclosureForm.objects.get(code="posting"), started_on=dt.date(2026, 11, 3), place="Trụ sở UBND"
            )
        ],
        publish=True,
    )
    made["disclosure"] = disclosure
    made["channel"] = disclosure.channels.get()
    # --- Community decisions ---
    # --- Consultations ---
    # --- Meetings and dialogues ---
    return made
