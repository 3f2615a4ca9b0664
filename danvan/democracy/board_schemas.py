"""API schemas of the People's Inspection Board, the Community Investment Supervision Board and the project
register. Every string has a max_length; every number its bounds."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from ninja import Field, Schema

from danvan.core.periods import MAX_YEAR, MIN_YEAR
from danvan.core.schemas import UnitRef
from danvan.democracy.models import (
    Addressee,
    Affiliation,
    BoardKind,
    BoardRole,
    PlanPeriod,
    RecommendationField,
    RecommendationKind,
)

BUDGET_MAX = 9_999_999_999_999_999


def unit_ref(unit: Any) -> dict[str, Any]:
    return {"id": unit.pk, "code": unit.code, "name": unit.name, "tree": unit.tree}


# --- Projects -------------------------------------------------------------------------------------------------------


class ProjectFilter(Schema):
    unit: int | None = Field(None, ge=1, description="Chỉ dự án thuộc đơn vị này và các đơn vị trực thuộc.")
    handed_over: bool | None = Field(None, description="true: đã bàn giao; false: đang thực hiện.")
    q: str | None = Field(None, max_length=100, description="Tìm theo tên, chủ đầu tư (không phân biệt dấu).")


class ProjectIn(Schema):
    name: str = Field(..., min_length=1, max_length=300)
    investor: str = Field(..., min_length=1, max_length=300)
    contractor: str = Field("", max_length=300)
    consultant: str = Field("", max_length=300)
    budget: int | None = Field(None, ge=0, le=BUDGET_MAX, description="Tổng mức đầu tư (đồng).")
    funding: str = Field("", max_length=200)
    place: str = Field(..., min_length=1, max_length=300)
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None


class ProjectCreateIn(ProjectIn):
    unit_id: int = Field(..., ge=1, description="Xã, phường, đặc khu.")


class ProjectUpdateIn(ProjectIn):
    expected_version: int = Field(..., ge=1)


class ProjectHandOverIn(Schema):
    expected_version: int = Field(..., ge=1)
    handed_over_on: dt.date


class ProjectOut(Schema):
    id: int
    unit: UnitRef
    name: str
    investor: str
    contractor: str
    consultant: str
    budget: int | None
    funding: str
    place: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    handed_over_on: dt.date | None
    board_id: int | None
    version: int

    @staticmethod
    def resolve_unit(obj: Any) -> dict[str, Any]:
        return unit_ref(obj.unit)

    @staticmethod
    def resolve_budget(obj: Any) -> int | None:
        return int(obj.budget) if obj.budget is not None else None

    @staticmethod
    def resolve_board_id(obj: Any) -> int | None:
        try:
            return int(obj.board.pk)
        except ObjectDoesNotExist:
            return None


# --- Boards ---------------------------------------------------------------------------------------------------------


class BoardFilter(Schema):
    unit: int | None = Field(None, ge=1, description="Chỉ ban thuộc đơn vị này và các đơn vị trực thuộc.")
    kind: BoardKind | None = None
    active: bool | None = Field(None, description="true: đang hoạt động; false: đã kết thúc.")


class MemberIn(Schema):
    full_name: str = Field(..., min_length=1, max_length=200)
    village_id: int | None = Field(
        None, ge=1, description="Thôn, tổ dân phố bầu (bắt buộc với Ban Thanh tra nhân dân)."
    )
    position: BoardRole = BoardRole.MEMBER
    is_resident: bool = Field(False, description="Người dân cư trú tại địa bàn (Ban Giám sát đầu tư).")
    affiliation: Affiliation = Field(
        Affiliation.NONE, description="Tự khai: cán bộ xã, người thân lãnh đạo xã, người của chủ đầu tư, nhà thầu…"
    )
    decision_id: int | None = Field(None, ge=1, description="Kết quả bầu của cộng đồng (nội dung 5) đã được công nhận.")
    elected_on: dt.date | None = None


class BoardIn(Schema):
    unit_id: int = Field(..., ge=1, description="Xã, phường, đặc khu.")
    kind: BoardKind
    project_id: int | None = Field(None, ge=1, description="Dự án (Ban Giám sát đầu tư của cộng đồng).")
    established_on: dt.date
    name: str = Field("", max_length=300)
    members: list[MemberIn] = Field(..., max_length=60)


class MemberAddIn(MemberIn):
    expected_version: int = Field(..., ge=1, description="Phiên bản của ban.")


class MemberLeaveIn(Schema):
    expected_version: int = Field(..., ge=1)
    left_on: dt.date
    reason: str = Field(..., min_length=1, max_length=300)


class BoardDissolveIn(Schema):
    expected_version: int = Field(..., ge=1)
    dissolved_on: dt.date
    reason: str = Field(..., min_length=1, max_length=300)


class MemberOut(Schema):
    id: int
    full_name: str
    village: UnitRef | None
    position: str
    is_resident: bool
    affiliation: str
    decision_id: int | None
    elected_on: dt.date
    fills_vacancy: bool
    left_on: dt.date | None
    left_reason: str
    version: int

    @staticmethod
    def resolve_village(obj: Any) -> dict[str, Any] | None:
        return unit_ref(obj.village) if obj.village_id else None


class BoardOut(Schema):
    id: int
    unit: UnitRef
    kind: str
    name: str
    project_id: int | None
    established_on: dt.date
    term_ends_on: dt.date | None
    dissolved_on: dt.date | None
    dissolved_reason: str
    version: int

    @staticmethod
    def resolve_unit(obj: Any) -> dict[str, Any]:
        return unit_ref(obj.unit)


class BoardDetailOut(BoardOut):
    members: list[MemberOut]

    @staticmethod
    def resolve_members(obj: Any) -> list[Any]:
        return list(obj.members.select_related("village").order_by("left_on", "id"))


# --- Plans and sessions ---------------------------------------------------------------------------------------------


class PlanIn(Schema):
    period: PlanPeriod
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR)
    number: int | None = Field(None, ge=1, le=4, description="Quý 1–4 hoặc 6 tháng 1–2.")
    content: str = Field(..., min_length=1, max_length=20_000)
    approved_on: dt.date


class PlanOut(Schema):
    id: int
    board_id: int
    period: str
    year: int
    number: int | None
    content: str
    approved_on: dt.date


class SessionIn(Schema):
    subject: str = Field(..., min_length=1, max_length=500)
    starts_on: dt.date
    plan_sent_on: dt.date | None = Field(
        None,
        description="Ban Thanh tra nhân dân: ngày gửi kế hoạch cho MTTQ và Chủ tịch UBND xã (trước ≥ 5 ngày làm việc).",
    )
    investor_notified_on: dt.date | None = Field(
        None, description="Ban Giám sát đầu tư: ngày MTTQ xã thông báo cho chủ đầu tư (trước ≥ 45 ngày)."
    )
    plan_id: int | None = Field(None, ge=1)


class SessionRecordIn(Schema):
    expected_version: int = Field(..., ge=1)
    held_on: dt.date
    findings: str = Field(..., min_length=1, max_length=20_000)
    has_violations: bool = False


class SessionOut(Schema):
    id: int
    board_id: int
    unit: UnitRef
    subject: str
    plan_id: int | None
    starts_on: dt.date
    plan_sent_on: dt.date | None
    investor_notified_on: dt.date | None
    status: str
    held_on: dt.date | None
    findings: str
    has_violations: bool
    version: int

    @staticmethod
    def resolve_unit(obj: Any) -> dict[str, Any]:
        return unit_ref(obj.unit)


class SessionRecommendationIn(Schema):
    content: str = Field(..., min_length=1, max_length=10_000)
    kind: RecommendationKind = RecommendationKind.RECOMMENDATION
    field: RecommendationField = RecommendationField.OTHER
    addressee: Addressee = Addressee.PEOPLES_COMMITTEE
    addressee_org_id: int | None = Field(
        None, ge=1, description="Cơ quan trả lời (mặc định: UBND xã); một tổ chức của xã hoặc của tỉnh."
    )


class SessionRecommendationOut(Schema):
    id: int
    source: str
    kind: str
    field: str
    raised_by: str
    raised_on: dt.date
    content: str
    addressee: str
    addressee_org_id: int | None
    due_on: dt.date | None
    status: str
    answered_on: dt.date | None
    answer: str
