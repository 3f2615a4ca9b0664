"""API schemas of year-end meetings, dialogues, raised items and the statistics of grassroots democracy."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from danvan.core.periods import MAX_YEAR, MIN_YEAR
from danvan.core.schemas import UnitRef
from danvan.democracy.models import Addressee, MeetingKind, MeetingStatus, RecommendationField, RecommendationKind


class MeetingFilter(Schema):
    unit: int | None = Field(None, ge=1, description="Chỉ hội nghị thuộc đơn vị này và các đơn vị trực thuộc.")
    kind: MeetingKind | None = None
    status: MeetingStatus | None = None
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="Năm hội nghị tổng kết.")


class MeetingIn(Schema):
    unit_id: int = Field(..., ge=1, description="Thôn, tổ dân phố (hội nghị thôn) hoặc xã (hội nghị đối thoại).")
    kind: MeetingKind
    held_on: dt.date
    year: int | None = Field(
        None, ge=MIN_YEAR, le=MAX_YEAR, description="Năm được tổng kết; mặc định năm của ngày tổ chức."
    )
    title: str = Field("", max_length=300)
    starts_at: dt.time | None = None
    place: str = Field("", max_length=300)
    notice_on: dt.date | None = Field(None, description="Ngày thông báo (hội nghị thôn: trước ít nhất 5 ngày).")
    chaired_by: str = Field("", max_length=200)


class MeetingRescheduleIn(Schema):
    expected_version: int = Field(..., ge=1)
    held_on: dt.date
    title: str = Field("", max_length=300)
    starts_at: dt.time | None = None
    place: str = Field("", max_length=300)
    notice_on: dt.date | None = None
    chaired_by: str = Field("", max_length=200)


class MeetingRecordIn(Schema):
    expected_version: int = Field(..., ge=1)
    participants: int = Field(..., ge=1, le=1_000_000)
    minutes: str = Field(..., min_length=1, max_length=20_000)
    households_total: int | None = Field(None, ge=0, le=1_000_000)
    households_present: int | None = Field(None, ge=0, le=1_000_000)
    chaired_by: str = Field("", max_length=200)
    report_village_head: bool = False
    report_front_committee: bool = False
    report_inspection_board: bool = False


class MeetingSendIn(Schema):
    expected_version: int = Field(..., ge=1)
    to_committee_on: dt.date | None = None
    to_front_on: dt.date | None = None


class MeetingCancelIn(Schema):
    expected_version: int = Field(..., ge=1)
    reason: str = Field(..., min_length=1, max_length=300)


class MeetingOut(Schema):
    id: int
    unit: UnitRef
    kind: str
    year: int
    title: str
    held_on: dt.date
    starts_at: dt.time | None
    place: str
    notice_on: dt.date | None
    status: str
    chaired_by: str
    participants: int | None
    households_total: int | None
    households_present: int | None
    report_village_head: bool
    report_front_committee: bool
    report_inspection_board: bool
    minutes: str
    sent_to_committee_on: dt.date | None
    sent_to_front_on: dt.date | None
    cancel_reason: str
    version: int

    @staticmethod
    def resolve_unit(obj: Any) -> dict[str, Any]:
        return {"id": obj.unit.pk, "code": obj.unit.code, "name": obj.unit.name, "tree": obj.unit.tree}


class RaisedItemIn(Schema):
    kind: RecommendationKind
    raised_by: str = Field(..., min_length=1, max_length=200)
    content: str = Field(..., min_length=1, max_length=10_000)
    addressee: Addressee
    addressee_note: str = Field("", max_length=200)
    field: RecommendationField = RecommendationField.OTHER


class RaisedItemAnswerIn(Schema):
    expected_version: int = Field(..., ge=1)
    answered_on: dt.date
    answer: str = Field(..., min_length=1, max_length=10_000)


class RaisedItemFilter(Schema):
    unit: int | None = Field(None, ge=1)
    answered: bool | None = Field(None, description="true: đã trả lời; false: chưa trả lời.")
    overdue: bool | None = Field(None, description="true: quá hạn trả lời (tính đến hôm nay).")


class RaisedItemOut(Schema):
    id: int
    unit: UnitRef
    event_type: str
    event_id: int
    kind: str
    raised_by: str
    raised_on: dt.date
    content: str
    addressee: str
    addressee_note: str
    due_on: dt.date | None
    answered_on: dt.date | None
    answer: str
    version: int

    @staticmethod
    def resolve_unit(obj: Any) -> dict[str, Any]:
        return {"id": obj.unit.pk, "code": obj.unit.code, "name": obj.unit.name, "tree": obj.unit.tree}

    @staticmethod
    def resolve_event_type(obj: Any) -> str:
        return f"{obj.event_type.app_label}.{obj.event_type.model}"


class ComplianceFilter(Schema):
    unit: int = Field(..., ge=1, description="Tỉnh hoặc xã.")
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)


class CommuneComplianceOut(Schema):
    commune: UnitRef
    dialogues_held: int
    dialogues_required: int
    dialogue_ok: bool
    villages_total: int
    villages_held: int
    villages_missing: list[UnitRef]


class ComplianceOut(Schema):
    unit: UnitRef
    year: int
    dialogues_required: int
    meetings_required: int
    dialogue_rule_basis: str
    meeting_rule_basis: str
    communes_without_dialogue: int
    villages_without_meeting: int
    villages_total: int
    communes: list[CommuneComplianceOut]


# --- Statistics -----------------------------------------------------------------------------------------------------


class StatisticsFilter(Schema):
    unit: int = Field(..., ge=1)
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)
    period: str | None = Field(None, max_length=3, description="Kỳ trong năm: h1, h2, q1…q4, m1…m12; trống: cả năm.")
    start: dt.date | None = Field(None, description="Hoặc khoảng ngày tùy chọn: từ ngày …")
    end: dt.date | None = Field(None, description="… đến ngày (tối đa 5 năm).")


class PeriodOut(Schema):
    start: dt.date
    end: dt.date
    label: str


class FigureOut(Schema):
    code: str
    label: str
    current: int
    previous: int
    change: float | None = Field(None, description="Thay đổi so với kỳ trước (%); null khi kỳ trước bằng 0.")
    change_text: str


class FigureGroupOut(Schema):
    code: str
    label: str
    figures: list[FigureOut]


class StatisticsOut(Schema):
    unit: UnitRef
    period: PeriodOut
    previous_period: PeriodOut
    groups: list[FigureGroupOut]
