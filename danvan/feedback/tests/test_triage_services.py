"""Triage services: each step checks state, role and version, writes the timeline and the audit, and tells the
citizen."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from conftest import make_officer
from danvan.accounts.models import Role
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry, Organization
from danvan.feedback import triage
from danvan.feedback.intake import ReportIn, report_submit
from danvan.feedback.messages import CitizenNotice
from danvan.feedback.models import EventKind, Follower, Report, ReportEvent, ReportState, Timeliness


def submit(unit_code: str = "22081", description: str = "Đường ngập sâu sau mưa lớn ở thôn 1", **extra) -> Report:
    data = {
        "category_code": "flooding",
        "description": description,
        "unit_code": unit_code,
        "citizen_name": "Nguyễn Văn A",
        "citizen_phone": "0912345678",
        "citizen_email": "a@example.vn",
        **extra,
    }
    return report_submit(ReportIn(**data)).report


def audited(report: Report, action: str) -> bool:
    return AuditEntry.objects.filter(
        action=f"feedback.report.{action}", object_type="feedback.report", object_id=str(report.pk)
    ).exists()


def kinds(report: Report) -> list[str]:
    return list(ReportEvent.objects.filter(report=report).values_list("kind", flat=True))


def test_accept_moves_to_accepted_with_a_public_event_audit_and_notices(cast):
    report = submit()
    done = triage.report_accept(actor=cast.alice, report=report, expected_version=report.version)
    assert done.state == ReportState.ACCEPTED and done.accepted_at is not None and done.version == report.version + 1
    event = ReportEvent.objects.get(report=report, kind=EventKind.ACCEPTED)
    assert (
        event.is_public
        and report.organization is not None
        and event.actor_name == report.organization.name
        and "An" not in event.actor_name
    )
    assert audited(report, "accepted")
    notices = CitizenNotice.objects.filter(report=report, kind=EventKind.ACCEPTED)
    assert sorted(notices.values_list("channel", flat=True)) == ["email", "sms"]


def test_a_stale_version_is_refused_409_and_changes_nothing(cast):
    report = submit()
    with pytest.raises(DomainError) as error:
        triage.report_accept(actor=cast.alice, report=report, expected_version=report.version + 5)
    assert error.value.status == 409 and error.value.code == "stale"
    assert Report.objects.get(pk=report.pk).state == ReportState.NEW
    assert not audited(report, "accepted")


def test_accept_twice_is_a_conflict(cast):
    report = submit()
    triage.report_accept(actor=cast.alice, report=report)
    with pytest.raises(DomainError) as error:
        triage.report_accept(actor=cast.alice, report=report)
    assert error.value.status == 409 and error.value.code == "invalid_state"


def test_officers_of_other_units_and_viewers_cannot_triage(cast):
    report = submit()
    for outsider in (cast.bob, cast.frank, cast.erin):
        with pytest.raises(DomainError) as error:
            triage.report_accept(actor=outsider, report=report)
        assert error.value.status == 403
    # the province's leader may
    triage.report_accept(actor=cast.carol, report=report)


def test_refuse_needs_a_reason_and_a_public_text(cast):
    report = submit()
    with pytest.raises(DomainError) as error:
        triage.report_refuse(actor=cast.alice, report=report, reason="bored", text="x")
    assert error.value.code == "invalid_reason" and error.value.status == 422
    with pytest.raises(DomainError) as error:
        triage.report_refuse(actor=cast.alice, report=report, reason="spam", text="  ")
    assert error.value.fields and "text" in error.value.fields
    done = triage.report_refuse(actor=cast.alice, report=report, reason="out_of_scope", text="Thuộc tỉnh khác.")
    assert done.state == ReportState.REFUSED and not done.is_open and done.closed_at
    assert done.refusal_text == "Thuộc tỉnh khác."
    event = ReportEvent.objects.get(report=report, kind=EventKind.REFUSED)
    assert event.is_public and "Thuộc tỉnh khác." in event.text
    assert audited(report, "refused")


def test_merge_closes_the_duplicate_and_moves_its_citizen_and_followers(cast):
    target = submit(description="Ngập nước đường liên thôn")
    duplicate = submit(description="Đường liên thôn ngập", citizen_email="b@example.vn", citizen_phone="0987654321")
    Follower.objects.create(report=duplicate, email="c@example.vn")
    Follower.objects.create(report=target, email="c@example.vn")
    done = triage.report_merge(actor=cast.alice, report=duplicate, into=target, expected_version=duplicate.version)
    assert done.state == ReportState.MERGED and not done.is_open and done.merged_into_id == target.pk
    contacts = set(Follower.objects.filter(report=target).values_list("email", "phone"))
    assert ("b@example.vn", "0987654321") in contacts and ("c@example.vn", "") in contacts
    assert Report.objects.get(pk=target.pk).followers_count == 2
    assert EventKind.MERGED in kinds(target) and EventKind.MERGED in kinds(duplicate)
    assert audited(duplicate, "merged")
    # a merged report cannot be merged again, nor be a target
    with pytest.raises(DomainError):
        triage.report_merge(actor=cast.alice, report=done, into=target)
    other = submit()
    with pytest.raises(DomainError) as error:
        triage.report_merge(actor=cast.alice, report=other, into=done)
    assert error.value.code == "merge_target_closed"


def test_merge_refuses_itself_and_another_commune(cast):
    report = submit()
    with pytest.raises(DomainError) as error:
        triage.report_merge(actor=cast.alice, report=report, into=report)
    assert error.value.code == "merge_into_itself"
    elsewhere = submit("24133")
    with pytest.raises(DomainError) as error:
        triage.report_merge(actor=cast.carol, report=report, into=elsewhere)
    assert error.value.code == "merge_other_unit"


def test_transfer_to_another_commune_lands_in_its_inbox_with_a_new_deadline(cast):
    report = submit()
    Report.objects.filter(pk=report.pk).update(due_on=dt.date(2020, 1, 1))
    report.refresh_from_db()
    triage.report_accept(actor=cast.alice, report=report)
    done = triage.report_transfer(actor=cast.alice, report=report, to_unit=cast.buon_ma_thuot, note="Đúng địa bàn")
    assert done.unit_id == cast.buon_ma_thuot.pk and done.unit_path == cast.buon_ma_thuot.path
    assert done.state == ReportState.NEW and done.assignee_id is None
    assert done.organization is not None and done.organization.unit_id == cast.buon_ma_thuot.pk
    assert done.due_on > timezone.localdate()
    event = ReportEvent.objects.get(report=report, kind=EventKind.TRANSFERRED)
    assert event.from_unit_id == cast.dong_xuan.pk and event.to_unit_id == cast.buon_ma_thuot.pk
    assert audited(report, "transferred")
    # it is bob's now: alice may no longer act, bob may
    with pytest.raises(DomainError):
        triage.report_accept(actor=cast.alice, report=done)
    triage.report_accept(actor=cast.bob, report=done)


def test_transfer_to_another_organization_of_the_commune(cast):
    report = submit()
    front = Organization.objects.filter(unit=cast.dong_xuan).exclude(pk=report.organization_id or 0).first()
    assert front is not None
    done = triage.report_transfer(actor=cast.alice, report=report, to_organization=front, note="")
    assert done.organization_id == front.pk and done.unit_id == cast.dong_xuan.pk
    other = Organization.objects.filter(unit=cast.buon_ma_thuot).first()
    with pytest.raises(DomainError) as error:
        triage.report_transfer(actor=cast.alice, report=done, to_organization=other)
    assert error.value.code == "transfer_organization_invalid"
    with pytest.raises(DomainError) as error:
        triage.report_transfer(actor=cast.alice, report=done)
    assert error.value.code == "transfer_target_required"
    with pytest.raises(DomainError) as error:
        triage.report_transfer(actor=cast.alice, report=done, to_unit=cast.dak_lak)
    assert error.value.code == "transfer_unit_invalid"


def test_assign_is_a_leaders_step_to_an_officer_of_the_commune(cast):
    report = submit()
    with pytest.raises(DomainError) as error:
        triage.report_assign(actor=cast.alice, report=report, assignee=cast.alice)
    assert error.value.status == 403
    with pytest.raises(DomainError) as error:
        triage.report_assign(actor=cast.carol, report=report, assignee=cast.bob)
    assert error.value.code == "invalid_assignee"
    done = triage.report_assign(actor=cast.carol, report=report, assignee=cast.alice)
    assert done.assignee_id == cast.alice.pk
    event = ReportEvent.objects.get(report=report, kind=EventKind.ASSIGNED)
    assert not event.is_public
    assert audited(report, "assigned")


def test_request_info_is_public_and_keeps_the_state(cast):
    report = submit()
    done = triage.report_request_info(actor=cast.alice, report=report, text="Xin gửi thêm ảnh.")
    assert done.state == ReportState.NEW and done.version == report.version + 1
    assert ReportEvent.objects.get(report=report, kind=EventKind.INFO_REQUESTED).is_public
    assert CitizenNotice.objects.filter(report=report, kind=EventKind.INFO_REQUESTED).count() == 2


def test_answer_by_a_leader_on_time_and_late(cast):
    leader = make_officer("lan", "Vũ Thị Lan", "22081", Role.LEADER)
    report = submit()
    with pytest.raises(DomainError) as error:
        triage.report_answer(actor=cast.alice, report=report, text="Đã xử lý")
    assert error.value.status == 403
    done = triage.report_answer(actor=leader, report=report, text="Đã khơi thông cống.")
    assert done.state == ReportState.ANSWERED and not done.is_open and done.timeliness == Timeliness.ON_TIME
    assert (
        report.organization is not None
        and done.answered_by_name == report.organization.name
        and done.answer_text == "Đã khơi thông cống."
    )
    event = ReportEvent.objects.get(report=report, kind=EventKind.ANSWERED)
    assert event.is_public and report.organization is not None and event.actor_name == report.organization.name
    late = submit()
    Report.objects.filter(pk=late.pk).update(due_on=dt.date(2020, 1, 1))
    late.refresh_from_db()
    assert triage.report_answer(actor=leader, report=late, text="Muộn").timeliness == Timeliness.LATE


def test_answer_with_a_phone_number_is_flagged(cast):
    report = submit()
    done = triage.report_answer(actor=cast.carol, report=report, text="Liên hệ ông Bình 0905 123 456 để biết thêm.")
    assert done.has_personal_data_flag


def test_note_is_internal_and_close_needs_an_answer(cast):
    report = submit()
    event = triage.report_note(actor=cast.alice, report=report, text="Đã gọi điện cho người dân.")
    assert not event.is_public and event.actor_id == cast.alice.pk
    with pytest.raises(DomainError) as error:
        triage.report_close(actor=cast.alice, report=report)
    assert error.value.code == "invalid_state"
    triage.report_answer(actor=cast.carol, report=report, text="Đã xử lý.")
    done = triage.report_close(actor=cast.alice, report=report)
    assert done.state == ReportState.CLOSED and done.closed_at is not None
    assert audited(report, "closed") and audited(report, "noted")


def test_hide_and_show(cast):
    report = submit()
    with pytest.raises(DomainError):
        triage.report_hide(actor=cast.alice, report=report, reason="")
    done = triage.report_hide(actor=cast.alice, report=report, reason="Có tên người khác")
    assert done.is_hidden and done.hidden_reason == "Có tên người khác"
    with pytest.raises(DomainError) as error:
        triage.report_hide(actor=cast.alice, report=report, reason="again")
    assert error.value.code == "already_hidden"
    shown = triage.report_show(actor=cast.alice, report=done, expected_version=done.version)
    assert not shown.is_hidden and shown.hidden_reason == ""
    assert not ReportEvent.objects.get(report=report, kind=EventKind.HIDDEN).is_public
    assert audited(report, "hidden") and audited(report, "shown")


def test_anonymous_report_gets_no_notice(cast):
    report = submit(is_anonymous=True)
    triage.report_accept(actor=cast.alice, report=report)
    assert not CitizenNotice.objects.filter(report=report).exists()


def test_refused_and_merged_reports_file_their_case(cast):
    from danvan.cases.models import Case, CaseStatus

    refused = submit()
    triage.report_refuse(actor=cast.alice, report=refused, reason="spam", text="Quảng cáo")
    assert Case.objects.get(pk=refused.case_id).status == CaseStatus.FILED
    target, merged = submit(), submit()
    triage.report_merge(actor=cast.alice, report=merged, into=target)
    assert Case.objects.get(pk=merged.case_id).status == CaseStatus.FILED
    assert Case.objects.get(pk=target.case_id).status == CaseStatus.RECEIVED
    # after a transfer the case stays at the first commune: the new commune's officer cannot file it there
    moved = submit()
    triage.report_transfer(actor=cast.alice, report=moved, to_unit=cast.buon_ma_thuot)
    triage.report_refuse(actor=cast.bob, report=moved, reason="out_of_scope", text="Không thuộc phạm vi")
    assert Case.objects.get(pk=moved.case_id).status == CaseStatus.RECEIVED
    assert Report.objects.get(pk=moved.pk).state == ReportState.REFUSED


def test_the_receiving_communes_officers_and_the_assignee_are_told(cast):
    from danvan.notifications.models import Notification

    report = submit()
    triage.report_transfer(actor=cast.alice, report=report, to_unit=cast.buon_ma_thuot)
    told = Notification.objects.filter(kind="feedback_arrived")
    assert set(told.values_list("recipient_id", flat=True)) == {cast.bob.pk}
    assert report.code in told.get().message
    triage.report_assign(actor=cast.carol, report=report, assignee=cast.bob)
    assert Notification.objects.filter(kind="feedback_assigned", recipient=cast.bob).exists()


def test_two_officers_on_the_same_version_one_wins_and_the_other_leaves_nothing(cast):
    leader = make_officer("lan", "Vũ Thị Lan", "22081", Role.LEADER)
    report = submit()
    seen = report.version
    triage.report_accept(actor=cast.alice, report=report, expected_version=seen)
    before = (ReportEvent.objects.count(), AuditEntry.objects.count(), CitizenNotice.objects.count())
    for call in (
        lambda: triage.report_refuse(actor=cast.dave, report=report, reason="spam", text="x", expected_version=seen),
        lambda: triage.report_answer(actor=leader, report=report, text="Xong", expected_version=seen),
        lambda: triage.report_hide(actor=cast.dave, report=report, reason="r", expected_version=seen),
    ):
        with pytest.raises(DomainError) as error:
            call()
        assert error.value.status == 409 and error.value.code == "stale"
    assert (ReportEvent.objects.count(), AuditEntry.objects.count(), CitizenNotice.objects.count()) == before
    assert Report.objects.get(pk=report.pk).state == ReportState.ACCEPTED


def test_any_triage_step_stores_the_personal_data_flag(cast):
    report = submit(description="Nhà ông Ba, CCCD 001203004567, xả nước thải ra đường")
    assert Report.objects.get(pk=report.pk).has_personal_data_flag  # set at intake, from the description
    triage.report_accept(actor=cast.alice, report=report)
    assert Report.objects.get(pk=report.pk).has_personal_data_flag  # and kept in step by each triage step
