"""The submissions API: template create (idempotent), send, submit, return, resubmit, approve, lock, 409 on stale or
locked, 404 outside the subtree, dashboard, diff, documents and the ranking."""

from __future__ import annotations

import json

import pytest

from danvan.reporting.models import ReportTemplate, Submission
from danvan.reporting.tests.submission_fixtures import (
    CRITERIA_API,
    NARRATIVE,
    SECTIONS,
    install_fake_source,
    remove_fake_source,
    set_figures,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/reporting"


@pytest.fixture(autouse=True)
def fake_source():
    install_fake_source()
    yield
    remove_fake_source()


def post(client, path, body, method="post", **headers):
    return getattr(client, method)(
        f"{API}{path}", json.dumps(body, default=str), content_type="application/json", headers=headers
    )


def template_payload(cast, **extra):
    return {
        "unit_id": cast.dak_lak.pk,
        "name": "Báo cáo công tác dân vận",
        "period_kind": "half",
        "doc_format": "party",
        "sections": SECTIONS,
        **extra,
    }


def test_the_whole_cycle_through_the_api(client, cast):
    set_figures("22081", 137)
    client.force_login(cast.carol)
    made = post(client, "/templates", template_payload(cast), **{"Idempotency-Key": "t-1"})
    assert made.status_code == 201, made.content
    again = post(client, "/templates", template_payload(cast), **{"Idempotency-Key": "t-1"})
    assert again.status_code == 200 and again.json()["id"] == made.json()["id"]
    assert ReportTemplate.objects.count() == 1
    template_id = made.json()["id"]
    sent = post(client, f"/templates/{template_id}/send", {"period": "2026-H1", "due_on": "2026-07-10"})
    assert sent.status_code == 200 and sent.json()["created"] > 2
    submission = Submission.objects.get(template_id=template_id, unit=cast.dong_xuan)

    client.force_login(cast.alice)
    assert client.get(f"{API}/submissions/{submission.pk}").status_code == 200
    bad = post(client, f"/submissions/{submission.pk}/submit", {"version": 1, "narrative": {"results": "x"}})
    assert bad.status_code in (400, 422) and "limitations" in bad.json()["fields"]
    done = post(client, f"/submissions/{submission.pk}/submit", {"version": 1, "narrative": NARRATIVE})
    assert done.status_code == 200, done.content
    assert done.json()["figures"]["test.visits"] == "137"
    # The commune cannot review itself.
    assert post(client, f"/submissions/{submission.pk}/approve", {"version": 3}).status_code == 404

    client.force_login(cast.carol)
    version = done.json()["version"]
    returned = post(client, f"/submissions/{submission.pk}/return", {"version": version, "comment": "Bổ sung."})
    assert returned.status_code == 200 and returned.json()["status"] == "returned"
    stale = post(client, f"/submissions/{submission.pk}/approve", {"version": version})
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    comments = client.get(f"{API}/submissions/{submission.pk}/comments").json()
    assert comments[0]["text"] == "Bổ sung."

    client.force_login(cast.alice)
    fixed = post(
        client,
        f"/submissions/{submission.pk}/submit",
        {"version": returned.json()["version"], "narrative": {**NARRATIVE, "results": "Đã bổ sung."}},
    )
    assert fixed.status_code == 200 and fixed.json()["times_submitted"] == 2

    client.force_login(cast.carol)
    approved = post(client, f"/submissions/{submission.pk}/approve", {"version": fixed.json()["version"]})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    locked = post(client, f"/submissions/{submission.pk}/lock", {"version": approved.json()["version"]})
    assert locked.status_code == 200 and locked.json()["status"] == "locked"

    client.force_login(cast.alice)
    refused = post(
        client, f"/submissions/{submission.pk}", {"version": locked.json()["version"], "narrative": NARRATIVE}, "patch"
    )
    assert refused.status_code == 409 and refused.json()["code"] == "locked"

    client.force_login(cast.carol)
    board = client.get(f"{API}/templates/{template_id}/dashboard", {"period": "2026-H1"}).json()
    assert board["counts"]["locked"] == 1
    set_figures("22081", 140)
    diff = client.get(f"{API}/submissions/{submission.pk}/diff").json()
    assert diff == [{"code": "test.visits", "frozen": "137", "now": "140"}]
    docx = client.get(f"{API}/submissions/{submission.pk}/document", {"fmt": "docx"})
    assert docx.status_code == 200 and docx["Content-Type"].startswith("application/vnd.openxmlformats")
    xlsx = client.get(f"{API}/submissions/{submission.pk}/document", {"fmt": "xlsx"})
    assert xlsx.status_code == 200


def test_outside_the_subtree_is_404(client, cast):
    client.force_login(cast.carol)
    template_id = post(client, "/templates", template_payload(cast)).json()["id"]
    post(client, f"/templates/{template_id}/send", {"period": "2026-H1"})
    submission = Submission.objects.get(template_id=template_id, unit=cast.dong_xuan)
    client.force_login(cast.frank)
    assert client.get(f"{API}/submissions/{submission.pk}").status_code == 404
    assert post(client, f"/submissions/{submission.pk}/return", {"version": 1, "comment": "x"}).status_code == 404
    assert client.get(f"{API}/templates/{template_id}").status_code == 404
    assert post(client, "/templates", template_payload(cast)).status_code == 404
    client.force_login(cast.bob)
    assert client.get(f"{API}/submissions/{submission.pk}").status_code == 404
    assert [row["unit_id"] for row in client.get(f"{API}/submissions").json()] == [cast.buon_ma_thuot.pk]


def test_ranking_api(client, cast):
    set_figures("22081", 137, "81.0")
    client.force_login(cast.carol)
    bad = post(
        client,
        "/ranking-schemes",
        {"unit_id": cast.dak_lak.pk, "year": 2026, "name": "X", "criteria": CRITERIA_API[:1]},
    )
    assert bad.status_code in (400, 422) and "criteria" in bad.json()["fields"]
    made = post(
        client, "/ranking-schemes", {"unit_id": cast.dak_lak.pk, "year": 2026, "name": "X", "criteria": CRITERIA_API}
    )
    assert made.status_code == 201, made.content
    scheme_id = made.json()["id"]
    ranked = post(client, f"/ranking-schemes/{scheme_id}/rank", {})
    assert ranked.status_code == 200
    rows = ranked.json()
    assert rows[0]["unit_name"] == "Xã Đồng Xuân" and rows[0]["scores"][0]["explanation"]
    client.force_login(cast.alice)
    assert post(client, f"/ranking-schemes/{scheme_id}/rank", {}).status_code == 404


def test_send_for_a_period_of_another_kind_is_422(client, cast):
    client.force_login(cast.carol)
    template_id = post(client, "/templates", template_payload(cast)).json()["id"]
    refused = post(client, f"/templates/{template_id}/send", {"period": "2026-Q1"})
    assert refused.status_code == 422 and refused.json()["code"] == "period_kind"
    assert "6 tháng" in refused.json()["message"]
    bad = post(client, f"/templates/{template_id}/send", {"period": "2026-05-01..2026-04-01"})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_period" and bad.json()["message"]
    assert not Submission.objects.filter(template_id=template_id).exists()


def test_the_report_of_a_unit_as_the_cli_gives_it(client, cast):
    from danvan.reporting.tests import golden

    golden.make_visits([cast.dong_xuan], 2021, golden.VISITS_2021)
    golden.make_visits([cast.dong_xuan], 2022, golden.VISITS_2022)
    client.force_login(cast.carol)
    template_id = post(client, "/templates", template_payload(cast)).json()["id"]
    body = client.get(
        f"{API}/report", {"unit": cast.dong_xuan.pk, "period": "2022", "codes": "reception.visits"}
    ).json()
    assert body["period"]["label"] == "Năm 2022" and body["previous_period"]["code"] == "2021"
    assert body["figures"][0]["change_previous"] == golden.VISITS_SENTENCE
    by_template = client.get(f"{API}/report", {"unit": cast.dak_lak.pk, "period": "2026-H1", "template": template_id})
    assert by_template.status_code == 200
    assert {f["code"] for f in by_template.json()["figures"]} <= {"test.visits", "test.on_time_rate", "entered.models"}
    cut = client.get(f"{API}/report", {"unit": cast.dak_lak.pk, "period": "2026", "report_type": "state-year"}).json()
    assert cut["period"]["start"] == "2025-12-15"
    for fmt, kind in (("docx", "wordprocessingml"), ("xlsx", "spreadsheetml")):
        got = client.get(
            f"{API}/report", {"unit": cast.dak_lak.pk, "period": "2026-H1", "template": template_id, "format": fmt}
        )
        assert got.status_code == 200 and kind in got["Content-Type"] and got.content[:2] == b"PK"
    party = client.get(
        f"{API}/report",
        {
            "unit": cast.dak_lak.pk,
            "period": "2026-H1",
            "template": template_id,
            "format": "docx",
            "doc_format": "state",
        },
    )
    assert party.status_code == 200 and "-state.docx" in party["Content-Disposition"]
    no_template = client.get(f"{API}/report", {"unit": cast.dak_lak.pk, "period": "2026-H1", "format": "docx"})
    assert no_template.status_code == 422 and no_template.json()["code"] == "template"
    bad = client.get(f"{API}/report", {"unit": cast.dak_lak.pk, "period": "2026-H3"})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_period"
    unknown_type = client.get(f"{API}/report", {"unit": cast.dak_lak.pk, "period": "2026", "report_type": "nope"})
    assert unknown_type.status_code == 422 and unknown_type.json()["code"] == "invalid_period"
    client.force_login(cast.frank)  # Hà Nội: neither the unit nor the template
    assert client.get(f"{API}/report", {"unit": cast.dak_lak.pk, "period": "2026"}).status_code == 404
    client.force_login(cast.bob)  # a commune of the province: not the province's figures
    assert client.get(f"{API}/report", {"unit": cast.dak_lak.pk, "period": "2026"}).status_code == 404


def test_pdf_jobs_through_the_api(client, cast):
    client.force_login(cast.carol)
    template_id = post(client, "/templates", template_payload(cast)).json()["id"]
    post(client, f"/templates/{template_id}/send", {"period": "2026-H1"})
    started = post(client, "/report/pdf", {"unit": cast.dak_lak.pk, "period": "2026-H1", "template": template_id})
    assert started.status_code == 202, started.content
    job = started.json()
    assert job["kind"] == "core.pdf" and job["state"]
    status = client.get(f"/api/v1/tasks/{job['id']}")
    assert status.status_code == 200 and status.json()["id"] == job["id"]
    bad = post(client, "/report/pdf", {"unit": cast.dak_lak.pk, "period": "2026-13", "template": template_id})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_period"
    submission = Submission.objects.get(template_id=template_id, unit=cast.dong_xuan)
    client.force_login(cast.alice)
    own = post(client, f"/submissions/{submission.pk}/pdf", {})
    assert own.status_code == 202 and own.json()["page_url"].startswith("/backoffice/jobs/")
    assert client.get(f"/api/v1/tasks/{job['id']}").status_code == 404  # only the officer who started it
    client.force_login(cast.bob)
    assert post(client, f"/submissions/{submission.pk}/pdf", {}).status_code == 404


def test_a_contradicting_entered_figure_is_409_until_confirmed(client, cast):
    set_figures("22081", 137)
    client.force_login(cast.carol)
    sections = [{"title": "Tiếp công dân", "codes": ["test.visits"]}]
    template_id = post(client, "/templates", template_payload(cast, sections=sections)).json()["id"]
    post(client, f"/templates/{template_id}/send", {"period": "2026-H1"})
    submission = Submission.objects.get(template_id=template_id, unit=cast.dong_xuan)
    client.force_login(cast.alice)
    body = {"version": 1, "entered": {"test.visits": "150"}}
    refused = post(client, f"/submissions/{submission.pk}", body, "patch")
    assert refused.status_code == 409 and refused.json()["code"] == "contradiction"
    assert "150" in refused.json()["message"] and "137" in refused.json()["message"]
    saved = post(client, f"/submissions/{submission.pk}", {**body, "confirm": True, "note": "Sổ chưa đủ."}, "patch")
    assert saved.status_code == 200 and saved.json()["entered"] == {"test.visits": "150"}
