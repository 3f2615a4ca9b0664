"""A complaint and a denunciation from receipt to closing, with the deadlines the law sets at each step."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.cases.models import CaseLink, CaseStatus, ComplexityCriterion, LinkKind, Outcome, Timeliness
from danvan.cases.services import TransitionInput, case_open_second_complaint, case_receive, case_transition
from danvan.core.errors import ConflictError, DomainError
from danvan.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def classify(case, actor, **kwargs):
    return case_transition(
        actor=actor,
        case=case,
        action="classify",
        data=TransitionInput(is_eligible=True, in_jurisdiction=True, **kwargs),
    )


def test_complaint_received_in_november_2026_has_seven_working_days_to_be_accepted(complaint):
    assert complaint.code == "22081-2026-00001"
    assert complaint.status == CaseStatus.RECEIVED
    assert complaint.due_on == dt.date(2026, 11, 11)
    assert any("7 ngày làm việc" in line for line in complaint.due_explanation)
    assert complaint.due_plan == {"rules": ["complaint.accept"], "pause_days": 0}


def test_a_complaint_received_before_july_2026_keeps_ten_working_days(cast, land):
    from danvan.cases.services import PersonIn

    case = case_receive(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind="complaint",
        channel="post",
        field=land,
        title="Khiếu nại cũ",
        summary="Khiếu nại gửi tháng 6",
        received_on=dt.date(2026, 6, 15),
        people=[PersonIn("Phan Văn Tài")],
    )
    # Monday 15/06/2026 + 10 working days = Monday 29/06/2026 (rule in force on the receipt date).
    assert case.due_on == dt.date(2026, 6, 29)


def test_complaint_accepted_extended_as_complex_resolved_on_time_and_closed(complaint, cast, grace):
    case = classify(complaint, cast.alice)
    assert case.status == CaseStatus.CLASSIFIED
    case = case_transition(actor=grace, case=case, action="accept", data=TransitionInput(document_no="12/TB-UBND"))
    assert case.accepted_by == grace and case.accepted_on == dt.date(2026, 11, 20)
    assert case.intake_timeliness == Timeliness.LATE  # due 11/11, accepted 20/11
    # 30 calendar days from 20/11 is Sunday 20/12/2026: moved to Monday 21/12.
    assert case.due_on == dt.date(2026, 12, 21)
    criterion = ComplexityCriterion.objects.filter(kind="complaint")[0]
    case = case_transition(
        actor=grace,
        case=case,
        action="extend",
        data=TransitionInput(note="Nhiều người, nhiều thời kỳ", document_no="15/QĐ-UBND", criteria=[criterion]),
    )
    assert case.is_complex and case.extension_count == 1
    assert case.due_on == dt.date(2027, 1, 4)  # 45 days
    with pytest.raises(DomainError) as error:
        case_transition(
            actor=grace, case=case, action="extend", data=TransitionInput(note="Lần nữa", document_no="16/QĐ-UBND")
        )
    assert error.value.code == "extension_limit"
    case = case_transition(actor=cast.alice, case=case, action="verify")
    case = case_transition(
        actor=grace,
        case=case,
        action="resolve",
        data=TransitionInput(
            document_no="20/QĐ-UBND", document_date=dt.date(2026, 11, 20), outcome=Outcome.PARTLY_RIGHT
        ),
    )
    assert case.status == CaseStatus.RESOLVED and case.resolution_timeliness == Timeliness.ON_TIME
    assert case.due_on is None
    case = case_transition(actor=cast.alice, case=case, action="notify")
    case = case_transition(actor=cast.alice, case=case, action="close")
    assert case.status == CaseStatus.CLOSED and not case.is_open
    actions = list(case.transitions.values_list("action", flat=True))
    assert actions == ["receive", "classify", "accept", "extend", "verify", "resolve", "notify", "close"]
    assert AuditEntry.objects.filter(object_type="cases.case", object_id=str(case.pk)).count() == 8


def test_resolution_dated_before_receipt_is_refused(complaint, cast, grace):
    case = classify(complaint, cast.alice)
    case = case_transition(actor=grace, case=case, action="accept", data=TransitionInput(document_no="1"))
    with pytest.raises(DomainError) as error:
        case_transition(
            actor=grace,
            case=case,
            action="resolve",
            data=TransitionInput(document_no="2", document_date=dt.date(2026, 10, 1), outcome=Outcome.WRONG),
        )
    assert error.value.code == "decision_before_receipt"


def test_transition_out_of_order_and_wrong_role(complaint, cast, grace):
    with pytest.raises(ConflictError):
        case_transition(actor=grace, case=complaint, action="resolve", data=TransitionInput(document_no="1"))
    case = classify(complaint, cast.alice)
    with pytest.raises(DomainError) as error:
        case_transition(actor=cast.alice, case=case, action="accept", data=TransitionInput(document_no="1"))
    assert error.value.status == 403


def test_stale_version_loses(complaint, cast, grace):
    case = classify(complaint, cast.alice)
    version = case.version
    case_transition(
        actor=grace, case=case, action="accept", data=TransitionInput(document_no="1"), expected_version=version
    )
    with pytest.raises(ConflictError):
        case_transition(
            actor=grace, case=case, action="accept", data=TransitionInput(document_no="1"), expected_version=version
        )


def test_denunciation_extensions_follow_the_number_of_criteria(denunciation, cast, grace):
    assert denunciation.due_on == dt.date(2026, 11, 26)  # 24/11 is Ngày Văn hóa Việt Nam, a day off
    case = classify(denunciation, cast.alice)
    case = case_transition(actor=grace, case=case, action="accept", data=TransitionInput(document_no="3/QĐ"))
    assert case.due_on == dt.date(2026, 12, 21)
    criteria = list(ComplexityCriterion.objects.filter(kind="denunciation")[:2])
    case = case_transition(
        actor=grace,
        case=case,
        action="extend",
        data=TransitionInput(note="Phức tạp", document_no="4", criteria=criteria),
    )
    assert case.due_on == dt.date(2027, 1, 20)  # 21/12 + 30 = Wednesday 20/01/2027
    case = case_transition(
        actor=grace, case=case, action="extend", data=TransitionInput(note="Đặc biệt", document_no="5")
    )
    assert case.extension_count == 2
    with pytest.raises(DomainError) as error:
        case_transition(actor=grace, case=case, action="extend", data=TransitionInput(note="Lần 3", document_no="6"))
    assert error.value.code == "extension_limit"


def test_late_complaint_is_warned_then_recorded_with_its_reason(cast, land):
    from danvan.cases.services import PersonIn

    kwargs = {
        "actor": cast.alice,
        "unit": cast.dong_xuan,
        "kind": "complaint",
        "channel": "in_person",
        "field": land,
        "title": "Khiếu nại muộn",
        "summary": "Khiếu nại quyết định từ tháng 6",
        "received_on": dt.date(2026, 11, 20),
        "people": [PersonIn("Hà Văn Muộn")],
        "event_known_on": dt.date(2026, 6, 1),
    }
    with pytest.raises(DomainError) as error:
        case_receive(**kwargs)
    assert error.value.code == "late_filing"
    case = case_receive(**kwargs, late_filing_reason="Nằm viện từ tháng 6 đến tháng 10")
    assert case.is_late_filing and case.late_filing_reason.startswith("Nằm viện")


def test_double_submission_makes_one_case(cast, land):
    from danvan.cases.models import Case
    from danvan.cases.services import PersonIn

    kwargs = {
        "actor": cast.alice,
        "unit": cast.dong_xuan,
        "kind": "recommendation",
        "channel": "in_person",
        "field": land,
        "title": "Kiến nghị làm đường",
        "summary": "Kiến nghị bê tông hóa đường thôn 2",
        "received_on": dt.date(2026, 11, 20),
        "people": [PersonIn("Đinh Văn Kiến")],
        "submission_key": "a" * 32,
    }
    first = case_receive(**kwargs)
    second = case_receive(**kwargs)
    assert first.pk == second.pk and Case.objects.count() == 1


def test_group_needs_legal_number_of_representatives(cast, land):
    from danvan.cases.services import PersonIn

    with pytest.raises(DomainError) as error:
        case_receive(
            actor=cast.alice,
            unit=cast.dong_xuan,
            kind="complaint",
            channel="in_person",
            field=land,
            title="Nhóm 6 người",
            summary="Khiếu nại bồi thường",
            received_on=dt.date(2026, 11, 20),
            people=[PersonIn(f"Người {i}", is_representative=i < 3) for i in range(6)],
        )
    assert error.value.code == "representatives_invalid"


def test_transfer_to_another_unit_arrives_there_and_stays_out_of_the_sender_scope(complaint, cast):
    from danvan.accounts.access import has_role_at
    from danvan.cases.access import access_case

    case = case_transition(
        actor=cast.alice,
        case=complaint,
        action="classify",
        data=TransitionInput(is_eligible=True, in_jurisdiction=False),
    )
    case = case_transition(
        actor=cast.alice,
        case=case,
        action="transfer",
        data=TransitionInput(document_no="7/CV", target_unit=cast.buon_ma_thuot),
    )
    assert case.status == CaseStatus.TRANSFERRED
    link = CaseLink.objects.get(other=case, kind=LinkKind.TRANSFER)
    arrived = link.case
    assert arrived.unit == cast.buon_ma_thuot and arrived.status == CaseStatus.RECEIVED
    assert access_case(cast.bob, arrived.pk) == arrived
    assert not has_role_at(cast.alice, arrived.unit, "viewer")
    from django.http import Http404

    with pytest.raises(Http404):
        access_case(cast.alice, arrived.pk)
    assert cast.bob.notifications.filter(case=arrived).exists()


def test_second_complaint_is_linked_to_the_first(complaint, cast, grace):
    case = classify(complaint, cast.alice)
    case = case_transition(actor=grace, case=case, action="accept", data=TransitionInput(document_no="1"))
    case = case_transition(
        actor=grace,
        case=case,
        action="resolve",
        data=TransitionInput(document_no="2", document_date=dt.date(2026, 11, 20), outcome=Outcome.WRONG),
    )
    second = case_open_second_complaint(
        actor=cast.carol,
        first=case,
        unit=cast.dak_lak,
        received_on=dt.date(2026, 11, 20),
        summary="Không đồng ý",
        decision_received_on=dt.date(2026, 11, 20),
    )
    assert second.complaint_round == 2 and second.is_protracted
    assert second.due_plan["rules"] == ["complaint.accept_second"]
    assert CaseLink.objects.filter(case=second, other=case, kind=LinkKind.SECOND_ROUND).exists()


def test_a_denunciation_outside_our_jurisdiction_must_be_forwarded_within_five_working_days(denunciation, cast):
    case = case_transition(
        actor=cast.alice,
        case=denunciation,
        action="classify",
        data=TransitionInput(is_eligible=True, in_jurisdiction=False),
    )
    # Monday 16/11/2026 + 5 working days: Monday 23/11 (the day off on 24/11 comes after).
    assert case.due_plan["rules"] == ["denunciation.forward"]
    assert case.due_on == dt.date(2026, 11, 23)


def test_suspension_stops_the_clock_and_resuming_adds_the_days_suspended(denunciation, cast, grace, time_machine):
    case = classify(denunciation, cast.alice)
    case = case_transition(actor=grace, case=case, action="accept", data=TransitionInput(document_no="3/QĐ"))
    assert case.due_on == dt.date(2026, 12, 21)
    case = case_transition(
        actor=grace, case=case, action="suspend", data=TransitionInput(note="Chờ giám định", document_no="9/QĐ")
    )
    assert case.due_on is None and case.deadline_state == "none"
    time_machine.move_to(dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC), tick=False)
    case = case_transition(actor=grace, case=case, action="resume")
    # 10 days suspended (20/11 → 30/11): 21/12 + 10 = Thursday 31/12/2026.
    assert case.due_on == dt.date(2026, 12, 31)
    assert case.due_plan["pause_days"] == 10


def test_no_second_complaint_while_the_first_is_within_its_time(complaint, cast, grace):
    case = classify(complaint, cast.alice)
    case = case_transition(actor=grace, case=case, action="accept", data=TransitionInput(document_no="1"))
    with pytest.raises(ConflictError) as error:
        case_open_second_complaint(
            actor=cast.carol,
            first=case,
            unit=cast.dak_lak,
            received_on=dt.date(2026, 11, 20),
            summary="Chưa giải quyết",
        )
    assert error.value.code == "first_complaint_pending"
