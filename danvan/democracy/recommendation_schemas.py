"""API schemas of the recommendation tracker; every string has a maximum length."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from danvan.core.formatting import choice_label
from danvan.democracy.models import (
    Addressee,
    Assessment,
    RecommendationField,
    RecommendationSource,
)
from danvan.democracy.recommendation_selectors import State

MAX_ID = 2**62
STATES = "|".join(State.CHOICES)


class ListFilter(Schema):
    state: str = Field(State.OPEN, max_length=10, pattern=f"^({STATES})$", description="overdue, due_soon, open…")
    source: RecommendationSource | None = None
    field: RecommendationField | None = None
    q: str | None = Field(None, max_length=200, description="Tìm không phân biệt dấu.")


class InboxFilter(ListFilter):
    organization: int | None = Field(
        None, ge=1, le=MAX_ID, description="Cơ quan (mặc định: cơ quan đầu tiên cán bộ là thành viên)."
    )


class WaitingFilter(ListFilter):
    organization: int | None = Field(None, ge=1, le=MAX_ID, description="Tổ chức đã nêu kiến nghị.")


class OrgRef(Schema):
    id: int
    name: str
    unit_id: int


def _org(org: Any) -> dict[str, Any] | None:
    return None if org is None else {"id": org.pk, "name": org.name, "unit_id": org.unit_id}


class RecommendationOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    source: str
    event_type: str
    event_id: int
    kind: str
    field: str
    raiser_kind: str
    raiser_org: OrgRef | None
    raised_by: str
    raised_on: dt.date
    content: str
    addressee: str
    addressee_org: OrgRef | None
    due_rule: str
    due_on: dt.date | None
    status: str
    answered_on: dt.date | None
    answer: str
    answered_by_org: OrgRef | None
    has_document: bool
    assessment: str
    assessment_reason: str
    assessed_on: dt.date | None
    reraised_from_id: int | None
    duplicate_of_id: int | None
    public_hidden: bool
    version: int

    @staticmethod
    def resolve_unit_name(obj: Any) -> str:
        return str(obj.unit.name)

    @staticmethod
    def resolve_event_type(obj: Any) -> str:
        from django.contrib.contenttypes.models import ContentType

        return str(ContentType.objects.get_for_id(obj.event_type_id).model)

    @staticmethod
    def resolve_raiser_org(obj: Any) -> dict[str, Any] | None:
        return _org(obj.raiser_org)

    @staticmethod
    def resolve_addressee_org(obj: Any) -> dict[str, Any] | None:
        return _org(obj.addressee_org)

    @staticmethod
    def resolve_answered_by_org(obj: Any) -> dict[str, Any] | None:
        return _org(obj.answered_by_org)

    @staticmethod
    def resolve_has_document(obj: Any) -> bool:
        return obj.answer_document_id is not None


class AnswerIn(Schema):
    expected_version: int = Field(..., ge=1, le=2**31)
    answered_on: dt.date
    answer: str = Field(..., min_length=1, max_length=10_000)


class BulkAnswerIn(Schema):
    organization: int = Field(..., ge=1, le=MAX_ID, description="Cơ quan trả lời (được gửi các kiến nghị).")
    items: list[int] = Field(..., min_length=1, max_length=200)
    answered_on: dt.date
    answer: str = Field(..., min_length=1, max_length=10_000)


class TransferIn(Schema):
    expected_version: int = Field(..., ge=1, le=2**31)
    to_org: int = Field(..., ge=1, le=MAX_ID, description="Cơ quan nhận kiến nghị.")
    reason: str = Field(..., min_length=1, max_length=2000)


class AssessIn(Schema):
    expected_version: int = Field(..., ge=1, le=2**31)
    assessment: Assessment
    reason: str = Field("", max_length=2000)
    outcome: str = Field("close", pattern="^(close|reraise)$", max_length=7)


class AssessOut(Schema):
    item: RecommendationOut
    reraised: RecommendationOut | None


class DuplicateIn(Schema):
    expected_version: int = Field(..., ge=1, le=2**31)
    duplicate_of: int | None = Field(None, ge=1, le=MAX_ID)


class HiddenIn(Schema):
    expected_version: int = Field(..., ge=1, le=2**31)
    hidden: bool


class DuplicateOut(Schema):
    id: int
    similarity: float
    source: str
    unit_name: str
    raised_on: dt.date
    content: str
    status: str


class PublicFilter(Schema):
    q: str | None = Field(None, max_length=200, description="Tìm không phân biệt dấu.")


class PublicRecommendationOut(Schema):
    """What the public page shows: never who raised it; a hidden item keeps only its date and status."""

    id: int
    hidden: bool
    source: str
    unit_name: str
    raised_on: dt.date
    field: str
    content: str
    addressee: str
    due_on: dt.date | None
    status: str
    answered_on: dt.date | None
    answer: str

    @staticmethod
    def resolve_hidden(obj: Any) -> bool:
        return bool(obj.public_hidden)

    @staticmethod
    def resolve_unit_name(obj: Any) -> str:
        return str(obj.unit.name)

    @staticmethod
    def resolve_field(obj: Any) -> str:
        return "" if obj.public_hidden else str(obj.field)

    @staticmethod
    def resolve_content(obj: Any) -> str:
        return "" if obj.public_hidden else str(obj.content)

    @staticmethod
    def resolve_addressee(obj: Any) -> str:
        if obj.public_hidden:
            return ""
        return str(obj.addressee_org.name if obj.addressee_org is not None else choice_label(Addressee, obj.addressee))

    @staticmethod
    def resolve_due_on(obj: Any) -> dt.date | None:
        return None if obj.public_hidden else obj.due_on

    @staticmethod
    def resolve_answered_on(obj: Any) -> dt.date | None:
        return None if obj.public_hidden else obj.answered_on

    @staticmethod
    def resolve_answer(obj: Any) -> str:
        return "" if obj.public_hidden else str(obj.answer)
