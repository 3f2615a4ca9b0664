"""Boards through the pages and the API: electing a board on the page (the refusals beside their rows and fields,
what was typed kept), a board of 4 and a contractor's member through the API as {"code", "message"}, the investor
notified 44 days ahead beside its field, recommendations to the tracker, idempotent creation, 409 on a stale
version — and an officer of another commune getting 404 for every page and operation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from danvan.democracy import board_services as services
from danvan.democracy.models import Board, InvestmentProject, Recommendation
from danvan.democracy.tests.board_fixtures import five_villages, inspection_board, investment_board, project

TODAY = dt.datetime(2026, 12, 20, 9, 0, tzinfo=dt.UTC)
API = "/api/v1/democracy"


@pytest.fixture
def today(time_machine):
    time_machine.move_to(TODAY, tick=False)
    return TODAY.date()


@pytest.fixture
def villages(cast):
    return five_villages(cast.dong_xuan)


def _rows(villages, count, **last):
    data = {}
    for i in range(count):
        data[f"m{i}-full_name"] = f"Thành viên {i + 1}"
        data[f"m{i}-village"] = str(villages[i].pk)
        data[f"m{i}-position"] = "head" if i == 0 else "member"
        data[f"m{i}-affiliation"] = "none"
    for key, value in last.items():
        data[f"m{count - 1}-{key}"] = value
    return data


def test_electing_an_inspection_board_on_the_page(client, cast, villages, today):
    client.force_login(cast.alice)
    url = reverse("democracy:board_create")
    page = client.get(url)
    assert page.status_code == 200
    assert "Thôn Một" in page.content.decode()
    base = {
        "kind": "peoples_inspection",
        "established_on": "10/01/2026",
        "submission_key": "k-page",
        "unit": cast.dong_xuan.pk,
    }

    # A board of 4: refused above the member rows, what was typed kept
    four = client.post(url, {**base, **_rows(villages, 4)})
    assert four.status_code == 422
    text = four.content.decode()
    assert 'id="members-error"' in text and "ít nhất 5" in text
    assert 'value="Thành viên 4"' in text

    # A commune official among them: refused beside that member's row, naming the rule
    official = client.post(url, {**base, **_rows(villages, 5, affiliation="commune_official")})
    assert official.status_code == 422
    assert "Thành viên 5 khai là" in official.content.decode()
    assert not Board.objects.exists()

    done = client.post(url, {**base, **_rows(villages, 5)})
    board = Board.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("democracy:board_detail", args=[board.pk])
    assert board.members.count() == 5
    listed = client.get(reverse("democracy:boards"), {"unit": cast.dong_xuan.pk}).content.decode()
    assert f'id="board-{board.pk}"' in listed and "Xã Đồng Xuân" in listed
    detail = client.get(done["Location"])
    assert detail.status_code == 200 and "Thành viên 5" in detail.content.decode()


def test_the_investor_notice_error_shows_beside_its_field_on_the_board_page(client, cast, today):
    board = investment_board(cast.alice, cast.dong_xuan, dt.date(2026, 3, 5), project(cast.alice, cast.dong_xuan))
    client.force_login(cast.alice)
    response = client.post(
        reverse("democracy:board_session_add", args=[board.pk]),
        {"subject": "Giám sát mặt đường", "starts_on": "15/12/2026", "investor_notified_on": "01/11/2026"},
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert 'id="session_investor_notified_on-error"' in text and "44 ngày" in text
    assert 'value="Giám sát mặt đường"' in text


def test_a_session_records_findings_and_raises_a_recommendation_on_the_pages(client, cast, villages, today):
    board = inspection_board(cast.alice, cast.dong_xuan, villages, dt.date(2026, 1, 10))
    client.force_login(cast.alice)
    created = client.post(
        reverse("democracy:board_session_add", args=[board.pk]),
        {
            "subject": "Kiểm tra thu chi quỹ",
            "starts_on": "07/12/2026",
            "plan_sent_on": "27/11/2026",
            "submission_key": "s1",
        },
    )
    assert created.status_code == 302
    session = board.sessions.get()
    recorded = client.post(
        reverse("democracy:board_session_record", args=[session.pk]),
        {"version": 1, "held_on": "09/12/2026", "findings": "Chưa công khai sổ quỹ.", "has_violations": "on"},
    )
    assert recorded.status_code == 302
    raised = client.post(
        reverse("democracy:board_session_recommend", args=[session.pk]),
        {
            "kind": "recommendation",
            "field": "administration",
            "content": "Đề nghị công khai sổ quỹ.",
            "addressee": "peoples_committee",
            "submission_key": "r1",
        },
    )
    assert raised.status_code == 302
    item = Recommendation.objects.for_event(session).get()
    assert item.source == "inspection_board" and item.due_on == dt.date(2026, 12, 24)
    page = client.get(reverse("democracy:board_session_detail", args=[session.pk]))
    assert "Đề nghị công khai sổ quỹ." in page.content.decode() and "24/12/2026" in page.content.decode()


def test_the_api_refuses_a_board_of_4_and_a_member_from_the_contractor(client, cast, villages, today):
    client.force_login(cast.alice)
    members = [
        {"full_name": f"Người {i}", "village_id": villages[i].pk, "position": "head" if i == 0 else "member"}
        for i in range(4)
    ]
    body = {
        "unit_id": cast.dong_xuan.pk,
        "kind": "peoples_inspection",
        "established_on": "2026-01-10",
        "members": members,
    }
    four = client.post(f"{API}/boards", body, content_type="application/json")
    assert four.status_code == 422
    assert four.json()["code"] == "too_few_members" and "ít nhất 5" in four.json()["message"]

    the_project = project(cast.alice, cast.dong_xuan)
    board_body = {
        "unit_id": cast.dong_xuan.pk,
        "kind": "investment_supervision",
        "project_id": the_project.pk,
        "established_on": "2026-03-05",
        "members": [{"full_name": f"Người {i}", "position": "head" if i == 0 else "member"} for i in range(5)],
    }
    created = client.post(f"{API}/boards", board_body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="b1")
    assert created.status_code == 201, created.json()
    again = client.post(f"{API}/boards", board_body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="b1")
    assert again.status_code == 200 and again.json()["id"] == created.json()["id"]
    board_id = created.json()["id"]
    contractor = client.post(
        f"{API}/boards/{board_id}/members",
        {"expected_version": 1, "full_name": "Đinh Văn Thầu", "affiliation": "contractor"},
        content_type="application/json",
    )
    assert contractor.status_code == 422 and contractor.json()["code"] == "member_conflict"
    stale = client.post(
        f"{API}/boards/{board_id}/members",
        {"expected_version": 9, "full_name": "Lý Thị Hoa"},
        content_type="application/json",
    )
    assert stale.status_code == 409 and stale.json()["code"] == "stale"


def test_the_api_runs_a_supervision_from_notice_to_recommendation(client, cast, today):
    client.force_login(cast.alice)
    created = client.post(
        f"{API}/board-projects",
        {
            "unit_id": cast.dong_xuan.pk,
            "name": "Kênh mương nội đồng",
            "investor": "UBND xã Đồng Xuân",
            "contractor": "Công ty Xây lắp Sông Cầu",
            "budget": 1500000000,
            "place": "Thôn Một",
            "starts_on": "2026-02-01",
        },
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="p1",
    )
    assert created.status_code == 201, created.json()
    the_project = InvestmentProject.objects.get(pk=created.json()["id"])
    listed = client.get(f"{API}/board-projects", {"q": "kenh muong"})
    assert listed.status_code == 200 and listed.json()["count"] == 1
    board = investment_board(cast.alice, cast.dong_xuan, dt.date(2026, 3, 5), the_project)
    late = client.post(
        f"{API}/boards/{board.pk}/sessions",
        {"subject": "Giám sát", "starts_on": "2026-12-15", "investor_notified_on": "2026-11-01"},
        content_type="application/json",
    )
    assert late.status_code == 422 and late.json()["code"] == "investor_notice_too_short"
    session = client.post(
        f"{API}/boards/{board.pk}/sessions",
        {"subject": "Giám sát", "starts_on": "2026-12-15", "investor_notified_on": "2026-10-31"},
        content_type="application/json",
    )
    assert session.status_code == 201
    session_id = session.json()["id"]
    recorded = client.post(
        f"{API}/board-sessions/{session_id}/record",
        {"expected_version": 1, "held_on": "2026-12-16", "findings": "Bê tông mỏng hơn thiết kế."},
        content_type="application/json",
    )
    assert recorded.status_code == 200 and recorded.json()["status"] == "held"
    raised = client.post(
        f"{API}/board-sessions/{session_id}/recommendations",
        {"content": "Đề nghị chủ đầu tư kiểm định lại chiều dày mặt đường."},
        content_type="application/json",
    )
    assert raised.status_code == 201
    assert raised.json()["source"] == "investment_board" and raised.json()["due_on"] == "2026-12-31"
    handover = client.post(
        f"{API}/board-projects/{the_project.pk}/handover",
        {"expected_version": 1, "handed_over_on": "2026-12-18"},
        content_type="application/json",
    )
    assert handover.status_code == 200
    assert client.get(f"{API}/boards/{board.pk}").json()["dissolved_on"] == "2026-12-18"


def test_the_api_creations_of_a_board_replay_with_their_key_and_refuse_it_with_another_body(client, cast, today):
    """Plans, sessions and the recommendations of a session: the same ``Idempotency-Key`` returns the first record
    (200), the same key with another body is refused (422 ``idempotency_mismatch``)."""
    board = investment_board(cast.alice, cast.dong_xuan, dt.date(2026, 3, 5), project(cast.alice, cast.dong_xuan))
    client.force_login(cast.alice)

    def replayed(url: str, body: dict, changed: dict) -> int:
        first = client.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=url)
        assert first.status_code == 201, first.json()
        again = client.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=url)
        assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
        other = client.post(url, {**body, **changed}, content_type="application/json", HTTP_IDEMPOTENCY_KEY=url)
        assert other.status_code == 422 and other.json()["code"] == "idempotency_mismatch"
        return first.json()["id"]

    plan = {"period": "year", "year": 2026, "content": "Giám sát cả năm.", "approved_on": "2026-03-10"}
    replayed(f"{API}/boards/{board.pk}/plans", plan, {"content": "Khác."})
    session = {"subject": "Giám sát", "starts_on": "2026-12-15", "investor_notified_on": "2026-10-31"}
    session_id = replayed(f"{API}/boards/{board.pk}/sessions", session, {"subject": "Khác"})
    recorded = client.post(
        f"{API}/board-sessions/{session_id}/record",
        {"expected_version": 1, "held_on": "2026-12-16", "findings": "Bê tông mỏng hơn thiết kế."},
        content_type="application/json",
    )
    assert recorded.status_code == 200
    recommendation = {"content": "Đề nghị chủ đầu tư kiểm định lại chiều dày mặt đường."}
    replayed(f"{API}/board-sessions/{session_id}/recommendations", recommendation, {"content": "Khác hẳn."})
    assert board.plans.count() == 1 and board.sessions.count() == 1
    assert Recommendation.objects.filter(event_id=session_id).count() == 1


def test_an_officer_of_another_commune_gets_404_everywhere(client, cast, villages, today):
    board = inspection_board(cast.alice, cast.dong_xuan, villages, dt.date(2026, 1, 10))
    session = services.session_plan(
        actor=cast.alice,
        board=board,
        subject="Kiểm tra",
        starts_on=dt.date(2026, 12, 7),
        plan_sent_on=dt.date(2026, 11, 27),
    )
    the_project = project(cast.alice, cast.dong_xuan)
    member = board.members.get(full_name="Nguyễn Văn An")
    client.force_login(cast.bob)
    pages = [
        ("get", reverse("democracy:board_detail", args=[board.pk])),
        ("post", reverse("democracy:board_member_add", args=[board.pk])),
        ("post", reverse("democracy:board_member_leave", args=[board.pk, member.pk])),
        ("post", reverse("democracy:board_plan_add", args=[board.pk])),
        ("post", reverse("democracy:board_session_add", args=[board.pk])),
        ("post", reverse("democracy:board_dissolve", args=[board.pk])),
        ("get", reverse("democracy:board_session_detail", args=[session.pk])),
        ("post", reverse("democracy:board_session_record", args=[session.pk])),
        ("post", reverse("democracy:board_session_recommend", args=[session.pk])),
        ("get", reverse("democracy:board_project_detail", args=[the_project.pk])),
        ("post", reverse("democracy:board_project_edit", args=[the_project.pk])),
        ("post", reverse("democracy:board_project_handover", args=[the_project.pk])),
        ("get", f"{reverse('democracy:boards')}?unit={cast.dong_xuan.pk}"),
        ("get", f"{API}/boards?unit={cast.dong_xuan.pk}"),
        ("get", f"{API}/boards/{board.pk}"),
        ("get", f"{API}/boards/{board.pk}/plans"),
        ("get", f"{API}/boards/{board.pk}/sessions"),
        ("get", f"{API}/board-sessions/{session.pk}"),
        ("get", f"{API}/board-sessions/{session.pk}/recommendations"),
        ("get", f"{API}/board-projects/{the_project.pk}"),
    ]
    for method, url in pages:
        response = getattr(client, method)(url, {} if method == "get" else {"version": 1})
        assert response.status_code == 404, url
    writes = [
        (f"{API}/boards/{board.pk}/members", {"expected_version": 1, "full_name": "X"}),
        (
            f"{API}/boards/{board.pk}/plans",
            {"period": "year", "year": 2026, "content": "X", "approved_on": "2026-12-01"},
        ),
        (
            f"{API}/board-sessions/{session.pk}/record",
            {"expected_version": 1, "held_on": "2026-12-08", "findings": "X"},
        ),
        (f"{API}/board-projects/{the_project.pk}/handover", {"expected_version": 1, "handed_over_on": "2026-12-01"}),
        (
            f"{API}/boards",
            {"unit_id": cast.dong_xuan.pk, "kind": "peoples_inspection", "established_on": "2026-01-10", "members": []},
        ),
    ]
    for url, body in writes:
        assert client.post(url, body, content_type="application/json").status_code == 404, url
    assert client.get(f"{API}/boards").json()["count"] == 0
    assert f'id="board-{board.pk}"' not in client.get(reverse("democracy:boards")).content.decode()
    assert Board.objects.get(pk=board.pk).version == board.version  # nothing changed


def test_a_vacancy_filled_with_5_months_left_is_refused_beside_the_day_on_the_board_page(client, cast, villages, today):
    board = inspection_board(cast.alice, cast.dong_xuan, villages, dt.date(2023, 7, 1))
    Board.objects.filter(pk=board.pk).update(term_ends_on=dt.date(2027, 5, 19))
    client.force_login(cast.alice)
    response = client.post(
        reverse("democracy:board_member_add", args=[board.pk]),
        {
            "version": board.version,
            "full_name": "Đỗ Văn Giang",
            "village": villages[4].pk,
            "position": "member",
            "affiliation": "none",
            "elected_on": "20/12/2026",
        },
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert 'id="member_elected_on-error"' in text and "6 tháng" in text and "19/05/2027" in text
    assert 'value="Đỗ Văn Giang"' in text
    assert board.members.count() == 5
