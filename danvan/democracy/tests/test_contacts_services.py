"""Dialogues with staff, electoral areas and voter contacts: recording, the yearly rule (rule data), the bad inputs
the issue lists by name, many questions at once into the tracker, idempotency, versions, the audit trail, the
DOCX list of voters' recommendations and the figures. Time is frozen on 20/12/2026."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from docx import Document

from conftest import organization
from danvan.core.audit_text import audit_sentence
from danvan.core.errors import ConflictError, DomainError
from danvan.core.models import AuditEntry, LegalRule, UnitKind
from danvan.core.periods import Period
from danvan.core.services import village_create
from danvan.democracy import contact_services as services
from danvan.democracy.contact_documents import recommendations_docx
from danvan.democracy.contact_figures import compute
from danvan.democracy.contact_selectors import staff_dialogue_compliance
from danvan.democracy.figures import Place
from danvan.democracy.models import (
    ContactStatus,
    ContactTiming,
    Recommendation,
    RecommendationSource,
    StaffDialogue,
)
from danvan.democracy.recommendation_services import recommendation_answer

TODAY = dt.datetime(2026, 12, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def today(time_machine):
    time_machine.move_to(TODAY, tick=False)
    return TODAY.date()


@pytest.fixture
def villages(cast):
    return [
        village_create(actor=None, commune=cast.dong_xuan, name=name, kind=UnitKind.VILLAGE, households=None)
        for name in ("Thôn Phú Xuân", "Thôn Đồng Hòa")
    ]


@pytest.fixture
def area(cast, villages):
    return services.electoral_area_create(
        actor=cast.alice,
        unit=cast.dong_xuan,
        number=1,
        name="Đơn vị bầu cử số 1",
        units=villages,
        deputies="Nguyễn Văn Một\n\n  Trần Thị Hai  ",
        term="2026–2031",
    )


def held_contact(cast, area, *, held_on=dt.date(2026, 12, 5)):
    contact = services.voter_contact_schedule(
        actor=cast.alice,
        area=area,
        unit=cast.dong_xuan,
        session_name="Kỳ họp thứ 5, HĐND xã khóa I",
        timing=ContactTiming.AFTER,
        session_on=dt.date(2026, 12, 1),
        held_on=held_on,
        place="Nhà văn hóa thôn Phú Xuân",
    )
    return services.voter_contact_record(
        actor=cast.alice,
        contact=contact,
        expected_version=contact.version,
        voters_attending=120,
        deputies_present="Nguyễn Văn Một\nTrần Thị Hai",
    )


def dialogue(cast, **fields):
    values: dict[str, Any] = {
        "organization": organization("22081"),
        "held_on": dt.date(2026, 6, 10),
        "chaired_by": "Chủ tịch UBND xã",
        "participants": 35,
        "topics": "Chế độ làm việc sau sắp xếp",
    }
    values.update(fields)
    return services.staff_dialogue_record(actor=cast.alice, **values)


# --- Dialogues with staff ------------------------------------------------------------------------------------------


def test_a_dialogue_is_recorded_audited_and_a_repeated_submission_returns_it(cast, today):
    first = dialogue(cast, submission_key="k" * 64)
    again = dialogue(cast, submission_key="k" * 64)
    assert again.pk == first.pk and StaffDialogue.objects.count() == 1
    assert first.year == 2026 and first.unit == cast.dong_xuan
    entry = AuditEntry.objects.get(action="democracy.staff_dialogue.recorded")
    assert "đối thoại với cán bộ" in audit_sentence(entry)


def test_a_dialogue_in_the_future_or_without_participants_or_chair_is_refused(cast, today):
    with pytest.raises(DomainError) as future:
        dialogue(cast, held_on=dt.date(2026, 12, 21))
    assert future.value.fields and "held_on" in future.value.fields
    with pytest.raises(DomainError) as nobody:
        dialogue(cast, participants=0)
    assert nobody.value.fields and "participants" in nobody.value.fields
    with pytest.raises(DomainError) as no_chair:
        dialogue(cast, chaired_by="   ")
    assert no_chair.value.code == "chaired_by_required"


def test_a_stale_dialogue_edit_is_409(cast, today):
    made = dialogue(cast)
    edited = services.staff_dialogue_edit(
        actor=cast.alice,
        dialogue=made,
        expected_version=1,
        held_on=made.held_on,
        chaired_by="Phó Chủ tịch UBND xã",
        participants=40,
    )
    assert edited.version == 2 and edited.participants == 40
    with pytest.raises(ConflictError) as stale:
        services.staff_dialogue_edit(
            actor=cast.alice, dialogue=made, expected_version=1, held_on=made.held_on, chaired_by="X", participants=1
        )
    assert stale.value.code == "stale"


def test_compliance_lists_the_bodies_without_a_dialogue_and_follows_the_rule(cast, today):
    dialogue(cast)
    report = staff_dialogue_compliance(unit=cast.dong_xuan, year=2026)
    held = {row.organization.kind.code: row for row in report.bodies}
    assert held["peoples_committee"].ok and held["peoples_committee"].held == 1
    assert not held["fatherland_front"].ok and report.missing[0].organization.kind.code != "peoples_committee"
    assert "Luật Thực hiện dân chủ ở cơ sở" in report.rule_basis and "[" not in report.rule_basis
    LegalRule.objects.filter(code="staff_dialogue.per_year_min").update(value=2)
    again = staff_dialogue_compliance(unit=cast.dong_xuan, year=2026)
    assert again.required == 2 and not {row.organization.kind.code: row for row in again.bodies}["peoples_committee"].ok


# --- Electoral areas and voter contacts ----------------------------------------------------------------------------


def test_an_area_keeps_its_deputies_one_a_line(area):
    assert area.deputy_names == ["Nguyễn Văn Một", "Trần Thị Hai"] and area.units.count() == 2


def test_an_area_covering_a_village_of_another_commune_is_refused(cast, other_village):
    with pytest.raises(DomainError) as error:
        services.electoral_area_create(
            actor=cast.alice, unit=cast.dong_xuan, number=2, name="Số 2", units=[other_village]
        )
    assert error.value.code == "unit_outside_area" and "Tổ dân phố 1" in str(error.value.message)


def test_two_areas_with_one_number_are_refused(cast, area):
    with pytest.raises(DomainError) as error:
        services.electoral_area_create(actor=cast.alice, unit=cast.dong_xuan, number=1, name="Trùng số", units=[])
    assert error.value.code == "duplicate_number" and error.value.fields == {"number": [error.value.message]}


def test_a_contact_before_a_session_must_come_before_it(cast, area, today):
    with pytest.raises(DomainError) as error:
        services.voter_contact_schedule(
            actor=cast.alice,
            area=area,
            unit=cast.dong_xuan,
            session_name="Kỳ họp thứ 6",
            timing=ContactTiming.BEFORE,
            session_on=dt.date(2026, 12, 10),
            held_on=dt.date(2026, 12, 10),
            place="Hội trường",
        )
    assert error.value.code == "before_after_session" and "10/12/2026" in str(error.value.message)


def test_a_contact_at_a_commune_outside_the_area_is_refused(cast, area, today):
    with pytest.raises(DomainError) as error:
        services.voter_contact_schedule(
            actor=cast.alice,
            area=area,
            unit=cast.buon_ma_thuot,
            session_name="Kỳ họp thứ 6",
            timing=ContactTiming.BEFORE,
            held_on=dt.date(2026, 12, 28),
            place="Hội trường",
        )
    assert error.value.code == "unit_outside_area"


def test_a_contact_is_not_recorded_before_its_day_nor_without_deputies(cast, area, today):
    ahead = services.voter_contact_schedule(
        actor=cast.alice,
        area=area,
        unit=cast.dong_xuan,
        session_name="Kỳ họp thứ 6",
        timing=ContactTiming.BEFORE,
        held_on=dt.date(2026, 12, 28),
        place="Hội trường",
    )
    with pytest.raises(DomainError) as early:
        services.voter_contact_record(
            actor=cast.alice, contact=ahead, expected_version=1, voters_attending=10, deputies_present="A"
        )
    assert early.value.code == "not_yet_held"
    past = held_contact(cast, area)
    with pytest.raises(DomainError) as nobody:
        services.voter_contact_record(
            actor=cast.alice, contact=past, expected_version=past.version, voters_attending=10, deputies_present=" \n"
        )
    assert nobody.value.code == "deputies_required"
    cancelled = services.voter_contact_cancel(actor=cast.alice, contact=ahead, expected_version=1, reason="Mưa bão")
    assert cancelled.status == ContactStatus.CANCELLED
    with pytest.raises(ConflictError):
        services.voter_contact_cancel(actor=cast.alice, contact=past, expected_version=past.version, reason="x")


# --- Questions to the tracker --------------------------------------------------------------------------------------


def lines(count, body):
    return [
        services.QuestionLine(
            raised_by=f"Cử tri số {n}", content=f"Kiến nghị thứ {n} về đường liên thôn.", addressee_org=body
        )
        for n in range(1, count + 1)
    ]


def test_twelve_questions_at_one_contact_become_twelve_tracked_recommendations(cast, area, today):
    contact = held_contact(cast, area)
    made = services.raise_questions(
        actor=cast.alice, event=contact, questions=lines(12, organization("22081")), submission_key="a" * 64
    )
    assert len(made) == 12
    items = Recommendation.objects.for_event(contact)
    assert items.count() == 12 and {i.source for i in items} == {RecommendationSource.VOTER_CONTACT}
    first = items.order_by("id").first()
    assert first is not None
    assert first.raised_on == dt.date(2026, 12, 5) and first.due_on == dt.date(2027, 1, 4)  # 30 days, rule data
    assert first.due_rule == "recommendation.answer_days.voter_contact" and first.addressee == "peoples_committee"
    again = services.raise_questions(
        actor=cast.alice, event=contact, questions=lines(12, organization("22081")), submission_key="a" * 64
    )
    assert [i.pk for i in again] == [i.pk for i in made] and items.count() == 12


def test_a_question_may_go_to_a_province_body_but_not_to_another_communes(cast, area, today):
    contact = held_contact(cast, area)
    province = organization("66")
    [item] = services.raise_questions(actor=cast.alice, event=contact, questions=lines(1, province))
    assert (
        item.addressee_org == province
        and item.addressee == "higher_level"
        and item.addressee_path == province.unit.path
    )
    with pytest.raises(DomainError) as error:
        services.raise_questions(
            actor=cast.alice, event=contact, questions=[*lines(1, province), *lines(1, organization("24133"))]
        )
    assert error.value.code == "addressee_outside"
    assert list(error.value.fields or {}) == ["questions.1.addressee_org_id"]
    assert Recommendation.objects.for_event(contact).count() == 1  # all or none


def test_questions_at_a_contact_not_held_are_409_and_an_empty_content_is_named(cast, area, today):
    ahead = services.voter_contact_schedule(
        actor=cast.alice,
        area=area,
        unit=cast.dong_xuan,
        session_name="Kỳ họp thứ 6",
        timing=ContactTiming.BEFORE,
        held_on=dt.date(2026, 12, 28),
        place="Hội trường",
    )
    with pytest.raises(ConflictError):
        services.raise_questions(actor=cast.alice, event=ahead, questions=lines(1, organization("22081")))
    contact = held_contact(cast, area)
    blank = services.QuestionLine(raised_by="Ông A", content="  ", addressee_org=organization("22081"))
    with pytest.raises(DomainError) as error:
        services.raise_questions(actor=cast.alice, event=contact, questions=[blank])
    assert error.value.code == "content_required" and "Ý kiến thứ 1" in str(error.value.message)


def test_staff_questions_go_to_the_tracker_as_staff_dialogue(cast, today):
    made = dialogue(cast)
    [item] = services.raise_questions(actor=cast.alice, event=made, questions=lines(1, organization("22081")))
    assert item.source == RecommendationSource.STAFF_DIALOGUE and item.raised_on == made.held_on


# --- Document and figures ------------------------------------------------------------------------------------------


def test_the_docx_lists_each_recommendation_with_its_answer(cast, area, today):
    contact = held_contact(cast, area)
    first, _second = services.raise_questions(
        actor=cast.alice, event=contact, questions=lines(2, organization("22081"))
    )
    recommendation_answer(
        actor=cast.alice,
        item=first,
        expected_version=first.version,
        answered_on=dt.date(2026, 12, 15),
        answer="Đã đưa vào kế hoạch năm 2027.",
    )
    text = "\n".join(
        cell.text
        for table in Document(io.BytesIO(recommendations_docx(contact))).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "Đã đưa vào kế hoạch năm 2027. (trả lời ngày 15/12/2026)" in text and "Chưa trả lời" in text
    assert "HỘI ĐỒNG NHÂN DÂN XÃ ĐỒNG XUÂN" in text


def test_the_docx_of_a_contact_not_held_is_refused(cast, area, today):
    ahead = services.voter_contact_schedule(
        actor=cast.alice,
        area=area,
        unit=cast.dong_xuan,
        session_name="Kỳ họp thứ 6",
        timing=ContactTiming.BEFORE,
        held_on=dt.date(2026, 12, 28),
        place="Hội trường",
    )
    with pytest.raises(DomainError) as error:
        recommendations_docx(ahead)
    assert error.value.status == 409


def test_figures_count_dialogues_bodies_without_contacts_voters_and_questions(cast, area, today):
    dialogue(cast)
    contact = held_contact(cast, area)
    services.raise_questions(actor=cast.alice, event=contact, questions=lines(3, organization("22081")))
    place = Place(paths=(cast.dong_xuan.path,), provinces=(cast.dong_xuan.province_code,))
    figures = compute(place, Period.year(2026))
    assert figures["dialogues_held"] == 1 and figures["bodies_with_dialogue"] == 1
    assert figures["bodies_without_dialogue"] >= 2
    assert figures["contacts_held.after"] == 1 and figures["contacts_held.before"] == 0
    assert figures["voters_attending"] == 120 and figures["questions_raised.voter_contact"] == 3


def test_the_session_docx_gathers_every_contact_held_for_the_session(cast, area, villages, today):
    from danvan.democracy.contact_documents import recommendations_context, session_contacts
    from danvan.democracy.models import VoterContact

    first = held_contact(cast, area, held_on=dt.date(2026, 12, 5))
    second_area = services.electoral_area_create(
        actor=cast.alice, unit=cast.dong_xuan, number=2, name="Đơn vị bầu cử số 2", units=[], deputies="Lê Văn Ba"
    )
    second = held_contact(cast, second_area, held_on=dt.date(2026, 12, 6))
    services.raise_questions(actor=cast.alice, event=first, questions=lines(2, organization("22081")))
    services.raise_questions(actor=cast.alice, event=second, questions=lines(1, organization("22081")))
    gathered = session_contacts(first, VoterContact.objects.all())
    assert [c.pk for c in gathered] == [first.pk, second.pk]
    context = recommendations_context(gathered)
    assert len(context["items"]) == 3 and context["voters"] == "240"
    assert context["area"] == "Đơn vị bầu cử số 1; Đơn vị bầu cử số 2"
