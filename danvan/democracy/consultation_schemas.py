"""API schemas of consultations (tham gia ý kiến)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from danvan.core.fields import Code, Line, Text, Title
from danvan.core.filters import ListFilter
from danvan.democracy.models import ConsultationStatus, OpinionSource, OpinionStance


class ConsultationFilter(ListFilter):
    unit: int | None = Field(None, ge=1, description="Cây con của đơn vị này.")
    status: ConsultationStatus | None = None
    q: str | None = Field(None, max_length=200, description="Tìm không dấu trong tên dự thảo, cơ quan quyết định.")


class PickOut(Schema):
    code: str
    name: str


class ConsultationIn(Schema):
    unit_id: int = Field(..., ge=1, description="Xã (id).")
    item: str = Field(..., max_length=60, description="Mã nội dung lấy ý kiến (Điều 25).")
    title: Title
    description: Text = ""
    authority: Title
    channels: list[Code] = Field(..., min_length=1, max_length=8, description="Mã các hình thức (Điều 26).")
    opens_on: dt.date
    closes_on: dt.date


class ConsultationUpdateIn(ConsultationIn):
    expected_version: int | None = Field(None, ge=1)


class VersionIn(Schema):
    expected_version: int | None = Field(None, ge=1)


class DecisionIn(Schema):
    summary: Text = Field(..., min_length=1)
    decision: Text = Field(..., min_length=1)
    adopts_draft: bool
    decided_on: dt.date
    explanation: Text = ""
    expected_version: int | None = Field(None, ge=1)


class OpinionIn(Schema):
    source: OpinionSource
    stance: OpinionStance
    people: int = Field(1, ge=1, le=1_000_000)
    author_name: Line = ""
    content: Text = ""
    received_on: dt.date


class PublicOpinionIn(Schema):
    stance: OpinionStance
    content: Text = Field(..., min_length=1)
    author_name: Line = Field("", description="Để trống nếu muốn ẩn danh.")


class OpinionOut(Schema):
    id: int
    source: str
    stance: str
    people: int
    author_name: str
    content: str
    received_on: dt.date


class TallyOut(Schema):
    opinions: int
    people: int
    agree: int
    disagree: int
    other: int
    majority: str | None


class ConsultationOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    item: str
    title: str
    authority: str
    opens_on: dt.date
    closes_on: dt.date
    status: str
    version: int

    @staticmethod
    def resolve_unit_name(obj: Any) -> str:
        return str(obj["unit_name"] if isinstance(obj, dict) else obj.unit.name)

    @staticmethod
    def resolve_item(obj: Any) -> str:
        return str(obj["item"] if isinstance(obj, dict) else obj.item.code)


class ConsultationDetailOut(ConsultationOut):
    description: str
    channels: list[str]
    draft_id: int | None
    summary: str
    decision: str
    decided_on: dt.date | None
    adopts_draft: bool | None
    against_majority: bool
    explanation: str
    earliest_close: dt.date
    tally: TallyOut


class PublicConsultationOut(Schema):
    id: int
    commune: str
    item: str
    title: str
    description: str
    authority: str
    opens_on: dt.date
    closes_on: dt.date
    days_left: int
    is_open: bool
    has_draft: bool
    summary: str
    decision: str
    explanation: str
    against_majority: bool
