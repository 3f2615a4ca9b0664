"""The demo decisions load after the officers and villages: a commune officer sees real-looking records."""

from __future__ import annotations

from danvan.democracy.models import CommunityDecision


def test_demo_decisions(db):
    from conftest import ensure_units
    from danvan.demo.democracy import decisions
    from danvan.demo.officers import load_officers, load_villages

    ensure_units()
    load_villages()
    load_officers()
    assert decisions.load("66") == 3
    assert decisions.load("66") == 0
    road, election = CommunityDecision.objects.order_by("id")[:2]
    assert road.result == "passed" and road.result_text.startswith("140/198 hộ đồng ý")
    assert election.status == "submitted" and election.recognition_due_on is not None
