"""API schemas of citizen reception: the schedule, compliance, visits with the cases they raise, the logbook.

No ``from __future__ import annotations`` here: django-ninja reads the annotations at import time. No schema
carries a denouncer's identity: a visit that raised a denunciation has no names, a case is shown by its code.
"""

import datetime as dt
from typing import Any, Literal

from django.utils import timezone
from ninja import Field, Schema

from danvan.cases.models import CaseKind
from danvan.cases.personal_data import shown_people
from danvan.core.fields import PersonName, Phone
from danvan.core.filters import ListFilter
from danvan.core.formatting import choice_label
from danvan.core.periods import MAX_YEAR, MIN_YEAR, period_from
from danvan.reception import selectors
from danvan.reception.models import HostRole, ReceptionKind, ReceptionSession, SessionStatus, Visit


class SessionFilter(Schema):
    unit: int | None = Field(None, ge=1, description="Cây con của đơn vị này.")
    start: dt.date | None = Field(None, description="Từ ngày (YYYY-MM-DD).")
    end: dt.date | None = Field(None, description="Đến ngày (YYYY-MM-DD).")
    status: SessionStatus | None = None
    host_role: HostRole | None = None


class SessionIn(Schema):
    unit_id: int = Field(..., ge=1)
    kind: ReceptionKind
    host_role: HostRole
    host_name: PersonName
    host_position: str = Field("", max_length=150)
    held_on: dt.date
    starts_at: dt.time | None = None
    ends_at: dt.time | None = None
    location: str = Field("", max_length=300)
    organization_id: int | None = Field(None, ge=1)
    note: str = Field("", max_length=2000)
    status: Literal["planned", "held"] = Field("planned", description="“held” ghi nhận buổi tiếp đã diễn ra.")
    delegate_name: str = Field("", max_length=150, description="Người được ủy quyền tiếp thay (chỉ khi đã tiếp).")


class SessionSeriesIn(SessionIn):
    repeat: Literal["weekly", "monthly"]
    until: dt.date = Field(..., description="Ngày cuối cùng của chuỗi (tối đa một năm sau ngày đầu).")


class SkippedDayOut(Schema):
    day: dt.date
    reason: str


class SessionOut(Schema):
    id: int
    unit_id: int
    unit_name: str = Field(..., alias="unit.name")
    organization_id: int | None
    kind: str
    host_role: str
    host_name: str
    host_position: str
    held_on: dt.date
    starts_at: dt.time | None
    ends_at: dt.time | None
    location: str
    status: str
    status_label: str
    delegate_name: str
    note: str
    version: int

    @staticmethod
    def resolve_status_label(obj: ReceptionSession) -> str:
        return choice_label(SessionStatus, obj.status)


class SessionSeriesOut(Schema):
    sessions: list[SessionOut]
    skipped: list[SkippedDayOut]


class SessionStatusIn(Schema):
    delegate_name: str = Field("", max_length=150, description="Cấp phó tiếp thay người đứng đầu (nếu có).")
    note: str | None = Field(None, max_length=2000)
    expected_version: int | None = Field(None, ge=1, description="Phiên bản đã đọc; nếu đã đổi → 409.")


class ComplianceFilter(Schema):
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR)
    month: int | None = Field(None, ge=1, le=12, description="Để trống: cả năm.")
    unit: int | None = Field(None, ge=1, description="Chỉ các đơn vị trong cây con này.")


class CountedRuleOut(Schema):
    """A rule some of the row's periods were counted under (a 2026 year view: the weekly and the monthly one)."""

    code: str
    value: int
    value_unit: str
    legal_basis: str
    valid_from: dt.date
    valid_to: dt.date | None


class ComplianceRowOut(Schema):
    unit_id: int
    unit_code: str
    unit_name: str
    host_role: str
    host_role_label: str
    organization_name: str
    required: int
    held: int
    shortfall: int
    missed: list[str]
    delegated_not_counted: int
    planned: int
    cancelled: int
    rule_code: str | None
    rule_name: str | None
    rule_value: int | None
    rule_value_unit: str | None
    legal_basis: str | None
    rules: list[CountedRuleOut] = []


class ComplianceOut(Schema):
    start: dt.date
    end: dt.date
    as_of: dt.date
    delegation_ends: dt.date | None
    shortfalls: int
    rows: list[ComplianceRowOut]


class VisitorIn(Schema):
    full_name: str = Field(..., min_length=1, max_length=150)
    address: str = Field("", max_length=300)
    id_number: str = Field("", max_length=30)
    phone: Phone = Field("", description="Chỉ dùng cho người tố cáo (lưu bảo mật).")
    is_representative: bool = False


