"""Reception at the desk: the schedule, visits that open cases, answers on the spot, refusals — pages and API.

Time is frozen on Friday 20/11/2026 (cases/tests/conftest.py). A group of six visits Xã Đồng Xuân: two
representatives; they file a complaint together, and one of them denounces an official, whose identity must end
up in the vault of the denunciation only.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from danvan.cases.models import Case, CaseKind, CasePerson, Channel, Denouncer, RefusalGround
from danvan.cases.services import denouncer_read
from danvan.core.errors import ConflictError, DomainError
from danvan.core.models import AuditEntry
from danvan.core.phones import phone_message
from danvan.reception.models import (
    HostRole,
    ReceptionKind,
    ReceptionSession,
    SessionStatus,
    Visit,
    VisitOutcome,
    VisitPerson,
)
from danvan.reception.services import RaisedCaseIn, VisitorIn, session_plan, session_update, visit_record

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 20)
DENOUNCER = "Lê Thị Mật"
DENOUNCER_ID = "066190009999"
DENOUNCER_PHONE = "0905123456"
GROUP = [
    ("Nguyễn Văn Hùng", "Thôn 1, xã Đồng Xuân", "066080001234", "", True),
    ("Trần Thị Hoa", "Thôn 1, xã Đồng Xuân", "066180002222", "", True),
    (DENOUNCER, "Thôn 3, xã Đồng Xuân", DENOUNCER_ID, DENOUNCER_PHONE, False),
    ("Phạm Văn Tư", "Thôn 1, xã Đồng Xuân", "", "", False),
    ("Đỗ Thị Năm", "Thôn 2, xã Đồng Xuân", "", "", False),
    ("Võ Văn Sáu", "Thôn 2, xã Đồng Xuân", "", "", False),
]


def group_form(land, **overrides):
    data = {
        "unit": "",
        "visited_on": "20/11/2026",
        "session": "",
        "persons": "6",
        "kind": CaseKind.COMPLAINT,
        "summary": "Đoàn 6 hộ thôn 1 phản đối quyết định thu hồi đất và tố cáo cán bộ địa chính nhận tiền.",
        "already_handled_by": "",
        "outcome": VisitOutcome.CASES,
        "answer": "",
        "refusal_ground": "",
        "note": "",
        "submission_key": "5f0c7c1b2a9d4e7f8a6b5c4d3e2f1a0b",
        "case_0_create": "on",
        "case_0_kind": CaseKind.COMPLAINT,
        "case_0_field": land.pk,
        "case_0_title": "Khiếu nại quyết định thu hồi đất thôn 1",
        "case_0_subject_party": "Quyết định số 45/QĐ-UBND",
        "case_0_event_known_on": "01/11/2026",
        "case_1_create": "on",
        "case_1_kind": CaseKind.DENUNCIATION,
        "case_1_field": land.pk,
        "case_1_title": "Tố cáo cán bộ địa chính nhận tiền",
        "case_1_subject_party": "Trần Văn Cường",
        "case_1_persons": "3",
    }
    for index, (name, address, id_number, phone, representative) in enumerate(GROUP):
        data[f"person_{index}_name"] = name
        data[f"person_{index}_address"] = address
        data[f"person_{index}_id_number"] = id_number
        data[f"person_{index}_phone"] = phone
        if representative:
            data[f"person_{index}_representative"] = "on"
    data.update(overrides)
    return data


def visitors() -> list[VisitorIn]:
    return [VisitorIn(n, a, i, p, r) for n, a, i, p, r in GROUP]


def record_group_visit(cast, land, **kwargs):
    return visit_record(
        actor=cast.alice,
        unit=cast.dong_xuan,
        visited_on=TODAY,
        kind=CaseKind.COMPLAINT,
        summary="Đoàn 6 hộ khiếu nại thu hồi đất, một người tố cáo cán bộ.",
        outcome=VisitOutcome.CASES,
        persons=6,
        visitors=visitors(),
        raised=[
            RaisedCaseIn(kind=CaseKind.COMPLAINT, field=land, title="Khiếu nại thu hồi đất"),
            RaisedCaseIn(kind=CaseKind.DENUNCIATION, field=land, title="Tố cáo cán bộ", petitioners=(2,)),
        ],
        **kwargs,
    )


def test_group_visit_creates_a_complaint_and_a_denunciation_kept_secret(client, cast, land):
    client.force_login(cast.alice)
    response = client.post(reverse("reception:visit_create"), group_form(land, unit=cast.dong_xuan.pk))
    assert response.status_code == 302, response.content.decode()[:3000]
    visit = Visit.objects.get()
    assert response["Location"] == reverse("reception:visit_detail", args=[visit.pk])
    assert visit.persons == 6 and visit.is_group and visit.is_confidential
    assert (visit.visitor_name, visit.visitor_address, visit.visitor_id_document) == ("", "", "")
    assert not VisitPerson.objects.filter(visit=visit).exists()

    complaint = Case.objects.get(visit=visit, kind=CaseKind.COMPLAINT)
    denunciation = Case.objects.get(visit=visit, kind=CaseKind.DENUNCIATION)
    # The group is 6; the one who denounces is not named on the complaint (Luật Tố cáo Art. 8), so it counts 5.
    assert complaint.channel == Channel.IN_PERSON and complaint.persons_count == 5 and complaint.is_multi_party
    assert list(complaint.people.filter(is_representative=True).values_list("full_name", flat=True)) == [
        "Nguyễn Văn Hùng",
        "Trần Thị Hoa",
    ]
    assert complaint.people.count() == 5
    assert not complaint.people.filter(full_name=DENOUNCER).exists()
    assert complaint.due_plan["rules"] in (["complaint.accept"], ["reception.reply"])
    assert not CasePerson.objects.filter(case=denunciation).exists()
    assert Denouncer.objects.filter(case=denunciation).exists()
    identity = denouncer_read(actor=cast.alice, case=denunciation)
    assert identity.contact.full_name == DENOUNCER and identity.contact.phone == DENOUNCER_PHONE
    assert identity.contact.id_number == DENOUNCER_ID

    page = client.get(reverse("reception:visit_detail", args=[visit.pk])).content.decode()
    assert complaint.code in page and denunciation.code in page
    assert reverse("cases:detail", args=[denunciation.pk]) in page
    assert "Giữ bí mật (Điều 8 Luật Tố cáo)" in page
    for secret in (DENOUNCER, DENOUNCER_ID, DENOUNCER_PHONE):
        assert secret not in page
    visit_audit = AuditEntry.objects.get(action="cases.visit.recorded")
    assert visit_audit.changes["cases"] == [complaint.code, denunciation.code]
    everything = json.dumps(list(AuditEntry.objects.values("changes", "object_repr")), ensure_ascii=False)
    assert DENOUNCER not in everything and DENOUNCER_PHONE not in everything


def test_a_double_submit_records_one_visit(client, cast, land):
    client.force_login(cast.alice)
    data = group_form(land, unit=cast.dong_xuan.pk)
    first = client.post(reverse("reception:visit_create"), data)
    second = client.post(reverse("reception:visit_create"), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Visit.objects.count() == 1 and Case.objects.count() == 2


def test_the_same_key_from_another_officer_is_another_visit(cast, land, ivan):
    from danvan.core.idempotency import submission_key as hashed_submission_key

    one = record_group_visit(cast, land, submission_key=hashed_submission_key(cast.alice, "k1"))
    again = record_group_visit(cast, land, submission_key=hashed_submission_key(cast.alice, "k1"))
    assert one.pk == again.pk
    other = visit_record(
        actor=ivan,
        unit=cast.dong_xuan,
        visited_on=TODAY,
        kind=CaseKind.FEEDBACK,
        summary="Phản ánh đèn đường hỏng",
        outcome=VisitOutcome.ANSWERED,
        answer="Đã chuyển tổ quản lý điện",
        visitors=[VisitorIn("Hà Văn Bảy")],
        submission_key=hashed_submission_key(ivan, "k1"),
    )
    assert other.pk != one.pk


def test_a_group_needs_one_or_two_representatives(cast, land):
    with pytest.raises(DomainError) as error:
        visit_record(
            actor=cast.alice,
            unit=cast.dong_xuan,
            visited_on=TODAY,
            kind=CaseKind.COMPLAINT,
            summary="Đoàn 6 người",
            outcome=VisitOutcome.ANSWERED,
            answer="Đã giải thích chính sách",
            persons=6,
            visitors=[VisitorIn(name) for name, *_rest in GROUP],
        )
    assert error.value.code == "representatives_invalid"
    assert "Điều 30" in str(error.value.message)
    three = [VisitorIn(name, is_representative=True) for name, *_rest in GROUP[:3]]
    with pytest.raises(DomainError):
        visit_record(
            actor=cast.alice,
            unit=cast.dong_xuan,
            visited_on=TODAY,
            kind=CaseKind.COMPLAINT,
            summary="Đoàn 6 người",
            outcome=VisitOutcome.ANSWERED,
            answer="Đã giải thích",
            persons=6,
            visitors=three,
        )
    assert not Visit.objects.exists()


def test_a_refusal_needs_its_legal_ground(client, cast, land):
    with pytest.raises(DomainError) as error:
        visit_record(
            actor=cast.alice,
            unit=cast.dong_xuan,
            visited_on=TODAY,
            kind=CaseKind.COMPLAINT,
            summary="Người đến trong tình trạng say rượu, lớn tiếng",
            outcome=VisitOutcome.REFUSED,
        )
    assert error.value.code == "refusal_ground_required"
    complaint_ground = RefusalGround.objects.get(code="kn-het-thoi-hieu")
    with pytest.raises(DomainError) as error:
        visit_record(
            actor=cast.alice,
            unit=cast.dong_xuan,
            visited_on=TODAY,
            kind=CaseKind.COMPLAINT,
            summary="Say rượu",
            outcome=VisitOutcome.REFUSED,
            refusal_ground=complaint_ground,
        )
    assert error.value.code == "invalid_refusal_ground"

    client.force_login(cast.alice)
    data = {
        "unit": cast.dong_xuan.pk,
        "visited_on": "20/11/2026",
        "persons": "1",
        "kind": CaseKind.COMPLAINT,
        "summary": "Người đến trong tình trạng say rượu, lớn tiếng",
        "outcome": VisitOutcome.REFUSED,
        "submission_key": "a" * 32,
    }
    page = client.post(reverse("reception:visit_create"), data)
    assert page.status_code == 200
    assert "Từ chối tiếp công dân phải nêu căn cứ pháp lý" in page.content.decode()
    ground = RefusalGround.objects.get(code="tcd-say-mat-nang-luc")
    response = client.post(reverse("reception:visit_create"), {**data, "refusal_ground": ground.pk})
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert visit.is_refused and visit.refusal_ground == ground and not visit.cases.exists()


def test_answered_on_the_spot_needs_the_answer_and_creates_no_case(cast):
    kwargs = {
        "actor": cast.alice,
        "unit": cast.dong_xuan,
        "visited_on": TODAY,
        "kind": CaseKind.RECOMMENDATION,
        "summary": "Hỏi thủ tục cấp đổi giấy chứng nhận quyền sử dụng đất",
        "outcome": VisitOutcome.ANSWERED,
        "visitors": [VisitorIn("Lý Văn Tám", "Thôn 4")],
    }
    with pytest.raises(DomainError) as error:
        visit_record(**kwargs)
    assert error.value.code == "answer_required"
    visit = visit_record(**kwargs, answer="Hướng dẫn nộp hồ sơ tại Bộ phận một cửa")
    assert visit.answered_on_spot and not visit.is_confidential
    assert visit.visitor_name == "Lý Văn Tám" and visit.people.get().address == "Thôn 4"
    assert not Case.objects.exists()


def test_a_failing_case_rolls_the_whole_visit_back(cast, land):
    with pytest.raises(DomainError) as error:
        visit_record(
            actor=cast.alice,
            unit=cast.dong_xuan,
            visited_on=TODAY,
            kind=CaseKind.COMPLAINT,
            summary="Khiếu nại quyết định năm 2025",
            outcome=VisitOutcome.CASES,
            visitors=[VisitorIn("Mai Văn Chín")],
            raised=[
                RaisedCaseIn(kind=CaseKind.FEEDBACK, field=land, title="Phản ánh"),
                RaisedCaseIn(
                    kind=CaseKind.COMPLAINT, field=land, title="Khiếu nại cũ", event_known_on=dt.date(2026, 1, 5)
                ),
            ],
        )
    assert error.value.code == "late_filing"
    assert str(error.value.message).startswith("Đơn thứ 2:")
    assert "cases.1.late_filing_reason" in (error.value.fields or {})
    assert not Visit.objects.exists() and not Case.objects.exists()


def test_a_visit_at_a_session_of_that_day(cast, land):
    session = session_plan(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind=ReceptionKind.PERIODIC,
        host_role=HostRole.COMMUNE_CHAIRMAN,
        host_name="Võ Thị Giang",
        held_on=dt.date(2026, 11, 19),
    )
    kwargs = {
        "actor": cast.alice,
        "unit": cast.dong_xuan,
        "kind": CaseKind.FEEDBACK,
        "summary": "Phản ánh rác thải",
        "outcome": VisitOutcome.ANSWERED,
        "answer": "Đã ghi nhận",
        "visitors": [VisitorIn("Hà Văn Bảy")],
        "session": session,
    }
    with pytest.raises(DomainError) as error:
        visit_record(visited_on=TODAY, **kwargs)
    assert error.value.code == "session_other_day"
    visit = visit_record(visited_on=dt.date(2026, 11, 19), **kwargs)
    assert visit.session == session
    with pytest.raises(ConflictError):
        session_update(actor=cast.alice, session=session, status=SessionStatus.CANCELLED)


def test_session_held_by_a_deputy_and_a_stale_version(cast):
    session = session_plan(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind=ReceptionKind.PERIODIC,
        host_role=HostRole.COMMUNE_CHAIRMAN,
        host_name="Võ Thị Giang",
        held_on=dt.date(2026, 11, 18),
    )
    held = session_update(
        actor=cast.alice,
        session=session,
        status=SessionStatus.HELD,
        delegate_name="Trần Văn Phó",
        expected_version=1,
    )
    assert held.status == SessionStatus.HELD and held.delegate_name == "Trần Văn Phó" and held.version == 2
    with pytest.raises(ConflictError) as conflict:
        session_update(actor=cast.alice, session=session, status=SessionStatus.HELD, expected_version=1)
    assert conflict.value.code == "stale"
    with pytest.raises(ConflictError):
        session_update(actor=cast.alice, session=session, status=SessionStatus.CANCELLED)
    future = session_plan(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind=ReceptionKind.PERIODIC,
        host_role=HostRole.COMMUNE_CHAIRMAN,
        host_name="Võ Thị Giang",
        held_on=dt.date(2026, 11, 25),
    )
    with pytest.raises(DomainError) as error:
        session_update(actor=cast.alice, session=future, status=SessionStatus.HELD)
    assert error.value.code == "date_in_future"
    assert AuditEntry.objects.filter(action="cases.reception_session.held").count() == 1


def test_schedule_page_plans_and_marks_a_session(client, cast):
    client.force_login(cast.alice)
    response = client.post(
        reverse("reception:schedule"),
        {
            "unit": cast.dong_xuan.pk,
            "host_role": HostRole.COMMUNE_CHAIRMAN,
            "kind": ReceptionKind.PERIODIC,
            "host_name": "Võ Thị Giang",
            "host_position": "Chủ tịch UBND xã",
            "held_on": "20/11/2026",
            "starts_at": "07:30",
            "ends_at": "11:00",
            "location": "Trụ sở UBND xã",
            "status": SessionStatus.PLANNED,
        },
    )
    assert response.status_code == 302
    session = ReceptionSession.objects.get()
    page = client.get(reverse("reception:schedule")).content.decode()
    assert "Võ Thị Giang" in page and "07:30" in page
    index = client.get(reverse("reception:index")).content.decode()
    assert "Võ Thị Giang" in index
    response = client.post(
        reverse("reception:session_status", args=[session.pk]),
        {"status": SessionStatus.HELD, "delegate_name": "", "version": session.version},
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD
    client.force_login(cast.bob)
    assert (
        client.post(
            reverse("reception:session_status", args=[session.pk]),
            {"status": SessionStatus.CANCELLED, "version": session.version},
        ).status_code
        == 404
    )


def test_other_units_and_viewers(client, cast, land):
    visit = record_group_visit(cast, land)
    client.force_login(cast.bob)
    assert client.get(reverse("reception:visit_detail", args=[visit.pk])).status_code == 404
    assert client.get(f"/api/v1/reception/visits/{visit.pk}").status_code == 404
    assert client.get("/api/v1/reception/visits").json()["count"] == 0
    assert client.get("/api/v1/reception/logbook").json()["count"] == 0
    payload = {"unit_id": cast.dong_xuan.pk, "kind": "feedback", "summary": "X", "outcome": "answered", "answer": "Y"}
    response = client.post("/api/v1/reception/visits", payload, content_type="application/json")
    assert response.status_code == 404
    assert client.get(reverse("reception:logbook"), {"unit": cast.dong_xuan.pk}).status_code == 404
    client.force_login(cast.erin)  # viewer of Đồng Xuân
    assert client.get(reverse("reception:visit_detail", args=[visit.pk])).status_code == 200
    assert client.get(reverse("reception:visit_create")).status_code == 404
    response = client.post("/api/v1/reception/visits", payload, content_type="application/json")
    assert response.status_code == 404


def test_api_round_trip(client, cast, land, django_assert_max_num_queries):
    client.force_login(cast.alice)
    session = client.post(
        "/api/v1/reception/sessions",
        {
            "unit_id": cast.dong_xuan.pk,
            "kind": "periodic",
            "host_role": "commune_chairman",
            "host_name": "Võ Thị Giang",
            "held_on": "2026-11-20",
            "starts_at": "07:30",
            "location": "Trụ sở UBND xã",
        },
        content_type="application/json",
    )
    assert session.status_code == 201, session.content
    session_id = session.json()["id"]
    assert client.get("/api/v1/reception/sessions", {"start": "2026-11-01"}).json()["count"] == 1
    held = client.post(
        f"/api/v1/reception/sessions/{session_id}/held", {"expected_version": 1}, content_type="application/json"
    )
    assert held.status_code == 200 and held.json()["status"] == "held"
    stale = client.post(
        f"/api/v1/reception/sessions/{session_id}/held", {"expected_version": 1}, content_type="application/json"
    )
    assert stale.status_code == 409 and stale.json()["code"] == "stale"

    payload = {
        "unit_id": cast.dong_xuan.pk,
        "session_id": session_id,
        "kind": "complaint",
        "summary": "Đoàn 6 hộ khiếu nại thu hồi đất, một người tố cáo cán bộ.",
        "outcome": "cases",
        "persons": 6,
        "visitors": [
            {"full_name": n, "address": a, "id_number": i, "phone": p, "is_representative": r}
            for n, a, i, p, r in GROUP
        ],
        "cases": [
            {"kind": "complaint", "field": "dat-dai", "title": "Khiếu nại thu hồi đất"},
            {"kind": "denunciation", "field": "dat-dai", "title": "Tố cáo cán bộ", "petitioners": [3]},
        ],
    }
    headers = {"HTTP_IDEMPOTENCY_KEY": "visit-2026-11-20-001"}
    created = client.post("/api/v1/reception/visits", payload, content_type="application/json", **headers)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["is_confidential"] and body["people"] == [] and body["visitor_name"] == ""
    assert [c["kind"] for c in body["cases"]] == ["complaint", "denunciation"]
    replay = client.post("/api/v1/reception/visits", payload, content_type="application/json", **headers)
    assert replay.status_code == 200 and replay.json()["id"] == body["id"]
    assert Visit.objects.count() == 1 and Case.objects.count() == 2
    detail = client.get(f"/api/v1/reception/visits/{body['id']}")
    with django_assert_max_num_queries(10):
        listed = client.get("/api/v1/reception/visits", {"limit": 100})
    # 12 + the officer scope that decides whether ID numbers show whole + the audit entry saying they were shown.
    with django_assert_max_num_queries(14):
        logbook = client.get("/api/v1/reception/logbook", {"start": "2026-11-01"})
    for response in (created, detail, listed, logbook):
        text = response.content.decode()
        for secret in (DENOUNCER, DENOUNCER_ID, DENOUNCER_PHONE):
            assert secret not in text
    rows = logbook.json()["items"]
    assert [row["number"] for row in rows] == [1, 2]
    assert rows[1]["name_address"] == "Giữ bí mật (Điều 8 Luật Tố cáo)"

    bad = client.post(
        "/api/v1/reception/visits",
        {**payload, "outcome": "refused", "cases": []},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["code"] == "refusal_ground_required"
    refused = client.post(
        "/api/v1/reception/visits",
        {**payload, "outcome": "refused", "cases": [], "refusal_ground": "tcd-de-doa-xuc-pham"},
        content_type="application/json",
    )
    assert refused.status_code == 201 and refused.json()["refusal_ground"] == "tcd-de-doa-xuc-pham"
    xlsx = client.get("/api/v1/reception/logbook.xlsx", {"start": "2026-11-01"})
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_visitor_phone_that_is_not_a_number_is_refused_on_the_page_and_the_api(client, cast, land):
    client.force_login(cast.alice)
    page = client.post(
        reverse("reception:visit_create"), group_form(land, unit=cast.dong_xuan.pk, person_2_phone="15.000.000")
    )
    assert page.status_code in (200, 422) and not Visit.objects.exists()
    assert page.context["form"].errors["person_2_phone"] == [phone_message()]
    payload = {
        "unit_id": cast.dong_xuan.pk,
        "kind": "denunciation",
        "summary": "Một người tố cáo cán bộ địa chính.",
        "outcome": "cases",
        "persons": 1,
        "visitors": [{"full_name": DENOUNCER, "phone": "15.000.000"}],
        "cases": [{"kind": "denunciation", "field": "dat-dai", "title": "Tố cáo cán bộ"}],
    }
    api = client.post("/api/v1/reception/visits", payload, content_type="application/json")
    assert api.status_code == 422 and api.json()["fields"] == {"visitors.0.phone": [phone_message()]}
    assert not Visit.objects.exists() and not Case.objects.exists()


def test_visit_form_page_renders_with_today_and_a_key(client, cast):
    client.force_login(cast.alice)
    page = client.get(reverse("reception:visit_create")).content.decode()
    assert 'value="20/11/2026"' in page and 'name="submission_key"' in page
    assert "Tạo đơn khiếu nại/tố cáo/kiến nghị/phản ánh" in page


def test_demo_data_loads_once(cast):
    from conftest import make_officer
    from danvan.accounts.models import Role
    from danvan.cases.models import CaseStatus, Denouncer
    from danvan.demo.cases import load_demo
    from danvan.reception.compliance import compliance

    officers = {
        "dongxuan.canbo": make_officer("dongxuan.canbo", "Nguyễn Thị Lan", "22081", Role.OFFICER),
        "dongxuan.chutich": make_officer("dongxuan.chutich", "Đặng Văn Hùng", "22081", Role.LEADER),
        "bmt.canbo": make_officer("bmt.canbo", "Y Bhim Niê", "24133", Role.OFFICER),
        "bmt.chutich": make_officer("bmt.chutich", "H'Hương Mlô", "24133", Role.LEADER),
    }
    load_demo(officers)
    assert Visit.objects.count() == 25
    assert 38 <= Case.objects.count() <= 45
    assert set(Case.objects.values_list("kind", flat=True)) == set(CaseKind.values)
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {CaseStatus.RECEIVED, CaseStatus.ACCEPTED, CaseStatus.VERIFYING, CaseStatus.CLOSED} <= statuses
    assert {CaseStatus.TRANSFERRED, CaseStatus.GUIDED, CaseStatus.SUSPENDED, CaseStatus.WITHDRAWN} <= statuses
    assert Case.objects.filter(unit=cast.dong_xuan, channel=Channel.TRANSFER).count() == 1
    assert Case.objects.filter(is_anonymous=True).count() == 1
    assert Case.objects.filter(resolution_timeliness="late").exists()
    assert Case.objects.filter(resolution_timeliness="on_time").exists()
    assert Visit.objects.filter(is_refused=True).count() == 1 and Visit.objects.filter(is_group=True).count() >= 3
    handled = Case.objects.filter(kind=CaseKind.DENUNCIATION, assignee=officers["dongxuan.canbo"], unit=cast.dong_xuan)
    assert Denouncer.objects.filter(case__in=handled).exists()
    report = compliance(user=officers["dongxuan.canbo"], year=2026, month=10)
    # Weekly sessions with one week missed meet the minimum in force since 01/07/2026: 2 days a month.
    row = report.rows[0]
    assert (row.shortfall, row.rule.value_unit if row.rule else None) == (0, "day_per_month") and row.held >= 2
    load_demo(officers)
    assert Visit.objects.count() == 25
