"""The registry through its pages and its API: registration with a photo, actions, access, bad input."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from danvan.core.models import Attachment, Organization
from danvan.initiatives.models import Field, Initiative, InitiativeStatus


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def test_officer_registers_a_model_with_a_photo(client, cast):
    client.force_login(cast.alice)
    organization = Organization.objects.get(unit=cast.dong_xuan, kind__code="peoples_committee")
    response = client.post(
        reverse("initiatives:create"),
        {
            "unit": cast.dong_xuan.pk,
            "organization": organization.pk,
            "kind": "model",
            "name": "Vườn mẫu kiểu mẫu",
            "field": Field.objects.get(code="economy").pk,
            "level": "commune",
            "year": 2026,
            "goals": "02 vườn mẫu",
            "funding_source_0": "Ban CHQS hỗ trợ",
            "funding_amount_0": "7000000",
            "photo": SimpleUploadedFile("vuon.png", png_bytes(), content_type="image/png"),
        },
    )
    assert response.status_code == 302, response.content
    initiative = Initiative.objects.get(name="Vườn mẫu kiểu mẫu")
    assert initiative.status == InitiativeStatus.DRAFT and initiative.funds_total == 7_000_000
    assert Attachment.objects.filter(object_type="initiatives.initiative", object_id=str(initiative.pk)).exists()
    page = client.get(reverse("initiatives:detail", args=[initiative.pk])).content.decode()
    assert "Vườn mẫu kiểu mẫu" in page and "7.000.000" in page


def test_negative_funds_in_the_form_are_refused(client, cast):
    client.force_login(cast.alice)
    organization = Organization.objects.get(unit=cast.dong_xuan, kind__code="peoples_committee")
    response = client.post(
        reverse("initiatives:create"),
        {
            "unit": cast.dong_xuan.pk,
            "organization": organization.pk,
            "kind": "model",
            "name": "X",
            "field": Field.objects.get(code="economy").pk,
            "level": "commune",
            "year": 2026,
            "funding_source_0": "UBND",
            "funding_amount_0": "-5",
        },
    )
    assert response.status_code == 200
    assert "Kinh phí không được âm." in response.content.decode()
    assert not Initiative.objects.filter(name="X").exists()


def test_other_commune_and_viewer(client, cast, draft):
    client.force_login(cast.bob)
    assert client.get(reverse("initiatives:detail", args=[draft.pk])).status_code == 404
    assert client.get(f"/api/v1/initiatives/{draft.pk}").status_code == 404
    client.force_login(cast.erin)
    assert client.get(reverse("initiatives:detail", args=[draft.pk])).status_code == 200
    client.post(reverse("initiatives:transition", args=[draft.pk]), {"action": "submit", "version": draft.version})
    draft.refresh_from_db()
    assert draft.status == InitiativeStatus.DRAFT
    response = client.post(
        f"/api/v1/initiatives/{draft.pk}/transitions", {"action": "submit"}, content_type="application/json"
    )
    assert response.status_code == 403 and response.json()["code"] == "forbidden"


def test_list_and_search_without_diacritics(client, cast, draft, django_assert_max_num_queries):
    client.force_login(cast.carol)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("initiatives:list"), {"q": "duong hoa"})
    assert "Tuyến đường hoa kiểu mẫu" in page.content.decode()
    body = client.get("/api/v1/initiatives", {"q": "duong hoa", "year": 2026, "field": "culture_society"}).json()
    assert body["count"] == 1 and body["items"][0]["unit_name"] == "Xã Đồng Xuân"
    assert client.get("/api/v1/initiatives", {"q": "duong hoa", "status": "recognized"}).json()["count"] == 0


def test_api_lifecycle_with_bad_input(client, cast, grace, henry, rubric, draft):
    url = f"/api/v1/initiatives/{draft.pk}"
    client.force_login(cast.alice)
    wrong = client.post(f"{url}/transitions", {"action": "start"}, content_type="application/json")
    assert wrong.status_code == 409 and wrong.json()["code"] == "invalid_transition"
    client.force_login(grace)
    assert client.post(f"{url}/transitions", {"action": "submit"}, content_type="application/json").status_code == 200
    client.force_login(cast.alice)
    for action in ("start", "self_assess"):
        assert client.post(f"{url}/transitions", {"action": action}, content_type="application/json").status_code == 200
    criteria = list(rubric.criteria.all())
    client.force_login(henry)
    too_high = client.put(f"{url}/scores", {"points": {c.pk: 41 for c in criteria}}, content_type="application/json")
    assert too_high.status_code == 400 and too_high.json()["code"] == "invalid_scores"
    ok = client.put(
        f"{url}/scores",
        {"points": {criteria[0].pk: 35, criteria[1].pk: 25, criteria[2].pk: 20}},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["average"] == "80.00"
    client.force_login(cast.carol)
    detail = client.post(f"{url}/evaluation/close", content_type="application/json").json()
    assert detail["status"] == "evaluated"
    board = Organization.objects.get(unit=cast.dak_lak, kind__code="steering_committee")
    payload = {
        "organization_id": board.pk,
        "number": "15",
        "symbol": "QĐ-BCĐ",
        "signed_on": "2026-11-20",
        "signer_name": "Lê Thị Cúc",
        "signer_title": "Trưởng ban",
        "initiatives": {draft.pk: detail["version"]},
    }
    assert client.post("/api/v1/initiatives/decisions", payload, content_type="application/json").status_code == 201
    again = client.post("/api/v1/initiatives/decisions", {**payload, "number": "16"}, content_type="application/json")
    assert again.status_code == 409
    assert client.get(url).json()["status"] == "recognized"


@pytest.mark.parametrize("amount", [-1, "bảy triệu"])
def test_api_refuses_bad_funds(client, cast, amount):
    client.force_login(cast.alice)
    organization = Organization.objects.get(unit=cast.dong_xuan, kind__code="peoples_committee")
    response = client.post(
        "/api/v1/initiatives",
        {
            "unit_id": cast.dong_xuan.pk,
            "organization_id": organization.pk,
            "kind": "model",
            "name": "Y",
            "field": "economy",
            "level": "commune",
            "year": 2026,
            "fundings": [{"source": "UBND", "amount": amount}],
        },
        content_type="application/json",
    )
    assert response.status_code == 422 and "fundings.0.amount" in response.json()["fields"]


def test_api_list_query_count_does_not_grow_with_results(client, cast, draft, django_assert_max_num_queries):
    client.force_login(cast.carol)
    with django_assert_max_num_queries(8):
        body = client.get("/api/v1/initiatives", {"limit": 100}).json()
    assert body["count"] >= 1
