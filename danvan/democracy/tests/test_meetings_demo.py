"""The demo gives a commune officer real-looking meetings, raised items and figures to open; it loads twice safely."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from danvan.accounts.models import Officer
from danvan.democracy.models import CommunityMeeting, MeetingStatus, Recommendation


@pytest.mark.django_db
def test_the_demo_commune_officer_sees_meetings_items_and_figures(client):
    call_command("demo", quiet=True)
    meetings = CommunityMeeting.objects.count()
    assert CommunityMeeting.objects.filter(status=MeetingStatus.HELD).count() >= 8
    assert Recommendation.objects.open().exists() and Recommendation.objects.filter(answered_on__isnull=False).exists()
    call_command("demo", quiet=True)
    assert CommunityMeeting.objects.count() == meetings
    client.force_login(Officer.objects.get(username="dongxuan.canbo"))
    assert "hội nghị sắp tổ chức" in client.get(reverse("democracy:home")).content.decode()
    listed = client.get(reverse("democracy:meetings"))
    assert listed.status_code == 200 and "Hội nghị đối thoại năm" in listed.content.decode()
    assert client.get(reverse("democracy:raised_items")).status_code == 200
    # The tracker's demo: a transfer, a closed item and a re-raised one; the inbox and the public page open.
    from danvan.democracy.models import RecommendationStatus, RecommendationTransfer

    assert RecommendationTransfer.objects.count() == 1
    assert Recommendation.objects.filter(status=RecommendationStatus.RERAISED).count() == 1
    assert Recommendation.objects.filter(reraised_from__isnull=False).count() == 1
    assert client.get(reverse("democracy:recommendation_inbox")).status_code == 200
    commune = Recommendation.objects.filter(unit__code="22081").first()
    assert commune is not None
    public = client.get(reverse("democracy_public:recommendation_list", args=[commune.unit_id]))
    assert public.status_code == 200
    assert client.get(reverse("democracy:meeting_compliance")).status_code == 200
    assert client.get(reverse("democracy:statistics")).status_code == 200
