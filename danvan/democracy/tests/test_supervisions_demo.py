"""The demo gives the Đồng Xuân officer the Front's programme of the year with supervisions, a criticism session and
recommendations in the tracker; it loads twice safely."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from danvan.accounts.models import Officer
from danvan.democracy.models import Recommendation, RecommendationSource, Supervision, SupervisionProgramme


@pytest.mark.django_db
def test_the_demo_front_programme(client, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False)
    call_command("demo", quiet=True)
    assert SupervisionProgramme.objects.filter(year=2026, organization__kind__code="fatherland_front").count() == 1
    assert Supervision.objects.filter(kind="social_criticism", status="done").count() == 1
    assert Supervision.objects.filter(status="planned").count() == 1
    assert Recommendation.objects.filter(source=RecommendationSource.SUPERVISION).count() == 3
    assert (
        Recommendation.objects.filter(source=RecommendationSource.SOCIAL_CRITICISM, answered_on__isnull=False).count()
        == 1
    )
    count = Supervision.objects.count()
    call_command("demo", quiet=True)
    assert Supervision.objects.count() == count
    client.force_login(Officer.objects.get(username="dongxuan.canbo"))
    listed = client.get(reverse("democracy:supervisions"))
    assert listed.status_code == 200 and "đất bãi bồi" in listed.content.decode()
    done = Supervision.objects.filter(status="done").first()
    assert done is not None
    assert client.get(reverse("democracy:supervision_report_docx", args=[done.pk])).status_code == 200
