"""API schemas of disclosures (dân biết)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from danvan.core.fields import Text, Title
from danvan.core.filters import ListFilter
from danvan.core.periods import MAX_YEAR, MIN_YEAR
from danvan.democracy.models import ComplianceStatus


class DisclosureFilter(ListFilter):
    """The filters of the register, declared once for the page and the API (core.filters)."""

    q: str | None = Field(None, max_length=200, description="Tìm không dấu trong tiêu đề, số văn bản, tóm tắt.")
    unit: int | None = Field(None, ge=1, description="Cây con của đơn vị này (xã hoặc tỉnh).")
    item: int | None = Field(None, ge=1, le=99, description="Số thứ tự nội dung (Điều 11: 1–14).")
    status: ComplianceStatus | None = None
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="Năm ban hành.")


class PublicDisclosureFilter(ListFilter):
    q: str | None = Field(None, max_length=200, description="Tìm không dấu.")
    item: int | None = Field(None, ge=1, le=99)


class DisclosureItemOut(Schema):
    code: str
    number: int
    name: str
    posting: str
    needs_loudspeaker: bool
    valid_from: dt.date
    valid_to: dt.date | None
    legal_basis: str


class DisclosureFormOut(Schema):
    code: str
    name: str
    kind: str
    needs_place: bool


class ChannelIn(Schema):
    form: str = Field(..., max_length=60, description="Mã hình thức (xem /democracy/disclosure-forms).")
    place: str = Field("", max_length=300)
    started_on: dt.date
    ended_on: dt.date | None = Field(None, description="Ngày cuối còn công khai; để trống nếu còn.")


class ChannelOut(Schema):
    id: int
    form: str
    form_name: str
    place: str
    started_on: dt.date
    ended_on: dt.date | None


class FindingOut(Schema):
    kind: str
    status: str
    rule_name: str
    legal_basis: str
    computation: str
    changes_on: dt.date | None


class DisclosureIn(Schema):
    unit_id: int = Field(..., ge=1)
    item: int = Field(..., ge=1, le=99, description="Số thứ tự nội dung (Điều 11).")
    title: Title
    document_number: str = Field("", max_length=60)
    issued_on: dt.date
    summary: Text = ""
    channels: list[ChannelIn] = Field([], max_length=20)
    publish: bool = False


class DisclosureUpdateIn(Schema):
    title: Title
    document_number: str = Field("", max_length=60)
    issued_on: dt.date
    summary: Text = ""
    expected_version: int = Field(..., ge=1)


class ChannelEndIn(Schema):
    ended_on: dt.date
    reason: str = Field("", max_length=300)
    expected_version: int = Field(..., ge=1)


class ChannelAddIn(ChannelIn):
    expected_version: int = Field(..., ge=1)


class PublishIn(Schema):
    publish: bool
    expected_version: int = Field(..., ge=1)


class CommunePortalIn(Schema):
    has_portal: bool
    address: str = Field("", max_length=300)
    # 0 while the commune has no setting yet (it is then taken to have a portal).
    expected_version: int = Field(..., ge=0)


class CommunePortalOut(Schema):
    unit_id: int
    has_portal: bool
    address: str
    version: int


class DisclosureOut(Schema):
    id: int
    unit_id: int
    item: int
    title: str
    document_number: str
    issued_on: dt.date
    disclosed_on: dt.date | None
    status: str
    is_published: bool
    is_late: bool
    is_too_short: bool
    lacks_portal: bool
    is_taken_down: bool
    lacks_loudspeaker: bool
    version: int


class DisclosureDetailOut(DisclosureOut):
    summary: str
    channels: list[ChannelOut]
    findings: list[FindingOut]
    has_document: bool


class BoardRowOut(Schema):
    unit_id: int
    unit_name: str
    total: int
    ok: int
    pending: int
    violation: int
    is_late: int
    is_too_short: int
    lacks_portal: int
    is_taken_down: int
    lacks_loudspeaker: int


class BoardOut(Schema):
    unit_id: int
    level: int
    communes: list[BoardRowOut]
    disclosures: list[DisclosureDetailOut]


class PublicDisclosureOut(Schema):
    id: int
    item: int
    item_name: str
    title: str
    document_number: str
    issued_on: dt.date
    published_on: dt.date | None
    document_url: str | None
