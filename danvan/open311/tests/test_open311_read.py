"""GET discovery, services, service definitions, requests, one request and tokens, in JSON and XML: every JSON
answer valid against the GeoReport v2 schemas, every XML answer the same data; public fields only."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from danvan.feedback.intake import ReportIn, report_submit
from danvan.feedback.models import Category, Report, ReportState
from danvan.open311.tests.conftest import BASE, assert_valid, check, from_xml


def jpeg() -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (32, 24), (200, 30, 30)).save(buffer, "JPEG")
    return SimpleUploadedFile("pho.jpg", buffer.getvalue(), "image/jpeg")


def file(cast, code="flooding", description="Đường ngập sâu sau mưa", photos=(), **extra):
    unit = extra.pop("unit", cast.dong_xuan)
    return report_submit(
        ReportIn(
            category_code=code,
            description=description,
            latitude=float(unit.latitude),
            longitude=float(unit.longitude),
            address_text="Thôn 3",
            citizen_name="Nguyễn Văn Bí Mật",
            citizen_phone="0912345678",
            citizen_email="bimat@example.com",
            photos=photos,
            **extra,
        )
    ).report


def test_discovery(client, cast):
    data = check(client, BASE + "/discovery.{fmt}", "discovery", "discovery")
    assert data["endpoints"][0]["url"] == "http://testserver/open311/v2"
    assert data["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"


def test_services_list_every_active_category_with_group_and_keywords(client, cast):
    data = check(client, BASE + "/services.{fmt}", "services", "services")
    assert {row["service_code"] for row in data} == set(Category.objects.active().values_list("code", flat=True))
    flooding = next(row for row in data if row["service_code"] == "flooding")
    category = Category.objects.get(code="flooding")
    assert flooding["service_name"] == category.name and flooding["group"] == category.group
    assert flooding["type"] == "realtime" and flooding["metadata"] is True
    assert flooding["keywords"] == ", ".join(category.keyword_list)


def test_a_service_definition_and_an_unknown_one(client, cast):
    data = check(client, BASE + "/services/flooding.{fmt}", "service-definition", "service_definition")
    assert data["service_code"] == "flooding" and [a["code"] for a in data["attributes"]][:2] == [
        "answer_days",
        "address_id",
    ]
    error = check(client, BASE + "/services/nope.{fmt}", "errors", "errors", expect=404)
    assert error[0]["code"] == 404 and "nope" in error[0]["description"]


def test_requests_show_public_fields_only(client, cast):
    report = file(cast, photos=[jpeg()])
    data = check(client, BASE + "/requests.{fmt}", "requests", "service_requests")
    [row] = data
    assert row["service_request_id"] == report.code and row["status"] == "open"
    assert row["service_code"] == "flooding" and row["description"] == "Đường ngập sâu sau mưa"
    assert row["requested_datetime"].endswith("+07:00") and row["expected_datetime"].endswith("+07:00")
    assert row["address"] == "Thôn 3, " + cast.dong_xuan.name and row["address_id"] == cast.dong_xuan.code
    assert row["agency_responsible"] == report.organization.name
    assert row["lat"] == pytest.approx(float(cast.dong_xuan.latitude))
    assert row["media_url"].startswith("http://testserver/open311/v2/media/" + report.code + "/")
    text = client.get(BASE + "/requests.json").content.decode() + client.get(BASE + "/requests.xml").content.decode()
    for secret in ("Bí Mật", "0912345678", "bimat@example.com"):
        assert secret not in text
    photo = client.get(row["media_url"].removeprefix("http://testserver"))
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"


def test_one_request_and_its_token(client, cast):
    report = file(cast)
    [row] = check(client, BASE + f"/requests/{report.code}.{{fmt}}", "requests", "service_requests")
    assert row["service_request_id"] == report.code
    lower = client.get(BASE + f"/requests/{report.code.lower()}.json").json()
    assert lower[0]["service_request_id"] == report.code
    [token] = check(client, BASE + f"/tokens/{report.code}.{{fmt}}", "token-response", "service_requests")
    assert token == {"service_request_id": report.code, "token": report.code}
    missing = check(client, BASE + "/requests/PA-NOTHERE.{fmt}", "errors", "errors", expect=404)
    assert missing[0]["code"] == 404
    check(client, BASE + "/tokens/PA-NOTHERE.{fmt}", "errors", "errors", expect=404)


def test_a_hidden_report_keeps_its_status_but_not_its_text_place_or_photos(client, cast):
    report = file(cast, photos=[jpeg()])
    Report.objects.filter(pk=report.pk).update(is_hidden=True, hidden_reason="Có số điện thoại")
    [row] = check(client, BASE + f"/requests/{report.code}.{{fmt}}", "requests", "service_requests")
    assert row["description"] is None and row["address"] is None and row["lat"] is None and row["media_url"] is None
    assert "riêng tư" in row["status_notes"] and "Có số điện thoại" not in str(row)
    photo_id = report.photos.get().pk
    assert client.get(f"{BASE}/media/{report.code}/{photo_id}").status_code == 404


def test_status_notes_follow_the_state(client, cast):
    answered = file(cast, description="Đèn đường hỏng")
    refused = file(cast, description="Quảng cáo")
    merged = file(cast, description="Ngập lần hai")
    Report.objects.filter(pk=answered.pk).update(
        state=ReportState.ANSWERED, is_open=False, answer_text="Đã thay bóng đèn.", answered_at=timezone.now()
    )
    Report.objects.filter(pk=refused.pk).update(
        state=ReportState.REFUSED, is_open=False, refusal_reason="spam", refusal_text="Nội dung quảng cáo."
    )
    Report.objects.filter(pk=merged.pk).update(state=ReportState.MERGED, is_open=False, merged_into=answered)
    data = check(client, BASE + "/requests.{fmt}", "requests", "service_requests")
    notes = {row["service_request_id"]: (row["status"], row["status_notes"]) for row in data}
    assert notes[answered.code] == ("closed", "Đã thay bóng đèn.")
    assert notes[refused.code] == ("closed", "Nội dung quảng cáo.")
    assert notes[merged.code] == ("closed", f"Đã gộp vào phản ánh {answered.code}.")


def test_every_filter(client, cast):
    flood = file(cast)
    waste = file(cast, code="waste", description="Rác")
    old = file(cast, description="Ngập cũ")
    Report.objects.filter(pk=old.pk).update(received_at=timezone.now() - dt.timedelta(days=120))
    Report.objects.filter(pk=waste.pk).update(state=ReportState.CLOSED, is_open=False)

    def codes(**params):
        data = check(client, BASE + "/requests.{fmt}", "requests", "service_requests", **params)
        return {row["service_request_id"] for row in data}

    assert codes() == {flood.code, waste.code}  # the last 90 days
    assert codes(service_code="waste") == {waste.code}
    assert codes(service_code="waste,flooding") == {flood.code, waste.code}
    assert codes(status="open") == {flood.code}
    assert codes(status="closed") == {waste.code}
    assert codes(status="open,closed") == {flood.code, waste.code}
    day = timezone.localdate() - dt.timedelta(days=120)
    assert codes(start_date=f"{day}T00:00:00+07:00", end_date=f"{day}T23:59:59+07:00") == {old.code}
    assert codes(start_date=str(day), end_date=str(day)) == {old.code}
    assert codes(end_date=(timezone.now() - dt.timedelta(days=100)).isoformat()) == {old.code}
    # The id list overrides every other filter, keeps its order and skips unknown ids.
    data = client.get(
        BASE + "/requests.json", {"service_request_id": f"{old.code},PA-NOTHERE,{flood.code}", "status": "closed"}
    ).json()
    assert [row["service_request_id"] for row in data] == [old.code, flood.code]


@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "hôm qua"},
        {"end_date": "2026-13-45"},
        {"start_date": "2026-01-01", "end_date": "2026-12-01"},  # more than 90 days
        {"start_date": "2026-12-01", "end_date": "2026-11-01"},
        {"status": "pending"},
        {"service_request_id": ",".join(f"PA-{n}" for n in range(101))},
    ],
)
def test_bad_filters_answer_400_in_open311_format(client, cast, params):
    error = check(client, BASE + "/requests.{fmt}", "errors", "errors", expect=400, **params)
    assert error[0]["code"] == 400 and error[0]["description"]


def test_the_count_is_capped(client, cast, settings):
    settings.OPEN311_MAX_REQUESTS = 2
    for n in range(3):
        file(cast, description=f"Ngập {n}")
    assert len(client.get(BASE + "/requests.json").json()) == 2


def test_jurisdiction_any_or_the_configured_one(client, cast, settings):
    assert client.get(BASE + "/services.json", {"jurisdiction_id": "anything"}).status_code == 200
    settings.OPEN311_JURISDICTION_ID = "danvan.gov.vn"
    assert client.get(BASE + "/services.json", {"jurisdiction_id": "danvan.gov.vn"}).status_code == 200
    assert client.get(BASE + "/services.json").status_code == 200
    error = check(client, BASE + "/services.{fmt}", "errors", "errors", expect=404, jurisdiction_id="other.city")
    assert "other.city" in error[0]["description"]


def test_injection_is_escaped_in_json_and_xml(client, cast):
    hostile = "x</description><status>closed</status><![CDATA[ ]]> \"' & <script>alert(1)</script>\x07 ok"
    report = file(cast, description=hostile)
    as_xml = client.get(BASE + f"/requests/{report.code}.xml")
    root, data = from_xml(as_xml.content)
    assert root == "service_requests" and data[0]["status"] == "open"
    assert data[0]["description"] == hostile.replace("\x07", "")
    assert b"<script>" not in as_xml.content
    as_json = client.get(BASE + f"/requests/{report.code}.json").json()
    assert as_json[0]["description"] == hostile and as_json[0]["status"] == "open"
    assert_valid("requests", as_json)


def test_a_method_not_offered_is_an_open311_error(client, cast):
    response = client.post(BASE + "/services.xml")
    assert response.status_code == 405
    root, data = from_xml(response.content)
    assert root == "errors" and data[0]["code"] == "405"
