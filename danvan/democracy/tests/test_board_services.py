"""The boards' legal checks, each bad input of the issue by name: a board of 4, a commune official elected to the
inspection board, a supervision board member from the contractor, an investor notified 44 days ahead, a vacancy
filled with 5 months left — and the rest: deputies, villages, the check plan's notice, matter 5, handover,
recommendations to the tracker, idempotency, stale versions."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.errors import ConflictError, DomainError
from danvan.core.models import AuditEntry, LegalRule
from danvan.democracy import board_services as services
from danvan.democracy.board_services import MemberLine
from danvan.democracy.models import (
    Affiliation,
    BoardKind,
    BoardRole,
    RaiserKind,
    Recommendation,
    RecommendationSource,
    SessionStatus,
)
from danvan.democracy.tests.board_fixtures import (
    five_villages,
    inspection_board,
    investment_board,
    matter_5_decision,
    member_lines,
    project,
)

TODAY = dt.datetime(2026, 12, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def today(time_machine):
    time_machine.move_to(TODAY, tick=False)
    return TODAY.date()


@pytest.fixture
def villages(cast):
    return five_villages(cast.dong_xuan)


def refused(call, code):
    with pytest.raises(DomainError) as caught:
        call()
    assert caught.value.code == code, caught.value.message
    return caught.value


# --- The bad inputs ----------------------------------------------------------------------------------------


def test_a_board_of_4_is_refused_naming_the_minimum_and_its_rule(cast, villages, today):
    error = refused(
        lambda: services.board_establish(
            actor=cast.alice,
            unit=cast.dong_xuan,
            kind=BoardKind.PEOPLES_INSPECTION,
            established_on=dt.date(2026, 1, 10),
            members=member_lines(villages, 4),
        ),
        "too_few_members",
    )
    assert "có 4 thành viên" in error.message and "ít nhất 5" in error.message
    assert error.fields and "members" in error.fields
    the_project = project(cast.alice, cast.dong_xuan)
    refused(
        lambda: services.board_establish(
            actor=cast.alice,
            unit=cast.dong_xuan,
            kind=BoardKind.INVESTMENT_SUPERVISION,
            established_on=dt.date(2026, 3, 1),
            members=[MemberLine(full_name=f"Người {n}") for n in range(4)],
            project=the_project,
        ),
        "too_few_members",
    )


def test_a_commune_official_elected_to_the_inspection_board_is_refused_naming_the_rule(cast, villages, today):
    lines = member_lines(villages, 5, affiliation=Affiliation.COMMUNE_OFFICIAL)
    error = refused(
        lambda: services.board_establish(
            actor=cast.alice,
            unit=cast.dong_xuan,
            kind=BoardKind.PEOPLES_INSPECTION,
            established_on=dt.date(2026, 1, 10),
            members=lines,
        ),
        "member_conflict",
    )
    assert "Hoàng Văn Em" in error.message
    assert "Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15" in error.message  # the legal basis is named
    assert "members.4" in error.fields
    relative = member_lines(villages, 5, affiliation=Affiliation.LEADER_RELATIVE)
    refused(
        lambda: services.board_establish(
            actor=cast.alice,
            unit=cast.dong_xuan,
            kind=BoardKind.PEOPLES_INSPECTION,
            established_on=dt.date(2026, 1, 10),
            members=relative,
        ),
        "member_conflict",
    )


def test_a_supervision_board_member_from_the_contractor_is_refused(cast, today):
    the_project = project(cast.alice, cast.dong_xuan)
    board = investment_board(cast.alice, cast.dong_xuan, dt.date(2026, 3, 5), the_project)
    error = refused(
        lambda: services.member_add(
            actor=cast.alice,
            board=board,
            expected_version=board.version,
            line=MemberLine(full_name="Đinh Văn Thầu", affiliation=Affiliation.CONTRACTOR),
        ),
        "member_conflict",
    )
    assert "Điều 42 khoản 2" in error.message
    assert error.fields == {"affiliation": [error.message]}
    # An investor's relative at the establishment too
    other = project(cast.alice, cast.dong_xuan, name="Nhà văn hóa thôn Ba")
    lines = [MemberLine(full_name=f"Người {n}") for n in range(4)]
    lines.append(MemberLine(full_name="Người của chủ đầu tư", affiliation=Affiliation.INVESTOR))
    refused(
        lambda: services.board_establish(
            actor=cast.alice,
            unit=cast.dong_xuan,
            kind=BoardKind.INVESTMENT_SUPERVISION,
            established_on=dt.date(2026, 3, 5),
            members=lines,
            project=other,
        ),
        "member_conflict",
    )


def test_an_investor_notified_44_days_ahead_is_refused_and_45_is_enough(cast, today):
    the_project = project(cast.alice, cast.dong_xuan)
    board = investment_board(cast.alice, cast.dong_xuan, dt.date(2026, 3, 5), the_project)
    starts = dt.date(2026, 12, 15)
    error = refused(
        lambda: services.session_plan(
            actor=cast.alice,
            board=board,
            subject="Giám sát chất lượng bê tông mặt đường",
            starts_on=starts,
            investor_notified_on=starts - dt.timedelta(days=44),
        ),
        "investor_notice_too_short",
    )
    assert "44 ngày" in error.message and "45 ngày" in error.message and "Điều 45 khoản 1 điểm b" in error.message
    assert "investor_notified_on" in error.fields
    session = services.session_plan(
        actor=cast.alice,
        board=board,
        subject="Giám sát chất lượng bê tông mặt đường",
        starts_on=starts,
        investor_notified_on=starts - dt.timedelta(days=45),
    )
    assert session.status == SessionStatus.PLANNED
    refused(
        lambda: services.session_plan(actor=cast.alice, board=board, subject="Giám sát", starts_on=starts),
        "investor_not_notified",
    )


def test_a_vacancy_filled_with_5_months_left_is_refused_and_with_6_accepted(cast, villages, today):
    board = inspection_board(cast.alice, cast.dong_xuan, villages, dt.date(2023, 7, 1))
    assert board.term_ends_on == dt.date(2028, 6, 30)  # the village head's term: 5 years (rule data)
    # A board whose term ends 19/06/2027: on 19/12/2026 six months remain.
    board.term_ends_on = dt.date(2027, 6, 19)
    board.save()
    leaver = board.members.get(full_name="Hoàng Văn Em")
    services.member_leave(
        actor=cast.alice, member=leaver, expected_version=1, left_on=dt.date(2026, 11, 1), reason="Chuyển nơi ở"
    )
    board.refresh_from_db()
    ok = services.member_add(
        actor=cast.alice,
        board=board,
        expected_version=board.version,
        line=MemberLine(full_name="Vũ Thị Phương", village=villages[4], elected_on=dt.date(2026, 12, 19)),
    )
    assert ok.fills_vacancy
    # A second vacancy, filled with five months left (term moved to end 19/05/2027)
    board.refresh_from_db()
    board.term_ends_on = dt.date(2027, 5, 19)
    board.save()
    services.member_leave(
        actor=cast.alice, member=ok, expected_version=1, left_on=dt.date(2026, 12, 19), reason="Xin thôi"
    )
    board.refresh_from_db()
    error = refused(
        lambda: services.member_add(
            actor=cast.alice,
            board=board,
            expected_version=board.version,
            line=MemberLine(full_name="Đỗ Văn Giang", village=villages[4], elected_on=dt.date(2026, 12, 20)),
        ),
        "term_too_short",
    )
    assert "6 tháng" in error.message and "19/05/2027" in error.message
    assert "elected_on" in error.fields


# --- The other checks ----------------------------------------------------------------------------------------------


def test_at_most_two_deputies_and_one_head(cast, villages, today):
    lines = member_lines(villages, 5)
    lines[2] = MemberLine(full_name=lines[2].full_name, village=lines[2].village, position=BoardRole.DEPUTY)
    lines[3] = MemberLine(full_name=lines[3].full_name, village=lines[3].village, position=BoardRole.DEPUTY)
    error = refused(
        lambda: services.board_establish(
            actor=cast.alice,
            unit=cast.dong_xuan,
            kind=BoardKind.PEOPLES_INSPECTION,
            established_on=dt.date(2026, 1, 10),
            members=lines,
        ),
        "too_many_deputies",
    )
    assert "tối đa 2" in error.message


def test_one_member_per_village_and_at_most_five_in_a_small_commune(cast, today):
    villages = five_villages(cast.dong_xuan)
    lines = member_lines(villages, 5)
    lines[4] = MemberLine(full_name=lines[4].full_name, village=villages[0])
    refused(
        lambda: services.board_establish(
            actor=cast.alice,
            unit=cast.dong_xuan,
            kind=BoardKind.PEOPLES_INSPECTION,
            established_on=dt.date(2026, 1, 10),
            members=lines,
        ),
        "one_per_village",
    )


def test_a_commune_with_fewer_than_5_villages_elects_at_most_5(cast, today):
    from conftest import unit
    from danvan.core.models import UnitKind
    from danvan.core.services import village_create

    commune = unit("24133")
    three = [
        village_create(
            actor=None, commune=commune, name=f"Tổ dân phố {n}", kind=UnitKind.RESIDENTIAL_GROUP, households=None
        )
        for n in (1, 2, 3)
    ]
    error = refused(
        lambda: services.board_establish(
            actor=cast.bob,
            unit=commune,
            kind=BoardKind.PEOPLES_INSPECTION,
            established_on=dt.date(2026, 1, 10),
            members=member_lines(three, 6),
        ),
        "too_many_members",
    )
    assert "tối đa 5" in error.message
    board = services.board_establish(
        actor=cast.bob,
        unit=commune,
        kind=BoardKind.PEOPLES_INSPECTION,
        established_on=dt.date(2026, 1, 10),
        members=member_lines(three, 5),
    )
    assert board.members.count() == 5


def test_the_check_plan_must_reach_the_front_and_the_chairman_5_working_days_ahead(cast, villages, today):
    board = inspection_board(cast.alice, cast.dong_xuan, villages, dt.date(2026, 1, 10))
    # Monday 14/12/2026 → Friday 18/12 is 4 working days; Monday 21/12 would be 5.
    error = refused(
        lambda: services.session_plan(
            actor=cast.alice,
            board=board,
            subject="Kiểm tra việc thu, chi quỹ xây dựng nông thôn mới",
            starts_on=dt.date(2026, 12, 18),
            plan_sent_on=dt.date(2026, 12, 14),
        ),
        "plan_notice_too_short",
    )
    assert "4 ngày làm việc" in error.message and "21/12/2026" in error.message
    session = services.session_plan(
        actor=cast.alice,
        board=board,
        subject="Kiểm tra việc thu, chi quỹ xây dựng nông thôn mới",
        starts_on=dt.date(2026, 12, 21),
        plan_sent_on=dt.date(2026, 12, 14),
    )
    assert session.plan_sent_on == dt.date(2026, 12, 14)


def test_a_member_cites_a_recognized_matter_5_decision_of_their_village(cast, villages, today):
    good = matter_5_decision(cast.alice, cast.dong_xuan, villages)
    lines = [
        MemberLine(full_name=line.full_name, village=line.village, position=line.position, decision=good)
        for line in member_lines(villages)
    ]
    board = services.board_establish(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind=BoardKind.PEOPLES_INSPECTION,
        established_on=dt.date(2026, 1, 10),
        members=lines,
    )
    assert board.members.filter(decision=good).count() == 5

    pending = matter_5_decision(cast.alice, cast.dong_xuan, villages[:1], recognized=False)
    refused(lambda: _add(cast, board, villages[0], pending), "decision_not_recognized")
    matter_4 = matter_5_decision(cast.alice, cast.dong_xuan, villages[:1], code="4")
    refused(lambda: _add(cast, board, villages[0], matter_4), "decision_not_matter_5")
    only_first = matter_5_decision(cast.alice, cast.dong_xuan, villages[:1])
    error = refused(lambda: _add(cast, board, villages[1], only_first), "village_outside_decision")
    assert villages[1].name in error.message


def _add(cast, board, village, decision):
    board.refresh_from_db()
    return services.member_add(
        actor=cast.alice,
        board=board,
        expected_version=board.version,
        line=MemberLine(full_name="Thành viên bổ sung", village=village, decision=decision),
    )


def test_the_independence_check_can_be_turned_off_as_rule_data(cast, villages, today):
    LegalRule.objects.filter(code="inspection_board.member_independence").update(value=0)
    board = services.board_establish(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind=BoardKind.PEOPLES_INSPECTION,
        established_on=dt.date(2026, 1, 10),
        members=member_lines(villages, 5, affiliation=Affiliation.COMMUNE_OFFICIAL),
    )
    assert board.members.count() == 5


def test_one_working_inspection_board_per_commune_and_one_board_per_project(cast, villages, today):
    inspection_board(cast.alice, cast.dong_xuan, villages, dt.date(2026, 1, 10))
    with pytest.raises(ConflictError):
        inspection_board(cast.alice, cast.dong_xuan, villages, dt.date(2026, 2, 10))
    the_project = project(cast.alice, cast.dong_xuan)
    investment_board(cast.alice, cast.dong_xuan, dt.date(2026, 3, 5), the_project)
    with pytest.raises(ConflictError):
        investment_board(cast.alice, cast.dong_xuan, dt.date(2026, 3, 6), the_project)


def test_the_handover_dissolves_the_supervision_board(cast, today):
    the_project = project(cast.alice, cast.dong_xuan)
    board = investment_board(cast.alice, cast.dong_xuan, dt.date(2026, 3, 5), the_project)
    services.project_hand_over(
        actor=cast.alice, project=the_project, expected_version=1, handed_over_on=dt.date(2026, 12, 1)
    )
    board.refresh_from_db()
    assert board.dissolved_on == dt.date(2026, 12, 1) and not board.is_active
    with pytest.raises(ConflictError):
        services.session_plan(
            actor=cast.alice,
            board=board,
            subject="Giám sát",
            starts_on=dt.date(2026, 12, 30),
            investor_notified_on=dt.date(2026, 11, 1),
        )
    assert AuditEntry.objects.filter(action="democracy.board.dissolved").exists()


def test_a_held_session_raises_recommendations_to_the_tracker_with_the_15_day_rule(cast, villages, today):
    board = inspection_board(cast.alice, cast.dong_xuan, villages, dt.date(2026, 1, 10))
    session = services.session_plan(
        actor=cast.alice,
        board=board,
        subject="Kiểm tra việc thu, chi quỹ",
        starts_on=dt.date(2026, 12, 7),
        plan_sent_on=dt.date(2026, 11, 27),
    )
    with pytest.raises(ConflictError):
        services.session_raise(actor=cast.alice, session=session, content="Công khai sổ quỹ")
    session = services.session_record(
        actor=cast.alice,
        session=session,
        expected_version=1,
        held_on=dt.date(2026, 12, 9),
        findings="Sổ quỹ chưa công khai quý III.",
        has_violations=True,
    )
    item = services.session_raise(
        actor=cast.alice, session=session, content="Đề nghị UBND xã công khai sổ quỹ quý III.", submission_key="k1"
    )
    assert item.source == RecommendationSource.INSPECTION_BOARD
    assert item.raiser_kind == RaiserKind.BOARD
    assert item.raised_by == board.name
    assert item.due_on == dt.date(2026, 12, 24)  # 15 days (Art. 40.1.c)
    assert item.addressee_org is not None and item.addressee_org.kind.code == "peoples_committee"
    assert list(Recommendation.objects.for_event(session)) == [item]
    again = services.session_raise(
        actor=cast.alice, session=session, content="Đề nghị UBND xã công khai sổ quỹ quý III.", submission_key="k1"
    )
    assert again.pk == item.pk


def test_creations_are_idempotent_and_edits_carry_the_version(cast, villages, today):
    first = services.board_establish(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind=BoardKind.PEOPLES_INSPECTION,
        established_on=dt.date(2026, 1, 10),
        members=member_lines(villages),
        submission_key="same",
        submission_fingerprint="f",
    )
    second = services.board_establish(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind=BoardKind.PEOPLES_INSPECTION,
        established_on=dt.date(2026, 1, 10),
        members=member_lines(villages),
        submission_key="same",
        submission_fingerprint="f",
    )
    assert first.pk == second.pk and first.members.count() == 5
    the_project = project(cast.alice, cast.dong_xuan)
    services.project_update(
        actor=cast.alice,
        project=the_project,
        expected_version=1,
        name="Đường liên thôn",
        investor="UBND xã",
        place="Thôn Một",
    )
    with pytest.raises(ConflictError) as stale:
        services.project_update(
            actor=cast.alice, project=the_project, expected_version=1, name="X", investor="Y", place="Z"
        )
    assert stale.value.code == "stale"


def test_project_register_refuses_bad_values(cast, today):
    refused(lambda: project(cast.alice, cast.dong_xuan, investor=""), "investor_required")
    refused(
        lambda: project(cast.alice, cast.dong_xuan, starts_on=dt.date(2026, 5, 1), ends_on=dt.date(2026, 4, 1)),
        "ends_before_start",
    )
    refused(lambda: project(cast.alice, cast.dong_xuan, budget=-1), "invalid_budget")


def test_a_board_left_below_the_minimum_is_on_the_to_do_list_and_its_page_warns(client, cast, villages, today):
    from django.urls import reverse

    from danvan.core.todo import todo_for

    board = inspection_board(cast.alice, cast.dong_xuan, villages, dt.date(2026, 1, 10))
    assert {item.key: item.count for item in todo_for(cast.alice)}.get("boards_below_minimum", 0) == 0
    leaver = board.members.get(full_name="Hoàng Văn Em")
    services.member_leave(
        actor=cast.alice, member=leaver, expected_version=1, left_on=dt.date(2026, 12, 1), reason="Chuyển nơi ở"
    )
    assert {item.key: item.count for item in todo_for(cast.alice)}["boards_below_minimum"] == 1
    client.force_login(cast.alice)
    page = client.get(reverse("democracy:board_detail", args=[board.pk])).content.decode()
    assert 'id="board-short"' in page
