"""API schemas of community decisions (``decision_api``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from danvan.core.fields import PersonName, Title


class MatterFormOut(Schema):
    form: str
    fallback_only: bool
    needs_consent: bool
    legal_basis: str


class MatterOut(Schema):
    code: str
    name: str
    threshold_rule: str
    threshold_comparison: str
    documents_ahead: bool
    recognizer: str
    legal_basis: str


class DecisionFilter(Schema):
    unit: int | None = Field(None, ge=1, description="Xã hoặc thôn (cả cây con).")
    status: str | None = Field(None, max_length=12)
    matter: str | None = Field(None, max_length=2)
    q: str | None = Field(None, max_length=100, description="Tìm không phân biệt dấu.")


class DecisionIn(Schema):
    unit_id: int = Field(..., ge=1, description="Xã.")
    matter: str = Field(..., max_length=2, description="Mã nội dung 1–6.")
    scope: str = Field(..., max_length=10, description="village hoặc commune.")
    village_ids: list[int] = Field(..., min_length=1, max_length=200)
    form: str = Field(..., max_length=10, description="meeting, ballot hoặc online.")
    title: Title
    content: str = Field("", max_length=10_000)
    origin: str = Field("commune", max_length=10)
    proposal_households: int | None = Field(None, ge=0, le=10_000_000)
    proposal_collected_on: dt.date | None = None
    submission_key: str | None = Field(None, max_length=200)


class AnnounceIn(Schema):
    notice_on: dt.date
    register_on: dt.date
    documents_sent_on: dt.date | None = None
    team: list[PersonName] = Field(default_factory=list, max_length=10)
    team_leader: str = Field("", max_length=200)
    expected_version: int | None = Field(None, ge=1)


class ConsentIn(Schema):
    household_ids: list[int] = Field(..., min_length=1, max_length=50_000)
    expected_version: int | None = Field(None, ge=1)


class BallotIn(Schema):
    household_id: int = Field(..., ge=1)
    choice: str = Field(..., max_length=10, description="agree, disagree hoặc other.")
    channel: str = Field("paper", max_length=10, description="paper hoặc online.")
    cast_on: dt.date | None = None
    other_text: str = Field("", max_length=500)


class BallotCorrectionIn(Schema):
    choice: str = Field(..., max_length=10)
    reason: str = Field(..., max_length=500)
    other_text: str = Field("", max_length=500)


class BallotOut(Schema):
    id: int
    household_id: int
    village_id: int
    choice: str
    channel: str
    cast_on: dt.date
    receipt: str
    corrections: int


class ProceduralItemIn(Schema):
    subject: str = Field(..., max_length=10, description="secretary, team hoặc options.")
    proposal: str = Field(..., max_length=500)
    agreed: int = Field(..., ge=0, le=1_000_000)


class MeetingIn(Schema):
    village_id: int = Field(..., ge=1)
    cluster: str = Field("", max_length=100)
    notice_on: dt.date
    held_on: dt.date
    present_household_ids: list[int] = Field(default_factory=list, max_length=50_000)
    procedural: list[ProceduralItemIn] = Field(default_factory=list, max_length=3)
    agreed: int = Field(0, ge=0, le=1_000_000)
    disagreed: int = Field(0, ge=0, le=1_000_000)
    other: int = Field(0, ge=0, le=1_000_000)
    place: str = Field("", max_length=300)
    chair_name: str = Field("", max_length=200)
    secretary_name: str = Field("", max_length=200)


class MeetingOut(Schema):
    id: int
    village_id: int
    cluster: str
    held_on: dt.date
    present: int
    went_to_ballot: bool


class CloseIn(Schema):
    closed_on: dt.date | None = None
    head_name: str = Field("", max_length=200)
    front_head_name: str = Field("", max_length=200)
    witnesses: list[PersonName] = Field(default_factory=list, max_length=2)
    expected_version: int | None = Field(None, ge=1)


class SubmitIn(Schema):
    submitted_on: dt.date | None = None
    expected_version: int | None = Field(None, ge=1)


class RecognitionIn(Schema):
    recognized: bool
    on: dt.date | None = None
    document_no: str = Field("", max_length=60)
    reasons: str = Field("", max_length=5000)
    effective_on: dt.date | None = None
    expected_version: int | None = Field(None, ge=1)


class VillageTallyOut(Schema):
    village_id: int
    village_name: str
    households: int
    agreed: int
    disagreed: int
    other: int
    absent: int
    passed: bool
    text: str


class TallyOut(Schema):
    households: int
    voted: int
    agreed: int
    passed: bool
    text: str
    villages: list[VillageTallyOut]


class DecisionOut(Schema):
    id: int
    number: str
    title: str
    unit_id: int
    matter: str
    scope: str
    form: str
    origin: str
    status: str
    result: str
    result_text: str
    register_on: dt.date | None
    closed_on: dt.date | None
    submission_due_on: dt.date | None
    submitted_on: dt.date | None
    recognition_due_on: dt.date | None
    recognized_on: dt.date | None
    effective_on: dt.date | None
    submission_overdue: bool
    recognition_overdue: bool
    version: int


class DecisionDetailOut(DecisionOut):
    content: str
    village_ids: list[int]
    notice_on: dt.date | None
    documents_sent_on: dt.date | None
    team: list[str]
    team_leader: str
    went_to_ballot: bool
    households_total: int
    households_voted: int
    households_agreed: int
    refusal_reasons: str
    recognition_document: str
    online_consents: int


class ReceiptOut(Schema):
    receipt: str
    counted: bool
    message: str
    decision: str
    commune: str


class PublicDecisionFilter(Schema):
    q: str | None = Field(None, max_length=200, description="Tìm không phân biệt dấu.")


class PublicDecisionOut(Schema):
    """A published result: figures and the self-explaining text only, never a household or how it voted."""

    id: int
    number: str
    title: str
    matter: str
    matter_name: str
    villages: list[str]
    form: str
    status: str
    register_on: dt.date | None
    closed_on: dt.date | None
    recognized_on: dt.date | None
    effective_on: dt.date | None
    result: str
    result_text: str
    households_total: int
    households_agreed: int

    @staticmethod
    def resolve_matter(obj: Any) -> str:
        return str(obj.matter.code)

    @staticmethod
    def resolve_matter_name(obj: Any) -> str:
        return str(obj.matter.name)

    @staticmethod
    def resolve_villages(obj: Any) -> list[str]:
        return [village.name for village in obj.villages.all()]
