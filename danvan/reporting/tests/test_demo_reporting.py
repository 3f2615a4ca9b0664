"""The demo gives the reporting pages something to show: the province's plan of the year issued with tasks,
progress and one task overdue, a draft plan, a 6-month template with submissions in every state, entered figures, a
ranking, a few hundred imported dossiers and procedure figures; a second run adds nothing, and the Đồng Xuân
officer finds their returned report and their tasks."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.models import Officer
from danvan.demo.reporting import DOSSIER_PREFIX, DRAFT_PLAN_KEY, PLAN_KEY, TEMPLATE_KEY, load_demo_reporting
from danvan.reporting import access
from danvan.reporting.models import (
    Dossier,
    DossierChannel,
    DossierStatus,
    EnteredFigure,
    Plan,
    PlanStatus,
    ProcedureFigure,
    RankingResult,
    RankingScheme,
    ReviewComment,
    Submission,
    SubmissionStatus,
    TaskProgress,
    TaskTarget,
)
from danvan.reporting.plan_services import overdue_q


def counts() -> dict[str, int]:
    return {
        "plans": Plan.objects.count(),
        "targets": TaskTarget.objects.count(),
        "progress": TaskProgress.objects.count(),
        "submissions": Submission.objects.count(),
        "comments": ReviewComment.objects.count(),
        "dossiers": Dossier.objects.count(),
        "procedure_figures": ProcedureFigure.objects.count(),
        "entered": EnteredFigure.objects.count(),
        "schemes": RankingScheme.objects.count(),
    }


@pytest.mark.django_db
def test_the_demo_loads_plans_reports_and_dossiers_once(client):
    call_command("demo", quiet=True)
    today = timezone.localdate()

    plan = Plan.objects.get(submission_key=PLAN_KEY)
    assert plan.status == PlanStatus.ISSUED and plan.unit.code == "66"
    assert 3 <= plan.tasks.count() <= 4
    assert TaskProgress.objects.filter(target__task__plan=plan).count() >= 4
    overdue = TaskTarget.objects.filter(overdue_q(today), task__plan=plan)
    assert overdue.filter(organization__unit__code="22081").exists()
    assert TaskTarget.objects.filter(task__plan=plan, percent=100).exists()
    assert Plan.objects.get(submission_key=DRAFT_PLAN_KEY).status == PlanStatus.DRAFT

    submissions = Submission.objects.filter(template__submission_key=TEMPLATE_KEY)
    states = set(submissions.values_list("status", flat=True))
    assert {
        SubmissionStatus.DRAFT,
        SubmissionStatus.SUBMITTED,
        SubmissionStatus.RETURNED,
        SubmissionStatus.APPROVED,
    } <= states
    returned = submissions.get(status=SubmissionStatus.RETURNED)
    assert returned.unit.code == "22081" and returned.comments.filter(action="return").exists()
    assert submissions.filter(status=SubmissionStatus.SUBMITTED).exclude(figures={}).exists()

    dossiers = Dossier.objects.filter(number__startswith=DOSSIER_PREFIX)
    assert 200 <= dossiers.count() <= 600
    assert set(dossiers.values_list("unit__code", flat=True)) == {"22081", "24133", "22240", "22045"}
    for status in (DossierStatus.EARLY, DossierStatus.LATE, DossierStatus.IN_PROGRESS):
        assert dossiers.filter(status=status).exists(), status
    assert dossiers.filter(channel=DossierChannel.ONLINE).count() >= 100
    assert ProcedureFigure.objects.filter(unit__code="22081").exists()
    assert EnteredFigure.objects.filter(unit__code="22081").exists()
    scheme = RankingScheme.objects.get(unit__code="66", year=today.year)
    assert RankingResult.objects.filter(scheme=scheme).count() == 4

    before = counts()
    assert load_demo_reporting() == 0
    call_command("demo", quiet=True)
    assert counts() == before


@pytest.mark.django_db
def test_the_commune_officer_sees_their_report_and_tasks(client):
    call_command("demo", quiet=True)
    officer = Officer.objects.get(username="dongxuan.canbo")
    mine = access.submissions_visible_to(officer).filter(template__submission_key=TEMPLATE_KEY)
    assert set(mine.values_list("unit__code", flat=True)) == {"22081"}
    returned = mine.get(status=SubmissionStatus.RETURNED)
    assert access.plans_visible(officer).filter(submission_key=PLAN_KEY).exists()
    assert not access.plans_visible(officer).filter(submission_key=DRAFT_PLAN_KEY).exists()

    client.force_login(officer)
    home = client.get(reverse("reporting:submission_home"))
    assert home.status_code == 200 and returned in home.context["mine"]
    detail = client.get(reverse("reporting:submission_detail", args=[returned.pk]))
    assert detail.status_code == 200 and "Đề nghị bổ sung số liệu" in detail.content.decode()
    tasks = client.get(reverse("reporting:plan_tasks_mine"))
    assert tasks.status_code == 200
    listed = {target.organization.unit.code for target in tasks.context["page"].object_list}
    assert listed == {"22081"}
    overdue = client.get(reverse("reporting:plan_tasks_mine"), {"state": "overdue"})
    assert len(overdue.context["page"].object_list) >= 1
    indicators = client.get(reverse("reporting:dossier_indicators", args=[returned.unit_id]))
    assert indicators.status_code == 200
