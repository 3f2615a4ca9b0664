"""Bad input through the case API, one test each (the issue's list): a resolution dated before receipt, a step
out of order, two officers accepting at once, a double-clicked submit, a late complaint, one extension too
many, the denouncer asked for without the right (API, lists, audit), a case transferred out of sight, another
unit's case."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from conftest import make_officer
from danvan.accounts.models import Role
from danvan.accounts.services import api_token_create
from danvan.cases.models import Case, CaseStatus, ComplexityCriterion
from danvan.cases.services import TransitionInput, case_transition
from danvan.cases.tests.conftest import wait_for_lock
from danvan.core.models import AuditEntry
from danvan.core.text import fold

# The denouncer of the ``denunciation`` fixture: none of this may leave the vault but through its audited read.
DENOUNCER = ("Lê Thị Mật", "Thôn 3, xã Đồng Xuân", "0905123456", "066190009999")


def post(client: Any, url: str, payload: dict[str, Any], **headers: str) -> Any:
    return client.post(url, payload, content_type="application/json", **headers)


def step(client: Any, case: Case, action: str, **fields: Any) -> Any:
    return post(client, f"/api/v1/cases/{case.pk}/transitions", {"action": action, **fields})


def classified(case: Case, actor: Any, *, in_jurisdiction: bool = True) -> Case:
    return case_transition(
        actor=actor,
        case=case,
        action="classify",
        data=TransitionInput(is_eligible=True, in_jurisdiction=in_jurisdiction),
    )


def accepted(case: Case, officer: Any, leader: Any) -> Case:
    return case_transition(
        actor=leader, case=classified(case, officer), action="accept", data=TransitionInput(document_no="1/TB")
    )


def assert_no_denouncer(body: object) -> None:
    """Neither the identity nor its unaccented spelling appears anywhere in ``body`` (JSON-decoded)."""
    text = json.dumps(body, ensure_ascii=False)
    for value in DENOUNCER:
        assert value not in text
        assert fold(value) not in fold(text)


COMPLAINT = {
    "kind": "complaint",
    "field": "dat-dai",
    "title": "Khiếu nại quyết định xử phạt",
    "summary": "Khiếu nại Quyết định xử phạt vi phạm hành chính số 3/QĐ-XPVPHC.",
    "received_on": "2026-11-20",
    "people": [{"full_name": "Hà Văn Muộn"}],
}


@pytest.mark.django_db
def test_resolution_dated_before_receipt_is_refused(client, cast, grace, complaint):
    accepted(complaint, cast.alice, grace)
    client.force_login(grace)
    response = step(client, complaint, "resolve", document_no="9/QĐ", document_date="2026-10-01", outcome="wrong")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "decision_before_receipt" and "document_date" in body["fields"]
    assert body["message"] == "Ngày quyết định (01/10/2026) không thể trước ngày nhận đơn (02/11/2026)."


@pytest.mark.django_db
def test_a_step_out_of_order_is_a_conflict(client, cast, grace, complaint):
    client.force_login(grace)
    response = step(client, complaint, "resolve", document_no="9/QĐ", document_date="2026-11-20", outcome="wrong")
    assert response.status_code == 409 and response.json()["code"] == "invalid_transition"
    assert "Đã tiếp nhận" in response.json()["message"]
    complaint.refresh_from_db()
    assert complaint.status == CaseStatus.RECEIVED and complaint.version == 1


@pytest.mark.django_db
def test_two_officers_accepting_from_the_same_version_one_wins(client, cast, grace, complaint):
    case = classified(complaint, cast.alice)
    client.force_login(grace)
    first = step(client, case, "accept", document_no="1/TB", expected_version=case.version)
    client.force_login(cast.carol)  # the province leader, who read the same version
    second = step(client, case, "accept", document_no="2/TB", expected_version=case.version)
    assert first.status_code == 200 and second.status_code == 409
    assert second.json()["code"] == "stale" and "tải lại" in second.json()["message"]
    case.refresh_from_db()
    assert case.accepted_by == grace and case.intake_document_no == "1/TB"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_officers_accepting_at_the_same_moment_one_wins(committed_audit_cleanup, cast, grace, complaint):
    """A real race: two threads, each with its own database connection, accept from the same version."""
    hana = make_officer("hana", "Đặng Thị Hạnh", "22081", Role.LEADER)
    case = classified(complaint, cast.alice)
    tokens = {officer.pk: api_token_create(actor=officer, officer=officer, name="race")[1] for officer in (grace, hana)}
    start = threading.Barrier(2)
    answers: dict[int, tuple[int, str]] = {}

    def accept(officer_id: int) -> None:
        try:
            start.wait(timeout=10)
            with connection.execute_wrapper(wait_for_lock):
                response = Client().post(
                    f"/api/v1/cases/{case.pk}/transitions",
                    {"action": "accept", "document_no": f"TB-{officer_id}", "expected_version": case.version},
                    content_type="application/json",
                    HTTP_AUTHORIZATION=f"Bearer {tokens[officer_id]}",
                )
            answers[officer_id] = (response.status_code, "" if response.status_code == 200 else response.json()["code"])
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(officer.pk,)) for officer in (grace, hana)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(answers.values()) == [(200, ""), (409, "stale")], answers
    winner = next(officer_id for officer_id, (status, _code) in answers.items() if status == 200)
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED and case.accepted_by_id == winner
    assert case.intake_document_no == f"TB-{winner}" and case.version == 3
    assert case.transitions.filter(action="accept").count() == 1


@pytest.mark.django_db
def test_a_double_clicked_submit_makes_one_case(client, cast):
    client.force_login(cast.alice)
    payload = {**COMPLAINT, "unit_id": cast.dong_xuan.pk}
    first = post(client, "/api/v1/cases", payload, HTTP_IDEMPOTENCY_KEY="3f1c9a7e-intake-17")
    second = post(client, "/api/v1/cases", payload, HTTP_IDEMPOTENCY_KEY="3f1c9a7e-intake-17")
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["id"] == second.json()["id"] and Case.objects.count() == 1
    in_body = post(client, "/api/v1/cases", {**payload, "submission_key": "3f1c9a7e-intake-17"})
    assert in_body.json()["id"] == first.json()["id"]
    # The key is the officer's own: the same key from another officer is another submission, never her case.
    client.force_login(make_officer("khoa", "Mai Văn Khoa", "22081", Role.OFFICER))
    other = post(client, "/api/v1/cases", payload, HTTP_IDEMPOTENCY_KEY="3f1c9a7e-intake-17")
    assert other.status_code == 201 and other.json()["id"] != first.json()["id"]


@pytest.mark.django_db
def test_a_complaint_after_the_90_day_limit_is_warned_then_recorded_with_its_reason(client, cast):
    client.force_login(cast.alice)
    payload = {**COMPLAINT, "unit_id": cast.dong_xuan.pk, "event_known_on": "2026-06-01"}
    warned = post(client, "/api/v1/cases", payload)
    assert warned.status_code == 400 and warned.json()["code"] == "late_filing"
    assert "03/09/2026" in warned.json()["message"] and "late_filing_reason" in warned.json()["fields"]
    assert Case.objects.count() == 0
    recorded = post(client, "/api/v1/cases", {**payload, "late_filing_reason": "Nằm viện từ tháng 6 đến tháng 10"})
    assert recorded.status_code == 201
    assert recorded.json()["is_late_filing"] and recorded.json()["late_filing_reason"].startswith("Nằm viện")


@pytest.mark.django_db
def test_an_extension_beyond_the_legal_count_is_refused(client, cast, grace, complaint):
    accepted(complaint, cast.alice, grace)
    criterion = ComplexityCriterion.objects.filter(kind="complaint").values_list("code", flat=True).first()
    client.force_login(grace)
    once = step(client, complaint, "extend", note="Phức tạp", document_no="3/QĐ", criteria=[criterion])
    assert once.status_code == 200 and once.json()["extension_count"] == 1
    twice = step(client, complaint, "extend", note="Lần nữa", document_no="4/QĐ")
    assert twice.status_code == 400 and twice.json()["code"] == "extension_limit"
    assert "tối đa 1 lần" in twice.json()["message"]
    complaint.refresh_from_db()
    assert complaint.extension_count == 1 and complaint.due_on.isoformat() == once.json()["due_on"]


@pytest.mark.django_db
def test_an_officer_without_vault_rights_gets_the_404_of_a_missing_case(client, cast, ivan, denunciation):
    missing = denunciation.pk + 1000
    for officer in (ivan, cast.erin, cast.dave, cast.carol, cast.root, cast.bob):
        client.force_login(officer)
        response = client.get(f"/api/v1/cases/{denunciation.pk}/denouncer")
        absent = client.get(f"/api/v1/cases/{missing}/denouncer")
        assert (
            (response.status_code, response.json())
            == (absent.status_code, absent.json())
            == (
                404,
                {"code": "not_found", "message": "Không tìm thấy."},
            )
        ), officer
    assert not AuditEntry.objects.filter(action="cases.denouncer.read").exists()
    client.force_login(ivan)
    assert client.get(f"/api/v1/cases/{denunciation.pk}").json()["can_read_denouncer"] is False


@pytest.mark.django_db
def test_lists_details_and_the_audit_trail_never_contain_the_denouncer(client, cast, grace, denunciation):
    case_transition(
        actor=cast.alice,
        case=denunciation,
        action="classify",
        data=TransitionInput(is_eligible=True, in_jurisdiction=True, note="Đủ điều kiện"),
    )
    client.force_login(cast.alice)  # even the handler, who may open the vault, gets it from the vault read only
    assert client.get(f"/api/v1/cases/{denunciation.pk}/denouncer").status_code == 200
    for url in ("/api/v1/cases", "/api/v1/cases?kind=denunciation&q=mat", f"/api/v1/cases/{denunciation.pk}"):
        assert_no_denouncer(client.get(url).json())
    assert client.get("/api/v1/cases", {"q": "le thi mat"}).json()["count"] == 0  # not searchable either
    for suffix in ("history", "duplicates", "attachments"):
        assert_no_denouncer(client.get(f"/api/v1/cases/{denunciation.pk}/{suffix}").json())
    accepted_case = step(client, denunciation, "classify", is_eligible=True, in_jurisdiction=True)
    assert_no_denouncer(accepted_case.json())
    client.force_login(cast.dave)  # the unit administrator sees every read in the audit trail, never whose identity
    audit = client.get("/api/v1/audit", {"limit": 100}).json()
    assert "cases.denouncer.read" in {entry["action"] for entry in audit["items"]}
    assert_no_denouncer(audit)


@pytest.mark.django_db
def test_a_case_transferred_to_a_unit_the_officer_cannot_see_is_404_there(client, cast, complaint):
    client.force_login(cast.alice)
    step(client, complaint, "classify", is_eligible=True, in_jurisdiction=False)
    moved = step(client, complaint, "transfer", document_no="7/CV-UBND", target_unit_id=cast.buon_ma_thuot.pk)
    assert moved.status_code == 200 and moved.json()["status"] == "transferred"
    [link] = moved.json()["links"]
    assert link["kind"] == "transfer" and link["direction"] == "in"
    arrived = link["case_id"]
    for suffix in ("", "/history", "/duplicates", "/attachments", "/denouncer"):
        assert client.get(f"/api/v1/cases/{arrived}{suffix}").status_code == 404, suffix
    assert step(client, Case(pk=arrived), "classify", is_eligible=True, in_jurisdiction=True).status_code == 404
    assert arrived not in [item["id"] for item in client.get("/api/v1/cases").json()["items"]]
    client.force_login(cast.bob)
    there = client.get(f"/api/v1/cases/{arrived}").json()
    assert there["channel"] == "transfer" and there["unit"]["code"] == "24133" and there["status"] == "received"


@pytest.mark.django_db
def test_another_units_case_is_404_like_a_missing_one(client, cast, complaint):
    missing = complaint.pk + 1000
    for officer in (cast.bob, cast.frank):
        client.force_login(officer)
        for method, suffix, payload in (
            ("get", "", None),
            ("get", "/history", None),
            ("post", "/transitions", {"action": "classify", "is_eligible": True, "in_jurisdiction": True}),
            ("post", "/assign", {"assignee_id": officer.pk}),
            ("post", "/links", {"other_id": missing}),
        ):
            call = getattr(client, method)
            kwargs = {"data": payload, "content_type": "application/json"} if payload else {}
            seen = call(f"/api/v1/cases/{complaint.pk}{suffix}", **kwargs)
            absent = call(f"/api/v1/cases/{missing}{suffix}", **kwargs)
            assert seen.status_code == absent.status_code == 404, (officer, suffix)
            assert seen.json() == absent.json() == {"code": "not_found", "message": "Không tìm thấy."}
    complaint.refresh_from_db()
    assert complaint.status == CaseStatus.RECEIVED
