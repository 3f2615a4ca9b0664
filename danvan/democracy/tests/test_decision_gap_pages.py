"""The officers' pages for what was API-only (a meeting, the online consents, a ballot correction), the publish
button and the commune's public page of results: refusals of the services kept beside their field with what was
typed, 404 for another commune's officer, never how a household voted on the public page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.democracy import decision_services as services
from danvan.democracy.models import Ballot, CommunityDecision, DecisionMeeting, OnlineConsent
from danvan.democracy.tests.decision_fixtures import (
    announced_decision,
    household_ids,
    matter,
    village_with_households,
    vote,
)

WITNESSES = ["Phạm Văn Chứng", "Vũ Thị Kiến"]


def d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def village(cast):
    return village_with_households(cast.dong_xuan, "Thôn Đông", 120, prefix="DX-")


def meeting_post(village, present_ids, *, agreed, secretary_agreed="36", codes="", notice_days=3):
    held = timezone.localdate() - dt.timedelta(days=1)
    return {
        "village": village.pk,
        "notice_on": d(held - dt.timedelta(days=notice_days)),
        "held_on": d(held),
        "present": [str(pk) for pk in present_ids],
        "present_codes": codes,
        "secretary_proposal": "Chị Lê Thị Thư làm thư ký",
        "secretary_agreed": secretary_agreed,
        "agreed": str(agreed),
        "disagreed": "0",
        "other": "0",
        "place": "Nhà văn hoá thôn",
    }


def test_a_meeting_through_the_page_70_present_of_120(client, cast, village):
    decision = announced_decision(cast.alice, cast.dong_xuan, [village], matter_code="3", form="meeting")
    client.force_login(cast.alice)
    page = client.get(reverse("democracy:decision_detail", args=[decision.pk]))
    assert page.status_code == 200 and 'id="meeting-form"' in page.content.decode()
    url = reverse("democracy:decision_meeting_create", args=[decision.pk])
    ids = household_ids(village)
    # 60 ticked + 10 pasted by code = 70 present; 71 agreeing is refused beside the count, what was typed kept
    codes = "\n".join(f"DX-{n:05d}" for n in range(61, 71))
    refused = client.post(url, meeting_post(village, ids[:60], agreed=71, codes=codes))
    body = refused.content.decode()
    assert refused.status_code == 422 and "nhiều hơn số hộ có mặt (70)" in body
    assert "Nhà văn hoá thôn" in body and "DX-00070" in body
    assert not DecisionMeeting.objects.exists()
    unknown = client.post(url, meeting_post(village, ids[:60], agreed=61, codes="DX-99999"))
    assert unknown.status_code == 422 and "DX-99999" in unknown.content.decode()
    done = client.post(url, meeting_post(village, ids[:60], agreed=61, codes=codes))
    assert done.status_code == 302
    meeting = DecisionMeeting.objects.get()
    assert meeting.attendance.count() == 70
    secretary = meeting.procedural_votes.get()
    assert secretary.result_text == "36/70 hộ có mặt đồng ý = 51,4 % > 50 % (36 hộ có mặt): thông qua"
    detail = client.get(reverse("democracy:decision_detail", args=[decision.pk])).content.decode()
    assert "36/70 hộ có mặt đồng ý" in detail
    closed, _ = services.decision_close(actor=cast.alice, decision=decision, witnesses=WITNESSES)
    assert closed.result_text == "61/120 hộ đồng ý = 50,8 % > 50 % (61 hộ): thông qua"


def test_a_meeting_too_small_goes_to_a_ballot(client, cast, village):
    decision = announced_decision(cast.alice, cast.dong_xuan, [village], matter_code="3", form="meeting")
    client.force_login(cast.alice)
    url = reverse("democracy:decision_meeting_create", args=[decision.pk])
    response = client.post(url, meeting_post(village, household_ids(village)[:40], agreed=40, secretary_agreed=""))
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.went_to_ballot and decision.form == "ballot"


def test_a_meeting_with_a_short_notice_is_refused_beside_the_notice_day(client, cast, village):
    decision = announced_decision(cast.alice, cast.dong_xuan, [village], matter_code="3", form="meeting")
    client.force_login(cast.alice)
    url = reverse("democracy:decision_meeting_create", args=[decision.pk])
    response = client.post(url, meeting_post(village, household_ids(village)[:90], agreed=80, notice_days=1))
    assert response.status_code == 422 and "Giấy mời (Mẫu 01)" in response.content.decode()
    assert not DecisionMeeting.objects.exists()


def online_draft(cast, village):
    return services.decision_create(
        actor=cast.alice,
        commune=cast.dong_xuan,
        matter=matter("6"),
        scope="village",
        villages=[village],
        form="online",
        title="Chọn ngày tổng vệ sinh",
    )


def test_online_consents_then_the_notice_needs_more_than_half(client, cast, village):
    decision = online_draft(cast, village)
    client.force_login(cast.alice)
    detail = reverse("democracy:decision_detail", args=[decision.pk])
    assert 'id="consent-form"' in client.get(detail).content.decode()
    url = reverse("democracy:decision_online_consents", args=[decision.pk])
    ids = household_ids(village)
    assert client.post(url, {"present": [str(pk) for pk in ids[:60]], "version": decision.version}).status_code == 302
    assert OnlineConsent.objects.count() == 60
    notice = timezone.localdate() - dt.timedelta(days=5)
    announce = {
        "notice_on": d(notice),
        "register_on": d(notice + dt.timedelta(days=2)),
        "team": "A\nB\nC",
        "team_leader": "A",
    }
    refused = client.post(reverse("democracy:decision_announce", args=[decision.pk]), announce)
    assert refused.status_code == 422 and "Mới có 60/120 hộ đồng ý" in refused.content.decode()
    decision.refresh_from_db()
    client.post(url, {"present_codes": "DX-00061", "version": decision.version})
    assert OnlineConsent.objects.count() == 61
    assert client.post(reverse("democracy:decision_announce", args=[decision.pk]), announce).status_code == 302
    # a household from elsewhere is refused beside the paste
    decision.refresh_from_db()
    assert decision.status == "announced"


def test_folded_search_narrows_the_checklist(client, cast, village):
    decision = online_draft(cast, village)
    client.force_login(cast.alice)
    page = client.get(reverse("democracy:decision_detail", args=[decision.pk]), {"ho": "DX-0011"}).content.decode()
    assert "DX-00110" in page and "DX-00001" not in page
    page = client.get(reverse("democracy:decision_detail", args=[decision.pk]), {"ho": "Hộ 7"})
    assert "DX-00007" in page.content.decode()


def test_correcting_a_ballot_before_the_close_with_its_reason(client, cast, village):
    decision = announced_decision(cast.alice, cast.dong_xuan, [village])
    vote(cast.alice, decision, household_ids(village)[:1], "disagree")
    ballot = Ballot.objects.get()
    client.force_login(cast.alice)
    detail = client.get(reverse("democracy:decision_detail", args=[decision.pk])).content.decode()
    url = reverse("democracy:decision_ballot_correct", args=[decision.pk, ballot.pk])
    assert url in detail
    assert client.get(url).status_code == 200
    refused = client.post(url, {"choice": "agree", "reason": ""})
    assert refused.status_code == 422 and "Sửa phiếu phải ghi lý do" in refused.content.decode()
    ballot.refresh_from_db()
    assert ballot.choice == "disagree"
    assert client.post(url, {"choice": "agree", "reason": "Tổ ghi nhầm ô"}).status_code == 302
    ballot.refresh_from_db()
    assert (ballot.choice, ballot.corrections) == ("agree", 1)
    vote(cast.alice, decision, household_ids(village)[1:80], "agree")
    services.decision_close(actor=cast.alice, decision=decision, witnesses=WITNESSES)
    closed = client.post(url, {"choice": "disagree", "reason": "Muộn"})
    assert closed.status_code == 422 and "không nhận hoặc sửa phiếu nữa" in closed.content.decode()


def test_publishing_a_result_to_citizens(client, cast, village):
    decision = announced_decision(cast.alice, cast.dong_xuan, [village])
    vote(cast.alice, decision, household_ids(village)[:82], "agree")
    vote(cast.alice, decision, household_ids(village)[82:90], "disagree")
    public_url = reverse("democracy_public:decision_list", args=[cast.dong_xuan.pk])
    client.force_login(cast.alice)
    publish = reverse("democracy:decision_publish", args=[decision.pk])
    client.post(publish, {"published": "1"})  # not counted yet: refused, nothing published
    assert not CommunityDecision.objects.get().is_published
    services.decision_close(actor=cast.alice, decision=decision, witnesses=WITNESSES)
    assert client.post(publish, {"published": "1"}).status_code == 302
    client.logout()
    page = client.get(public_url).content.decode()
    assert "82/120 hộ đồng ý = 68,3 % ≥ 2/3 (80 hộ): thông qua" in page
    assert "Đóng góp làm đường bê tông liên thôn" in page and "Thôn Đông" in page
    assert "DX-00001" not in page and "Hộ Thôn Đông 1" not in page and "Đồng ý" not in page
    assert "Đóng góp" in client.get(public_url, {"q": "dong gop lam duong"}).content.decode()
    assert "Đóng góp" not in client.get(public_url, {"q": "nha van hoa"}).content.decode()
    client.force_login(cast.alice)
    client.post(publish, {"published": "0"})
    client.logout()
    assert "Đóng góp" not in client.get(public_url).content.decode()


def test_the_public_api_lists_only_published_results(client, cast, village):
    decision = announced_decision(cast.alice, cast.dong_xuan, [village])
    vote(cast.alice, decision, household_ids(village)[:79], "agree")
    services.decision_close(actor=cast.alice, decision=decision, witnesses=WITNESSES)
    url = f"/api/v1/democracy/public/communes/{cast.dong_xuan.pk}/decisions"
    assert client.get(url).json()["items"] == []
    services.decision_publish(actor=cast.alice, decision=decision, published=True)
    items = client.get(url).json()["items"]
    assert [item["result_text"] for item in items] == ["79/120 hộ đồng ý = 65,8 % < 2/3 (80 hộ): không thông qua"]
    assert items[0]["villages"] == ["Thôn Đông"] and items[0]["matter"] == "1"
    assert "ballots" not in items[0] and "households_agreed" in items[0]
    assert client.get(url, {"q": "duong be tong"}).json()["count"] == 1
    assert client.get("/api/v1/democracy/public/communes/999999/decisions").status_code == 404


def test_the_new_pages_of_another_commune_are_404(client, cast, village):
    decision = announced_decision(cast.alice, cast.dong_xuan, [village])
    vote(cast.alice, decision, household_ids(village)[:1], "agree")
    ballot = Ballot.objects.get()
    client.force_login(cast.bob)
    for name in ("decision_meeting_create", "decision_online_consents", "decision_publish"):
        assert client.post(reverse(f"democracy:{name}", args=[decision.pk]), {}).status_code == 404, name
    correct = reverse("democracy:decision_ballot_correct", args=[decision.pk, ballot.pk])
    assert client.get(correct).status_code == 404
    assert client.post(correct, {"choice": "disagree", "reason": "x"}).status_code == 404
    ballot.refresh_from_db()
    assert ballot.choice == "agree"
