"""The shared submit service: a report is its case (kind feedback) and its report row, written together."""

import pytest

from danvan.cases.models import Case, CaseKind
from danvan.core.errors import DomainError
from danvan.feedback.intake import ReportIn, report_by_secret, report_submit
from danvan.feedback.models import Report, ReportState


def test_a_report_with_a_point_finds_its_commune_and_handler(cast):
    unit = cast.dong_xuan
    submitted = report_submit(
        ReportIn(
            category_code="flooding",
            description="Đường ngập sâu sau mưa",
            latitude=float(unit.latitude),
            longitude=float(unit.longitude),
            citizen_name="Nguyễn Văn A",
            citizen_phone="0912345678",
        )
    )
    report = submitted.report
    assert report.unit_id == unit.pk and report.state == ReportState.NEW and report.is_open
    assert report.organization is not None and report.organization.kind.code == "peoples_committee"
    assert report.case.kind == CaseKind.FEEDBACK and report.case.unit_id == unit.pk
    assert report.due_on > report.received_at.date()
    assert report_by_secret(report.code, submitted.secret) == report
    assert report_by_secret(report.code, "wrong") is None


def test_a_point_outside_vietnam_leaves_nothing(cast):
    with pytest.raises(DomainError) as error:
        report_submit(ReportIn(category_code="flooding", description="x", latitude=35.0, longitude=139.0))
    assert error.value.code == "location_outside_vietnam"
    assert not Report.objects.exists() and not Case.objects.exists()


def test_a_repeated_key_returns_the_same_report(cast):
    data = ReportIn(category_code="waste", description="Rác", unit_code="22081", submission_key="k1")
    first = report_submit(data).report
    again = report_submit(data)
    assert again.report.pk == first.pk and again.report.replayed and again.secret == ""
    assert Report.objects.count() == 1
