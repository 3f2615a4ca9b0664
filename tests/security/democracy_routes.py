"""The access matrix's declarations for grassroots democracy (``test_route_matrix``), one section per part.

``PAGES`` and ``API`` are merged into the matrix's own; ``records(unit, actor)`` makes each part's records at one
commune (the matrix fills ``<disclosure_id>`` with ``records["disclosure"]`` and so on). Keep a part's entries in
its section.
"""

from __future__ import annotations

from typing import Any

from tests.security.matrix_needs import LEADER, LOGIN, OFFICER, PUBLIC, VIEWER, Need

PAGES: dict[str, Need] = {
    "democracy:home": Need(get=LOGIN),
    # --- Households ---
    # --- Disclosures ---
    # --- Community decisions ---
    "democracy:decision_list": Need(get=LOGIN),
    "democracy:decision_create": Need(get=OFFICER, post=OFFICER),
    "democracy:decision_detail": Need(obj="decision", get=VIEWER),
    "democracy:decision_announce": Need(obj="decision", post=OFFICER),
    "democracy:decision_ballot_create": Need(obj="decision", post=OFFICER),
    "democracy:decision_close": Need(obj="decision", post=OFFICER),
    "democracy:decision_submit": Need(obj="decision", post=OFFICER),
    "democracy:decision_recognize": Need(obj="decision", post=LEADER, absent_ok=True),
    "democracy:decision_record": Need(obj="decision", get=VIEWER, absent_ok=True),
    "democracy_public:ballot_receipt": Need(get=PUBLIC),
    # --- Consultations ---
    # --- Meetings and dialogues ---
    # --- Statistics ---
}

API: dict[tuple[str, str], Need] = {
    # --- Households ---
    # --- Disclosures ---
    # --- Community decisions ---
    ("GET", "/api/v1/democracy/decision-matters"): Need(get=LOGIN),
    ("GET", "/api/v1/democracy/decisions"): Need(get=LOGIN),
    ("POST", "/api/v1/democracy/decisions"): Need(post=OFFICER),
    ("GET", "/api/v1/democracy/decisions/{decision_id}"): Need(obj="decision", get=VIEWER),
    ("POST", "/api/v1/democracy/decisions/{decision_id}/announce"): Need(obj="decision", post=OFFICER),
    ("POST", "/api/v1/democracy/decisions/{decision_id}/online-consents"): Need(obj="decision", post=OFFICER),
    ("GET", "/api/v1/democracy/decisions/{decision_id}/ballots"): Need(obj="decision", get=OFFICER),
    ("POST", "/api/v1/democracy/decisions/{decision_id}/ballots"): Need(obj="decision", post=OFFICER),
    ("POST", "/api/v1/democracy/decisions/{decision_id}/ballots/{ballot_id}/correction"): Need(
        obj="decision", post=OFFICER
    ),
    ("POST", "/api/v1/democracy/decisions/{decision_id}/meetings"): Need(obj="decision", post=OFFICER),
    ("GET", "/api/v1/democracy/decisions/{decision_id}/tally"): Need(obj="decision", get=VIEWER),
    ("POST", "/api/v1/democracy/decisions/{decision_id}/close"): Need(obj="decision", post=OFFICER),
    ("POST", "/api/v1/democracy/decisions/{decision_id}/submit"): Need(obj="decision", post=OFFICER),
    ("POST", "/api/v1/democracy/decisions/{decision_id}/recognition"): Need(
        obj="decision", post=LEADER, absent_ok=True
    ),
    ("GET", "/api/v1/democracy/decisions/{decision_id}/record.docx"): Need(obj="decision", get=VIEWER, absent_ok=True),
    ("GET", "/api/v1/democracy/ballot-receipts/{code}"): Need(get=PUBLIC),
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
    made.update(_decision_records(unit, actor))
    # --- Consultations ---
    # --- Meetings and dialogues ---
    return made


def _decision_records(unit: Any, actor: Any) -> dict[str, Any]:
    """An announced road-contribution ballot in a new village of ``unit`` with one ballot recorded."""
    import datetime as dt

    from django.utils import timezone

    from danvan.democracy import decision_services
    from danvan.democracy.models import Ballot
    from danvan.democracy.tests.decision_fixtures import announced_decision, household_ids, village_with_households

    village = village_with_households(unit, "Thôn Ma Trận", 3)
    decision = announced_decision(actor, unit, [village], notice_on=timezone.localdate() - dt.timedelta(days=5))
    decision_services.ballot_record(
        actor=actor, decision=decision, household_id=household_ids(village)[0], choice="agree"
    )
    return {"decision": decision, "ballot": Ballot.objects.get(decision=decision)}
