"""The case engine under the law of 2026 (issue 9 §1): a second complaint counts from the day the first decision
was received (Luật Khiếu nại Art. 33); complexity criteria of 01/07/2026 spare complaints accepted before; a year
without a Government notice is provisional until the notice is entered, and the sweep then re-applies deadlines."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.forms import ModelMultipleChoiceField
from django.urls import reverse

from danvan.cases.forms import StepForm
from danvan.cases.models import Case, CaseKind, Channel, ComplexityCriterion, Outcome
from danvan.cases.services import PersonIn, TransitionInput, case_open_second_complaint, case_receive, case_transition
from danvan.cases.sweep import sweep
from danvan.cases.workflow import TRANSITIONS
from danvan.core.errors import DomainError
from danvan.core.models import CalendarNotice, NoticeKind

pytestmark = pytest.mark.django_db
D = dt.date


def extend_choices(case):
    """The criteria the extension form offers for ``case``."""
    field = StepForm(case=case, step=TRANSITIONS["extend"]).fields["criteria"]
    assert isinstance(field, ModelMultipleChoiceField)
    return field.queryset


def at(time_machine, day: dt.date) -> None:
    time_machine.move_to(dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=dt.UTC), tick=False)


DECIDED_ON = D(2026, 11, 20)


def decided(complaint, cast, grace, decision_date=DECIDED_ON):
    """The fixture complaint, accepted and decided on ``decision_date`` (today, 20/11/2026)."""
    case = case_transition(
        actor=cast.alice,
        case=complaint,
        action="classify",
        data=TransitionInput(is_eligible=True, in_jurisdiction=True),
    )
    case = case_transition(actor=grace, case=case, action="accept", data=TransitionInput(document_no="1/TB"))
    return case_transition(
        actor=grace,
        case=case,
        action="resolve",
        data=TransitionInput(document_no="2/QĐ", document_date=decision_date, outcome=Outcome.WRONG),
    )


def open_second(cast, first, received_on, **kwargs):
    return case_open_second_complaint(
        actor=cast.carol, first=first, unit=cast.dak_lak, received_on=received_on, summary="Không đồng ý", **kwargs
    )


# --- second complaint: from the day the decision was received ----------------------------------------------


def test_the_second_complaints_time_counts_from_the_day_the_decision_was_received(complaint, cast, grace, time_machine):
    first = decided(complaint, cast, grace)
    at(time_machine, D(2027, 1, 15))
    # Received on 20/12/2026: 30 days end on 19/01/2027, so 15/01/2027 is in time — from the decision's own date
    # (20/11/2026) it would have been late.
    second = open_second(cast, first, D(2027, 1, 15), decision_received_on=D(2026, 12, 20))
    assert second.event_known_on == D(2026, 12, 20) and not second.is_late_filing


def test_a_decision_received_long_ago_makes_the_second_complaint_late(complaint, cast, grace, time_machine):
    first = decided(complaint, cast, grace)
    at(time_machine, D(2027, 1, 15))
    with pytest.raises(DomainError) as error:
        open_second(cast, first, D(2027, 1, 15), decision_received_on=D(2026, 11, 25))
    assert error.value.code == "late_filing"


@pytest.mark.parametrize(
    ("received", "code"),
    [
        (None, "decision_received_required"),
        (D(2026, 11, 19), "decision_received_before_decision"),
        (D(2027, 1, 16), "decision_received_in_future"),
        (D(2027, 1, 12), "decision_received_after_filing"),
    ],
)
def test_the_day_the_decision_was_received_is_checked(complaint, cast, grace, time_machine, received, code):
    first = decided(complaint, cast, grace)
    at(time_machine, D(2027, 1, 15))
    with pytest.raises(DomainError) as error:
        open_second(cast, first, D(2027, 1, 10), decision_received_on=received)
    assert error.value.code == code
    assert error.value.fields and "decision_received_on" in error.value.fields
    assert not Case.objects.filter(complaint_round=2).exists()


def test_api_and_form_ask_for_the_day_the_decision_was_received(client, complaint, cast, grace):
    first = decided(complaint, cast, grace)
    client.force_login(cast.carol)
    url = f"/api/v1/cases/{first.pk}/second-complaint"
    payload = {"unit_id": cast.dak_lak.pk, "received_on": "2026-11-20", "summary": "Không đồng ý"}
    missing = client.post(url, payload, content_type="application/json")
    assert missing.status_code == 400 and missing.json()["code"] == "decision_received_required"
    assert "decision_received_on" in missing.json()["fields"]
    page = client.get(reverse("cases:detail", args=[first.pk])).content.decode()
    assert 'name="decision_received_on"' in page
    data = {"unit": cast.dak_lak.pk, "received_on": "20/11/2026", "summary": "x", "submission_key": uuid.uuid4().hex}
    response = client.post(reverse("cases:second_complaint", args=[first.pk]), {**data, "decision_received_on": ""})
    assert response.status_code == 400
    assert "Hãy nhập ngày người khiếu nại nhận được quyết định" in response.content.decode()
    ok = client.post(reverse("cases:second_complaint", args=[first.pk]), {**data, "decision_received_on": "20/11/2026"})
    assert ok.status_code == 302
    assert Case.objects.get(complaint_round=2).event_known_on == D(2026, 11, 20)


# --- complexity criteria of 01/07/2026 ---------------------------------------------------------------------


def _complaint_accepted_on(cast, grace, land, day):
    case = case_receive(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind=CaseKind.COMPLAINT,
        channel=Channel.IN_PERSON,
        field=land,
        title="Khiếu nại bồi thường",
        summary="Khiếu nại mức bồi thường khi thu hồi đất.",
        received_on=day,
        people=[PersonIn("Phan Văn Tư", id_number="066080007777")],
    )
    case = case_transition(
        actor=cast.alice, case=case, action="classify", data=TransitionInput(is_eligible=True, in_jurisdiction=True)
    )
    return case_transition(actor=grace, case=case, action="accept", data=TransitionInput(document_no="3/TB"))


def test_criteria_of_july_2026_do_not_apply_to_a_complaint_accepted_before(cast, grace, land, time_machine):
    at(time_machine, D(2026, 5, 4))
    case = _complaint_accepted_on(cast, grace, land, D(2026, 5, 4))
    criterion = ComplexityCriterion.objects.filter(kind="complaint", valid_from=D(2026, 7, 1)).first()
    assert criterion is not None
    at(time_machine, D(2026, 7, 15))  # extended after the criteria took effect: still the law of its acceptance
    with pytest.raises(DomainError) as error:
        case_transition(
            actor=grace,
            case=case,
            action="extend",
            data=TransitionInput(note="Phức tạp", document_no="4/QĐ", criteria=[criterion]),
        )
    assert error.value.code == "criteria_not_in_force"
    assert list(extend_choices(case)) == []
    # Complexity is then judged by the handler and written in the note.
    case = case_transition(
        actor=grace,
        case=case,
        action="extend",
        data=TransitionInput(note="Nhiều hộ, nhiều thời kỳ", document_no="4/QĐ"),
    )
    assert case.is_complex and case.extension_count == 1


def test_criteria_apply_to_a_complaint_accepted_from_july_2026(cast, grace, land):
    case = _complaint_accepted_on(cast, grace, land, D(2026, 11, 16))
    assert extend_choices(case).exists()
    with pytest.raises(DomainError) as error:
        case_transition(actor=grace, case=case, action="extend", data=TransitionInput(note="x", document_no="5/QĐ"))
    assert error.value.code == "criteria_required"


# --- a year without a notice, then the notice ----------------------------------------------------------------


def test_entering_the_2027_notice_re_applies_open_deadlines(cast, land, time_machine):
    at(time_machine, D(2027, 1, 27))
    case = case_receive(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind=CaseKind.COMPLAINT,
        channel=Channel.IN_PERSON,
        field=land,
        title="Khiếu nại giá đất",
        summary="Khiếu nại giá đất bồi thường.",
        received_on=D(2027, 1, 27),
        people=[PersonIn("Lê Thị Năm", id_number="066080008888")],
    )
    assert case.due_on == D(2027, 2, 12)  # the package's Tết 2027, 04–10/02
    assert any("dự kiến" in line for line in case.due_explanation)
    assert sweep(D(2027, 1, 27)).recomputed == 0
    # The notice confirms the package's days: the date stays, the explanation stops saying "dự kiến".
    CalendarNotice.objects.create(
        date=D(2027, 2, 5), kind=NoticeKind.DAY_OFF, title="Nghỉ Tết Đinh Mùi", legal_basis="Thông báo 3/TB (thử)"
    )
    assert sweep(D(2027, 1, 27)).recomputed == 1
    case.refresh_from_db()
    assert case.due_on == D(2027, 2, 12)
    assert not any("dự kiến" in line for line in case.due_explanation)
    # A further day off moves it.
    CalendarNotice.objects.create(
        date=D(2027, 2, 11), kind=NoticeKind.DAY_OFF, title="Nghỉ bù Tết", legal_basis="Thông báo 3/TB (thử)"
    )
    assert sweep(D(2027, 1, 27)).recomputed == 1
    case.refresh_from_db()
    assert case.due_on == D(2027, 2, 15)
