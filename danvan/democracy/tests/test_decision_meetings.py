"""Meetings: procedural choices over the households PRESENT, the decision over ALL households; a meeting that
cannot reach the threshold sends the matter to a household ballot (Art. 19.1.b)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from danvan.core.errors import DomainError
from danvan.democracy import decision_services as services
from danvan.democracy.models import DecisionMeeting
from danvan.democracy.tests.decision_fixtures import announced_decision, household_ids, village_with_households

WITNESSES = ["Phạm Văn Chứng", "Vũ Thị Kiến"]


@pytest.fixture
def village(cast):
    return village_with_households(cast.dong_xuan, "Thôn Đông", 120)


def meet(cast, decision, village, present, *, agreed, procedural_agreed=36, notice_days=3):
    held = timezone.localdate() - dt.timedelta(days=1)
    return services.meeting_record(
        actor=cast.alice,
        decision=decision,
        village=village,
        notice_on=held - dt.timedelta(days=notice_days),
        held_on=held,
        present_household_ids=present,
        procedural=[
            services.ProceduralIn("secretary", "Chị Lê Thị Thư làm thư ký", procedural_agreed),
            services.ProceduralIn("team", "Tổ kiểm phiếu 3 người", 35),
        ],
        agreed=agreed,
    )


def test_70_of_120_came_procedural_choices_count_70_the_decision_counts_120(cast, village):
    decision = announced_decision(cast.alice, cast.dong_xuan, [village], matter_code="3", form="meeting")
    present = household_ids(village)[:70]
    meeting = meet(cast, decision, village, present, agreed=61)
    secretary, team = meeting.procedural_votes.order_by("subject")
    assert (secretary.subject, secretary.passed, secretary.present) == ("secretary", True, 70)
    assert secretary.result_text == "36/70 hộ có mặt đồng ý = 51,4 % > 50 % (36 hộ có mặt): thông qua"
    assert (team.passed, team.result_text) == (
        False,
        "35/70 hộ có mặt đồng ý = 50,0 % ≤ 50 % (36 hộ có mặt): không thông qua",
    )
    closed, _tally = services.decision_close(actor=cast.alice, decision=decision, witnesses=WITNESSES)
    assert closed.households_total == 120 and closed.households_voted == 61
    assert closed.result_text == "61/120 hộ đồng ý = 50,8 % > 50 % (61 hộ): thông qua"


def test_60_agreeing_of_70_present_is_not_more_than_half_of_120(cast, village):
    decision = announced_decision(cast.alice, cast.dong_xuan, [village], matter_code="3", form="meeting")
    meet(cast, decision, village, household_ids(village)[:70], agreed=60)
    closed, _ = services.decision_close(actor=cast.alice, decision=decision, witnesses=WITNESSES)
    assert closed.result == "failed"


def test_a_meeting_too_small_to_reach_the_threshold_sends_the_matter_to_a_ballot(cast, village):
    decision = announced_decision(cast.alice, cast.dong_xuan, [village], matter_code="4", form="meeting")
    meet(cast, decision, village, household_ids(village)[:60], agreed=60)
    decision.refresh_from_db()
    assert (decision.went_to_ballot, decision.form, decision.status) == (True, "ballot", "draft")


def test_meeting_refusals(cast, village):
    decision = announced_decision(cast.alice, cast.dong_xuan, [village], matter_code="3", form="meeting")
    with pytest.raises(DomainError) as refused:
        meet(cast, decision, village, household_ids(village)[:70], agreed=61, notice_days=1)
    assert refused.value.code == "notice_too_short"
    with pytest.raises(DomainError) as refused:
        meet(cast, decision, village, household_ids(village)[:70], agreed=71)
    assert refused.value.code == "more_ballots_than_households"
    with pytest.raises(DomainError) as refused:
        meet(cast, decision, village, household_ids(village)[:70], agreed=61, procedural_agreed=71)
    assert refused.value.code == "more_votes_than_present"
    assert not DecisionMeeting.objects.exists()
