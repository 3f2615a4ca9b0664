"""The lifecycle through the services: roles, states, scores, decisions, concurrency."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from danvan.core.errors import ConflictError, DomainError
from danvan.core.models import Organization
from danvan.initiatives.models import InitiativeStatus, Transition
from danvan.initiatives.services import (
    FundingLine,
    evaluation_close,
    evaluation_score,
    initiative_transition,
    initiative_update,
    recognition_decide,
)
from danvan.initiatives.tests.conftest import TODAY


def _scores(rubric, *values):
    return {c.pk: Decimal(v) for c, v in zip(rubric.criteria.all(), values, strict=True)}


def to_self_assessed(draft, grace, alice):
    initiative = initiative_transition(actor=grace, initiative=draft, action="submit")
    initiative = initiative_transition(actor=alice, initiative=initiative, action="start")
    return initiative_transition(actor=alice, initiative=initiative, action="self_assess")


def test_full_life_to_recognition(cast, grace, henry, rubric, draft):
    assert draft.status == InitiativeStatus.DRAFT and draft.funds_total == 10_500_000
    initiative = to_self_assessed(draft, grace, cast.alice)
    assert initiative.registered_on is not None
    evaluation_score(actor=henry, initiative=initiative, points=_scores(rubric, 35, 25, 20))
    evaluation = evaluation_score(actor=cast.carol, initiative=initiative, points=_scores(rubric, 30, 25, 25))
    assert evaluation.average == Decimal("80.00") and evaluation.passed
    initiative = evaluation_close(actor=cast.carol, initiative=initiative)
    assert initiative.status == InitiativeStatus.EVALUATED
    province_board = Organization.objects.get(unit=cast.dak_lak, kind__code="steering_committee")
    recognition_decide(
        actor=cast.carol,
        organization=province_board,
        number="12",
        symbol="QĐ-BCĐ",
        signed_on=TODAY,
        signer_name="Lê Thị Cúc",
        signer_title="Trưởng Ban",
        initiatives=[(initiative, initiative.version)],
    )
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.RECOGNIZED and initiative.recognized_year == 2026
    assert [t.action for t in Transition.objects.filter(initiative=initiative)] == [
        "submit",
        "start",
        "self_assess",
        "evaluate",
        "recognize",
    ]


def test_transition_out_of_order_changes_nothing(cast, draft):
    with pytest.raises(ConflictError) as error:
        initiative_transition(actor=cast.alice, initiative=draft, action="start")
    assert error.value.code == "invalid_transition"
    draft.refresh_from_db()
    assert draft.status == InitiativeStatus.DRAFT and not Transition.objects.exists()


def test_officer_cannot_submit_and_commune_cannot_recognize(cast, grace, draft):
    with pytest.raises(DomainError) as error:
        initiative_transition(actor=cast.alice, initiative=draft, action="submit")
    assert error.value.code == "forbidden"
    initiative = to_self_assessed(draft, grace, cast.alice)
    with pytest.raises(DomainError):
        evaluation_score(actor=grace, initiative=initiative, points={})


def test_score_above_maximum_is_refused(cast, grace, henry, rubric, draft):
    initiative = to_self_assessed(draft, grace, cast.alice)
    with pytest.raises(DomainError) as error:
        evaluation_score(actor=henry, initiative=initiative, points=_scores(rubric, 41, 10, 10))
    assert error.value.code == "invalid_scores"
    fields = error.value.fields or {}
    assert "40" in fields[str(rubric.criteria.first().pk)][0]


def test_two_officers_recognizing_at_once_one_wins(cast, grace, henry, rubric, draft):
    initiative = to_self_assessed(draft, grace, cast.alice)
    evaluation_score(actor=henry, initiative=initiative, points=_scores(rubric, 35, 25, 20))
    initiative = evaluation_close(actor=cast.carol, initiative=initiative)
    seen = initiative.version
    board = Organization.objects.get(unit=cast.dak_lak, kind__code="steering_committee")
    common: dict[str, Any] = {
        "organization": board,
        "symbol": "QĐ-BCĐ",
        "signed_on": TODAY,
        "signer_name": "A",
        "signer_title": "B",
    }
    recognition_decide(actor=cast.carol, number="1", initiatives=[(initiative, seen)], **common)
    with pytest.raises(ConflictError):
        recognition_decide(actor=cast.carol, number="2", initiatives=[(initiative, seen)], **common)


def test_negative_funds_and_stale_edit_are_refused(cast, draft):
    with pytest.raises(DomainError) as error:
        initiative_update(
            actor=cast.alice, initiative=draft, expected_version=draft.version, fundings=[FundingLine("UBND", -5)]
        )
    assert error.value.code == "invalid_amount"
    initiative_update(actor=cast.alice, initiative=draft, expected_version=draft.version, name="Tên mới")
    with pytest.raises(ConflictError):
        initiative_update(actor=cast.alice, initiative=draft, expected_version=draft.version, name="Tên khác")
