"""The boards' figure group: boards and members at work at the period's end, sessions held in the period, those
with violations, recommendations raised — another commune's do not count; a dissolved board leaves the count."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.periods import Period
from danvan.democracy import board_services as services
from danvan.democracy.board_figures import compute
from danvan.democracy.figures import Place, groups
from danvan.democracy.tests.board_fixtures import five_villages, inspection_board, investment_board, project

TODAY = dt.datetime(2026, 12, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def today(time_machine):
    time_machine.move_to(TODAY, tick=False)
    return TODAY.date()


def test_the_boards_figures(cast, today):
    villages = five_villages(cast.dong_xuan)
    board = inspection_board(cast.alice, cast.dong_xuan, villages, dt.date(2026, 1, 10))
    session = services.session_plan(
        actor=cast.alice,
        board=board,
        subject="Kiểm tra",
        starts_on=dt.date(2026, 12, 7),
        plan_sent_on=dt.date(2026, 11, 27),
    )
    session = services.session_record(
        actor=cast.alice,
        session=session,
        expected_version=1,
        held_on=dt.date(2026, 12, 8),
        findings="Sai.",
        has_violations=True,
    )
    services.session_raise(actor=cast.alice, session=session, content="Đề nghị khắc phục.")
    the_project = project(cast.alice, cast.dong_xuan)
    supervision = investment_board(cast.alice, cast.dong_xuan, dt.date(2026, 3, 5), the_project)
    services.project_hand_over(
        actor=cast.alice, project=the_project, expected_version=1, handed_over_on=dt.date(2026, 11, 30)
    )
    # Another commune's board does not count for Đồng Xuân
    from conftest import unit

    other = unit("24133")
    inspection_board(cast.bob, other, five_villages(other), dt.date(2026, 1, 10))

    place = Place(paths=(cast.dong_xuan.path,), provinces=(cast.dong_xuan.province_code,))
    december = compute(place, Period(dt.date(2026, 12, 1), dt.date(2026, 12, 31)))
    assert december["boards"] == 1 and december["boards.peoples_inspection"] == 1
    assert december["members"] == 5
    assert december["sessions"] == 1 and december["findings"] == 1
    assert december["recommendations"] == 1 and december["recommendations.peoples_inspection"] == 1
    november = compute(place, Period(dt.date(2026, 11, 1), dt.date(2026, 11, 29)))
    assert november["boards.investment_supervision"] == 1 and november["members"] == 10
    assert november["sessions"] == 0
    assert supervision.pk
    assert "boards" in [group.code for group in groups()]
