"""A repeated Idempotency-Key returns the first record only for the same request; with another body it is
refused (422 ``idempotency_mismatch``) and nothing is written. Time is frozen on Friday 20/11/2026."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.cases.models import Case
from danvan.core.errors import DomainError
from danvan.core.idempotency import check_same_request, request_fingerprint
from danvan.reception.models import Visit

pytestmark = pytest.mark.django_db

COMPLAINT = {
    "kind": "complaint",
    "field": "dat-dai",
    "title": "Khiếu nại quyết định xử phạt",
    "summary": "Khiếu nại Quyết định xử phạt vi phạm hành chính số 3/QĐ-XPVPHC.",
    "received_on": "2026-11-20",
    "people": [{"full_name": "Hà Văn Muộn"}],
}
VISIT = {
    "kind": "feedback",
    "summary": "Phản ánh đèn đường",
    "outcome": "answered",
    "answer": "Đã hướng dẫn",
    "visitors": [{"full_name": "Hà Văn Bảy"}],
}


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC))


def post(client, url, payload, key):
    return client.post(url, payload, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key)


@pytest.mark.parametrize(
    ("url", "payload", "model", "changed"),
    [
        ("/api/v1/cases", COMPLAINT, Case, {"title": "Khiếu nại quyết định thu hồi đất"}),
        ("/api/v1/reception/visits", VISIT, Visit, {"summary": "Phản ánh ô nhiễm"}),
    ],
    ids=["case", "visit"],
)
def test_the_same_key_with_another_body_is_refused(client, cast, url, payload, model, changed):
    client.force_login(cast.alice)
    body = {**payload, "unit_id": cast.dong_xuan.pk}
    first = post(client, url, body, "key-17")
    assert first.status_code == 201, first.json()
    again = post(client, url, body, "key-17")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    other = post(client, url, {**body, **changed}, "key-17")
    assert other.status_code == 422, other.json()
    assert other.json()["code"] == "idempotency_mismatch" and "Idempotency-Key" in other.json()["message"]
    assert model.objects.count() == 1
    assert post(client, url, {**body, **changed}, "key-18").status_code == 201


def test_the_key_in_the_body_is_not_part_of_the_request(client, cast):
    client.force_login(cast.alice)
    body = {**COMPLAINT, "unit_id": cast.dong_xuan.pk}
    first = post(client, "/api/v1/cases", body, "key-19")
    again = client.post("/api/v1/cases", {**body, "submission_key": "key-19"}, content_type="application/json")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]


def test_the_service_refuses_a_twin_with_another_body(cast):
    """The check also holds in the service, where a twin request that waited on the lock lands."""
    from danvan.cases.models import Field
    from danvan.cases.services import PersonIn, case_receive

    def receive(title: str) -> Case:
        return case_receive(
            actor=cast.alice,
            unit=cast.dong_xuan,
            kind="complaint",
            channel="in_person",
            field=Field.objects.get(code="dat-dai"),
            title=title,
            summary="Khiếu nại",
            received_on=dt.date(2026, 11, 20),
            people=[PersonIn("Hà Văn Muộn")],
            submission_key="k" * 64,
            submission_fingerprint=request_fingerprint(title),
        )

    first = receive("Một")
    assert receive("Một").pk == first.pk
    with pytest.raises(DomainError) as refused:
        receive("Hai")
    assert refused.value.code == "idempotency_mismatch" and refused.value.status == 422


def test_fingerprints():
    assert request_fingerprint("a", {"x": 1, "y": 2}) == request_fingerprint("a", {"y": 2, "x": 1})
    assert request_fingerprint("a", {"x": 1}) != request_fingerprint("a", {"x": 2})
    check_same_request("", "abc")  # a record made before fingerprints were kept
    check_same_request("abc", "abc")
    with pytest.raises(DomainError):
        check_same_request("abc", "abd")
