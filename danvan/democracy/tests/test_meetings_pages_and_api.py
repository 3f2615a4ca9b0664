"""Meetings through the pages and the API: schedule, the notice error beside its field with what was typed kept,
record, raise and answer an item, idempotent creation, 409 on a stale version, and an officer of another commune
getting 404 for everything."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from danvan.core.models import UnitKind
from danvan.core.services import village_create
from danvan.democracy.meeting_services import meeting_record, meeting_schedule
from danvan.democracy.models import CommunityMeeting, MeetingKind, MeetingStatus, Recommendation

TODAY = dt.datetime(2026, 12, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def today(time_machine):
    time_machine.move_to(TODAY, tick=False)
    return TODAY.date()


@pytest.fixture
def village(cast):
    return village_create(actor=None, commune=cast.dong_xuan, name="Thôn Đông", kind=UnitKind.VILLAGE, households=120)


@pytest.fixture
def meeting(cast, village, today):
    scheduled = meeting_schedule(
        actor=cast.alice,
        unit=village,
        kind=MeetingKind.YEAR_END,
        held_on=dt.date(2026, 12, 10),
        notice_on=dt.date(2026, 12, 3),
    )
    return meeting_record(
        actor=cast.alice, meeting=scheduled, expected_version=1, participants=80, minutes="Biên bản hội nghị."
    )


def test_scheduling_on_the_page_keeps_what_was_typed_and_shows_the_notice_error_beside_its_field(
    client, cast, village, today
):
    client.force_login(cast.alice)
    url = reverse("democracy:meeting_create")
    assert client.get(url).status_code == 200
    data = {
        "kind": "year_end",
        "unit": village.pk,
        "held_on": "28/12/2026",
        "notice_on": "25/12/2026",
        "place": "Nhà văn hóa thôn Đông",
        "submission_key": "abc",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "notice_on" in form.errors and "ít nhất 5 ngày" in form.errors["notice_on"][0]
    assert 'value="Nhà văn hóa thôn Đông"' in response.content.decode()
    data["notice_on"] = "22/12/2026"
    response = client.post(url, data)
    meeting = CommunityMeeting.objects.get()
    assert response.status_code == 302 and response.url == reverse("democracy:meeting_detail", args=[meeting.pk])
    assert client.post(url, data).status_code == 302  # the same submission key: still one meeting
    assert CommunityMeeting.objects.count() == 1


def test_recording_raising_and_answering_on_the_pages(client, cast, village, today):
    scheduled = meeting_schedule(
        actor=cast.alice, unit=village, kind=MeetingKind.YEAR_END, held_on=dt.date(2026, 12, 18)
    )
    client.force_login(cast.alice)
    detail = reverse("democracy:meeting_detail", args=[scheduled.pk])
    assert client.get(detail).status_code == 200
    response = client.post(
        reverse("democracy:meeting_record", args=[scheduled.pk]),
        {"version": 1, "participants": "1.050", "minutes": "", "households_total": "120"},
    )
    assert response.status_code == 422 and "minutes" in response.context["record_form"].errors
    response = client.post(
        reverse("democracy:meeting_record", args=[scheduled.pk]),
        {"version": 1, "participants": "1.050", "minutes": "Đã nghe 3 báo cáo.", "report_village_head": "on"},
    )
    assert response.status_code == 302
    scheduled.refresh_from_db()
    assert scheduled.status == MeetingStatus.HELD and scheduled.participants == 1050 and scheduled.report_village_head
    response = client.post(
        reverse("democracy:meeting_item_create", args=[scheduled.pk]),
        {
            "kind": "recommendation",
            "raised_by": "Bà Lê Thị Hoa",
            "content": "Xin lắp đèn đường.",
            "addressee": "peoples_committee",
            "submission_key": "x1",
        },
    )
    assert response.status_code == 302
    item = Recommendation.objects.get()
    assert client.get(reverse("democracy:raised_items")).status_code == 200
    response = client.post(
        reverse("democracy:raised_item_answer", args=[item.pk]),
        {f"a{item.pk}-version": 1, f"a{item.pk}-answered_on": "19/12/2026", f"a{item.pk}-answer": "Đã lắp."},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.answered_on == dt.date(2026, 12, 19)
    home = client.get(reverse("democracy:home"))
    assert home.status_code == 200 and "Hội nghị thôn và đối thoại" in home.content.decode()


def test_the_api_schedules_once_per_idempotency_key_and_refuses_a_stale_version(client, cast, village, today):
    client.force_login(cast.alice)
    body = {"unit_id": village.pk, "kind": "year_end", "held_on": "2026-12-28", "notice_on": "2026-12-20"}
    first = client.post("/api/v1/democracy/meetings", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k")
    assert first.status_code == 201, first.content
    again = client.post("/api/v1/democracy/meetings", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    short = {**body, "notice_on": "2026-12-26"}
    refused = client.post("/api/v1/democracy/meetings", short, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["code"] == "notice_too_short" and "notice_on" in refused.json()["fields"]
    meeting_id = first.json()["id"]
    moved = client.post(
        f"/api/v1/democracy/meetings/{meeting_id}/reschedule",
        {"expected_version": 1, "held_on": "2026-12-29", "notice_on": "2026-12-20"},
        content_type="application/json",
    )
    assert moved.status_code == 200 and moved.json()["version"] == 2
    stale = client.post(
        f"/api/v1/democracy/meetings/{meeting_id}/cancel",
        {"expected_version": 1, "reason": "Trùng lịch"},
        content_type="application/json",
    )
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    listed = client.get("/api/v1/democracy/meetings", {"kind": "year_end"})
    assert listed.status_code == 200 and listed.json()["count"] == 1


def test_the_api_records_items_and_answers_them(client, cast, meeting, today):
    client.force_login(cast.alice)
    url = f"/api/v1/democracy/meetings/{meeting.pk}/items"
    body = {
        "kind": "question",
        "raised_by": "Ông Tư",
        "content": "Bao giờ làm đường?",
        "addressee": "peoples_committee",
    }
    created = client.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="i1")
    assert created.status_code == 201
    item = created.json()
    assert item["event_type"] == "democracy.communitymeeting" and item["event_id"] == meeting.pk
    assert client.get(url).json()[0]["id"] == item["id"]
    assert client.get("/api/v1/democracy/raised-items", {"answered": "false"}).json()["count"] == 1
    answered = client.post(
        f"/api/v1/democracy/raised-items/{item['id']}/answer",
        {"expected_version": 1, "answered_on": "2026-12-15", "answer": "Quý I năm 2027."},
        content_type="application/json",
    )
    assert answered.status_code == 200 and answered.json()["answered_on"] == "2026-12-15"
    compliance = client.get("/api/v1/democracy/meetings/compliance", {"unit": cast.dong_xuan.pk, "year": 2026})
    assert compliance.status_code == 200
    row = compliance.json()["communes"][0]
    assert row["villages_held"] == 1 and row["dialogue_ok"] is False


def test_an_officer_of_another_commune_gets_404_for_everything(client, cast, village, meeting, today):
    item = Recommendation.objects.create(
        unit=village,
        event_type_id=__import__("django.contrib.contenttypes.models", fromlist=["ContentType"])
        .ContentType.objects.get_for_model(CommunityMeeting)
        .pk,
        event_id=meeting.pk,
        kind="question",
        raised_by="Ông Tư",
        raised_on=meeting.held_on,
        content="?",
        addressee="village",
    )
    client.force_login(cast.bob)  # Phường Buôn Ma Thuột
    pages = [
        ("get", reverse("democracy:meeting_detail", args=[meeting.pk]), {}),
        ("post", reverse("democracy:meeting_record", args=[meeting.pk]), {"version": 2, "participants": 1}),
        ("post", reverse("democracy:meeting_send", args=[meeting.pk]), {"version": 2}),
        ("post", reverse("democracy:meeting_cancel", args=[meeting.pk]), {"version": 2, "reason": "x"}),
        ("post", reverse("democracy:meeting_item_create", args=[meeting.pk]), {}),
        ("post", reverse("democracy:raised_item_answer", args=[item.pk]), {}),
        ("get", reverse("democracy:meeting_compliance") + f"?unit={cast.dong_xuan.pk}", {}),
        ("get", reverse("democracy:statistics") + f"?unit={cast.dong_xuan.pk}", {}),
        ("get", reverse("democracy:statistics_xlsx") + f"?unit={cast.dong_xuan.pk}", {}),
    ]
    for method, url, data in pages:
        assert getattr(client, method)(url, data).status_code == 404, url
    api = [
        ("get", f"/api/v1/democracy/meetings/{meeting.pk}"),
        ("get", f"/api/v1/democracy/meetings/{meeting.pk}/items"),
        ("post", f"/api/v1/democracy/meetings/{meeting.pk}/record"),
        ("post", f"/api/v1/democracy/meetings/{meeting.pk}/send"),
        ("post", f"/api/v1/democracy/meetings/{meeting.pk}/cancel"),
        ("post", f"/api/v1/democracy/meetings/{meeting.pk}/reschedule"),
        ("post", f"/api/v1/democracy/meetings/{meeting.pk}/items"),
        ("get", f"/api/v1/democracy/raised-items/{item.pk}"),
        ("post", f"/api/v1/democracy/raised-items/{item.pk}/answer"),
        ("get", f"/api/v1/democracy/meetings/compliance?unit={cast.dong_xuan.pk}"),
        ("get", f"/api/v1/democracy/statistics?unit={cast.dong_xuan.pk}"),
        ("get", f"/api/v1/democracy/meetings?unit={village.pk}"),
    ]
    bodies = {
        "record": {"expected_version": 2, "participants": 5, "minutes": "x"},
        "send": {"expected_version": 2, "to_committee_on": "2026-12-12"},
        "cancel": {"expected_version": 2, "reason": "x"},
        "reschedule": {"expected_version": 2, "held_on": "2026-12-28"},
        "items": {"kind": "question", "raised_by": "x", "content": "x", "addressee": "village"},
        "answer": {"expected_version": 1, "answered_on": "2026-12-15", "answer": "x"},
    }
    for method, url in api:
        body = bodies.get(url.rsplit("/", 1)[-1], {})
        response = client.post(url, body, content_type="application/json") if method == "post" else client.get(url)
        assert response.status_code == 404, (url, response.status_code, response.content[:200])
    created = client.post(
        "/api/v1/democracy/meetings",
        {"unit_id": village.pk, "kind": "year_end", "held_on": "2026-12-28"},
        content_type="application/json",
    )
    assert created.status_code == 404
    assert client.get("/api/v1/democracy/meetings").json()["count"] == 0
    assert client.get("/api/v1/democracy/raised-items").json()["count"] == 0
