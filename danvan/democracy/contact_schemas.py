"""API schemas of dialogues with staff, electoral areas, voter contacts and the questions raised at them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field, Schema

from danvan.core.periods import MAX_YEAR, MIN_YEAR
from danvan.core.schemas import UnitRef
from danvan.democracy.contact_services import MAX_QUESTIONS
from danvan.democracy.models import ContactStatus, ContactTiming, RecommendationField, RecommendationKind

# A person's name as the minutes give it (a deputy).
PersonName = Annotated[str, Field(min_length=1, max_length=200)]


def _unit(unit: Any) -> dict[str, Any]:
    return {"id": unit.pk, "code": unit.code, "name": unit.name, "tree": unit.tree}


class OrgRef(Schema):
    id: int
    name: str
    kind: str
    unit_id: int


def _org(org: Any) -> dict[str, Any] | None:
    if org is None:
        return None
    return {"id": org.pk, "name": org.name, "kind": org.kind.code, "unit_id": org.unit_id}


# --- Dialogues with staff --------------------------------------------------------------------------------------


class DialogueFilter(Schema):
    unit: int | None = Field(None, ge=1, description="Chỉ cơ quan thuộc đơn vị này và các đơn vị trực thuộc.")
    organization: int | None = Field(None, ge=1)
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)


class DialogueIn(Schema):
    organization_id: int = Field(..., ge=1, description="Cơ quan, đơn vị có người đứng đầu chủ trì đối thoại.")
    held_on: dt.date
    chaired_by: str = Field(..., min_length=1, max_length=200)
    participants: int = Field(..., ge=1, le=1_000_000)
    place: str = Field("", max_length=300)
    topics: str = Field("", max_length=500)
    minutes: str = Field("", max_length=20_000)


class DialogueEditIn(Schema):
    expected_version: int = Field(..., ge=1)
    held_on: dt.date
    chaired_by: str = Field(..., min_length=1, max_length=200)
    participants: int = Field(..., ge=1, le=1_000_000)
    place: str = Field("", max_length=300)
    topics: str = Field("", max_length=500)
    minutes: str = Field("", max_length=20_000)


class DialogueOut(Schema):
    id: int
    unit: UnitRef
    organization: OrgRef
    year: int
    held_on: dt.date
    place: str
    chaired_by: str
    participants: int
    topics: str
    minutes: str
    version: int

    @staticmethod
    def resolve_unit(obj: Any) -> dict[str, Any]:
        return _unit(obj.unit)

    @staticmethod
    def resolve_organization(obj: Any) -> dict[str, Any] | None:
        return _org(obj.organization)


class ComplianceFilter(Schema):
    unit: int = Field(..., ge=1, description="Tỉnh hoặc xã.")
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)


class BodyComplianceOut(Schema):
    organization: OrgRef
    unit: UnitRef
    held: int
    required: int
    ok: bool


class DialogueComplianceOut(Schema):
    unit: UnitRef
    year: int
    required: int
    rule_basis: str
    bodies_total: int
    bodies_missing: int
    bodies: list[BodyComplianceOut]


# --- Electoral areas -------------------------------------------------------------------------------------------


class AreaFilter(Schema):
    unit: int | None = Field(None, ge=1, description="Chỉ đơn vị bầu cử của HĐND đơn vị này và trực thuộc.")


class AreaIn(Schema):
    unit_id: int = Field(..., ge=1, description="Xã (HĐND xã) hoặc tỉnh (HĐND tỉnh).")
    number: int = Field(..., ge=1, le=999)
    name: str = Field(..., min_length=1, max_length=200)
    term: str = Field("", max_length=20)
    unit_ids: list[int] = Field(default_factory=list, max_length=500, description="Thôn, tổ dân phố hoặc xã.")
    deputies: list[PersonName] = Field(default_factory=list, max_length=100)

    def deputy_text(self) -> str:
        return "\n".join(name[:200] for name in self.deputies)


class AreaEditIn(AreaIn):
    expected_version: int = Field(..., ge=1)


class AreaOut(Schema):
    id: int
    unit: UnitRef
    council_level: str
    number: int
    name: str
    term: str
    units: list[UnitRef]
    deputies: list[str]
    version: int

    @staticmethod
    def resolve_unit(obj: Any) -> dict[str, Any]:
        return _unit(obj.unit)

    @staticmethod
    def resolve_units(obj: Any) -> list[dict[str, Any]]:
        return [_unit(u) for u in obj.units.all()]

    @staticmethod
    def resolve_deputies(obj: Any) -> list[str]:
        return list(obj.deputy_names)


# --- Voter contacts --------------------------------------------------------------------------------------------


class ContactFilter(Schema):
    unit: int | None = Field(None, ge=1)
    area: int | None = Field(None, ge=1)
    timing: ContactTiming | None = None
    status: ContactStatus | None = None
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)


class ContactIn(Schema):
    area_id: int = Field(..., ge=1)
    unit_id: int = Field(..., ge=1, description="Xã, phường nơi tiếp xúc (thuộc địa bàn đơn vị bầu cử).")
    session_name: str = Field(..., min_length=1, max_length=200)
    timing: ContactTiming
    session_on: dt.date | None = None
    held_on: dt.date
    place: str = Field(..., min_length=1, max_length=300)


class ContactRescheduleIn(Schema):
    expected_version: int = Field(..., ge=1)
    session_name: str = Field(..., min_length=1, max_length=200)
    timing: ContactTiming
    session_on: dt.date | None = None
    held_on: dt.date
    place: str = Field(..., min_length=1, max_length=300)


class ContactRecordIn(Schema):
    expected_version: int = Field(..., ge=1)
    voters_attending: int = Field(..., ge=1, le=1_000_000)
    deputies_present: list[PersonName] = Field(..., min_length=1, max_length=100)
    minutes: str = Field("", max_length=20_000)


class ContactCancelIn(Schema):
    expected_version: int = Field(..., ge=1)
    reason: str = Field(..., min_length=1, max_length=300)


class ContactOut(Schema):
    id: int
    unit: UnitRef
    area_id: int
    area_name: str
    session_name: str
    session_on: dt.date | None
    timing: str
    held_on: dt.date
    place: str
    status: str
    deputies_present: list[str]
    voters_attending: int | None
    minutes: str
    cancel_reason: str
    version: int

    @staticmethod
    def resolve_unit(obj: Any) -> dict[str, Any]:
        return _unit(obj.unit)

    @staticmethod
    def resolve_area_name(obj: Any) -> str:
        return str(obj.area.name)

    @staticmethod
    def resolve_deputies_present(obj: Any) -> list[str]:
        return list(obj.deputies_present_names)


# --- Questions -------------------------------------------------------------------------------------------------


class QuestionIn(Schema):
    raised_by: str = Field(..., min_length=1, max_length=200, description="Người nêu, như biên bản ghi.")
    content: str = Field(..., min_length=1, max_length=10_000)
    addressee_org_id: int = Field(..., ge=1, description="Cơ quan phải trả lời: của xã hoặc của tỉnh.")
    kind: RecommendationKind = RecommendationKind.RECOMMENDATION
    field: RecommendationField = RecommendationField.OTHER


class QuestionsIn(Schema):
    questions: list[QuestionIn] = Field(..., min_length=1, max_length=MAX_QUESTIONS)


class QuestionOut(Schema):
    id: int
    source: str
    kind: str
    field: str
    raised_by: str
    raised_on: dt.date
    content: str
    addressee: str
    addressee_org: OrgRef | None
    due_on: dt.date | None
    status: str
    answered_on: dt.date | None
    answer: str
    version: int

    @staticmethod
    def resolve_addressee_org(obj: Any) -> dict[str, Any] | None:
        return _org(obj.addressee_org)
