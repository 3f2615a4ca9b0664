"""The citizen's API operations under /api/v1/feedback/public/…: categories, challenge, submit (multipart, photos,
Idempotency-Key), map GeoJSON, one report (public fields only), nearby, and the secret-link actions."""

import datetime as dt

import pytest
from django.utils import timezone

from danvan.core import proof_of_work
from danvan.core.phones import phone_message
from danvan.feedback.models import Report, ReportChannel, ReportState
from danvan.feedback.tests.helpers_public import answer, ask_info, file_report, jpeg

BASE = "/api/v1/feedback/public"


@pytest.fixture(autouse=True)
def small_puzzle(settings):
    settings.PROOF_OF_WORK_MAX_NUMBER = 300


def solved(client):
    return proof_of_work.solve(client.get(f"{BASE}/challenge").json())


def body(client, unit, **extra):
    data = {
        "category": "flooding",
        "description": "Cống tắc, nước tràn",
        "latitude": str(unit.latitude),
        "longitude": str(unit.longitude),
        "citizen_name": "Lê Văn D",
        "citizen_phone": "0933111222",
        "altcha": solved(client),
    }
    data.update(extra)
    return data


def test_categories_and_challenge(client, cast):
    categories = client.get(f"{BASE}/categories").json()
    flooding = next(c for c in categories if c["code"] == "flooding")
    assert flooding["group"] == "Hạ tầng giao thông" and "ngập" in flooding["keywords"]
    challenge = client.get(f"{BASE}/challenge").json()
    assert challenge["algorithm"] == "SHA-256"


def test_submit_with_a_photo_and_replay_with_the_same_key(client, cast):
    data = body(client, cast.dong_xuan, photos=[jpeg()])
    response = client.post(f"{BASE}/reports", data, headers={"Idempotency-Key": "abc-1"})
    assert response.status_code == 201, response.content
    first = response.json()
    assert first["code"].startswith("PA-") and first["secret"] and first["secret"] in first["secret_url"]
    report = Report.objects.get()
    assert report.channel == ReportChannel.API and report.photos.count() == 1
    data = body(client, cast.dong_xuan, photos=[jpeg()])
    again = client.post(f"{BASE}/reports", data, headers={"Idempotency-Key": "abc-1"})
    assert again.status_code == 200 and again.json()["code"] == first["code"] and again.json()["secret"] == ""
    assert Report.objects.count() == 1
    other = client.post(
        f"{BASE}/reports", body(client, cast.dong_xuan, description="Khác"), headers={"Idempotency-Key": "abc-1"}
    )
    assert other.status_code == 422 and other.json()["code"] == "idempotency_mismatch"


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"latitude": "35", "longitude": "139"}, "location_outside_vietnam"),
        ({"unit_code": "24133"}, "location_in_other_unit"),
        ({"latitude": "", "longitude": ""}, "location_required"),
        ({"category": "nope"}, "unknown_category"),
        ({"altcha": ""}, "proof_of_work_missing"),
    ],
)
def test_bad_submissions_leave_nothing(client, cast, extra, code):
    data = body(client, cast.dong_xuan, **extra)
    data = {k: v for k, v in data.items() if v != ""}
    response = client.post(f"{BASE}/reports", data)
    assert response.status_code == 422, response.content
    assert response.json()["code"] == code and response.json()["message"]
    assert not Report.objects.exists()


