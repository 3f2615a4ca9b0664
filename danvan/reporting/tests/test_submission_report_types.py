"""A template of a kind of periodic report with a cut-off (NĐ 09/2019 Art. 12: the state's 6-month report counts
15/12 of the year before to 14/6): every submission sent for "2026-H1" counts those dates — frozen figures, the
dashboard, the documents — on the service, the page and the API; a report type of another kind of period is refused
beside its field."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from danvan.core.errors import DomainError
from danvan.reporting import submission_services as services
from danvan.reporting.models import DocumentFormat, PeriodKind, ReportType, Submission
from danvan.reporting.tests import submission_fixtures as fixtures
from danvan.reporting.tests.submission_fixtures import NARRATIVE, SECTIONS, install_fake_source, remove_fake_source

pytestmark = pytest.mark.django_db
API = "/api/v1/reporting"
STATE_HALF = (dt.date(2025, 12, 15), dt.date(2026, 6, 14))


@pytest.fixture(autouse=True)
def fake_source():
    install_fake_source()
    yield
    remove_fake_source()


def make(cast, report_type="state-half", period_kind=PeriodKind.HALF):
    return services.template_create(
        actor=cast.carol,
        unit=cast.dak_lak,
        name="Báo cáo 6 tháng theo chế độ báo cáo",
        period_kind=period_kind,
        doc_format=DocumentFormat.STATE,
        sections=SECTIONS,
        report_type=report_type,
    )


def test_submissions_count_the_report_types_period(cast):
    template = make(cast)
    assert template.report_type.code == "state-half"
    sent = services.template_send(actor=cast.carol, template=template, period_code="2026-H1")
    assert {(s.period_start, s.period_end) for s in sent.submissions} == {STATE_HALF}
    assert {s.period_code for s in sent.submissions} == {"2026-H1"}
    again = services.template_send(actor=cast.carol, template=template, period_code="2026-H1")
    assert again.created == 0  # the same shifted period: nothing sent twice

    submission = Submission.objects.select_related("template__report_type").get(template=template, unit=cast.dong_xuan)
    period = services.submission_period(submission)
    assert (period.code, period.start, period.end) == ("2026-H1", *STATE_HALF)
    fixtures.set_figures("22081", 137)
    services.submission_submit(actor=cast.alice, submission=submission, version=1, narrative=NARRATIVE)
    assert STATE_HALF in fixtures.ASKED and (dt.date(2026, 1, 1), dt.date(2026, 6, 30)) not in fixtures.ASKED
    board = services.dashboard(template, "2026-H1")
    assert board.counts["submitted"] == 1


def test_a_report_type_of_another_kind_or_unknown_is_refused(cast):
    for code, field in (("state-year", "report_type"), ("khong-co", "report_type")):
        with pytest.raises(DomainError) as refused:
            make(cast, report_type=code)
        assert refused.value.status in (400, 422) and field in (refused.value.fields or {})
    assert make(cast, report_type="").report_type is None  # none: calendar periods
    assert make(cast, report_type="state-year", period_kind=PeriodKind.YEAR).report_type.code == "state-year"


def test_the_page_and_the_api(client, cast):
    client.force_login(cast.carol)
    home = reverse("reporting:submission_home")
    assert 'name="report_type"' in client.get(home).content.decode()
    form = {
        "name": "Báo cáo năm",
        "period_kind": PeriodKind.HALF,
        "doc_format": DocumentFormat.STATE,
        "report_type": ReportType.objects.get(code="state-year").pk,
        "sections": "Tiếp công dân | test.visits | Kết quả",
    }
    refused = client.post(home, form)
    assert refused.status_code == 422
    page = refused.content.decode()
    assert 'id="id_report_type-error"' in page and "dùng cho kỳ khác" in page
    assert 'value="Báo cáo năm"' in page  # what was typed is kept

    created = client.post(home, {**form, "report_type": ReportType.objects.get(code="state-half").pk})
    assert created.status_code == 302
    detail = client.get(created["Location"])
    assert "chế độ báo cáo nhà nước" in detail.content.decode()
    sent = client.post(created["Location"], {"period": "2026-H1"})
    assert sent.status_code == 302
    board = client.get(sent["Location"]).content.decode()
    assert 'id="report-period"' in board and "15/12/2025" in board and "14/06/2026" in board

    payload = {
        "unit_id": cast.dak_lak.pk,
        "name": "Báo cáo 6 tháng (API)",
        "period_kind": "half",
        "doc_format": "state",
        "sections": SECTIONS,
        "report_type": "state-half",
    }
    made = client.post(f"{API}/templates", json.dumps(payload), content_type="application/json")
    assert made.status_code == 201 and made.json()["report_type"] == "state-half"
    template = made.json()["id"]
    client.post(f"{API}/templates/{template}/send", json.dumps({"period": "2026-H1"}), content_type="application/json")
    row = Submission.objects.get(template_id=template, unit=cast.dong_xuan)
    assert (row.period_start, row.period_end) == STATE_HALF
    wrong = client.post(
        f"{API}/templates", json.dumps({**payload, "report_type": "state-year"}), content_type="application/json"
    )
    assert wrong.status_code in (400, 422) and "report_type" in wrong.json()["fields"]
    listed = client.get(f"{API}/templates").json()
    assert {item["report_type"] for item in listed} == {"state-half"}
