"""The demo files a few dozen reports at Xã Đồng Xuân and Phường Buôn Ma Thuột in every state, with public
timelines; the statistics and the ranking have figures to show; a second run adds nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from danvan.accounts.models import Officer
from danvan.demo.feedback import BUON_MA_THUOT, DONG_XUAN
from danvan.feedback.models import Report, ReportEvent, ReportState


@pytest.mark.django_db
def test_the_demo_files_reports_in_every_state(client):
    call_command("demo", quiet=True)
    reports = Report.objects.filter(submission_key__startswith="demo-feedback-")
    assert reports.count() == len(DONG_XUAN) + len(BUON_MA_THUOT)
    states = dict(reports.values_list("state").annotate(n=Count("id")))
    assert set(states) == set(ReportState.values)
    assert reports.filter(rating__isnull=False).count() >= 10 and reports.filter(timeliness="late").count() >= 4
    assert set(reports.values_list("unit__code", flat=True)) == {"22081", "24133"}
    assert (
        ReportEvent.objects.filter(report__in=reports, kind="answered").count()
        == reports.filter(answered_at__isnull=False).count()
    )
    call_command("demo", quiet=True)
    assert Report.objects.filter(submission_key__startswith="demo-feedback-").count() == reports.count()
    client.force_login(Officer.objects.get(username="dongxuan.canbo"))
    first = reports.earliest("received_at").received_at
    period = {"start": f"{first:%d/%m/%Y}", "end": f"{Report.objects.latest('received_at').received_at:%d/%m/%Y}"}
    page = client.get(reverse("feedback_statistics:statistics"), period)
    assert page.status_code == 200 and page.context["stats"].current.received == len(DONG_XUAN)
    ranking = client.get("/api/v1/feedback/ranking", {"province": "66"})
    assert ranking.status_code == 200
