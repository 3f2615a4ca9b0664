"""The decisions API end to end: create (Idempotency-Key), announce, ballots, tally, close, DOCX records, submit,
recognition by the right body, the public receipt; an officer of another commune gets 404 for all of it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from docx import Document

from conftest import make_officer
from danvan.accounts.models import Role
from danvan.democracy.models import Ballot, CommunityDecision
from danvan.democracy.tests.decision_fixtures import household_ids, village_with_households

API = "/api/v1/democracy"
WITNESSES = ["Phạm Văn Chứng", "Vũ Thị Kiến"]


@pytest.fixture
def village(cast):
    return village_with_households(cast.dong_xuan, "Thôn Đông", 12)


def create(client, cast, village, *, key="k-1", matter="1", form="ballot"):
    return client.post(
        f"{API}/decisions",
        {
            "unit_id": cast.dong_xuan.pk,
            "matter": matter,
            "scope": "village",
            "village_ids": [village.pk],
            "form": form,
            "title": "Đóng góp làm đường thôn Đông",
        },
        content_type="application/json",
        headers={"Idempotency-Key": key},
    )


def announce(client, decision_id):
    notice = timezone.localdate() - dt.timedelta(days=6)
    return client.post(
        f"{API}/decisions/{decision_id}/announce",
        {
            "notice_on": notice.isoformat(),
            "register_on": (notice + dt.timedelta(days=3)).isoformat(),
            "documents_sent_on": notice.isoformat(),
            "team": ["A", "B", "C"],
            "team_leader": "A",
        },
        content_type="application/json",
    )


def test_the_whole_life_through_the_api(client, cast, village):
    client.force_login(cast.alice)
    first = create(client, cast, village)
    assert first.status_code == 201, first.content
    again = create(client, cast, village)
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    decision_id = first.json()["id"]
    assert announce(client, decision_id).status_code == 200
    ids = household_ids(village)
    receipts = []
    for n, pk in enumerate(ids[:8]):
        answer = client.post(
            f"{API}/decisions/{decision_id}/ballots",
            {"household_id": pk, "choice": "agree", "channel": "online" if n % 2 else "paper"},
            content_type="application/json",
        )
        assert answer.status_code == 201, answer.content
        receipts.append(answer.json()["receipt"])
    second = client.post(
        f"{API}/decisions/{decision_id}/ballots",
        {"household_id": ids[0], "choice": "disagree"},
        content_type="application/json",
    )
    assert second.status_code == 409 and second.json()["code"] == "second_ballot"
    tally = client.get(f"{API}/decisions/{decision_id}/tally").json()
    assert tally["text"] == "8/12 hộ đồng ý = 66,7 % ≥ 2/3 (8 hộ): thông qua"
    client.logout()
    receipt = client.get(f"{API}/ballot-receipts/{receipts[0]}").json()
    assert receipt["counted"] is False and "agree" not in str(receipt) and "Đồng ý" not in str(receipt)
    client.force_login(cast.alice)
    closed = client.post(
        f"{API}/decisions/{decision_id}/close",
        {"witnesses": WITNESSES, "head_name": "Trần Văn Trưởng", "front_head_name": "Lê Thị Mặt"},
        content_type="application/json",
    )
    assert closed.status_code == 200, closed.content
    body = closed.json()
    assert body["result"] == "passed" and body["submission_due_on"] and body["effective_on"]
    for kind, words in (("count", "BIÊN BẢN KIỂM PHIẾU"), ("decision", "Kết quả bàn và quyết định")):
        docx = client.get(f"{API}/decisions/{decision_id}/record.docx?kind={kind}")
        assert docx.status_code == 200
        text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
        assert words in text and "8/12 hộ đồng ý = 66,7 % ≥ 2/3 (8 hộ): thông qua" in text
    client.logout()
    assert client.get(f"{API}/ballot-receipts/{receipts[0]}").json()["counted"] is True
    assert client.get(f"{API}/ballot-receipts/NOPE123456").status_code == 404
    client.force_login(cast.alice)
    submitted = client.post(f"{API}/decisions/{decision_id}/submit", {}, content_type="application/json").json()
    assert submitted["status"] == "submitted" and submitted["recognition_due_on"]  # the commune UBND answers


def test_recognition_by_the_right_body_with_the_clock(client, cast, village):
    from danvan.democracy import decision_services as services
    from danvan.democracy.tests.decision_fixtures import announced_decision, vote

    decision = announced_decision(cast.alice, cast.dong_xuan, [village], matter_code="6")
    decision.matter = decision.matter.__class__.objects.get(code="4")  # village head election: UBND recognizes
    CommunityDecision.objects.filter(pk=decision.pk).update(matter=decision.matter, form="ballot", went_to_ballot=True)
    decision.refresh_from_db()
    vote(cast.alice, decision, household_ids(village)[:7], "agree")
    decision, _ = services.decision_close(actor=cast.alice, decision=decision, witnesses=WITNESSES)
    decision = services.decision_submit(actor=cast.alice, decision=decision)
    assert decision.recognition_due_on is not None
    url = f"{API}/decisions/{decision.pk}/recognition"
    front = make_officer("mttq", "Bùi Thị Hoa")
    from conftest import organization
    from danvan.accounts.services import membership_grant

    membership_grant(
        actor=None, officer=front, organization=organization("22081", "fatherland_front"), role=Role.LEADER
    )
    chair = make_officer("chutich", "Đặng Văn Hùng", "22081", Role.LEADER)
    client.force_login(front)  # the Front does not recognize a village head
    assert (
        client.post(url, {"recognized": True, "document_no": "12/QĐ-UBND"}, content_type="application/json").status_code
        == 403
    )
    client.force_login(chair)
    refused = client.post(url, {"recognized": False, "document_no": "13/UBND"}, content_type="application/json")
    assert refused.status_code == 422 and refused.json()["code"] == "reasons_required"
    ok = client.post(url, {"recognized": True, "document_no": "12/QĐ-UBND"}, content_type="application/json")
    assert ok.status_code == 200, ok.content
    assert ok.json()["status"] == "recognized" and ok.json()["effective_on"] == timezone.localdate().isoformat()


def test_an_officer_of_another_commune_gets_404_for_everything(client, cast, village):
    client.force_login(cast.alice)
    decision_id = create(client, cast, village).json()["id"]
    announce(client, decision_id)
    pk = household_ids(village)[0]
    client.post(
        f"{API}/decisions/{decision_id}/ballots",
        {"household_id": pk, "choice": "agree"},
        content_type="application/json",
    )
    ballot_id = Ballot.objects.get().pk
    client.force_login(cast.bob)  # Buôn Ma Thuột
    post = {"content_type": "application/json"}
    for method, url, payload in [
        ("get", f"{API}/decisions/{decision_id}", None),
        ("get", f"{API}/decisions/{decision_id}/tally", None),
        ("get", f"{API}/decisions/{decision_id}/ballots", None),
        ("get", f"{API}/decisions/{decision_id}/record.docx", None),
        ("post", f"{API}/decisions/{decision_id}/announce", {"notice_on": "2026-01-01", "register_on": "2026-01-05"}),
        ("post", f"{API}/decisions/{decision_id}/ballots", {"household_id": pk + 1, "choice": "agree"}),
        ("post", f"{API}/decisions/{decision_id}/ballots/{ballot_id}/correction", {"choice": "agree", "reason": "x"}),
        ("post", f"{API}/decisions/{decision_id}/online-consents", {"household_ids": [pk]}),
        (
            "post",
            f"{API}/decisions/{decision_id}/meetings",
            {"village_id": village.pk, "notice_on": "2026-01-01", "held_on": "2026-01-05"},
        ),
        ("post", f"{API}/decisions/{decision_id}/close", {"witnesses": WITNESSES}),
        ("post", f"{API}/decisions/{decision_id}/submit", {}),
        ("post", f"{API}/decisions/{decision_id}/recognition", {"recognized": True, "document_no": "1"}),
    ]:
        answer = client.get(url) if method == "get" else client.post(url, payload, **post)
        assert answer.status_code == 404, (url, answer.status_code)
    created = client.post(
        f"{API}/decisions",
        {
            "unit_id": cast.dong_xuan.pk,
            "matter": "1",
            "scope": "village",
            "village_ids": [village.pk],
            "form": "ballot",
            "title": "x",
        },
        **post,
    )
    assert created.status_code == 404
    assert client.get(f"{API}/decisions").json()["count"] == 0
    assert Ballot.objects.count() == 1


def test_a_ballot_costs_a_bounded_number_of_queries_and_reads_the_scope_once(client, cast, village):
    """The hot path of a vote: every role's scope shares one look-up of the legacy units, and the unique constraint
    (not a query before the insert) refuses a second ballot."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast.alice)
    decision_id = create(client, cast, village).json()["id"]
    announce(client, decision_id)
    ids = household_ids(village)
    with CaptureQueriesContext(connection) as captured:
        answer = client.post(
            f"{API}/decisions/{decision_id}/ballots",
            {"household_id": ids[0], "choice": "agree"},
            content_type="application/json",
        )
    assert answer.status_code == 201, answer.content
    sql = [query["sql"] for query in captured.captured_queries]
    assert sum("core_unitsuccession" in text for text in sql) <= 1, sql
    assert not any("SELECT 1 AS" in text and "democracy_ballot" in text for text in sql), sql
    # The decision is read once, with its lock (of its own row only, not of its unit or matter).
    reads = [text for text in sql if text.startswith("SELECT") and 'FROM "democracy_communitydecision"' in text]
    assert len(reads) == 1, "\n".join(sql)
    if connection.vendor == "postgresql":
        assert 'FOR UPDATE OF "democracy_communitydecision"' in reads[0], reads[0]
    # 3 of the session, 5 of the ballot (decision, legacy units, register, ballot, audit) and one savepoint (the
    # request's transaction inside the test's): 10 (was 17, then 13).
    assert len(sql) <= 10, "\n".join(sql)

    # A second ballot of the household: refused by the unique constraint, clearly, and nothing of it is kept (no
    # ballot, no audit entry); the next household's ballot goes through on the same connection.
    from danvan.core.models import AuditEntry

    audits = AuditEntry.objects.filter(action="democracy.ballot.recorded").count()
    again = client.post(
        f"{API}/decisions/{decision_id}/ballots",
        {"household_id": ids[0], "choice": "disagree", "channel": "online"},
        content_type="application/json",
    )
    assert again.status_code == 409 and again.json()["code"] == "second_ballot", again.content
    assert "đã có phiếu: mỗi hộ một phiếu" in again.json()["message"]
    assert Ballot.objects.filter(decision_id=decision_id).count() == 1
    assert AuditEntry.objects.filter(action="democracy.ballot.recorded").count() == audits
    following = client.post(
        f"{API}/decisions/{decision_id}/ballots",
        {"household_id": ids[1], "choice": "agree"},
        content_type="application/json",
    )
    assert following.status_code == 201, following.content
    assert Ballot.objects.filter(decision_id=decision_id).count() == 2


