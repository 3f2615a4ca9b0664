"""API schemas of the core app."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, FilterSchema, Schema

from danvan.core.fields import Name, Title
from danvan.core.models import AdministrativeUnit, UnitKind, UnitTree


class UnitFilter(FilterSchema):
    q: str | None = Field(None, max_length=100, description="Tìm không phân biệt dấu, hoa thường (“dong xuan”).")
    kind: UnitKind | None = None
    parent: int | None = Field(None, ge=1, description="Mã số (id) đơn vị cấp trên.")
    tree: UnitTree | None = Field(None, description="current: từ 01/7/2025; legacy: đến 30/6/2025.")
    level: int | None = Field(None, ge=1, le=4, description="1 tỉnh, 2 huyện (cũ), 3 xã, 4 thôn/tổ dân phố.")
    within: int | None = Field(None, ge=1, description="Chỉ các đơn vị thuộc cây con của đơn vị này (kể cả nó).")


class UnitRef(Schema):
    id: int
    code: str
    name: str
    tree: str


class UnitOut(Schema):
    id: int
    code: str
    tree: str
    kind: str
    level: int
    name: str
    short_name: str
    parent_id: int | None
    parent_name: str | None = None
    province_code: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    households: int | None
    updated_at: dt.datetime = Field(
        ..., description="Phiên bản của bản ghi: gửi lại trong expected_updated_at khi cập nhật số hộ (409 nếu đã đổi)."
    )

    @staticmethod
    def resolve_parent_name(obj: AdministrativeUnit) -> str | None:
        return obj.parent.name if obj.parent_id and obj.parent else None


class SuccessionOut(Schema):
    unit: UnitRef
    kind: str
    is_primary: bool
    effective_on: dt.date


class UnitDetailOut(UnitOut):
    label: str
    parent: UnitRef | None
    children_count: int
    predecessors: list[SuccessionOut]
    successors: list[SuccessionOut]
    latitude: float | None
    longitude: float | None


class OrganizationOut(Schema):
    id: int
    name: str
    kind: str = Field(..., alias="kind.code")
    kind_name: str = Field(..., alias="kind.name")
    unit_id: int
    unit_name: str = Field(..., alias="unit.name")


class OrganizationFilter(FilterSchema):
    unit: int | None = Field(None, ge=1)
    q: str | None = Field(None, max_length=100)
    kind: str | None = Field(None, max_length=40)


class OrganizationIn(Schema):
    unit_id: int = Field(..., ge=1)
    kind: str = Field(..., min_length=1, max_length=40, description="Mã loại tổ chức (xem /org-kinds).")
    name: Title


class OrgKindOut(Schema):
    code: str
    name: str
    name_en: str
    abbreviation: str


class VillageIn(Schema):
    name: Name
    kind: UnitKind = UnitKind.VILLAGE
    households: int | None = Field(None, ge=0, le=100000)


class HouseholdsIn(Schema):
    households: int = Field(..., ge=0, le=100000)
    expected_updated_at: dt.datetime | None = Field(
        None,
        description="updated_at đã đọc (GET /units/{id} hoặc câu trả lời lần cập nhật trước); "
        "nếu người khác đã sửa, trả về 409.",
    )


class AuditEntryOut(Schema):
    id: int
    at: dt.datetime
    actor_id: int | None
    action: str
    object_type: str
    object_id: str
    object_repr: str
    unit_id: int | None
    changes: dict
    ip_address: str | None


class ErrorOut(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] | None = None


# The longest span the deadline calculator accepts (ten years of days).
MAX_DAYS = 3650


# --- Working-day calendar ---------------------------------------------------------------------------------------------


class DeadlineQuery(Schema):
    start: dt.date = Field(..., description="Ngày bắt đầu (YYYY-MM-DD); ngày này không được tính.")
    days: int | None = Field(None, ge=0, le=MAX_DAYS, description="Số ngày; không dùng cùng với rule.")
    day_kind: Literal["working", "calendar"] = Field(
        "working", description="working: ngày làm việc; calendar: ngày lịch."
    )
    rule: str | None = Field(None, max_length=80, description="Mã quy định, ví dụ complaint.accept.")


class DeadlineOut(Schema):
    start: dt.date
    due_on: dt.date
    day_kind: str
    days: int
    rule: str | None = None
    legal_basis: str | None = None
    explanation: list[str]


class RulesQuery(Schema):
    on: dt.date | None = Field(None, description="Ngày xét hiệu lực (YYYY-MM-DD); mặc định hôm nay.")


class LegalRuleOut(Schema):
    code: str
    name: str
    value: int
    value_unit: str
    day_kind: str
    legal_basis: str
    valid_from: dt.date
    valid_to: dt.date | None
    note: str
