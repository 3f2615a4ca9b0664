"""API schemas of Front supervision programmes, supervisions and social-criticism sessions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from danvan.core.periods import MAX_YEAR, MIN_YEAR
from danvan.core.schemas import UnitRef
from danvan.democracy.models import (
    RecommendationField,
    RecommendationKind,
    SupervisionKind,
    SupervisionMethod,
    SupervisionStatus,
)


def _unit(obj: Any) -> dict[str, Any]:
    return {"id": obj.unit.pk, "code": obj.unit.code, "name": obj.unit.name, "tree": obj.unit.tree}


class OrganizationRef(Schema):
    id: int
    name: str
    kind: str
    unit_id: int


def _org(org: Any) -> dict[str, Any]:
    return {"id": org.pk, "name": org.name, "kind": org.kind.code, "unit_id": org.unit_id}


class ProgrammeFilter(Schema):
    unit: int | None = Field(None, ge=1, description="Chỉ chương trình thuộc đơn vị này và các đơn vị trực thuộc.")
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)
    organization: int | None = Field(None, ge=1, description="Tổ chức giám sát.")


class ProgrammeIn(Schema):
    organization_id: int = Field(..., ge=1, description="Ủy ban MTTQ xã hoặc tổ chức chính trị - xã hội trực thuộc.")
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR)
    title: str = Field("", max_length=300, description="Để trống: tự đặt.")
    adopted_on: dt.date | None = None
    note: str = Field("", max_length=20_000)


class ProgrammeUpdateIn(Schema):
    expected_version: int = Field(..., ge=1)
    title: str = Field("", max_length=300)
    adopted_on: dt.date | None = None
    note: str = Field("", max_length=20_000)


class ProgrammeOut(Schema):
    id: int
    unit: UnitRef
    organization: OrganizationRef
    year: int
    title: str
    adopted_on: dt.date | None
    note: str
    version: int

    @staticmethod
    def resolve_unit(obj: Any) -> dict[str, Any]:
        return _unit(obj)

    @staticmethod
    def resolve_organization(obj: Any) -> dict[str, Any]:
        return _org(obj.organization)


class SupervisionFilter(Schema):
    unit: int | None = Field(None, ge=1, description="Chỉ thuộc đơn vị này và các đơn vị trực thuộc.")
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="Năm của chương trình.")
    kind: SupervisionKind | None = None
    status: SupervisionStatus | None = None
    organization: int | None = Field(None, ge=1, description="Tổ chức giám sát.")
    q: str = Field("", max_length=100, description="Tìm trong nội dung, dự thảo, cơ quan (không cần dấu).")


class SupervisionIn(Schema):
    kind: SupervisionKind
    topic: str = Field(..., min_length=1, max_length=300)
    supervised_org_id: int = Field(..., ge=1, description="Cơ quan, tổ chức của xã hoặc của tỉnh.")
    method: SupervisionMethod
    starts_on: dt.date
    ends_on: dt.date
    draft_title: str = Field("", max_length=300, description="Bắt buộc với phản biện xã hội.")
    team_lead: str = Field("", max_length=200)
    team: str = Field("", max_length=5_000, description="Mỗi thành viên một dòng.")
    notice_on: dt.date | None = Field(None, description="Ngày gửi kế hoạch cho cơ quan được giám sát.")
    purpose: str = Field("", max_length=20_000)


class SupervisionUpdateIn(SupervisionIn):
    expected_version: int = Field(..., ge=1)


class SupervisionRecordIn(Schema):
    expected_version: int = Field(..., ge=1)
    done_on: dt.date
    findings: str = Field(..., min_length=1, max_length=20_000)
    conclusion: str = Field("", max_length=20_000)


class SupervisionCancelIn(Schema):
    expected_version: int = Field(..., ge=1)
    reason: str = Field(..., min_length=1, max_length=300)


class SupervisionOut(Schema):
    id: int
    unit: UnitRef
    programme_id: int
    organization: OrganizationRef
    kind: str
    topic: str
    supervised_org: OrganizationRef
    draft_title: str
    method: str
    team_lead: str
    team: str
    starts_on: dt.date
    ends_on: dt.date
    notice_on: dt.date | None
    purpose: str
    status: str
    done_on: dt.date | None
    findings: str
    conclusion: str
    cancel_reason: str
    version: int

    @staticmethod
    def resolve_unit(obj: Any) -> dict[str, Any]:
        return _unit(obj)

    @staticmethod
    def resolve_organization(obj: Any) -> dict[str, Any]:
        return _org(obj.programme.organization)

    @staticmethod
    def resolve_supervised_org(obj: Any) -> dict[str, Any]:
        return _org(obj.supervised_org)


class SupervisionRecommendationIn(Schema):
    kind: RecommendationKind = RecommendationKind.RECOMMENDATION
    field: RecommendationField = RecommendationField.OTHER
    content: str = Field(..., min_length=1, max_length=10_000)
    raised_on: dt.date | None = Field(None, description="Mặc định: ngày thực hiện xong.")


class SupervisionRecommendationOut(Schema):
    id: int
    source: str
    kind: str
    field: str
    content: str
    raised_on: dt.date
    addressee: str
    addressee_org_id: int | None
    raiser_org_id: int | None
    due_on: dt.date | None
    status: str
    answered_on: dt.date | None
    answer: str
    version: int