def test_a_ballot_resent_with_its_idempotency_key_gets_the_first_ballot(client, cast, village):
    """A retry after a dropped answer: 200 with the same ballot (receipt), one ballot and one audit entry; the same
    key with another household is 422 ``idempotency_mismatch``; another key for the household is a second
    ballot (409). The key is one officer's: another officer's same key records nothing of theirs."""
    from danvan.core.models import AuditEntry

    client.force_login(cast.alice)
    decision_id = create(client, cast, village).json()["id"]
    announce(client, decision_id)
    ids = household_ids(village)
    url = f"{API}/decisions/{decision_id}/ballots"

    def send(household_id: int, key: str | None, choice: str = "agree"):
        headers = {"Idempotency-Key": key} if key else {}
        body = {"household_id": household_id, "choice": choice}
        return client.post(url, body, content_type="application/json", headers=headers)

    first = send(ids[0], "ballot-1")
    retry = send(ids[0], "ballot-1")
    assert first.status_code == 201 and retry.status_code == 200, retry.content
    assert retry.json()["receipt"] == first.json()["receipt"] and retry.json()["id"] == first.json()["id"]
    assert Ballot.objects.filter(decision_id=decision_id).count() == 1
    assert AuditEntry.objects.filter(action="democracy.ballot.recorded").count() == 1
    mismatch = send(ids[1], "ballot-1")
    assert mismatch.status_code == 422 and mismatch.json()["code"] == "idempotency_mismatch", mismatch.content
    changed_mind = send(ids[0], "ballot-1", choice="disagree")
    assert changed_mind.status_code == 422 and changed_mind.json()["code"] == "idempotency_mismatch"
    second = send(ids[0], "ballot-2", choice="disagree")
    assert second.status_code == 409 and second.json()["code"] == "second_ballot"
    # Another officer of the commune with the same key: their own request, checked on its own (a second ballot).
    client.force_login(make_officer("ivan", "Bùi Văn Ích", "22081", Role.OFFICER))
    theirs = send(ids[0], "ballot-1")
    assert theirs.status_code == 409 and theirs.json()["code"] == "second_ballot"
    assert Ballot.objects.filter(decision_id=decision_id).count() == 1
