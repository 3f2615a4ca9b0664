"""The officer's feedback API: list, detail (contact masked for viewers), timeline, each action, 409 stale, 404
outside the officer's units, errors as {"code","message"}."""

from __future__ import annotations

from danvan.feedback.intake import ReportIn, report_submit
from danvan.feedback.models import Moderation, Report, ReportState

BASE = "/api/v1/feedback/reports"


def submit(unit_code: str = "22081", description: str = "Đèn đường hỏng cả tuần nay", **extra) -> Report:
    data = {
        "category_code": "flooding",
        "description": description,
        "unit_code": unit_code,
        "citizen_name": "Lê Văn C",
        "citizen_phone": "0911222333",
        **extra,
    }
    return report_submit(ReportIn(**data)).report


def post(client, path: str, body: dict) -> tuple[int, dict]:
    response = client.post(path, body, content_type="application/json")
    return response.status_code, response.json()


def test_list_and_detail_are_scoped_and_mask_the_contact_for_viewers(client, cast):
    mine = submit()
    other = submit("24133")
    client.force_login(cast.alice)
    data = client.get(BASE).json()
    codes = {item["code"] for item in data["items"]}
    assert mine.code in codes and other.code not in codes and data["count"] == 1
    assert data["items"][0]["service_level"] in ("on_track", "due_soon", "overdue")
    detail = client.get(f"{BASE}/{mine.pk}").json()
    assert detail["citizen"]["phone"] == "0911222333" and detail["citizen"]["whole"]
    assert client.get(f"{BASE}/{other.pk}").status_code == 404
    client.force_login(cast.erin)
    detail = client.get(f"{BASE}/{mine.pk}").json()
    assert detail["citizen"]["phone"] != "0911222333" and detail["citizen"]["phone"].endswith("333")


def test_filters(client, cast):
    a = submit(description="Nước ngập ngang gối")
    b = submit(description="Cây đổ chắn đường")
    client.force_login(cast.alice)
    found = client.get(BASE, {"q": "nuoc ngang goi"}).json()["items"]
    assert [item["code"] for item in found] == [a.code]
    assert client.get(BASE, {"state": "bogus"}).status_code == 422
    status, _ = post(client, f"{BASE}/{b.pk}/accept", {"expected_version": b.version})
    assert status == 200
    accepted = client.get(BASE, {"state": "accepted"}).json()["items"]
    assert [item["code"] for item in accepted] == [b.code]


def test_actions_with_version_timeline_and_errors(client, cast):
    report = submit()
    client.force_login(cast.alice)
    status, body = post(client, f"{BASE}/{report.pk}/accept", {"expected_version": report.version + 9})
    assert status == 409 and body["code"] == "stale" and body["message"]
    status, body = post(client, f"{BASE}/{report.pk}/accept", {"expected_version": report.version})
    assert status == 200 and body["state"] == ReportState.ACCEPTED
    version = body["version"]
    status, body = post(
        client, f"{BASE}/{report.pk}/request-info", {"text": "Gửi thêm ảnh", "expected_version": version}
    )
    assert status == 200
    status, body = post(client, f"{BASE}/{report.pk}/notes", {"text": "Nội bộ"})
    assert status == 200 and body["is_public"] is False
    status, body = post(client, f"{BASE}/{report.pk}/answer", {"text": "Xong"})
    assert status == 403 and body["code"] == "forbidden"
    events = client.get(f"{BASE}/{report.pk}/events").json()
    assert [e["kind"] for e in events] == ["received", "accepted", "info_requested", "note"]
    client.force_login(cast.carol)
    status, body = post(client, f"{BASE}/{report.pk}/assign", {"assignee": cast.alice.pk})
    assert status == 200 and body["assignee_id"] == cast.alice.pk
    status, body = post(client, f"{BASE}/{report.pk}/answer", {"text": "Đã thay bóng đèn."})
    assert status == 200 and body["state"] == ReportState.ANSWERED and body["timeliness"] == "on_time"
    status, body = post(client, f"{BASE}/{report.pk}/close", {})
    assert status == 200 and body["state"] == ReportState.CLOSED


