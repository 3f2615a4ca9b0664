"""Household ballots and the one tally: the issue's vote-related bad input, each refused with a clear Vietnamese
message and nothing stored half-way, and the quorum edges over ALL households."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry
from danvan.democracy import decision_services as services
from danvan.democracy.decision_tally import decision_tally
from danvan.democracy.models import Ballot, CommunityDecision, Residence
from danvan.democracy.tests.decision_fixtures import (
    announced_decision,
    household_ids,
    matter,
    village_with_households,
    vote,
)

WITNESSES = ["Phạm Văn Chứng", "Vũ Thị Kiến"]


@pytest.fixture
def village(cast):
    return village_with_households(cast.dong_xuan, "Thôn Đông", 120)


def close(actor, decision):
    return services.decision_close(
        actor=actor, decision=decision, head_name="Trưởng thôn", front_head_name="Trưởng ban", witnesses=WITNESSES
    )


@pytest.mark.parametrize(("agreed", "passed"), [(80, True), (79, False)])
def test_matter_1_needs_two_thirds_of_all_120_households(cast, village, agreed, passed):
    decision = announced_decision(cast.alice, cast.dong_xuan, [village])
    ids = household_ids(village)
    vote(cast.alice, decision, ids[:agreed], "agree")
    vote(cast.alice, decision, ids[agreed : agreed + 10], "disagree")
    closed, tally = close(cast.alice, decision)
    assert tally.passed is passed
    assert closed.result == ("passed" if passed else "failed")
    assert closed.households_total == 120
    expected = (
        "80/120 hộ đồng ý = 66,7 % ≥ 2/3 (80 hộ): thông qua"
        if passed
        else ("79/120 hộ đồng ý = 65,8 % < 2/3 (80 hộ): không thông qua")
    )
    assert closed.result_text == expected


@pytest.mark.parametrize(("agreed", "passed"), [(61, True), (60, False)])
def test_matter_6_needs_more_than_half(cast, village, agreed, passed):
    decision = announced_decision(cast.alice, cast.dong_xuan, [village], matter_code="6")
    vote(cast.alice, decision, household_ids(village)[:agreed], "agree")
    _, tally = close(cast.alice, decision)
    assert tally.passed is passed


def test_paper_and_online_ballots_are_one_tally_and_a_household_votes_once(cast, village):
    decision = announced_decision(cast.alice, cast.dong_xuan, [village])
    ids = household_ids(village)
    vote(cast.alice, decision, ids[:50], "agree", "paper")
    vote(cast.alice, decision, ids[50:80], "agree", "online")
    with pytest.raises(DomainError) as refused:
        services.ballot_record(
            actor=cast.alice, decision=decision, household_id=ids[0], choice="agree", channel="online"
        )
    assert refused.value.code == "second_ballot" and refused.value.status == 409
    assert "mỗi hộ một phiếu" in str(refused.value.message)
    assert Ballot.objects.filter(decision=decision).count() == 80
    tally = decision_tally(decision)
    assert (tally.agreed, tally.households, tally.passed) == (80, 120, True)


def test_a_commune_wide_tally_is_two_queries_however_many_villages(cast, village, django_assert_num_queries):
    """The villages with their register counts in one query, the ballots by village and choice in another; the
    thresholds come from the rules kept in memory."""
    others = [village_with_households(cast.dong_xuan, f"Thôn {n}", 30) for n in ("Bắc", "Nam", "Tây")]
    decision = announced_decision(cast.alice, cast.dong_xuan, [village, *others])
    vote(cast.alice, decision, household_ids(village)[:90], "agree")
    for other in others[:2]:
        vote(cast.alice, decision, household_ids(other)[:20], "agree")
    vote(cast.alice, decision, household_ids(others[2])[:25], "disagree")
    decision = CommunityDecision.objects.select_related("matter").get(pk=decision.pk)
    decision_tally(decision)  # the rules are read once per process
    with django_assert_num_queries(2):
        tally = decision_tally(decision)
    assert [(v.village_name, v.households, v.agreed, v.passed) for v in tally.villages] == [
        ("Thôn Bắc", 30, 20, True),
        ("Thôn Đông", 120, 90, True),
        ("Thôn Nam", 30, 20, True),
        ("Thôn Tây", 30, 0, False),
    ]
    assert (
        tally.passed and tally.text == "3/4 thôn, tổ dân phố thông qua = 75,0 % ≥ 2/3 (3 thôn, tổ dân phố): thông qua"
    )


def test_a_household_of_another_village_or_moved_away_is_not_on_the_register(cast, village):
    other = village_with_households(cast.dong_xuan, "Thôn Tây", 3)
    decision = announced_decision(cast.alice, cast.dong_xuan, [village])
    with pytest.raises(DomainError) as refused:
        services.ballot_record(
            actor=cast.alice, decision=decision, household_id=household_ids(other)[0], choice="agree"
        )
    assert refused.value.code == "household_not_in_register"
    assert not Ballot.objects.exists()


def test_ballot_before_the_notice_period_ends_is_refused(cast, village):
    today = timezone.localdate()
    decision = services.decision_create(
        actor=cast.alice,
        commune=cast.dong_xuan,
        matter=matter("1"),
        scope="village",
        villages=[village],
        form="ballot",
        title="Đường thôn",
    )
    with pytest.raises(DomainError) as refused:  # notice today, ballots the day after: too early (≥ 2 days)
        services.decision_announce(
            actor=cast.alice,
            decision=decision,
            notice_on=today,
            register_on=today + dt.timedelta(days=1),
            documents_sent_on=today,
            team=["A", "B", "C"],
            team_leader="A",
        )
    assert refused.value.code == "notice_too_short"
    decision = services.decision_announce(
        actor=cast.alice,
        decision=decision,
        notice_on=today,
        register_on=today + dt.timedelta(days=2),
        documents_sent_on=today,
        team=["A", "B", "C"],
        team_leader="A",
    )
    with pytest.raises(DomainError) as refused:
        services.ballot_record(
            actor=cast.alice, decision=decision, household_id=household_ids(village)[0], choice="agree"
        )
    assert refused.value.code == "before_notice_period"
    assert "chỉ nhận phiếu từ ngày" in str(refused.value.message)
    assert not Ballot.objects.exists()


def test_nothing_after_the_close_and_a_correction_before_it_is_audited(cast, village):
    decision = announced_decision(cast.alice, cast.dong_xuan, [village])
    ids = household_ids(village)
    services.ballot_record(actor=cast.alice, decision=decision, household_id=ids[0], choice="disagree")
    ballot = Ballot.objects.get(household_id=ids[0])
    with pytest.raises(DomainError) as refused:
        services.ballot_correct(actor=cast.alice, ballot=ballot, choice="agree", reason="")
    assert refused.value.code == "reason_required"
    services.ballot_correct(actor=cast.alice, ballot=ballot, choice="agree", reason="Nhập nhầm ô")
    entry = AuditEntry.objects.get(action="democracy.ballot.corrected")
    assert entry.changes == {"choice": ["disagree", "agree"], "reason": "Nhập nhầm ô"}
    close(cast.alice, CommunityDecision.objects.get(pk=decision.pk))
    for attempt in (
        lambda: services.ballot_record(actor=cast.alice, decision=decision, household_id=ids[1], choice="agree"),
        lambda: services.ballot_correct(actor=cast.alice, ballot=ballot, choice="disagree", reason="muộn"),
    ):
        with pytest.raises(DomainError) as refused:
            attempt()
        assert refused.value.code == "closed"
    assert Ballot.objects.count() == 1


def test_more_ballots_than_households_is_refused_at_the_count(cast, village):
    decision = announced_decision(cast.alice, cast.dong_xuan, [village])
    ids = household_ids(village)
    vote(cast.alice, decision, ids[:5], "agree")
    # The register was rewritten after the ballots (households struck off): 5 ballots, 3 households that day.
    Residence.objects.filter(household_id__in=ids[3:]).delete()
    with pytest.raises(DomainError) as refused:
        close(cast.alice, decision)
    assert refused.value.code == "more_ballots_than_households"
    assert "5 phiếu nhưng chỉ có 3 hộ" in str(refused.value.message)
    assert CommunityDecision.objects.get(pk=decision.pk).status == "announced"


def test_online_vote_on_matter_1_is_refused(cast, village):
    with pytest.raises(DomainError) as refused:
        services.decision_create(
            actor=cast.alice,
            commune=cast.dong_xuan,
            matter=matter("1"),
            scope="village",
            villages=[village],
            form="online",
            title="Đường thôn",
        )
    assert refused.value.code == "form_not_allowed"
    assert "nội dung 6" in str(refused.value.message)
    assert not CommunityDecision.objects.exists()


def test_online_vote_needs_more_than_half_of_all_households_agreeing(cast, village):
    today = timezone.localdate()
    decision = services.decision_create(
        actor=cast.alice,
        commune=cast.dong_xuan,
        matter=matter("6"),
        scope="village",
        villages=[village],
        form="online",
        title="Giờ mở loa truyền thanh",
    )
    ids = household_ids(village)
    services.online_consent_record(actor=cast.alice, decision=decision, household_ids=ids[:60])

    def announce():
        return services.decision_announce(
            actor=cast.alice,
            decision=CommunityDecision.objects.get(pk=decision.pk),
            notice_on=today - dt.timedelta(days=5),
            register_on=today - dt.timedelta(days=2),
            team=["A", "B", "C"],
            team_leader="A",
        )

    with pytest.raises(DomainError) as refused:
        announce()
    assert refused.value.code == "online_consent_missing"
    assert "60/120" in str(refused.value.message) and "(61 hộ)" in str(refused.value.message)
    services.online_consent_record(actor=cast.alice, decision=decision, household_ids=ids[60:61])
    announced = announce()
    assert announced.status == "announced"
    with pytest.raises(DomainError) as refused:
        services.ballot_record(
            actor=cast.alice, decision=announced, household_id=ids[0], choice="agree", channel="paper"
        )
    assert refused.value.code == "online_only"


def test_commune_wide_matter_needs_two_thirds_of_villages_each_by_its_own_count(cast):
    villages = [village_with_households(cast.dong_xuan, f"Thôn {n}", 9) for n in (1, 2, 3)]
    decision = announced_decision(cast.alice, cast.dong_xuan, villages)
    vote(cast.alice, decision, household_ids(villages[0])[:6], "agree")  # 6/9 ≥ 2/3
    vote(cast.alice, decision, household_ids(villages[1])[:6], "agree")
    vote(cast.alice, decision, household_ids(villages[2])[:5], "agree")  # 5/9 < 2/3
    _, tally = close(cast.alice, decision)
    assert [v.passed for v in tally.villages] == [True, True, False]
    assert tally.passed
    assert tally.text == "2/3 thôn, tổ dân phố thông qua = 66,7 % ≥ 2/3 (2 thôn, tổ dân phố): thông qua"
