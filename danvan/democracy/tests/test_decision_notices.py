"""Notifications of community decisions: a record submitted tells the leaders of the body that answers it (UBND for
matters 1–4 and 6, MTTQ for 5), nobody else; a late submission or a late answer is told once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from conftest import make_officer, organization
from danvan.accounts.models import Role
from danvan.accounts.services import membership_grant
from danvan.democracy import decision_services as services
from danvan.democracy.decision_notices import notify_overdue_decisions
from danvan.democracy.models import CommunityDecision, DecisionMatter
from danvan.democracy.tests.decision_fixtures import announced_decision, household_ids, village_with_households, vote
from danvan.notifications.models import Notification

WITNESSES = ["Phạm Văn Chứng", "Vũ Thị Kiến"]


@pytest.fixture
def village(cast):
    return village_with_households(cast.dong_xuan, "Thôn Đông", 10)


@pytest.fixture
def leaders(cast):
    chair = make_officer("chutich", "Đặng Văn Hùng", "22081", Role.LEADER)
    front = make_officer("mttq", "Bùi Thị Hoa")
    membership_grant(
        actor=None, officer=front, organization=organization("22081", "fatherland_front"), role=Role.LEADER
    )
    return chair, front


def counted(cast, village, matter_code: str) -> CommunityDecision:
    decision = announced_decision(cast.alice, cast.dong_xuan, [village], matter_code="6")
    CommunityDecision.objects.filter(pk=decision.pk).update(
        matter=DecisionMatter.objects.get(code=matter_code), form="ballot", went_to_ballot=True
    )
    decision.refresh_from_db()
    vote(cast.alice, decision, household_ids(village)[:7], "agree")
    closed, _ = services.decision_close(actor=cast.alice, decision=decision, witnesses=WITNESSES)
    return closed


@pytest.mark.parametrize(("matter_code", "told"), [("1", "chair"), ("4", "chair"), ("6", "chair"), ("5", "front")])
def test_a_submitted_record_tells_the_answering_bodys_leaders(cast, village, leaders, matter_code, told):
    chair, front = leaders
    decision = counted(cast, village, matter_code)
    services.decision_submit(actor=cast.alice, decision=decision)
    expected = chair if told == "chair" else front
    other = front if told == "chair" else chair
    notes = Notification.objects.filter(kind="decision_submitted")
    assert list(notes.values_list("recipient_id", flat=True)) == [expected.pk]
    assert not notes.filter(recipient=other).exists() and not notes.filter(recipient=cast.alice).exists()
    note = notes.get()
    assert decision.number in note.message and f"/decisions/{decision.pk}/" in note.link


def test_a_late_submission_is_told_once_to_its_author(cast, village, leaders):
    decision = counted(cast, village, "1")
    assert notify_overdue_decisions() == 0  # not late yet
    CommunityDecision.objects.filter(pk=decision.pk).update(
        submission_due_on=timezone.localdate() - dt.timedelta(days=1)
    )
    assert notify_overdue_decisions() == 1
    note = Notification.objects.get(kind="decision_submission_late")
    assert note.recipient_id == cast.alice.pk and "Quá hạn gửi biên bản" in note.message
    assert notify_overdue_decisions() == 0  # told once
    assert Notification.objects.filter(kind="decision_submission_late").count() == 1


def test_a_late_answer_is_told_once_to_the_body(cast, village, leaders):
    chair, _front = leaders
    decision = counted(cast, village, "4")
    services.decision_submit(actor=cast.alice, decision=decision)
    CommunityDecision.objects.filter(pk=decision.pk).update(
        recognition_due_on=timezone.localdate() - dt.timedelta(days=1)
    )
    assert notify_overdue_decisions() == 1
    assert notify_overdue_decisions() == 0
    late = Notification.objects.filter(kind="decision_recognition_late")
    assert list(late.values_list("recipient_id", flat=True)) == [chair.pk]
    # answered: nothing more to tell
    services.decision_recognize(actor=chair, decision=decision, recognized=True, document_no="12/QĐ-UBND")
    assert notify_overdue_decisions() == 0


def test_the_sweep_is_a_periodic_task():
    from danvan.democracy import jobs  # noqa: F401  (registers the tasks)
    from danvan.jobs.schedule import PERIODIC

    assert "democracy.decision_overdue_clocks" in PERIODIC