class RaisedCaseIn(Schema):
    kind: CaseKind
    field: str = Field(..., max_length=40, description="Mã lĩnh vực.")
    title: str = Field("", max_length=300, description="Trích yếu; để trống: lấy theo tóm tắt lượt tiếp.")
    summary: str = Field("", max_length=20000)
    petitioners: list[int] = Field(
        [], description="Số thứ tự (từ 1) trong `visitors` của người đứng tên đơn; để trống: tất cả."
    )
    representatives: list[int] | None = Field(
        None, description="Số thứ tự (từ 1) của người đại diện; để trống: theo `is_representative`."
    )
    subject_party: str = Field("", max_length=300)
    complaint_round: int | None = Field(None, ge=1, le=2)
    is_discipline: bool = False
    event_known_on: dt.date | None = None
    late_filing_reason: str = Field("", max_length=2000)
    is_anonymous: bool = False


class VisitIn(Schema):
    unit_id: int = Field(..., ge=1)
    visited_on: dt.date | None = Field(None, description="Mặc định hôm nay.")
    kind: CaseKind
    summary: str = Field(..., min_length=1, max_length=20000)
    outcome: Literal["cases", "answered", "refused"]
    persons: int = Field(1, ge=1, le=100000)
    visitors: list[VisitorIn] = Field([], max_length=200)
    session_id: int | None = Field(None, ge=1)
    already_handled_by: str = Field("", max_length=300)
    refusal_ground: str | None = Field(None, max_length=60, description="Mã căn cứ từ chối (phạm vi tiếp công dân).")
    answer: str = Field("", max_length=20000)
    cases: list[RaisedCaseIn] = Field([], max_length=10)
    note: str = Field("", max_length=2000)


class VisitCaseOut(Schema):
    id: int
    code: str
    kind: str
    title: str
    status: str


class VisitPersonOut(Schema):
    full_name: str
    address: str
    id_number: str
    is_representative: bool


class VisitOut(Schema):
    id: int
    unit_id: int
    unit_name: str = Field(..., alias="unit.name")
    session_id: int | None
    visited_on: dt.date
    persons: int
    is_group: bool
    kind: str
    is_confidential: bool
    visitor_name: str
    summary: str
    already_handled_by: str
    outcome: str
    refusal_ground: str | None
    answer: str
    note: str
    cases: list[VisitCaseOut]

    @staticmethod
    def resolve_outcome(obj: Visit) -> str:
        return selectors.visit_outcome(obj)

    @staticmethod
    def resolve_refusal_ground(obj: Visit) -> str | None:
        return obj.refusal_ground.code if obj.refusal_ground_id and obj.refusal_ground else None

    @staticmethod
    def resolve_cases(obj: Visit) -> list[Any]:
        return list(obj.cases.all())


class VisitDetailOut(VisitOut):
    people: list[VisitPersonOut]

    @staticmethod
    def resolve_people(obj: Visit, context: dict[str, Any]) -> list[Any]:
        if obj.is_confidential:
            return []
        return shown_people(context["request"].user, obj, obj.people.all(), where="visit_api")


class VisitFilter(ListFilter):
    """The filters of the visit list (core.filters; ``selectors.filter_visits``)."""

    unit: int | None = Field(None, ge=1)
    start: dt.date | None = None
    end: dt.date | None = None
    kind: CaseKind | None = None


class LogbookFilter(ListFilter):
    """The logbook's filters, declared once for its page, its API and its XLSX export (core.filters)."""

    start: dt.date | None = Field(None, description="Từ ngày; mặc định ngày đầu tháng của `end`.")
    end: dt.date | None = Field(None, description="Đến ngày; mặc định hôm nay.")
    unit: int | None = Field(None, ge=1)

    def period(self, *, lenient: bool = False) -> tuple[dt.date, dt.date]:
        """From ``start`` (default: the first of ``end``'s month) to ``end`` (default: today). A period that
        cannot be is a 422 ``invalid_period`` (core.periods) — or, ``lenient`` (the page), put the right way round.
        """
        end = self.end or timezone.localdate()
        start = self.start or end.replace(day=1)
        if lenient:
            return (start, end) if start <= end else (end, start)
        span = period_from(start=start, end=end)
        return span.start, span.end


class LogbookRowOut(Schema):
    number: int
    visit_id: int
    case_id: int | None
    case_code: str
    visited_on: dt.date
    name_address: str
    id_document: str
    summary: str
    kind: str
    persons: int
    already_handled_by: str
    in_jurisdiction: str
    guidance: str
    transfer: str
    result: str
    note: str
    is_confidential: bool