def test_a_non_image_photo_is_refused(client, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = body(client, cast.dong_xuan, photos=[SimpleUploadedFile("a.png", b"<?php echo 1; ?>", "image/png")])
    response = client.post(f"{BASE}/reports", data)
    assert response.status_code in (415, 422) and not Report.objects.exists()


def test_a_flood_from_one_ip_answers_429(client, cast):
    from danvan.core.models import LegalRule

    LegalRule.objects.filter(code="feedback.rate_ip_per_hour").update(value=1)
    assert client.post(f"{BASE}/reports", body(client, cast.dong_xuan)).status_code == 201
    response = client.post(f"{BASE}/reports", body(client, cast.dong_xuan))
    assert response.status_code == 429 and response.json()["code"] == "rate_limited"


def test_one_report_shows_public_fields_only(client, cast):
    report, _ = file_report(cast.dong_xuan)
    data = client.get(f"{BASE}/reports/{report.code}").json()
    assert data["code"] == report.code and data["state"] == "new" and data["events"][0]["kind"] == "received"
    text = str(data)
    assert "Nguyễn Văn A" not in text and "0912345678" not in text and "a@example.vn" not in text
    Report.objects.filter(pk=report.pk).update(is_hidden=True)
    hidden = client.get(f"{BASE}/reports/{report.code}").json()
    assert hidden["is_hidden"] and hidden["description"] == ""
    assert client.get(f"{BASE}/reports/PA-NOPE").status_code == 404


def test_the_map_answers_geojson_within_a_bbox(client, cast):
    flood, _ = file_report(cast.dong_xuan)
    far, _ = file_report(cast.ba_dinh, category="waste")
    lat, lng = float(cast.dong_xuan.latitude), float(cast.dong_xuan.longitude)
    data = client.get(f"{BASE}/reports", {"bbox": f"{lng - 0.1},{lat - 0.1},{lng + 0.1},{lat + 0.1}"}).json()
    assert data["type"] == "FeatureCollection"
    assert [f["properties"]["code"] for f in data["features"]] == [flood.code]
    assert data["features"][0]["geometry"]["coordinates"] == [flood.longitude, flood.latitude]
    assert len(client.get(f"{BASE}/reports", {"category": "waste"}).json()["features"]) == 1
    assert client.get(f"{BASE}/reports", {"bbox": "1,2,3"}).status_code == 422
    assert far.code


def test_a_map_box_read_through_the_cell_index_finds_what_the_box_holds(client, cast, monkeypatch):
    """A small box is read through the grid-cell index first (``_in_box``); a box too wide for it, or holding more
    than ``BOX_IDS`` reports, newest first: each finds exactly the shown reports pinned in it, newest first."""
    from danvan.feedback import public_api

    offsets = [(0.0, 0.0), (0.0031, -0.0027), (-0.0024, 0.0033), (0.0012, 0.0049), (-0.0046, -0.0011)]
    mine = [file_report(cast.dong_xuan, offset=offset)[0] for offset in offsets]
    far, _ = file_report(cast.ba_dinh, category="waste")
    Report.objects.filter(pk=mine[1].pk).update(is_hidden=True)
    lat, lng = float(cast.dong_xuan.latitude), float(cast.dong_xuan.longitude)

    def expected(west, south, east, north, **filters):
        shown = Report.objects.filter(is_hidden=False, latitude__isnull=False, **filters)
        inside = shown.filter(longitude__range=(west, east), latitude__range=(south, north))
        return list(inside.order_by("-received_at", "-id").values_list("code", flat=True))

    boxes = [
        (lng - 0.1, lat - 0.1, lng + 0.1, lat + 0.1),  # the whole neighbourhood
        (lng - 0.003, lat - 0.003, lng + 0.0035, lat + 0.0035),  # cuts through cells: some pins in, some out
        (lng + 0.0049, lat + 0.0012, lng + 0.0049, lat + 0.0012),  # one point, exactly one pin
        (lng + 0.2, lat + 0.2, lng + 0.3, lat + 0.3),  # nothing there
        (100.0, 8.0, 110.0, 23.5),  # the whole country: too many rows of cells, read newest first
    ]
    seen = set()
    for west, south, east, north in boxes:
        bbox = f"{west},{south},{east},{north}"
        for extra in ({}, {"province": cast.dong_xuan.province_code}, {"status": "open"}):
            data = client.get(f"{BASE}/reports", {"bbox": bbox, **extra}).json()
            filters = {"province_code": extra["province"]} if "province" in extra else {}
            if "status" in extra:
                filters["is_open"] = True
            codes = [feature["properties"]["code"] for feature in data["features"]]
            assert codes == expected(west, south, east, north, **filters), (bbox, extra)
            seen.update(codes)
    assert {report.code for report in mine} - seen == {mine[1].code} and far.code in seen
    monkeypatch.setattr(public_api, "BOX_IDS", 1)  # more in the box than the index read takes: newest first
    bbox = f"{lng - 0.1},{lat - 0.1},{lng + 0.1},{lat + 0.1}"
    codes = [f["properties"]["code"] for f in client.get(f"{BASE}/reports", {"bbox": bbox}).json()["features"]]
    assert codes == expected(lng - 0.1, lat - 0.1, lng + 0.1, lat + 0.1)


def test_nearby(client, cast):
    report, _ = file_report(cast.dong_xuan, offset=(0.001, 0))
    found = client.get(
        f"{BASE}/nearby", {"category": "flooding", "lat": cast.dong_xuan.latitude, "lng": cast.dong_xuan.longitude}
    ).json()
    assert [item["code"] for item in found] == [report.code] and 100 < found[0]["distance_m"] < 125
    assert client.get(f"{BASE}/nearby", {"category": "nope", "lat": 1, "lng": 2}).status_code == 422


def test_rate_reopen_and_info_with_the_secret(client, cast):
    report, secret = file_report(cast.dong_xuan)
    early = client.post(
        f"{BASE}/reports/{report.code}/rating", {"secret": secret, "rating": 5}, content_type="application/json"
    )
    assert early.status_code == 422 and early.json()["code"] == "rating_before_answer"
    wrong = client.post(
        f"{BASE}/reports/{report.code}/rating", {"secret": "x", "rating": 5}, content_type="application/json"
    )
    assert wrong.status_code == 404
    ask_info(report)
    info = client.post(f"{BASE}/reports/{report.code}/info", {"secret": secret, "text": "Thêm", "photos": [jpeg()]})
    assert info.status_code == 200 and info.json()["events"][-1]["kind"] == "info_added"
    answer(report, when=timezone.now() - dt.timedelta(days=31))
    late = client.post(
        f"{BASE}/reports/{report.code}/reopen",
        {"secret": secret, "reason": "Chưa sửa"},
        content_type="application/json",
    )
    assert late.status_code == 422 and late.json()["code"] == "reopen_window_passed"
    rated = client.post(
        f"{BASE}/reports/{report.code}/rating",
        {"secret": secret, "rating": 4, "comment": "Ổn"},
        content_type="application/json",
    )
    assert rated.status_code == 200 and rated.json()["state"] == ReportState.CLOSED


def test_follow(client, cast):
    report, _ = file_report(cast.dong_xuan)
    response = client.post(
        f"{BASE}/reports/{report.code}/followers", {"phone": "0909123456"}, content_type="application/json"
    )
    assert response.status_code == 201
    assert client.get(f"{BASE}/reports/{report.code}").json()["followers_count"] == 1
    none = client.post(f"{BASE}/reports/{report.code}/followers", {}, content_type="application/json")
    assert none.status_code == 422 and none.json()["code"] == "contact_required"
    amount = client.post(
        f"{BASE}/reports/{report.code}/followers", {"phone": "15.000.000"}, content_type="application/json"
    )
    assert amount.status_code == 422 and amount.json()["fields"] == {"phone": [phone_message()]}


def test_a_phone_that_is_not_a_number_is_refused_and_a_good_one_stored_as_digits(client, cast):
    refused = client.post(f"{BASE}/reports", body(client, cast.dong_xuan, citizen_phone="15.000.000"))
    assert refused.status_code == 422 and refused.json()["fields"] == {"citizen_phone": [phone_message()]}
    assert not Report.objects.exists()
    filed = client.post(f"{BASE}/reports", body(client, cast.dong_xuan, citizen_phone="0933 111 222"))
    assert filed.status_code == 201, filed.content
    assert Report.objects.get().citizen_phone == "0933111222"
