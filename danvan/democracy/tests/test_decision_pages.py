"""The officers' pages and the public receipt page: a road-contribution ballot from creation to recognition
through forms, refusals kept beside their field, 404 for another commune."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.democracy.models import Ballot, CommunityDecision, Household
from danvan.democracy.tests.decision_fixtures import village_with_households


@pytest.fixture
def village(cast):
    return village_with_households(cast.dong_xuan, "Thôn Đông", 3, prefix="DX-")


def test_a_ballot_through_the_pages(client, cast, village):
    client.force_login(cast.alice)
    assert client.get(reverse("democracy:home")).status_code == 200
    created = client.post(
        reverse("democracy:decision_create"),
        {
            "unit": cast.dong_xuan.pk,
            "title": "Đóng góp làm đường",
            "matter": "1",
            "scope": "village",
            "villages": [village.pk],
            "form": "online",
            "origin": "commune",
            "submission_key": "s1",
        },
    )
    assert created.status_code == 200 and "nội dung 6" in created.content.decode()  # kept beside the form field
    created = client.post(
        reverse("democracy:decision_create"),
        {
            "unit": cast.dong_xuan.pk,
            "title": "Đóng góp làm đường",
            "matter": "1",
            "scope": "village",
            "villages": [village.pk],
            "form": "ballot",
            "origin": "commune",
            "submission_key": "s2",
        },
    )
    decision = CommunityDecision.objects.get()
    assert created.status_code == 302
    notice = timezone.localdate() - dt.timedelta(days=5)
    announce = reverse("democracy:decision_announce", args=[decision.pk])
    refused = client.post(
        announce,
        {
            "notice_on": notice.strftime("%d/%m/%Y"),
            "register_on": notice.strftime("%d/%m/%Y"),
            "documents_sent_on": notice.strftime("%d/%m/%Y"),
            "team": "A\nB",
            "team_leader": "A",
        },
    )
    assert refused.status_code == 422 and "từ 3 đến 5 người" in refused.content.decode()
    client.post(
        announce,
        {
            "notice_on": notice.strftime("%d/%m/%Y"),
            "register_on": (notice + dt.timedelta(days=2)).strftime("%d/%m/%Y"),
            "documents_sent_on": notice.strftime("%d/%m/%Y"),
            "team": "A\nB\nC",
            "team_leader": "A",
        },
    )
    ballot_url = reverse("democracy:decision_ballot_create", args=[decision.pk])
    for code, channel in (("DX-00001", "paper"), ("DX-00002", "online")):
        assert client.post(ballot_url, {"household": code, "choice": "agree", "channel": channel}).status_code == 302
    twice = client.post(ballot_url, {"household": "DX-00001", "choice": "disagree", "channel": "paper"})
    assert twice.status_code == 422 and "mỗi hộ một phiếu" in twice.content.decode()
    page = client.get(reverse("democracy:decision_detail", args=[decision.pk])).content.decode()
    assert "2/3 hộ đồng ý = 66,7 % ≥ 2/3 (2 hộ): thông qua" in page
    client.post(reverse("democracy:decision_close", args=[decision.pk]), {"witness_1": "X", "witness_2": "Y"})
    assert CommunityDecision.objects.get().result == "passed"
    docx = client.get(reverse("democracy:decision_record", args=[decision.pk, "decision"]))
    assert docx.status_code == 200 and docx["Content-Type"].startswith("application/vnd.openxmlformats")
    client.logout()
    receipt = Ballot.objects.get(household__code="DX-00001").receipt
    public = client.get(reverse("democracy_public:ballot_receipt"), {"ma": receipt}).content.decode()
    assert "Phiếu của hộ đã được kiểm" in public and "Đồng ý" not in public
    assert Household.objects.get(code="DX-00001").representative_name not in public


def test_pages_of_another_commune_are_404(client, cast, village):
    client.force_login(cast.alice)
    client.post(
        reverse("democracy:decision_create"),
        {
            "unit": cast.dong_xuan.pk,
            "title": "Đường",
            "matter": "1",
            "scope": "village",
            "villages": [village.pk],
            "form": "ballot",
            "origin": "commune",
        },
    )
    decision = CommunityDecision.objects.get()
    client.force_login(cast.bob)
    assert client.get(reverse("democracy:decision_detail", args=[decision.pk])).status_code == 404
    for name in (
        "decision_announce",
        "decision_ballot_create",
        "decision_close",
        "decision_submit",
        "decision_recognize",
    ):
        assert client.post(reverse(f"democracy:{name}", args=[decision.pk]), {}).status_code == 404, name
    assert client.get(reverse("democracy:decision_record", args=[decision.pk, "count"])).status_code == 404
    assert client.get(reverse("democracy:decision_create"), {"unit": cast.dong_xuan.pk}).status_code == 404
    assert decision.title not in client.get(reverse("democracy:decision_list")).content.decode()


def test_the_ballot_form_sent_twice_records_one_ballot(client, cast, village):
    """A double click (or a resend after a dropped answer) on "Ghi phiếu": the form's hidden key comes twice, the
    second gets the first's ballot and its success message, not "already has a ballot"."""
    from danvan.core.models import AuditEntry
    from danvan.democracy.tests.decision_fixtures import announced_decision

    decision = announced_decision(cast.alice, cast.dong_xuan, [village])
    client.force_login(cast.alice)
    page = client.get(reverse("democracy:decision_detail", args=[decision.pk])).content.decode()
    assert 'name="submission_key"' in page
    ballot_url = reverse("democracy:decision_ballot_create", args=[decision.pk])
    form = {"household": "DX-00001", "choice": "agree", "channel": "paper", "submission_key": "ballot-form-1"}
    for _ in range(2):
        sent = client.post(ballot_url, form, follow=True)
        assert sent.status_code == 200 and "Đã ghi phiếu của hộ DX-00001" in sent.content.decode()
    assert Ballot.objects.filter(decision=decision).count() == 1
    assert AuditEntry.objects.filter(action="democracy.ballot.recorded").count() == 1
    # The same key with another household is another request: refused beside the form, nothing recorded.
    other = client.post(ballot_url, {**form, "household": "DX-00002"})
    assert other.status_code == 422 and "Khóa chống gửi trùng" in other.content.decode()
    # A new form (a new key) for the same household is a second ballot: refused as before.
    again = client.post(ballot_url, {**form, "submission_key": "ballot-form-2", "choice": "disagree"})
    assert again.status_code == 422 and "mỗi hộ một phiếu" in again.content.decode()
    assert Ballot.objects.filter(decision=decision).count() == 1
