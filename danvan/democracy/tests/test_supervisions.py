"""Fatherland Front supervision programmes and social criticism: the services' rules (the bad inputs of the issue
by name: period end before start, unknown method, another commune's officer 404, double submission idempotent,
stale edit 409), the recommendations sent to the tracker, the pages (errors beside their fields, what was typed
kept), the DOCX plan and report, the XLSX list and the figures group."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse

from conftest import organization
from danvan.core.errors import ConflictError, DomainError
from danvan.core.periods import Period
from danvan.core.rules import rule_in_force
from danvan.democracy import supervision_services as services
from danvan.democracy.figures import Place
from danvan.democracy.models import (
    RaiserKind,
    Recommendation,
    RecommendationSource,
    Supervision,
    SupervisionKind,
    SupervisionMethod,
    SupervisionProgramme,
    SupervisionStatus,
)
from danvan.democracy.supervision_figures import compute

TODAY = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def today(time_machine):
    time_machine.move_to(TODAY, tick=False)
    return TODAY.date()


@pytest.fixture
def front(cast):
    return organization("22081", "fatherland_front")


@pytest.fixture
def committee(cast):
    return organization("22081", "peoples_committee")


@pytest.fixture
def programme(cast, front, today):
    return services.programme_create(actor=cast.alice, organization=front, year=2026)


def plan(cast, programme, committee, **overrides):
    fields = {
        "kind": SupervisionKind.SUPERVISION,
        "topic": "Việc thực hiện chính sách hỗ trợ hộ nghèo",
        "supervised_org": committee,
        "method": SupervisionMethod.FIELD_VISIT,
        "starts_on": dt.date(2026, 10, 5),
        "ends_on": dt.date(2026, 10, 9),
        "team_lead": "Nguyễn Văn Trưởng",
        "team": "Trần Thị Một\nLê Văn Hai",
        "notice_on": dt.date(2026, 9, 25),
        "purpose": "Đánh giá việc bình xét hộ nghèo.",
    }
    fields.update(overrides)
    return services.supervision_plan(actor=cast.alice, programme=programme, **fields)


@pytest.fixture
def supervision(cast, programme, committee):
    return plan(cast, programme, committee)


@pytest.fixture
def done(cast, supervision):
    return services.supervision_record(
        actor=cast.alice,
        supervision=supervision,
        expected_version=1,
        done_on=dt.date(2026, 10, 9),
        findings="Bình xét đúng quy trình.\nCòn 2 hộ chưa được hỗ trợ kịp thời.",
        conclusion="Cơ bản đúng quy định.",
    )


# --- Services: the bad inputs ---------------------------------------------------------------------------------------


def test_period_end_before_start_is_refused_beside_the_end_date(cast, programme, committee):
    with pytest.raises(DomainError) as caught:
        plan(cast, programme, committee, starts_on=dt.date(2026, 10, 9), ends_on=dt.date(2026, 10, 5))
    assert caught.value.code == "period_end_before_start"
    assert "ends_on" in (caught.value.fields or {})
    assert "09/10/2026" in str(caught.value.message) and "05/10/2026" in str(caught.value.message)
    assert not Supervision.objects.exists()


def test_unknown_method_is_refused(cast, programme, committee):
    with pytest.raises(DomainError) as caught:
        plan(cast, programme, committee, method="telepathy")
    assert caught.value.code == "invalid_method"
    assert "method" in (caught.value.fields or {})


def test_a_criticism_session_needs_its_draft(cast, programme, committee):
    with pytest.raises(DomainError) as caught:
        plan(cast, programme, committee, kind=SupervisionKind.SOCIAL_CRITICISM, method=SupervisionMethod.MEETING)
    assert caught.value.code == "draft_required"


def test_the_plan_must_reach_the_body_the_rule_days_ahead(cast, programme, committee):
    required = int(rule_in_force(services.NOTICE_RULE, dt.date(2026, 10, 5)).value)
    with pytest.raises(DomainError) as caught:
        plan(cast, programme, committee, notice_on=dt.date(2026, 10, 5) - dt.timedelta(days=required - 1))
    assert caught.value.code == "notice_too_short"
    assert "notice_on" in (caught.value.fields or {})
    assert "403/2017" in str(caught.value.message)
    ok = plan(cast, programme, committee, notice_on=dt.date(2026, 10, 5) - dt.timedelta(days=required))
    assert ok.pk


def test_a_body_of_another_commune_cannot_be_supervised(cast, programme):
    with pytest.raises(DomainError) as caught:
        plan(cast, programme, organization("24133", "peoples_committee"))
    assert caught.value.code == "supervised_org_outside"


def test_a_province_body_may_be_supervised_and_is_addressed_as_higher_level(cast, programme, today):
    province_committee = organization("66", "peoples_committee")
    supervision = plan(cast, programme, province_committee)
    assert supervision.supervised_org == province_committee
    addressee, note = services.addressee_for(province_committee, cast.dong_xuan)
    assert addressee == "higher_level" and note == province_committee.name


def test_only_a_front_organization_keeps_a_programme(cast, committee, today):
    with pytest.raises(DomainError) as caught:
        services.programme_create(actor=cast.alice, organization=committee, year=2026)
    assert caught.value.code == "not_front_organization"


def test_one_programme_per_organization_and_year(cast, front, programme):
    with pytest.raises(DomainError) as caught:
        services.programme_create(actor=cast.alice, organization=front, year=2026)
    assert caught.value.code == "programme_exists" and caught.value.status == 409
    assert "year" in (caught.value.fields or {})


def test_double_submission_returns_the_first_record(cast, programme, committee):
    first = plan(cast, programme, committee, submission_key="k1", submission_fingerprint="f")
    again = plan(cast, programme, committee, submission_key="k1", submission_fingerprint="f")
    assert again.pk == first.pk
    assert Supervision.objects.count() == 1


def test_stale_edit_is_409(cast, supervision, committee):
    fields = {
        "kind": SupervisionKind.SUPERVISION,
        "topic": "Chủ đề mới",
        "supervised_org": committee,
        "method": SupervisionMethod.DOCUMENT_REVIEW,
        "starts_on": dt.date(2026, 10, 5),
        "ends_on": dt.date(2026, 10, 20),
    }
    changed = services.supervision_update(actor=cast.alice, supervision=supervision, expected_version=1, **fields)
    assert changed.version == 2 and changed.topic == "Chủ đề mới"
    with pytest.raises(ConflictError) as caught:
        services.supervision_update(actor=cast.alice, supervision=supervision, expected_version=1, **fields)
    assert caught.value.code == "stale" and caught.value.status == 409


def test_findings_cannot_be_recorded_before_it_starts_or_in_the_future(cast, supervision, today):
    for day in (dt.date(2026, 10, 4), today + dt.timedelta(days=1)):
        with pytest.raises(DomainError) as caught:
            services.supervision_record(
                actor=cast.alice, supervision=supervision, expected_version=1, done_on=day, findings="Kết quả."
            )
        assert caught.value.code == "invalid_done_on"


def test_a_cancelled_supervision_is_not_recorded_and_a_done_one_not_cancelled(cast, supervision, done):
    with pytest.raises(ConflictError):
        services.supervision_cancel(actor=cast.alice, supervision=done, expected_version=done.version, reason="Lý do")


# --- The tracker ------------------------------------------------------------------------------------------------------


def test_a_recommendation_goes_to_the_tracker_from_the_front_to_the_supervised_body(cast, done, front, committee):
    item = services.supervision_raise(actor=cast.alice, supervision=done, content="Rà soát lại 2 hộ nghèo.")
    assert item.source == RecommendationSource.SUPERVISION
    assert item.raiser_kind == RaiserKind.ORGANIZATION and item.raiser_org == front
    assert item.addressee_org == committee and item.addressee == "peoples_committee"
    assert item.raised_on == dt.date(2026, 10, 9)
    assert item.due_rule == "recommendation.answer_days.supervision" and item.due_on is not None
    assert list(Recommendation.objects.for_event(done)) == [item]


def test_a_criticism_opinion_goes_to_the_tracker_as_social_criticism(cast, programme, committee):
    session = plan(
        cast,
        programme,
        committee,
        kind=SupervisionKind.SOCIAL_CRITICISM,
        method=SupervisionMethod.MEETING,
        draft_title="Dự thảo đề án xây dựng nông thôn mới kiểu mẫu",
        notice_on=None,
    )
    session = services.supervision_record(
        actor=cast.alice, supervision=session, expected_version=1, done_on=dt.date(2026, 10, 9), findings="Góp ý."
    )
    item = services.supervision_raise(actor=cast.alice, supervision=session, content="Bổ sung nguồn vốn.")
    assert item.source == RecommendationSource.SOCIAL_CRITICISM


def test_no_recommendation_before_the_supervision_is_done(cast, supervision):
    with pytest.raises(ConflictError) as caught:
        services.supervision_raise(actor=cast.alice, supervision=supervision, content="Kiến nghị.")
    assert caught.value.code == "not_done"


# --- Pages ----------------------------------------------------------------------------------------------------------


def test_the_plan_page_shows_the_period_error_beside_its_field_and_keeps_what_was_typed(
    client, cast, programme, committee
):
    client.force_login(cast.alice)
    url = reverse("democracy:supervision_create", args=[programme.pk])
    assert client.get(url).status_code == 200
    data = {
        "kind": "supervision",
        "topic": "Giám sát công tác tiếp công dân",
        "supervised_org": committee.pk,
        "method": "document_review",
        "starts_on": "20/10/2026",
        "ends_on": "10/10/2026",
        "submission_key": "form-1",
    }
    response = client.post(url, data)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_ends_on-error"' in html
    assert "Giám sát công tác tiếp công dân" in html
    data["method"] = "bogus"
    response = client.post(url, data)
    assert response.status_code == 422
    assert 'id="id_method-error"' in response.content.decode()
    data.update(method="document_review", ends_on="25/10/2026")
    response = client.post(url, data)
    assert response.status_code == 302
    assert client.post(url, data).status_code == 302  # the same submission again
    assert Supervision.objects.count() == 1


def test_an_officer_of_another_commune_gets_404_everywhere(client, cast, programme, done):
    client.force_login(cast.bob)
    for name, args in (
        ("democracy:supervision_programme", [programme.pk]),
        ("democracy:supervision_create", [programme.pk]),
        ("democracy:supervision_detail", [done.pk]),
        ("democracy:supervision_edit", [done.pk]),
        ("democracy:supervision_plan_docx", [done.pk]),
        ("democracy:supervision_report_docx", [done.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name
    assert client.post(reverse("democracy:supervision_record", args=[done.pk]), {}).status_code == 404
    assert client.get(f"/api/v1/democracy/supervisions/{done.pk}").status_code == 404
    assert client.get(reverse("democracy:supervisions")).status_code == 200
    assert done.topic not in client.get(reverse("democracy:supervisions")).content.decode()


def test_pages_list_detail_and_home_card(client, cast, programme, done):
    services.supervision_raise(actor=cast.alice, supervision=done, content="Rà soát lại 2 hộ nghèo.")
    client.force_login(cast.alice)
    listing = client.get(reverse("democracy:supervisions"), {"q": "ho tro ho ngheo"}).content.decode()
    assert done.topic in listing
    assert done.topic not in client.get(reverse("democracy:supervisions"), {"q": "khong co"}).content.decode()
    detail = client.get(reverse("democracy:supervision_detail", args=[done.pk])).content.decode()
    assert "Rà soát lại 2 hộ nghèo." in detail and "09/10/2026" in detail
    assert client.get(reverse("democracy:supervision_programme", args=[programme.pk])).status_code == 200
    assert "home-supervisions" in client.get(reverse("democracy:home")).content.decode()


def test_the_stale_record_form_says_so(client, cast, done):
    client.force_login(cast.alice)
    response = client.post(
        reverse("democracy:supervision_record", args=[done.pk]),
        {"version": 1, "done_on": "09/10/2026", "findings": "Sửa."},
    )
    assert response.status_code == 422
    assert "tải lại" in response.content.decode()


# --- Documents, export, figures ---------------------------------------------------------------------------------------


def _docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("word/document.xml").decode()


def test_the_plan_and_the_report_docx(client, cast, done):
    services.supervision_raise(actor=cast.alice, supervision=done, content="Rà soát lại 2 hộ nghèo.")
    client.force_login(cast.alice)
    plan_xml = _docx_text(client.get(reverse("democracy:supervision_plan_docx", args=[done.pk])).content)
    assert "MẶT TRẬN TỔ QUỐC VIỆT NAM" in plan_xml and "KẾ HOẠCH" in plan_xml
    assert "Trần Thị Một" in plan_xml and "05/10/2026" in plan_xml
    report_xml = _docx_text(client.get(reverse("democracy:supervision_report_docx", args=[done.pk])).content)
    assert "BÁO CÁO" in report_xml and "Rà soát lại 2 hộ nghèo." in report_xml
    assert "Còn 2 hộ chưa được hỗ trợ kịp thời." in report_xml
    assert "{{" not in report_xml and "{%" not in report_xml


def test_the_report_of_a_supervision_not_done_is_refused(client, cast, supervision):
    client.force_login(cast.alice)
    response = client.get(reverse("democracy:supervision_report_docx", args=[supervision.pk]))
    assert response.status_code == 302
    api = client.get(f"/api/v1/democracy/supervisions/{supervision.pk}/report.docx")
    assert api.status_code == 409 and api.json()["code"] == "not_done"


def test_the_xlsx_list(client, cast, done):
    client.force_login(cast.alice)
    response = client.get(reverse("democracy:supervision_export"))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert done.topic in values and "09/10/2026" in values


def test_the_figures_group(cast, done, programme, committee):
    cancelled = plan(cast, programme, committee, topic="Giám sát bị hủy")
    services.supervision_cancel(actor=cast.alice, supervision=cancelled, expected_version=1, reason="Trùng lịch")
    services.supervision_raise(actor=cast.alice, supervision=done, content="Kiến nghị 1.")
    place = Place(paths=(cast.dong_xuan.path,), provinces=(cast.dong_xuan.province_code,))
    figures = compute(place, Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    assert figures["planned"] == 1 and figures["held"] == 1 and figures["cancelled"] == 1
    assert figures["held.supervision"] == 1 and figures["by_organization.fatherland_front"] == 1
    assert figures["recommendations_raised"] == 1 and figures["recommendations_open"] == 1


def test_the_programme_is_unique_in_the_database(programme):
    assert SupervisionProgramme.objects.filter(year=2026).count() == 1
    assert Supervision.objects.filter(status=SupervisionStatus.DONE).count() == 0


# --- API --------------------------------------------------------------------------------------------------------------


def test_api_create_plan_record_raise_with_idempotency_and_versions(client, cast, front, committee, today):
    client.force_login(cast.alice)
    body = {"organization_id": front.pk, "year": 2026}
    created = client.post(
        "/api/v1/democracy/supervision-programmes", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="p1"
    )
    assert created.status_code == 201, created.content
    again = client.post(
        "/api/v1/democracy/supervision-programmes", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="p1"
    )
    assert again.status_code == 200 and again.json()["id"] == created.json()["id"]
    programme_id = created.json()["id"]
    plan_body = {
        "kind": "supervision",
        "topic": "Giám sát thu chi quỹ",
        "supervised_org_id": committee.pk,
        "method": "document_review",
        "starts_on": "2026-10-05",
        "ends_on": "2026-10-01",
    }
    url = f"/api/v1/democracy/supervision-programmes/{programme_id}/supervisions"
    bad = client.post(url, plan_body, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["code"] == "period_end_before_start"
    unknown = client.post(url, {**plan_body, "method": "telepathy"}, content_type="application/json")
    assert unknown.status_code == 422
    plan_body["ends_on"] = "2026-10-08"
    first = client.post(url, plan_body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="s1")
    second = client.post(url, plan_body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="s1")
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["id"] == second.json()["id"] and Supervision.objects.count() == 1
    sid = first.json()["id"]
    stale = client.put(
        f"/api/v1/democracy/supervisions/{sid}",
        {**plan_body, "expected_version": 9},
        content_type="application/json",
    )
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    recorded = client.post(
        f"/api/v1/democracy/supervisions/{sid}/record",
        {"expected_version": 1, "done_on": "2026-10-08", "findings": "Thu chi đúng quy định."},
        content_type="application/json",
    )
    assert recorded.status_code == 200 and recorded.json()["status"] == "done"
    raised = client.post(
        f"/api/v1/democracy/supervisions/{sid}/recommendations",
        {"content": "Công khai quyết toán quỹ.", "field": "economy"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="r1",
    )
    assert raised.status_code == 201, raised.content
    assert raised.json()["source"] == "supervision" and raised.json()["addressee_org_id"] == committee.pk
    listed = client.get(f"/api/v1/democracy/supervisions/{sid}/recommendations").json()
    assert [item["id"] for item in listed] == [raised.json()["id"]]
    page = client.get("/api/v1/democracy/supervisions", {"q": "thu chi quy"}).json()
    assert page["count"] == 1
    assert client.get("/api/v1/democracy/supervisions/export.xlsx").status_code == 200
    assert client.get(f"/api/v1/democracy/supervisions/{sid}/report.docx").status_code == 200


def test_api_refuses_another_communes_officer_and_a_foreign_body(client, cast, programme, committee):
    client.force_login(cast.bob)
    assert client.get(f"/api/v1/democracy/supervision-programmes/{programme.pk}").status_code == 404
    body = {
        "kind": "supervision",
        "topic": "Chủ đề",
        "supervised_org_id": committee.pk,
        "method": "meeting",
        "starts_on": "2026-10-05",
        "ends_on": "2026-10-06",
    }
    url = f"/api/v1/democracy/supervision-programmes/{programme.pk}/supervisions"
    assert client.post(url, body, content_type="application/json").status_code == 404
    client.force_login(cast.alice)
    foreign = organization("24133", "peoples_committee")
    refused = client.post(url, {**body, "supervised_org_id": foreign.pk}, content_type="application/json")
    assert refused.status_code == 422 and refused.json()["code"] == "supervised_org_outside"


def test_the_documents_write_unit_names_in_running_text_in_lower_case(cast, done):
    from danvan.democracy.supervision_documents import report_context

    context = report_context(done)
    assert context["issuer_text"] == "Ủy ban MTTQ Việt Nam xã Đồng Xuân"
    assert context["supervised_org"] == "Ủy ban nhân dân xã Đồng Xuân"
    assert "Xã Đồng Xuân" not in context["programme_title"]


def test_the_programme_page_edits_with_the_version_and_refuses_a_stale_one(client, cast, programme):
    client.force_login(cast.alice)
    url = reverse("democracy:supervision_programme_edit", args=[programme.pk])
    saved = client.post(url, {"version": 1, "title": "Chương trình năm 2026", "adopted_on": "15/01/2026"})
    assert saved.status_code == 302
    programme.refresh_from_db()
    assert programme.title == "Chương trình năm 2026" and programme.adopted_on == dt.date(2026, 1, 15)
    stale = client.post(url, {"version": 1, "title": "Tên khác"})
    assert stale.status_code == 422 and "Tên khác" in stale.content.decode()
    client.force_login(cast.bob)
    assert client.post(url, {"version": 2, "title": "X"}).status_code == 404


def test_a_supervision_before_any_notice_rule_is_kept_and_shown(client, cast, front, committee, today):
    old = services.programme_create(actor=cast.alice, organization=front, year=2012)
    supervision = plan(
        cast,
        old,
        committee,
        starts_on=dt.date(2012, 5, 2),
        ends_on=dt.date(2012, 5, 3),
        notice_on=dt.date(2012, 5, 1),
    )
    assert services.notice_days_required(supervision.starts_on) is None
    client.force_login(cast.alice)
    assert client.get(reverse("democracy:supervision_detail", args=[supervision.pk])).status_code == 200
