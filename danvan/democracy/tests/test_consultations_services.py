"""Consultations: the open period on the rule (20 days; 19 refused), opinions in the period, the decision
against the majority needs its reasons, the public sees only what was published."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.http import Http404

from danvan.core.errors import ConflictError, DomainError
from danvan.democracy import access
from danvan.democracy.consultation_selectors import consultation_tally, public_consultations
from danvan.democracy.consultation_services import (
    consultation_create,
    consultation_decide,
    consultation_publish,
    opinion_record,
    opinion_submit_public,
)
from danvan.democracy.models import Consultation, ConsultationChannel, ConsultationItem, ConsultationStatus

OPENS = dt.date(2026, 3, 2)


def _create(cast, closes_on=dt.date(2026, 3, 22), opens_on=OPENS):
    return consultation_create(
        actor=cast.alice,
        commune=cast.dong_xuan,
        item=ConsultationItem.objects.get(code="quy-hoach-xay-dung"),
        title="Dự thảo quy hoạch chi tiết khu dân cư Gò Mít",
        authority="UBND xã Đồng Xuân",
        channels=list(ConsultationChannel.objects.filter(code__in=["hoi-nghi", "cong-thong-tin"])),
        opens_on=opens_on,
        closes_on=closes_on,
    )


@pytest.mark.django_db
def test_nine_items_and_eight_forms_are_seeded():
    assert ConsultationItem.objects.count() == 9
    assert ConsultationChannel.objects.count() == 8


@pytest.mark.django_db
def test_a_consultation_open_19_days_is_refused_20_accepted(cast):
    with pytest.raises(DomainError) as refused:
        _create(cast, closes_on=OPENS + dt.timedelta(days=19))
    assert refused.value.code == "consultation_too_short"
    assert "19 ngày" in str(refused.value.message)
    assert "22/03/2026" in str(refused.value.message)
    assert "closes_on" in (refused.value.fields or {})
    assert not Consultation.objects.exists()
    consultation = _create(cast, closes_on=OPENS + dt.timedelta(days=20))
    assert consultation.status == ConsultationStatus.DRAFT


@pytest.mark.django_db
def test_publishing_late_opens_on_the_day_of_publication_and_rechecks_the_period(cast):
    consultation = _create(cast)
    with (
        time_machine.travel(dt.datetime(2026, 3, 5, 9, tzinfo=dt.UTC), tick=False),
        pytest.raises(DomainError) as short,
    ):
        consultation_publish(actor=cast.alice, consultation=consultation)
    assert short.value.code == "consultation_too_short"
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC), tick=False):
        consultation = consultation_publish(actor=cast.alice, consultation=consultation, expected_version=1)
    assert consultation.status == ConsultationStatus.OPEN
    assert consultation.opens_on == OPENS
    with pytest.raises(ConflictError):
        consultation_publish(actor=cast.alice, consultation=consultation)


@pytest.mark.django_db
def test_opinions_and_a_decision_against_the_majority_needs_reasons(cast):
    consultation = _create(cast)
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC), tick=False):
        with pytest.raises(ConflictError):
            opinion_record(
                actor=cast.alice, consultation=consultation, source="letter", stance="agree", received_on=OPENS
            )
        consultation_publish(actor=cast.alice, consultation=consultation)
    opinion_record(
        actor=cast.alice, consultation=consultation, source="meeting", stance="disagree", people=45, received_on=OPENS
    )
    opinion_record(
        actor=cast.alice, consultation=consultation, source="meeting", stance="agree", people=30, received_on=OPENS
    )
    with pytest.raises(DomainError) as late:
        opinion_record(
            actor=cast.alice,
            consultation=consultation,
            source="letter",
            stance="agree",
            received_on=dt.date(2026, 3, 23),
        )
    assert late.value.code == "outside_period"
    with pytest.raises(DomainError) as counted:
        opinion_record(
            actor=cast.alice, consultation=consultation, source="letter", stance="agree", people=3, received_on=OPENS
        )
    assert counted.value.code == "invalid_people"
    with time_machine.travel(dt.datetime(2026, 3, 10, 9, tzinfo=dt.UTC), tick=False):
        opinion_submit_public(consultation=consultation, stance="agree", content="Nên mở rộng đường.", author_name="")
    tally = consultation_tally(consultation)
    assert (tally.opinions, tally.agree, tally.disagree, tally.majority) == (3, 31, 45, "disagree")
    with time_machine.travel(dt.datetime(2026, 4, 1, 9, tzinfo=dt.UTC), tick=False):
        with pytest.raises(ConflictError):
            opinion_submit_public(consultation=consultation, stance="agree", content="Muộn")
        with pytest.raises(DomainError) as unexplained:
            consultation_decide(
                actor=cast.alice,
                consultation=consultation,
                summary="45 người không đồng ý, 31 đồng ý.",
                decision="Phê duyệt quy hoạch theo dự thảo.",
                adopts_draft=True,
                decided_on=dt.date(2026, 3, 30),
            )
        assert unexplained.value.code == "explanation_required"
        assert "explanation" in (unexplained.value.fields or {})
        decided = consultation_decide(
            actor=cast.alice,
            consultation=consultation,
            summary="45 người không đồng ý, 31 đồng ý.",
            decision="Phê duyệt quy hoạch theo dự thảo.",
            adopts_draft=True,
            decided_on=dt.date(2026, 3, 30),
            explanation="Quy hoạch cấp trên đã xác định vị trí; điều chỉnh lối đi theo ý kiến.",
        )
    assert decided.against_majority is True
    assert decided.status == ConsultationStatus.DECIDED
    assert list(public_consultations(cast.dong_xuan)) == [decided]


@pytest.mark.django_db
def test_a_decision_with_the_majority_needs_no_reasons_and_not_before_the_close(cast):
    consultation = _create(cast)
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC), tick=False):
        consultation_publish(actor=cast.alice, consultation=consultation)
    opinion_record(actor=cast.alice, consultation=consultation, source="box", stance="agree", received_on=OPENS)
    with time_machine.travel(dt.datetime(2026, 4, 1, 9, tzinfo=dt.UTC), tick=False):
        with pytest.raises(DomainError) as early:
            consultation_decide(
                actor=cast.alice,
                consultation=consultation,
                summary="1",
                decision="x",
                adopts_draft=True,
                decided_on=dt.date(2026, 3, 22),
            )
        assert early.value.code == "decided_too_early"
        decided = consultation_decide(
            actor=cast.alice,
            consultation=consultation,
            summary="1 ý kiến đồng ý",
            decision="Theo dự thảo",
            adopts_draft=True,
            decided_on=dt.date(2026, 3, 23),
        )
    assert decided.against_majority is False


@pytest.mark.django_db
def test_drafts_are_not_public_and_another_commune_gets_404(cast):
    consultation = _create(cast)
    assert list(public_consultations()) == []
    with pytest.raises(Http404):
        access.access_public_consultation(consultation.pk)
    with pytest.raises(Http404):
        access.access_consultation(cast.bob, consultation.pk)
    assert access.access_consultation(cast.alice, consultation.pk, for_write=True) == consultation


@pytest.mark.django_db
def test_a_citizen_opinion_is_audited_without_the_name(cast):
    from danvan.core.models import AuditEntry

    consultation = _create(cast)
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC), tick=False):
        consultation_publish(actor=cast.alice, consultation=consultation)
    with time_machine.travel(dt.datetime(2026, 3, 3, 9, tzinfo=dt.UTC), tick=False):
        opinion_submit_public(consultation=consultation, stance="other", content="Ý kiến", author_name="Lê Văn Tám")
    entry = AuditEntry.objects.get(action="democracy.opinion.submitted")
    assert entry.actor_id is None and "Lê Văn Tám" not in str(entry.changes)