def test_refuse_merge_transfer(client, cast):
    a, b, c = submit(), submit(), submit()
    client.force_login(cast.alice)
    status, body = post(client, f"{BASE}/{a.pk}/refuse", {"reason": "spam", "text": "Quảng cáo"})
    assert status == 200 and body["state"] == ReportState.REFUSED
    status, body = post(client, f"{BASE}/{a.pk}/refuse", {"reason": "nope", "text": "x"})
    assert status == 422
    status, body = post(client, f"{BASE}/{b.pk}/merge", {"into": c.code})
    assert status == 200 and body["merged_into"] == c.code
    status, body = post(client, f"{BASE}/{c.pk}/merge", {"into": "PA-ZZZZZZZZ"})
    assert status == 422 and body["code"] == "unknown_report"
    status, body = post(client, f"{BASE}/{c.pk}/transfer", {"to_unit": "99999"})
    assert status == 422 and body["code"] == "unknown_unit"
    status, body = post(client, f"{BASE}/{c.pk}/transfer", {"to_unit": "24133", "note": "Đúng địa bàn"})
    assert status == 200 and body["unit_code"] == "24133"
    assert client.get(f"{BASE}/{c.pk}").status_code == 404  # now bob's


def test_moderation_and_revert(client, cast):
    report = submit(description="Gọi 0912 345 678 để biết")
    assert Report.objects.get(pk=report.pk).description
    client.force_login(cast.alice)
    status, body = post(
        client,
        f"{BASE}/{report.pk}/moderations",
        {"field": "description", "replacement": "Đã biên tập", "reason": "Số điện thoại"},
    )
    assert status == 200 and body["original"] == "Gọi 0912 345 678 để biết"
    moderation_id = body["id"]
    assert client.get(f"{BASE}/{report.pk}/moderations").json()[0]["id"] == moderation_id
    status, body = post(client, f"{BASE}/{report.pk}/moderations/{moderation_id}/revert", {})
    assert status == 200 and body["reverted_at"]
    status, body = post(client, f"{BASE}/{report.pk}/moderations/{moderation_id}/revert", {})
    assert status == 409 and body["code"] == "already_reverted"
    assert Moderation.objects.count() == 1
    status, body = post(client, f"{BASE}/{report.pk}/hide", {"reason": "Riêng tư"})
    assert status == 200 and body["is_hidden"]
    status, body = post(client, f"{BASE}/{report.pk}/show", {})
    assert status == 200 and not body["is_hidden"]
    assert client.get(f"{BASE}/{report.pk}/duplicates").status_code == 200


def test_outsiders_get_404_and_anonymous_401(client, cast):
    report = submit()
    assert client.get(BASE).status_code in (401, 403)
    client.force_login(cast.frank)
    assert client.post(f"{BASE}/{report.pk}/accept", {}, content_type="application/json").status_code == 404
    assert Report.objects.get(pk=report.pk).state == ReportState.NEW


def test_answer_with_photos_multipart(client, cast, settings, tmp_path):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from danvan.feedback.models import PhotoRole, ReportPhoto

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (1, 2, 3)).save(buffer, format="JPEG")
    report = submit()
    client.force_login(cast.carol)
    bad = SimpleUploadedFile("a.jpg", b"%PDF-1.4 nope", content_type="image/jpeg")
    response = client.post(f"{BASE}/{report.pk}/answer-with-photos", {"text": "Xong", "photos": [bad]})
    assert response.status_code in (400, 422) and response.json()["code"]
    assert Report.objects.get(pk=report.pk).state == ReportState.NEW
    photo = SimpleUploadedFile("a.jpg", buffer.getvalue(), content_type="image/jpeg")
    response = client.post(
        f"{BASE}/{report.pk}/answer-with-photos",
        {"text": "Xong", "expected_version": report.version, "photos": [photo]},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == ReportState.ANSWERED and [p["role"] for p in body["photos"]] == [PhotoRole.ANSWER]
    assert ReportPhoto.objects.filter(report=report).count() == 1
