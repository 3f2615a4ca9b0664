"""The access matrix's declarations for grassroots democracy (``test_route_matrix``), one section per part.

``PAGES`` and ``API`` are merged into the matrix's own; ``records(unit, actor)`` makes each part's records at one
commune (the matrix fills ``<disclosure_id>`` with ``records["disclosure"]`` and so on). Keep a part's entries in
its section.
"""

from __future__ import annotations

from typing import Any

from tests.security.matrix_needs import LOGIN, OFFICER, VIEWER, Need

PAGES: dict[str, Need] = {
    "democracy:home": Need(get=LOGIN),
    # --- Households ---
    # --- Disclosures ---
    # --- Community decisions ---
    # --- Consultations ---
    # --- Meetings and dialogues ---
    "democracy:meetings": Need(get=LOGIN),
    "democracy:meeting_create": Need(get=OFFICER, post=OFFICER),
    "democracy:meeting_compliance": Need(get=LOGIN),
    "democracy:meeting_detail": Need(obj="meeting", get=VIEWER),
    "democracy:meeting_record": Need(obj="meeting", post=OFFICER),
    "democracy:meeting_send": Need(obj="meeting", post=OFFICER),
    "democracy:meeting_cancel": Need(obj="meeting", post=OFFICER),
    "democracy:meeting_item_create": Need(obj="meeting", post=OFFICER),
    "democracy:raised_items": Need(get=LOGIN),
    "democracy:raised_item_answer": Need(obj="item", post=OFFICER),
    # --- Statistics ---
    "democracy:statistics": Need(get=LOGIN),
    "democracy:statistics_xlsx": Need(get=LOGIN),
}

API: dict[tuple[str, str], Need] = {
    # --- Households ---
    # --- Disclosures ---
    # --- Community decisions ---
    # --- Consultations ---
    # --- Meetings and dialogues ---
    ("GET", "/api/v1/democracy/meetings"): Need(get=LOGIN),
    ("POST", "/api/v1/democracy/meetings"): Need(post=OFFICER),
    ("GET", "/api/v1/democracy/meetings/compliance"): Need(get=LOGIN),
    ("GET", "/api/v1/democracy/meetings/{meeting_id}"): Need(obj="meeting", get=VIEWER),
    ("POST", "/api/v1/democracy/meetings/{meeting_id}/reschedule"): Need(obj="meeting", post=OFFICER),
    ("POST", "/api/v1/democracy/meetings/{meeting_id}/record"): Need(obj="meeting", post=OFFICER),
    ("POST", "/api/v1/democracy/meetings/{meeting_id}/send"): Need(obj="meeting", post=OFFICER),
    ("POST", "/api/v1/democracy/meetings/{meeting_id}/cancel"): Need(obj="meeting", post=OFFICER),
    ("GET", "/api/v1/democracy/meetings/{meeting_id}/items"): Need(obj="meeting", get=VIEWER),
    ("POST", "/api/v1/democracy/meetings/{meeting_id}/items"): Need(obj="meeting", post=OFFICER),
    ("GET", "/api/v1/democracy/raised-items"): Need(get=LOGIN),
    ("GET", "/api/v1/democracy/raised-items/{item_id}"): Need(obj="item", get=VIEWER),
    ("POST", "/api/v1/democracy/raised-items/{item_id}/answer"): Need(obj="item", post=OFFICER),
    # --- Statistics ---
    ("GET", "/api/v1/democracy/statistics"): Need(get=LOGIN),
}


def records(unit: Any, actor: Any) -> dict[str, Any]:
    """Each part's records at ``unit`` (a commune), made by ``actor`` (an officer there)."""
    made: dict[str, Any] = {}
    # --- Households ---
    # --- Disclosures ---
    # --- Community decisions ---
    # --- Consultations ---
    # --- Meetings and dialogues ---
    made.update(_meeting_records(unit, actor))
    return made


def _meeting_records(unit: Any, actor: Any) -> dict[str, Any]:
    """A dialogue held at the commune ten days ago, with one raised item."""
    import datetime as dt

    from django.utils import timezone

    from danvan.democracy.meeting_services import meeting_raise_item, meeting_record, meeting_schedule
    from danvan.democracy.models import MeetingKind

    held_on = timezone.localdate() - dt.timedelta(days=10)
    meeting = meeting_schedule(actor=actor, unit=unit, kind=MeetingKind.DIALOGUE, held_on=held_on)
    meeting = meeting_record(actor=actor, meeting=meeting, expected_version=1, participants=40, minutes="Biên bản.")
    item = meeting_raise_item(
        actor=actor,
        meeting=meeting,
        kind="recommendation",
        raised_by="Cử tri",
        content="Kiến nghị sửa đường.",
        addressee="peoples_committee",
    )
    return {"meeting": meeting, "item": item}
