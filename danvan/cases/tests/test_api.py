"""The case engine through its API (/api/v1, real database, tokens and sessions): the whole workflow, list
filters, pick-lists, duplicates, assignment and notices, the second complaint, attachments, the vault read."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from danvan.accounts.services import api_token_create
from danvan.cases.models import Case, CaseStatus, ComplexityCriterion
from danvan.cases.services import PersonIn, TransitionInput, case_receive, case_transition
from danvan.cases.vault import DenouncerIdentity, DenouncerPerson
from danvan.core.models import AuditEntry
from danvan.core.phones import phone_message
from danvan.notifications.models import Notification

pytestmark = pytest.mark.django_db

COMPLAINT = {
    "kind": "complaint",
    "channel": "web",
    "field": "dat-dai",
    "title": "Khiếu nại quyết định bồi thường thửa 88",
    "summary": "Bà Phạm Thị Lan khiếu nại Quyết định số 12/QĐ-UBND về mức bồi thường thửa đất số 88.",
    "received_on": "2026-11-18",
    "people": [{"full_name": "Phạm Thị Lan", "address": "Thôn 2, xã Đồng Xuân", "id_number": "066170001111"}],
    "subject_party": "Quyết định số 12/QĐ-UBND",
    "event_known_on": "2026-10-20",
}


def bearer(officer: Any) -> dict[str, str]:
    """Headers of a real personal API token of ``officer``."""
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=officer, officer=officer, name='test')[1]}"}


def post(client: Any, url: str, payload: dict[str, Any] | None = None, **headers: str) -> Any:
    return client.post(url, payload or {}, content_type="application/json", **headers)


def step(client: Any, case_id: int, action: str, headers: dict[str, str] | None = None, **fields: Any) -> Any:
    return post(client, f"/api/v1/cases/{case_id}/transitions", {"action": action, **fields}, **(headers or {}))


def test_complaint_from_receipt_to_closing_through_the_api(client, cast, grace):
    alice = bearer(cast.alice)
    created = post(client, "/api/v1/cases", {**COMPLAINT, "unit_id": cast.dong_xuan.pk}, **alice)
    assert created.status_code == 201, created.json()
    case = created.json()
    assert case["code"] == "22081-2026-00001" and case["status"] == "received" and case["channel"] == "web"
    assert case["people"][0]["full_name"] == "Phạm Thị Lan" and case["due_step"] == "intake"
    assert case["due_on"] == "2026-11-30" and any("ngày làm việc" in line for line in case["due_explanation"])
    assert [a["action"] for a in case["actions"]] == ["classify", "file", "withdraw"]
    url = f"/api/v1/cases/{case['id']}"

    classified = step(client, case["id"], "classify", is_eligible=True, in_jurisdiction=True, headers=alice)
    assert classified.status_code == 200 and classified.json()["status"] == "classified"
    client.force_login(grace)  # the leader works in the browser: the session authenticates the API too
    version = client.get(url).json()["version"]
    accepted = step(client, case["id"], "accept", document_no="05/TB-UBND", expected_version=version)
    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["accepted_on"] == "2026-11-20" and accepted.json()["due_step"] == "resolution"
    criterion = ComplexityCriterion.objects.filter(kind="complaint").first()
    assert criterion is not None
    extended = step(
        client, case["id"], "extend", note="Nhiều hộ liên quan", document_no="07/QĐ-UBND", criteria=[criterion.code]
    )
    assert extended.status_code == 200, extended.json()
    assert extended.json()["is_complex"] and extended.json()["criteria"] == [criterion.code]
    assert extended.json()["due_on"] == "2027-01-04"  # 45 days from acceptance on 20/11/2026
    assert step(client, case["id"], "verify", headers=alice).status_code == 200
    resolved = step(
        client,
        case["id"],
        "resolve",
        document_no="20/QĐ-UBND",
        document_date="2026-11-20",
        outcome="partly_right",
        resolution_summary="Điều chỉnh đơn giá bồi thường.",
    )
    assert resolved.status_code == 200, resolved.json()
    assert resolved.json()["resolution_timeliness"] == "on_time" and resolved.json()["due_on"] is None
    assert step(client, case["id"], "notify", headers=alice).status_code == 200
    closed = step(client, case["id"], "close", headers=alice)
    assert closed.status_code == 200 and closed.json()["status"] == "closed" and closed.json()["actions"] == []

    history = client.get(f"{url}/history", **alice).json()
    assert [row["action"] for row in history["items"]] == [
        "receive",
        "classify",
        "accept",
        "extend",
        "verify",
        "resolve",
        "notify",
        "close",
    ]
    assert history["items"][2]["actor_name"] == "Võ Thị Giang" and history["items"][2]["action_label"] == "Thụ lý"
    entries = AuditEntry.objects.filter(object_type="cases.case", object_id=str(case["id"]))
    assert entries.exclude(action="core.personal_data.shown").count() == 8


def test_list_filters_and_pagination_like_the_page(
    client, cast, land, complaint, denunciation, django_assert_max_num_queries
):
    for number in range(5):
        case_receive(
            actor=cast.alice,
            unit=cast.dong_xuan,
            kind="feedback",
            channel="hotline",
            field=land,
            title=f"Phản ánh đèn đường hỏng số {number}",
            summary="Đèn đường thôn 4 hỏng nhiều ngày",
            received_on=dt.date(2026, 11, 10 + number),
            people=[PersonIn("Trương Văn Sáng")],
        )
    client.force_login(cast.carol)  # the province leader sees the commune's cases
    page = client.get("/api/v1/cases", {"limit": 3}).json()
    assert page["count"] == 7 and len(page["items"]) == 3
    assert [item["received_on"] for item in page["items"]] == ["2026-11-16", "2026-11-14", "2026-11-13"]
    rest = client.get("/api/v1/cases", {"limit": 3, "offset": 6}).json()
    assert len(rest["items"]) == 1 and rest["items"][0]["code"] == complaint.code
    first = page["items"][0]
    assert first["unit"]["name"] == "Xã Đồng Xuân" and first["field"]["code"] == "dat-dai"
    assert first["assignee_name"] == "Nguyễn Thị An" and "summary" not in first

    def codes(**params: Any) -> list[str]:
        return [item["code"] for item in client.get("/api/v1/cases", params).json()["items"]]

    assert codes(kind="denunciation") == [denunciation.code]
    assert codes(q="thua 125 thu hoi") == [complaint.code]  # without diacritics
    assert len(codes(channel="hotline", received_from="2026-11-12", received_to="2026-11-13")) == 2
    assert codes(field=land.pk, kind="complaint", open="true") == [complaint.code]
    assert codes(order="due")[0] == complaint.code  # due 11/11/2026, the most urgent
    assert codes(unit=cast.buon_ma_thuot.pk) == []
    assert codes(status="closed") == []
    denounced = client.get("/api/v1/cases", {"kind": "denunciation"}).json()["items"][0]
    assert denounced["has_denouncer"] and not denounced["is_anonymous"]
    bad = client.get("/api/v1/cases", {"kind": "petition", "deadline": "soon"})
    assert bad.status_code == 422 and {"kind", "deadline"} <= set(bad.json()["fields"])

    client.force_login(cast.bob)
    assert client.get("/api/v1/cases").json()["count"] == 0

    client.force_login(cast.carol)
    with django_assert_max_num_queries(6) as few:
        client.get("/api/v1/cases", {"limit": 1})
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get("/api/v1/cases", {"limit": 100, "q": "den duong"}).json()["items"]) == 5


def test_pick_lists_carry_their_legal_basis_without_login(client, db):
    grounds = client.get("/api/v1/cases/refusal-grounds", {"scope": "complaint"}).json()
    assert len(grounds) == 9 and all("Luật Khiếu nại" in ground["legal_basis"] for ground in grounds)
    assert client.get("/api/v1/cases/refusal-grounds", {"scope": "complaint", "on": "2010-01-01"}).json() == []
    fields = client.get("/api/v1/cases/fields").json()
    assert fields[0] == {"id": fields[0]["id"], "code": "dat-dai", "name": "Đất đai"}
    criteria = client.get("/api/v1/cases/complexity-criteria", {"kind": "denunciation"}).json()
    assert len(criteria) == 7 and criteria[0]["legal_basis"].startswith("Nghị định 31/2019")
    before = client.get("/api/v1/cases/complexity-criteria", {"kind": "complaint", "on": "2026-06-30"}).json()
    assert before == []  # the complaint criteria apply from 01/07/2026


def test_unknown_codes_are_refused_with_a_clear_message(client, cast, complaint):
    client.force_login(cast.alice)
    wrong_field = post(client, "/api/v1/cases", {**COMPLAINT, "unit_id": cast.dong_xuan.pk, "field": "thue-dat"})
    assert wrong_field.status_code == 400 and wrong_field.json()["code"] == "invalid_field"
    assert "Lĩnh vực" in wrong_field.json()["message"] and "field" in wrong_field.json()["fields"]
    ground = step(client, complaint.pk, "classify", is_eligible=False, in_jurisdiction=True, refusal_ground="het-han")
    assert ground.status_code == 400 and ground.json()["code"] == "invalid_refusal_ground"
    assert "không có trong danh mục" in ground.json()["message"]
    other_kind = step(
        client, complaint.pk, "classify", is_eligible=False, in_jurisdiction=True, refusal_ground="tc-khong-co-co-so"
    )
    assert other_kind.status_code == 400 and other_kind.json()["code"] == "refusal_ground_not_applicable"
    criteria = step(client, complaint.pk, "extend", criteria=["rat-phuc-tap"])
    assert criteria.status_code == 400 and criteria.json()["code"] == "invalid_criteria"
    assert step(client, complaint.pk, "approve").json()["code"] == "unknown_action"
    outcome = step(client, complaint.pk, "resolve", outcome="very_right")
    assert outcome.status_code == 422 and "outcome" in outcome.json()["fields"]
    refused = step(
        client, complaint.pk, "classify", is_eligible=False, in_jurisdiction=True, refusal_ground="kn-khong-chu-ky"
    )
    assert refused.status_code == 200 and refused.json()["refusal_ground"] == "kn-khong-chu-ky"


def test_duplicates_are_suggested_linked_dismissed_and_share_one_history(client, cast, land, complaint):
    resent = case_receive(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind="complaint",
        channel="post",
        field=land,
        title=complaint.title,
        summary=complaint.summary,
        received_on=dt.date(2026, 11, 19),
        people=[PersonIn("Nguyễn Văn Hùng", id_number="066080001234")],
    )
    unrelated = case_receive(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind="recommendation",
        channel="post",
        field=land,
        title="Kiến nghị cấp giấy chứng nhận",
        summary="Ông Nguyễn Văn Hùng kiến nghị cấp giấy chứng nhận quyền sử dụng đất thửa khác.",
        received_on=dt.date(2026, 11, 19),
        people=[PersonIn("Nguyễn Văn Hùng", id_number="066080001234")],
    )
    client.force_login(cast.alice)
    found = client.get(f"/api/v1/cases/{resent.pk}/duplicates").json()
    assert [row["code"] for row in found] == [complaint.code, unrelated.code]
    assert found[0]["score"] >= 90 and found[0]["same_person"] and "Cùng người gửi" in found[0]["reasons"]
    probe = post(
        client,
        "/api/v1/cases/duplicates/probe",
        {"title": complaint.title, "summary": complaint.summary, "people": [{"full_name": "Nguyễn Văn Hùng"}]},
    ).json()
    assert {row["code"] for row in probe} >= {complaint.code, resent.code}

    linked = post(client, f"/api/v1/cases/{resent.pk}/links", {"other_id": complaint.pk, "score": found[0]["score"]})
    assert linked.status_code == 201 and linked.json()["case_code"] == complaint.code
    dismissed = post(client, f"/api/v1/cases/{resent.pk}/dismissals", {"other_id": unrelated.pk})
    assert dismissed.status_code == 204
    assert client.get(f"/api/v1/cases/{resent.pk}/duplicates").json() == []
    detail = client.get(f"/api/v1/cases/{complaint.pk}").json()
    assert detail["links"][0]["direction"] == "in" and detail["links"][0]["case_id"] == resent.pk
    case_transition(
        actor=cast.alice,
        case=complaint,
        action="classify",
        data=TransitionInput(is_eligible=True, in_jurisdiction=True),
    )
    shared = client.get(f"/api/v1/cases/{resent.pk}/history").json()["items"]
    assert [(row["case_code"], row["action"]) for row in shared] == [
        (complaint.code, "receive"),
        (resent.code, "receive"),
        (complaint.code, "classify"),
    ]
    client.force_login(cast.bob)
    outside = post(client, f"/api/v1/cases/{unrelated.pk}/links", {"other_id": complaint.pk})
    assert outside.status_code == 404


def test_probe_never_tells_an_officer_without_vault_rights_who_denounced(client, cast, ivan, denunciation):
    probe = {
        "title": "Đề nghị cấp lại sổ hộ khẩu",
        "summary": "Xin cấp lại giấy tờ bị mất.",
        "people": [{"full_name": "Lê Thị Mật", "id_number": "066190009999"}],
    }
    client.force_login(ivan)  # an officer of the same commune, neither handler nor accepting leader
    assert post(client, "/api/v1/cases/duplicates/probe", probe).json() == []
    client.force_login(cast.alice)  # the handler may see the match
    [row] = post(client, "/api/v1/cases/duplicates/probe", probe).json()
    # The same ID number alone is enough to be suggested (duplicates.ID_MATCH_POINTS).
    assert row["code"] == denunciation.code and row["same_person"] and row["score"] == 50


def test_a_denunciation_duplicate_does_not_reveal_its_denouncer_through_a_complaint(client, cast, ivan, land):
    denunciation = case_receive(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind="denunciation",
        channel="post",
        field=land,
        title="Tố cáo chủ tịch xã",
        summary="Tố cáo việc giao đất trái thẩm quyền tại thôn 5.",
        received_on=dt.date(2026, 11, 19),
        denouncer=DenouncerIdentity(people=(DenouncerPerson("Lý Văn Kín", id_number="0661"),)),
    )
    case_receive(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind="recommendation",
        channel="in_person",
        field=land,
        title="Kiến nghị sửa cầu",
        summary="Cầu tràn thôn 5 xuống cấp.",
        received_on=dt.date(2026, 11, 19),
        people=[PersonIn("Lý Văn Kín", id_number="0661")],
    )
    client.force_login(ivan)
    assert client.get(f"/api/v1/cases/{denunciation.pk}/duplicates").json() == []
    client.force_login(cast.alice)
    assert [row["same_person"] for row in client.get(f"/api/v1/cases/{denunciation.pk}/duplicates").json()] == [True]


def test_assignment_notifies_the_new_handler(client, cast, grace, ivan, complaint):
    client.force_login(cast.alice)
    refused = post(client, f"/api/v1/cases/{complaint.pk}/assign", {"assignee_id": ivan.pk})
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    client.force_login(grace)
    outsider = post(client, f"/api/v1/cases/{complaint.pk}/assign", {"assignee_id": cast.bob.pk})
    assert outsider.status_code == 400 and outsider.json()["code"] == "assignee_out_of_unit"
    assigned = post(
        client, f"/api/v1/cases/{complaint.pk}/assign", {"assignee_id": ivan.pk, "expected_version": complaint.version}
    )
    assert assigned.status_code == 200 and assigned.json()["assignee_name"] == "Bùi Văn Ích"
    stale = post(
        client, f"/api/v1/cases/{complaint.pk}/assign", {"assignee_id": ivan.pk, "expected_version": complaint.version}
    )
    assert stale.status_code == 409 and stale.json()["code"] == "stale"

    client.force_login(ivan)
    mine = client.get("/api/v1/notifications", {"unread": "true"}).json()
    assert mine["count"] == 1 and mine["items"][0]["kind"] == "case_assigned"
    assert mine["items"][0]["case_id"] == complaint.pk and complaint.code in mine["items"][0]["message"]
    assert post(client, "/api/v1/notifications/read", {"ids": [mine["items"][0]["id"]]}).json() == {"marked": 1}
    assert client.get("/api/v1/notifications", {"unread": "true"}).json()["count"] == 0
    assert client.get("/api/v1/notifications").json()["items"][0]["is_read"]
    client.force_login(grace)
    assert post(client, "/api/v1/notifications/read", {"ids": list(Notification.objects.values_list("pk", flat=True))})
    assert Notification.objects.get(recipient=ivan).read_at is not None  # read once, by ivan only


def test_second_complaint_opens_at_the_province_linked_to_the_first(client, cast, grace, complaint):
    client.force_login(cast.carol)
    early = post(
        client,
        f"/api/v1/cases/{complaint.pk}/second-complaint",
        {"unit_id": cast.dak_lak.pk, "received_on": "2026-11-20", "summary": "Không đồng ý"},
    )
    assert early.status_code == 409 and early.json()["code"] == "not_resolvable_yet"
    case = case_transition(
        actor=cast.alice,
        case=complaint,
        action="classify",
        data=TransitionInput(is_eligible=True, in_jurisdiction=True),
    )
    case = case_transition(actor=grace, case=case, action="accept", data=TransitionInput(document_no="1"))
    case_transition(
        actor=grace,
        case=case,
        action="resolve",
        data=TransitionInput(document_no="2/QĐ", document_date=dt.date(2026, 11, 20), outcome="wrong"),
    )
    payload = {
        "unit_id": cast.dak_lak.pk,
        "received_on": "2026-11-20",
        "decision_received_on": "2026-11-20",
        "summary": "Không đồng ý với quyết định 2/QĐ",
    }
    second = post(client, f"/api/v1/cases/{complaint.pk}/second-complaint", payload, HTTP_IDEMPOTENCY_KEY="k-2")
    assert second.status_code == 201, second.json()
    body = second.json()
    assert body["complaint_round"] == 2 and body["unit"]["code"] == "66" and body["is_protracted"]
    assert body["links"][0]["kind"] == "second_round" and body["links"][0]["case_id"] == complaint.pk
    again = post(client, f"/api/v1/cases/{complaint.pk}/second-complaint", payload, HTTP_IDEMPOTENCY_KEY="k-2")
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    client.force_login(cast.alice)  # the commune cannot open a complaint at the province
    outside = post(client, f"/api/v1/cases/{complaint.pk}/second-complaint", payload)
    assert outside.status_code == 404 and outside.json()["code"] == "not_found"


def pdf_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(buffer, "PDF")
    return buffer.getvalue()


def test_documents_are_attached_by_officers_and_listed(client, cast, complaint):
    url = f"/api/v1/cases/{complaint.pk}/attachments"
    client.force_login(cast.alice)
    upload = SimpleUploadedFile("bien-ban.pdf", pdf_bytes(), content_type="application/pdf")
    created = client.post(url, {"file": upload})
    assert created.status_code == 201, created.json()
    assert created.json()["content_type"] == "application/pdf" and created.json()["download_url"].endswith("/download")
    fake = client.post(url, {"file": SimpleUploadedFile("x.pdf", b"<script>", content_type="application/pdf")})
    assert fake.status_code == 415
    client.force_login(cast.erin)  # a viewer reads but does not attach
    assert client.get(url).json()["count"] == 1
    upload = SimpleUploadedFile("b.pdf", pdf_bytes(), content_type="application/pdf")
    assert client.post(url, {"file": upload}).status_code == 403
    client.force_login(cast.bob)
    assert client.get(url).status_code == 404


def test_the_handler_reads_the_denouncer_audited_and_never_cached(client, cast, grace, denunciation):
    client.force_login(cast.alice)  # alice received it, so she is its handler
    detail = client.get(f"/api/v1/cases/{denunciation.pk}").json()
    assert detail["can_read_denouncer"] and detail["has_denouncer"] and detail["people"] == []
    response = client.get(f"/api/v1/cases/{denunciation.pk}/denouncer")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["people"][0]["full_name"] == "Lê Thị Mật" and body["people"][0]["phone"] == "0905123456"
    assert body["scans"] == 0
    read = AuditEntry.objects.get(action="cases.denouncer.read")
    assert read.actor_id == cast.alice.pk and read.object_id == str(denunciation.pk) and read.changes == {}
    client.force_login(grace)  # the leader reads it once she has accepted the case
    assert client.get(f"/api/v1/cases/{denunciation.pk}").json()["can_read_denouncer"] is False
    case_transition(
        actor=cast.alice,
        case=denunciation,
        action="classify",
        data=TransitionInput(is_eligible=True, in_jurisdiction=True),
    )
    case_transition(actor=grace, case=denunciation, action="accept", data=TransitionInput(document_no="9/QĐ"))
    assert client.get(f"/api/v1/cases/{denunciation.pk}/denouncer").status_code == 200


def test_a_received_case_answers_201_and_is_visible_in_the_unit_only(client, cast):
    created = post(client, "/api/v1/cases", {**COMPLAINT, "unit_id": cast.dong_xuan.pk}, **bearer(cast.alice))
    assert created.status_code == 201
    assert Case.objects.get(pk=created.json()["id"]).status == CaseStatus.RECEIVED
    elsewhere = post(client, "/api/v1/cases", {**COMPLAINT, "unit_id": cast.buon_ma_thuot.pk}, **bearer(cast.alice))
    assert elsewhere.status_code == 404 and elsewhere.json()["code"] == "not_found"
    viewer = post(client, "/api/v1/cases", {**COMPLAINT, "unit_id": cast.dong_xuan.pk}, **bearer(cast.erin))
    assert viewer.status_code == 404
    assert client.get("/api/v1/cases").status_code == 401


def test_a_phone_that_is_not_a_number_is_refused_for_petitioners_and_denouncers(client, cast):
    alice = bearer(cast.alice)
    person = {"full_name": "Phạm Thị Lan", "phone": "15.000.000"}
    petition = post(client, "/api/v1/cases", {**COMPLAINT, "unit_id": cast.dong_xuan.pk, "people": [person]}, **alice)
    assert petition.status_code == 422 and petition.json()["fields"] == {"people.0.phone": [phone_message()]}
    denunciation = {**COMPLAINT, "kind": "denunciation", "people": [], "unit_id": cast.dong_xuan.pk}
    signed = post(client, "/api/v1/cases", {**denunciation, "denouncer": {"people": [person]}}, **alice)
    assert signed.status_code == 422 and signed.json()["fields"] == {"denouncer.people.0.phone": [phone_message()]}
    assert not Case.objects.exists()
    person["phone"] = "+84 905 123 456"
    created = post(client, "/api/v1/cases", {**COMPLAINT, "unit_id": cast.dong_xuan.pk, "people": [person]}, **alice)
    assert created.status_code == 201 and created.json()["people"][0]["phone"] == "0905123456"


def test_a_denunciation_signed_by_two_is_received_with_both_in_the_vault(client, cast, ivan):
    payload = {
        **COMPLAINT,
        "kind": "denunciation",
        "title": "Tố cáo trưởng thôn thu tiền sai quy định",
        "people": [],
        "unit_id": cast.dong_xuan.pk,
        "denouncer": {
            "people": [
                {"full_name": "Hồ Văn Kín", "id_number": "066300011111"},
                {"full_name": "Đặng Thị Giấu", "phone": "0988000222"},
            ]
        },
    }
    created = post(client, "/api/v1/cases", payload, **bearer(cast.alice))
    assert created.status_code == 201, created.json()
    case = created.json()
    assert case["has_denouncer"] and case["persons_count"] == 2 and case["people"] == []
    client.force_login(cast.alice)  # the handler
    vault_read = client.get(f"/api/v1/cases/{case['id']}/denouncer").json()
    assert [person["full_name"] for person in vault_read["people"]] == ["Hồ Văn Kín", "Đặng Thị Giấu"]
    client.force_login(ivan)
    for url in ("/api/v1/cases", f"/api/v1/cases/{case['id']}"):
        text = client.get(url).content.decode()
        assert case["code"] in text and "Hồ Văn Kín" not in text and "Đặng Thị Giấu" not in text
    assert client.get(f"/api/v1/cases/{case['id']}/denouncer").status_code == 404


def test_the_list_over_a_token_costs_the_same_queries_for_one_row_as_for_a_hundred(
    client, cast, land, complaint, denunciation, django_assert_num_queries
):
    """Issue 15: the list over HTTP must not double the in-process list. A token request reads its token and officer,
    the officer's memberships and the units they succeeded, then the page (sort keys, then the rows with their unit,
    field and handler): 5 queries however many rows, none per row — a column the list leaves unread
    (``filters.LIST_COLUMNS``) would load row by row, and this count would grow. (The calendar version is read
    from the shared cache: one more query where that cache is the database, as in production.)"""
    for number in range(30):
        case_receive(
            actor=cast.alice,
            unit=cast.dong_xuan,
            kind=["feedback", "complaint", "recommendation"][number % 3],
            channel="hotline",
            field=land,
            title=f"Phản ánh đèn đường hỏng số {number}",
            summary="Đèn đường thôn 4 hỏng nhiều ngày",
            received_on=dt.date(2026, 11, 1 + number % 15),
            people=[PersonIn("Trương Văn Sáng")],
            assignee=cast.alice if number % 2 else None,
        )
    headers = bearer(cast.carol)
    assert client.get("/api/v1/cases", {"limit": 1}, **headers).status_code == 200  # the token's first use is written
    with django_assert_num_queries(5):
        one = client.get("/api/v1/cases", {"limit": 1}, **headers).json()
    with django_assert_num_queries(5):
        page = client.get("/api/v1/cases", {"limit": 100}, **headers).json()
    assert one["count"] == page["count"] == 32 and len(page["items"]) == 32
    by_code = {item["code"]: item for item in page["items"]}
    shown = by_code[denunciation.code]
    assert shown["has_denouncer"] and shown["kind_label"] == "Tố cáo" and "denouncer" not in shown
    assigned = [item for item in page["items"] if item["assignee_id"]]
    assert assigned and all(item["assignee_name"] == "Nguyễn Thị An" for item in assigned)
    assert by_code[complaint.code]["unit"]["name"] == "Xã Đồng Xuân" and by_code[complaint.code]["field"]["code"]
    assert all(item["status_label"] and item["status_label"] != item["status"] for item in page["items"])
