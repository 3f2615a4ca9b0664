"""The household register through its pages and API: list with folded search, add (Idempotency-Key, a second
village refused), edit, move, leave, import with its template; another commune gets 404."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.core.phones import phone_message
from danvan.democracy.household_xlsx import rows_to_xlsx
from danvan.democracy.models import Household


@pytest.mark.django_db
def test_api_register_lifecycle(client, cast, villages):
    phu_xuan, dong_hoa, _ = villages
    client.force_login(cast.alice)
    body = {
        "village_id": phu_xuan.pk,
        "code": "PX-001",
        "representative_name": "Đặng Văn Đức",
        "moved_in_on": "2025-01-01",
    }
    first = client.post(
        "/api/v1/democracy/households", body, content_type="application/json", headers={"Idempotency-Key": "a"}
    )
    assert first.status_code == 201, first.content
    repeat = client.post(
        "/api/v1/democracy/households", body, content_type="application/json", headers={"Idempotency-Key": "a"}
    )
    assert repeat.status_code == 200
    second_village = client.post(
        "/api/v1/democracy/households", {**body, "village_id": dong_hoa.pk}, content_type="application/json"
    )
    assert second_village.status_code == 409
    assert second_village.json()["code"] == "household_exists"
    hid = first.json()["id"]
    found = client.get(f"/api/v1/democracy/households?village={phu_xuan.pk}&q=dang duc").json()
    assert found["count"] == 1 and found["items"][0]["village_name"] == "Thôn Phú Xuân"
    assert client.get(f"/api/v1/democracy/households?village={phu_xuan.pk}&q=hoa").json()["count"] == 0
    assert client.get("/api/v1/democracy/households").status_code == 422
    edited = client.patch(
        f"/api/v1/democracy/households/{hid}",
        {"representative_name": "Đặng Thị Hoa", "expected_version": 1},
        content_type="application/json",
    )
    assert edited.status_code == 200 and edited.json()["version"] == 2
    stale = client.patch(
        f"/api/v1/democracy/households/{hid}",
        {"representative_name": "X", "expected_version": 1},
        content_type="application/json",
    )
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    moved = client.post(
        f"/api/v1/democracy/households/{hid}/moves",
        {"village_id": dong_hoa.pk, "moved_on": "2025-06-01", "expected_version": 2},
        content_type="application/json",
    )
    assert moved.status_code == 200 and len(moved.json()["residences"]) == 2
    on_may = client.get(f"/api/v1/democracy/households?commune={cast.dong_xuan.pk}&on=2025-05-31").json()
    assert on_may["items"][0]["village_name"] == "Thôn Phú Xuân"
    left = client.post(
        f"/api/v1/democracy/households/{hid}/leave", {"left_on": "2025-09-01"}, content_type="application/json"
    )
    assert left.status_code == 200 and left.json()["dissolved_on"] == "2025-09-01"
    content = rows_to_xlsx([[1, "PX-009", "Mai Văn Em", "Thôn Phú Xuân", "", "", "02/01/2025"]])
    imported = client.post(
        "/api/v1/democracy/households/import",
        {"commune_id": cast.dong_xuan.pk, "file": SimpleUploadedFile("so-ho.xlsx", content)},
    )
    assert imported.status_code == 200 and imported.json() == {"created": 1, "skipped": 0}
    bad = client.post(
        "/api/v1/democracy/households/import",
        {
            "commune_id": cast.dong_xuan.pk,
            "file": SimpleUploadedFile("so-ho.xlsx", rows_to_xlsx([[1, "", "A", "Thôn X"]])),
        },
    )
    assert bad.status_code == 422 and {e["column"] for e in bad.json()["errors"]} == {"Mã hộ", "Thôn, tổ dân phố"}
    client.force_login(cast.bob)
    assert client.get(f"/api/v1/democracy/households/{hid}").status_code == 404
    assert client.get(f"/api/v1/democracy/households?village={phu_xuan.pk}").status_code == 404
    assert (
        client.post("/api/v1/democracy/households", {**body, "code": "Z"}, content_type="application/json").status_code
        == 404
    )
    assert (
        client.post(
            f"/api/v1/democracy/households/{hid}/leave", {"left_on": "2025-10-01"}, content_type="application/json"
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_a_phone_that_is_not_a_number_is_refused_and_excel_s_lost_zero_given_back(client, cast, villages):
    phu_xuan, _, _ = villages
    client.force_login(cast.alice)
    body = {"village_id": phu_xuan.pk, "code": "PX-101", "representative_name": "Lò Văn Sáu"}
    refused = client.post(
        "/api/v1/democracy/households", {**body, "representative_phone": "15.000.000"}, content_type="application/json"
    )
    assert refused.status_code == 422 and refused.json()["fields"] == {"representative_phone": [phone_message()]}
    added = client.post(
        "/api/v1/democracy/households",
        {**body, "representative_phone": "0912.345.678"},
        content_type="application/json",
    )
    assert added.status_code == 201 and Household.objects.get(code="PX-101").representative_phone == "0912345678"
    rows = [[1, "PX-102", "Mai Văn Em", "Thôn Phú Xuân", 987654321, "", ""]]  # a number cell: Excel drops the 0
    imported = client.post(
        "/api/v1/democracy/households/import",
        {"commune_id": cast.dong_xuan.pk, "file": SimpleUploadedFile("so-ho.xlsx", rows_to_xlsx(rows))},
    )
    assert imported.status_code == 200 and Household.objects.get(code="PX-102").representative_phone == "0987654321"
    rows = [[1, "PX-103", "Mai Thị Tư", "Thôn Phú Xuân", "15.000.000", "", ""]]
    bad = client.post(
        "/api/v1/democracy/households/import",
        {"commune_id": cast.dong_xuan.pk, "file": SimpleUploadedFile("so-ho.xlsx", rows_to_xlsx(rows))},
    )
    assert bad.status_code == 422
    assert [(e["column"], e["message"]) for e in bad.json()["errors"]] == [("Số điện thoại", phone_message())]


@pytest.mark.django_db
def test_pages_add_move_and_errors_beside_fields(client, cast, villages):
    phu_xuan, dong_hoa, _ = villages
    client.force_login(cast.alice)
    assert client.get(reverse("democracy:household_units")).status_code == 200
    form = client.get(reverse("democracy:household_create", args=[phu_xuan.pk]))
    key = form.context["form"].initial["submission_key"]
    data = {"submission_key": key, "code": "PX-001", "representative_name": "Lý Thị Gấm", "moved_in_on": "01/01/2025"}
    added = client.post(reverse("democracy:household_create", args=[phu_xuan.pk]), data)
    assert added.status_code == 302
    household = Household.objects.get()
    twice = client.post(reverse("democracy:household_create", args=[dong_hoa.pk]), {**data, "submission_key": "other"})
    assert twice.status_code == 422
    assert "Mã hộ đã có trong sổ của xã." in twice.content.decode() and "Lý Thị Gấm" in twice.content.decode()
    listing = client.get(reverse("democracy:household_village", args=[phu_xuan.pk]), {"q": "gam"})
    assert "PX-001" in listing.content.decode()
    early = client.post(
        reverse("democracy:household_move", args=[household.pk]),
        {"move-village": dong_hoa.pk, "move-moved_on": "01/01/2025", "move-expected_version": 1},
    )
    assert early.status_code == 422 and "Phải sau ngày 01/01/2025" in early.content.decode()
    moved = client.post(
        reverse("democracy:household_move", args=[household.pk]),
        {"move-village": dong_hoa.pk, "move-moved_on": "01/06/2025", "move-expected_version": 1},
    )
    assert moved.status_code == 302
    dong_hoa.refresh_from_db()
    assert dong_hoa.households == 1
    template = client.get(reverse("democracy:household_import_template"))
    assert template.status_code == 200 and template["Content-Disposition"].startswith("attachment")
    page = client.post(
        reverse("democracy:household_import", args=[cast.dong_xuan.pk]),
        {
            "file": SimpleUploadedFile(
                "so.xlsx", rows_to_xlsx([[1, "PX-001", "Lý Thị Gấm", "Thôn Long Bình", "", "", ""]])
            )
        },
    )
    assert page.status_code == 422 and "một thôn" in page.content.decode()
    client.force_login(cast.bob)
    for name, arg in (
        ("household_detail", household.pk),
        ("household_village", phu_xuan.pk),
        ("household_create", phu_xuan.pk),
    ):
        assert client.get(reverse(f"democracy:{name}", args=[arg])).status_code == 404
    assert client.get(reverse("democracy:household_import", args=[cast.dong_xuan.pk])).status_code == 404
    assert (
        client.post(
            reverse("democracy:household_leave", args=[household.pk]), {"leave-left_on": "01/09/2025"}
        ).status_code
        == 404
    )
