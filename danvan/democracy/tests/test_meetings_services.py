"""Year-end meetings, dialogues and raised items: the notice rule at its edge, recording, sending, cancelling,
versions, idempotent creation, the audit trail, the generic raised item, and yearly compliance."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.audit_text import audit_sentence
from danvan.core.errors import ConflictError, DomainError
from danvan.core.models import AuditEntry, LegalRule, UnitKind
from danvan.core.services import village_create
from danvan.democracy.meeting_compliance import meeting_compliance
from danvan.democracy.meeting_services import (
    meeting_cancel,
    meeting_raise_item,
    meeting_record,
    meeting_reschedule,
    meeting_schedule,
    meeting_send_result,
)
from danvan.democracy.models import CommunityMeeting, MeetingKind, MeetingStatus, Recommendation
from danvan.democracy.recommendation_services import recommendation_answer, recommendation_raise

TODAY = dt.datetime(2026, 12, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def today(time_machine):
    time_machine.move_to(TODAY, tick=False)
    return TODAY.date()


@pytest.fixture
def villages(cast):
    return [
        village_create(actor=None, commune=cast.dong_xuan, name=name, kind=UnitKind.VILLAGE, households=households)
        for name, households in (("Thôn Đông", 120), ("Thôn Tây", 80), ("Thôn Ấp Mới", 60))
    ]


def year_end(actor, village, *, held_on=dt.date(2026, 12, 10), notice_on=dt.date(2026, 12, 5), **fields):
    return meeting_schedule(
        actor=actor, unit=village, kind=MeetingKind.YEAR_END, held_on=held_on, notice_on=notice_on, **fields
    )


def held(actor, meeting, **fields):
    values = {
        "participants": 95,
        "minutes": "Thống nhất kết quả năm 2026.",
        "households_present": 90,
        "expected_version": meeting.version,
    }
    values.update(fields)
    return meeting_record(actor=actor, meeting=meeting, **values)


def test_notice_of_exactly_five_days_is_enough_and_four_is_refused(cast, villages, today):
    meeting = year_end(cast.alice, villages[0], held_on=dt.date(2026, 12, 10), notice_on=dt.date(2026, 12, 5))
    assert meeting.status == MeetingStatus.SCHEDULED
    assert meeting.households_total == 120  # the village's household number
    assert meeting.title == "Hội nghị Thôn Đông năm 2026"
    with pytest.raises(DomainError) as refused:
        year_end(cast.alice, villages[1], held_on=dt.date(2026, 12, 10), notice_on=dt.date(2026, 12, 6))
    assert refused.value.code == "notice_too_short"
    assert "chỉ trước hội nghị 4 ngày" in str(refused.value.message)
    assert "ít nhất 5 ngày" in str(refused.value.message)
    assert refused.value.fields and "notice_on" in refused.value.fields
    assert not CommunityMeeting.objects.filter(unit=villages[1]).exists()


def test_the_notice_minimum_is_rule_data(cast, villages, today):
    LegalRule.objects.filter(code="year_end_meeting.notice_min").update(value=3)
    meeting = year_end(cast.alice, villages[0], held_on=dt.date(2026, 12, 10), notice_on=dt.date(2026, 12, 7))
    assert meeting.pk


def test_a_dialogue_is_held_at_a_commune_and_a_year_end_meeting_at_a_village(cast, villages, today):
    with pytest.raises(DomainError) as refused:
        meeting_schedule(
            actor=cast.alice, unit=cast.dong_xuan, kind=MeetingKind.YEAR_END, held_on=dt.date(2026, 12, 10)
        )
    assert refused.value.code == "wrong_unit_level"
    with pytest.raises(DomainError):
        meeting_schedule(actor=cast.alice, unit=villages[0], kind=MeetingKind.DIALOGUE, held_on=dt.date(2026, 12, 10))
    dialogue = meeting_schedule(
        actor=cast.alice, unit=cast.dong_xuan, kind=MeetingKind.DIALOGUE, held_on=dt.date(2026, 11, 28)
    )
    assert dialogue.title.startswith("Hội nghị đối thoại năm 2026")


def test_recording_a_meeting_its_reports_and_sending_the_result(cast, villages, today):
    meeting = year_end(cast.alice, villages[0])
    meeting = held(
        cast.alice,
        meeting,
        report_village_head=True,
        report_front_committee=True,
        report_inspection_board=True,
        households_total=120,
    )
    assert meeting.status == MeetingStatus.HELD and meeting.version == 2
    assert (meeting.report_village_head, meeting.report_front_committee, meeting.report_inspection_board) == (
        True,
        True,
        True,
    )
    with pytest.raises(DomainError) as refused:
        meeting_send_result(
            actor=cast.alice,
            meeting=meeting,
            expected_version=meeting.version,
            to_committee_on=dt.date(2026, 12, 9),
            to_front_on=None,
        )
    assert refused.value.code == "invalid_sent_on"
    meeting = meeting_send_result(
        actor=cast.alice,
        meeting=meeting,
        expected_version=meeting.version,
        to_committee_on=dt.date(2026, 12, 12),
        to_front_on=dt.date(2026, 12, 12),
    )
    assert meeting.is_sent
    actions = list(
        AuditEntry.objects.filter(object_type="democracy.communitymeeting", object_id=str(meeting.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["democracy.meeting.scheduled", "democracy.meeting.held", "democracy.meeting.sent"]
    entry = AuditEntry.objects.get(action="democracy.meeting.held", object_id=str(meeting.pk))
    assert "đã ghi kết quả hội nghị" in audit_sentence(entry)


def test_a_meeting_cannot_be_recorded_before_its_day_nor_with_more_present_than_households(cast, villages, today):
    future = year_end(cast.alice, villages[0], held_on=dt.date(2026, 12, 28), notice_on=dt.date(2026, 12, 20))
    with pytest.raises(DomainError) as refused:
        held(cast.alice, future)
    assert refused.value.code == "not_yet_held"
    past = year_end(cast.alice, villages[1])
    with pytest.raises(DomainError) as refused:
        held(cast.alice, past, households_total=80, households_present=81)
    assert refused.value.code == "present_above_total"
    assert held(cast.alice, past, households_total=80, households_present=80).households_present == 80


def test_a_stale_version_is_refused_with_409(cast, villages, today):
    meeting = year_end(cast.alice, villages[0])
    meeting_reschedule(
        actor=cast.alice,
        meeting=meeting,
        expected_version=1,
        held_on=dt.date(2026, 12, 11),
        notice_on=dt.date(2026, 12, 5),
    )
    with pytest.raises(ConflictError) as refused:
        held(cast.alice, meeting, expected_version=1)
    assert refused.value.code == "stale" and refused.value.status == 409


def test_cancelled_meetings_take_no_result(cast, villages, today):
    meeting = year_end(cast.alice, villages[0])
    with pytest.raises(DomainError):
        meeting_cancel(actor=cast.alice, meeting=meeting, expected_version=1, reason="  ")
    meeting = meeting_cancel(actor=cast.alice, meeting=meeting, expected_version=1, reason="Mưa bão")
    with pytest.raises(ConflictError):
        held(cast.alice, meeting)


def test_the_same_submission_key_returns_the_first_meeting(cast, villages, today):
    first = year_end(cast.alice, villages[0], submission_key="k1", submission_fingerprint="f1")
    again = year_end(cast.alice, villages[0], submission_key="k1", submission_fingerprint="f1")
    assert first.pk == again.pk
    assert CommunityMeeting.objects.count() == 1
    with pytest.raises(DomainError) as refused:
        year_end(cast.alice, villages[0], submission_key="k1", submission_fingerprint="other")
    assert refused.value.code == "idempotency_mismatch"


def test_items_raised_at_a_meeting_need_an_answer(cast, villages, today):
    meeting = held(cast.alice, year_end(cast.alice, villages[0]))
    item = meeting_raise_item(
        actor=cast.alice,
        meeting=meeting,
        kind="recommendation",
        raised_by="Ông Nguyễn Văn Tư, hộ số 12",
        content="Đề nghị sửa đường liên thôn đoạn qua cầu.",
        addressee="peoples_committee",
    )
    assert item.raised_on == meeting.held_on
    assert item.due_rule == "recommendation.answer_days.year_end_meeting"  # the deadline is the rule's, never typed
    assert item.due_on is not None and item.due_on >= dt.date(2027, 1, 9)  # 30 days from 10/12/2026
    assert item.event == meeting
    assert list(Recommendation.objects.for_event(meeting)) == [item]
    assert list(Recommendation.objects.open()) == [item]
    assert not item.is_overdue(item.due_on) and item.is_overdue(item.due_on + dt.timedelta(days=1))
    with pytest.raises(DomainError) as refused:
        recommendation_answer(
            actor=cast.alice, item=item, expected_version=1, answered_on=dt.date(2026, 12, 9), answer="Đã có kế hoạch."
        )
    assert refused.value.code == "invalid_answered_on"
    item = recommendation_answer(
        actor=cast.alice, item=item, expected_version=1, answered_on=dt.date(2026, 12, 15), answer="Đã có kế hoạch."
    )
    assert item.is_answered and not Recommendation.objects.open().exists()


def test_an_item_is_raised_only_at_a_meeting_held_and_its_due_date_is_never_typed(cast, villages, today):
    scheduled = year_end(cast.alice, villages[0], held_on=dt.date(2026, 12, 28), notice_on=dt.date(2026, 12, 20))
    fields = {"kind": "question", "raised_by": "Bà Lan", "content": "Khi nào có điện?", "addressee": "village"}
    with pytest.raises(ConflictError):
        meeting_raise_item(actor=cast.alice, meeting=scheduled, **fields)
    meeting = held(cast.alice, year_end(cast.alice, villages[1]))
    with pytest.raises(TypeError):
        meeting_raise_item(actor=cast.alice, meeting=meeting, due_on=dt.date(2026, 12, 1), **fields)
    assert not Recommendation.objects.exists()


def test_a_raised_item_can_hang_on_any_event(cast, villages, today):
    """The generic model the recommendation tracker builds on: the event is any record."""
    item = recommendation_raise(
        actor=cast.alice,
        event=villages[0],
        source="voter_contact",
        unit=villages[0],
        raised_on=dt.date(2026, 12, 1),
        kind="recommendation",
        raised_by="Cử tri thôn Đông",
        content="Lắp đèn đường.",
        addressee="peoples_council",
    )
    assert item.event == villages[0]


def test_compliance_names_the_villages_and_communes_that_held_none(cast, villages, today):
    held(cast.alice, year_end(cast.alice, villages[0]))
    year_end(cast.alice, villages[1])  # scheduled, never held: does not count
    report = meeting_compliance(unit=cast.dong_xuan, year=2026)
    [row] = report.communes
    assert row.commune == cast.dong_xuan
    assert (row.dialogues_held, row.dialogues_required, row.dialogue_ok) == (0, 1, False)
    assert [v.name for v in row.villages_missing] == ["Thôn Ấp Mới", "Thôn Tây"]  # Vietnamese order
    assert row.villages_held == 1
    dialogue = meeting_schedule(
        actor=cast.alice, unit=cast.dong_xuan, kind=MeetingKind.DIALOGUE, held_on=dt.date(2026, 11, 28)
    )
    held(cast.alice, dialogue)
    province = meeting_compliance(unit=cast.dak_lak, year=2026)
    by_commune = {row.commune.pk: row for row in province.communes}
    assert by_commune[cast.dong_xuan.pk].dialogue_ok
    assert not by_commune[cast.buon_ma_thuot.pk].dialogue_ok
    assert len(province.communes_without_dialogue) == len(province.communes) - 1
    assert province.villages_without_meeting == 2
    assert "Điều 32" in province.dialogue_rule_basis
