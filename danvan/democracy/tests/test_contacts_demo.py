"""The demo gives Xã Đồng Xuân's officer a dialogue with staff, electoral areas and a voter contact with twelve
recommendations to open; it loads twice safely."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from danvan.accounts.models import Officer
from danvan.democracy.models import ElectoralArea, Recommendation, RecommendationSource, VoterContact


@pytest.mark.django_db
def test_the_demo_has_dialogues_areas_and_a_contact_with_twelve_recommendations(client):
    call_command("demo", quiet=True)
    contacts = VoterContact.objects.count()
    assert ElectoralArea.objects.count() == 2 and contacts == 2
    assert Recommendation.objects.filter(source=RecommendationSource.VOTER_CONTACT).count() == 12
    call_command("demo", quiet=True)
    assert VoterContact.objects.count() == contacts
    client.force_login(Officer.objects.get(username="dongxuan.canbo"))
    held = VoterContact.objects.get(status="held")
    for url in (
        reverse("democracy:staff_dialogues"),
        reverse("democracy:staff_dialogue_compliance"),
        reverse("democracy:voter_contacts"),
        reverse("democracy:voter_contact_detail", args=[held.pk]),
        reverse("democracy:voter_contact_docx", args=[held.pk]),
        reverse("democracy:statistics"),
    ):
        assert client.get(url).status_code == 200, url
