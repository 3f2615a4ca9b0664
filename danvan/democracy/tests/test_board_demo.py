"""The demo gives the Đồng Xuân officer an inspection board of five, a project with its supervision board, held
checks with recommendations in the tracker, and figures; it loads twice safely."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from danvan.accounts.models import Officer
from danvan.democracy.models import Board, BoardKind, InvestmentProject, Recommendation, RecommendationSource


@pytest.mark.django_db
def test_the_demo_commune_officer_sees_boards_projects_and_figures(client):
    call_command("demo", quiet=True)
    inspection = Board.objects.get(unit__code="22081", kind=BoardKind.PEOPLES_INSPECTION)
    assert inspection.active_members().count() == 5
    project = InvestmentProject.objects.get(unit__code="22081")
    assert project.board.kind == BoardKind.INVESTMENT_SUPERVISION
    assert (
        Recommendation.objects.filter(
            source__in=[RecommendationSource.INSPECTION_BOARD, RecommendationSource.INVESTMENT_BOARD]
        ).count()
        == 2
    )
    boards = Board.objects.count()
    call_command("demo", quiet=True)
    assert Board.objects.count() == boards
    client.force_login(Officer.objects.get(username="dongxuan.canbo"))
    home = client.get(reverse("democracy:home")).content.decode()
    assert "Ban Thanh tra nhân dân đang hoạt động" in home
    listed = client.get(reverse("democracy:boards"))
    assert listed.status_code == 200 and "Ban Thanh tra nhân dân Xã Đồng Xuân" in listed.content.decode()
    assert client.get(reverse("democracy:board_detail", args=[inspection.pk])).status_code == 200
    assert client.get(reverse("democracy:board_projects")).status_code == 200
    assert client.get(reverse("democracy:board_project_detail", args=[project.pk])).status_code == 200
    session = project.board.sessions.filter(status="held").get()
    assert client.get(reverse("democracy:board_session_detail", args=[session.pk])).status_code == 200
    statistics = client.get(reverse("democracy:statistics")).content.decode()
    assert "Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng" in statistics
