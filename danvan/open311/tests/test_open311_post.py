"""POST requests with an api_key: filing through the shared intake, errors in Open311 format (nothing stored),
the rate per key, and replays (Idempotency-Key, or the same body again within the window)."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from danvan.cases.models import Case
from danvan.feedback.models import Report, ReportChannel
from danvan.open311 import services
from danvan.open311.tests.conftest import BASE, assert_valid, from_xml

URL = BASE + "/requests.json"


def body(cast, **extra):
    unit = cast.dong_xuan
    data = {
        "service_code": "flooding",
        "lat": str(unit.latitude),
        "long": str(unit.longitude),
        "address_string": "Ngã ba chợ",
        "description": "Nước ngập ngang gối sau cơn mưa",
        "first_name": "Văn An",
        "last_name": "Nguyễn",
        "phone": "0912345678",
        "email": "an@example.com",
        "account_id": "u-42",
    }
    data.update(extra)
    return {key: value for key, value in data.items() if value is not None}


def error_of(response, status):
    assert response.status_code == status, response.content[:300]
    data = response.json()
    assert_valid("errors", data)
    assert data[0]["code"] == status
    return data[0]["description"]


def test_a_request_is_filed_through_the_intake(client, cast, issued):
    response = client.post(URL, body(cast, api_key=issued.secret))
    assert response.status_code == 200, response.content
    data = response.json()
    assert_valid("request-response", data)
    report = Report.objects.get()
    assert data[0]["service_request_id"] == report.code and data[0]["account_id"] == "u-42"
    assert report.code in data[0]["service_notice"] and "Hạn trả lời" in data[0]["service_notice"]
    assert report.channel == ReportChannel.OPEN311 and report.client_name == "Ứng dụng Phố Xanh"
    assert report.unit_id == cast.dong_xuan.pk and report.citizen_name == "Nguyễn Văn An"
    assert report.citizen_phone == "0912345678" and not report.is_anonymous
    issued.key.refresh_from_db()
    assert issued.key.last_used_at is not None
    # What the app sent can be read back at once (public fields only).
    [row] = client.get(BASE + f"/requests/{report.code}.json").json()
    assert row["description"] == "Nước ngập ngang gối sau cơn mưa" and "0912345678" not in str(row)


def test_xml_answer_and_key_in_the_query_string(client, cast, issued):
    response = client.post(BASE + f"/requests.xml?api_key={issued.secret}", body(cast, account_id=None))
    assert response.status_code == 200 and response["Content-Type"] == "text/xml; charset=utf-8"
    root, data = from_xml(response.content)
    assert root == "service_requests" and data[0]["service_request_id"] == Report.objects.get().code
    assert data[0]["account_id"] == ""


def test_an_address_id_is_a_commune_code_old_codes_resolve(client, cast, issued):
    from danvan.core.models import UnitSuccession

    legacy = UnitSuccession.objects.filter(successor=cast.dong_xuan).select_related("predecessor").first()
    assert legacy is not None
    response = client.post(URL, body(cast, api_key=issued.secret, lat="", long="", address_id=legacy.predecessor.code))
    assert response.status_code == 200, response.content
    assert Report.objects.get().unit_id == cast.dong_xuan.pk


def test_an_anonymous_request_where_the_category_allows_it(client, cast, issued):
    anonymous = body(cast, api_key=issued.secret, first_name="", last_name="", phone="", email="")
    assert client.post(URL, anonymous).status_code == 200
    assert Report.objects.get().is_anonymous
    refused = client.post(URL, {**anonymous, "service_code": "social_policy", "description": "Trợ cấp chậm"})
    assert "số điện thoại" in error_of(refused, 400)


def test_a_photo_sent_as_media(client, cast, issued):
    buffer = BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(buffer, "JPEG")
    photo = SimpleUploadedFile("ngap.jpg", buffer.getvalue(), "image/jpeg")
    response = client.post(URL, {**body(cast, api_key=issued.secret), "media": photo})
    assert response.status_code == 200, response.content
    report = Report.objects.get()
    assert report.photos.count() == 1
    [row] = client.get(BASE + f"/requests/{report.code}.json").json()
    assert row["media_url"]
    not_image = SimpleUploadedFile("a.jpg", b"MZ\x90\x00 not an image", "image/jpeg")
    refused = client.post(URL, {**body(cast, api_key=issued.secret, description="Khác"), "media": not_image})
    assert refused.status_code == 400 and Report.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"api_key": None}, "Thiếu api_key"),
        ({"api_key": "sai-khoa"}, "không hợp lệ"),
    ],
)
def test_a_missing_or_wrong_key_is_403(client, cast, changes, words):
    assert words in error_of(client.post(URL, body(cast, **changes)), 403)
    assert not Report.objects.exists() and not Case.objects.exists()


def test_a_revoked_key_is_403(client, cast, issued):
    services.key_revoke(actor=cast.root, key=issued.key)
    assert "thu hồi" in error_of(client.post(URL, body(cast, api_key=issued.secret)), 403)
    xml = client.post(BASE + "/requests.xml", body(cast, api_key=issued.secret))
    root, data = from_xml(xml.content)
    assert xml.status_code == 403 and root == "errors" and data[0]["code"] == "403"
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"service_code": "nope"}, "nope"),
        ({"service_code": None}, "Thiếu service_code"),
        ({"lat": None, "long": None}, "Thiếu vị trí"),
        ({"long": None}, "cả lat và long"),
        ({"lat": "35.68", "long": "139.69"}, "ngoài lãnh thổ Việt Nam"),
        ({"lat": "abc"}, "phải là một số"),
        ({"lat": "nan"}, "phải là một số"),
        ({"description": ""}, "nội dung"),
        ({"description": "x" * 4001}, "4000"),
        ({"lat": None, "long": None, "address_id": "99999"}, "Không tìm thấy xã"),
        ({"phone": "15.000.000"}, "Số điện thoại không đúng"),
    ],
)
def test_bad_input_is_400_and_stores_nothing(client, cast, issued, changes, words):
    description = error_of(client.post(URL, body(cast, api_key=issued.secret, **changes)), 400)
    assert words in description
    assert not Report.objects.exists() and not Case.objects.exists()


def test_every_problem_of_a_body_is_listed(client, cast, issued):
    response = client.post(URL, body(cast, api_key=issued.secret, description="", lat="35.68", long="139.69"))
    assert response.status_code == 400
    errors = response.json()
    assert_valid("errors", errors)
    descriptions = [error["description"] for error in errors]
    assert len(descriptions) == 2 and {error["code"] for error in errors} == {400}
    assert "nội dung" in descriptions[0] and "ngoài lãnh thổ Việt Nam" in descriptions[1]
    assert not Report.objects.exists()


def test_the_rate_per_key(client, cast):
    issued = services.key_issue(actor=cast.root, name="Ứng dụng thử", contact="thu@example.com", requests_per_hour=2)
    for n in range(2):
        assert client.post(URL, body(cast, api_key=issued.secret, description=f"Ngập {n}")).status_code == 200
    description = error_of(client.post(URL, body(cast, api_key=issued.secret, description="Ngập 3")), 429)
    assert "2 phản ánh" in description
    assert Report.objects.count() == 2
    # A replay is not a new request: it is answered even over the rate.
    again = client.post(URL, body(cast, api_key=issued.secret, description="Ngập 0"))
    assert again.status_code == 200
    # Another key has its own count.
    other = services.key_issue(actor=cast.root, name="Ứng dụng khác", contact="khac@example.com")
    assert client.post(URL, body(cast, api_key=other.secret, description="Ngập 3")).status_code == 200


def test_the_same_idempotency_key_returns_the_same_request(client, cast, issued):
    first = client.post(URL, body(cast, api_key=issued.secret), HTTP_IDEMPOTENCY_KEY="abc-1").json()
    again = client.post(URL, body(cast, api_key=issued.secret), HTTP_IDEMPOTENCY_KEY="abc-1").json()
    assert again[0]["service_request_id"] == first[0]["service_request_id"] and Report.objects.count() == 1
    other_body = client.post(
        URL, body(cast, api_key=issued.secret, description="Khác hẳn"), HTTP_IDEMPOTENCY_KEY="abc-1"
    )
    assert "Idempotency-Key" in error_of(other_body, 400)
    new_key = client.post(URL, body(cast, api_key=issued.secret), HTTP_IDEMPOTENCY_KEY="abc-2").json()
    assert new_key[0]["service_request_id"] != first[0]["service_request_id"] and Report.objects.count() == 2
    # Another application's key with the same header value is another request.
    other = services.key_issue(actor=cast.root, name="Ứng dụng khác", contact="khac@example.com")
    theirs = client.post(URL, body(cast, api_key=other.secret), HTTP_IDEMPOTENCY_KEY="abc-1").json()
    assert theirs[0]["service_request_id"] != first[0]["service_request_id"]


def test_the_same_body_within_the_window_is_a_replay(cast, issued):
    now = timezone.now()
    form = body(cast)
    first = services.request_submit(key=issued.key, form=form, now=now)
    again = services.request_submit(key=issued.key, form=form, now=now + dt.timedelta(minutes=9))
    assert again.replayed and again.report.pk == first.report.pk
    later = services.request_submit(key=issued.key, form=form, now=now + dt.timedelta(minutes=11))
    assert not later.replayed and later.report.pk != first.report.pk
    other = services.key_issue(actor=cast.root, name="Ứng dụng khác", contact="khac@example.com")
    theirs = services.request_submit(key=other.key, form=form, now=now)
    assert theirs.report.pk != first.report.pk


def test_xml_and_json_injection_in_a_request_stay_text(client, cast, issued):
    hostile = '"}],[{"status":"closed"</description><status>closed</status><!ENTITY x SYSTEM "file:///etc/passwd">&x;'
    response = client.post(BASE + "/requests.xml", body(cast, api_key=issued.secret, description=hostile))
    assert response.status_code == 200
    code = from_xml(response.content)[1][0]["service_request_id"]
    as_xml = client.get(BASE + f"/requests/{code}.xml")
    assert from_xml(as_xml.content)[1][0]["description"] == hostile
    assert from_xml(as_xml.content)[1][0]["status"] == "open"
    assert client.get(BASE + f"/requests/{code}.json").json()[0]["description"] == hostile


def test_an_xml_body_is_never_parsed(client, cast, issued):
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f"<request><api_key>{issued.secret}</api_key><service_code>flooding</service_code></request>"
    )
    response = client.post(URL, xxe, content_type="text/xml")
    assert "api_key" in error_of(response, 403)
    assert not Report.objects.exists()


def test_an_oversized_body_is_an_open311_error(client, cast, issued, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    error_of(client.post(URL, body(cast, api_key=issued.secret, description="x" * 2000)), 400)
    assert not Report.objects.exists()


def test_apps_post_without_a_csrf_token(cast, issued):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(URL, body(cast, api_key=issued.secret)).status_code == 200
