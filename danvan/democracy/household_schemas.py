"""API schemas of the household register."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from danvan.core.fields import Line, PersonName, Phone
from danvan.core.filters import ListFilter


class HouseholdFilter(ListFilter):
    """The register's list: one village, or every village of a commune; ``q`` ignores diacritics; ``on`` is the
    register as it stood that day (today when empty)."""

    village: int | None = Field(None, ge=1, description="Thôn, tổ dân phố (id).")
    commune: int | None = Field(None, ge=1, description="Xã (id): mọi thôn, tổ dân phố của xã.")
    q: str | None = Field(None, max_length=200, description="Tìm không dấu: mã hộ, chủ hộ, địa chỉ.")
    on: dt.date | None = Field(None, description="Sổ hộ tại ngày (YYYY-MM-DD); mặc định hôm nay.")


class HouseholdIn(Schema):
    village_id: int = Field(..., ge=1)
    code: str = Field(..., min_length=1, max_length=40, pattern=r"^[^\x00]*\S[^\x00]*$")
    representative_name: PersonName
    representative_phone: Phone = ""
    address: Line = ""
    moved_in_on: dt.date | None = Field(None, description="Ở thôn từ ngày; mặc định hôm nay.")


class HouseholdUpdateIn(Schema):
    representative_name: PersonName
    representative_phone: Phone = ""
    address: Line = ""
    expected_version: int | None = Field(None, ge=1)


class HouseholdMoveIn(Schema):
    village_id: int = Field(..., ge=1)
    moved_on: dt.date
    expected_version: int | None = Field(None, ge=1)


class HouseholdLeaveIn(Schema):
    left_on: dt.date
    expected_version: int | None = Field(None, ge=1)


class ResidenceOut(Schema):
    village_id: int
    village_name: str
    valid_from: dt.date
    valid_to: dt.date | None


class HouseholdOut(Schema):
    id: int
    code: str
    representative_name: str
    representative_phone: str
    address: str
    commune_id: int
    village_id: int | None
    village_name: str | None
    dissolved_on: dt.date | None
    version: int


class HouseholdRowOut(Schema):
    """A row of the register on a day, read from its residence."""

    id: int = Field(..., alias="household.id")
    code: str = Field(..., alias="household.code")
    representative_name: str = Field(..., alias="household.representative_name")
    representative_phone: str = Field(..., alias="household.representative_phone")
    address: str = Field(..., alias="household.address")
    village_id: int
    village_name: str = Field(..., alias="village.name")
    valid_from: dt.date
    version: int = Field(..., alias="household.version")


class HouseholdDetailOut(HouseholdOut):
    residences: list[ResidenceOut]


class ImportOut(Schema):
    created: int
    skipped: int


class ImportErrorRow(Schema):
    row: int
    column: str
    message: str


class ImportErrorOut(Schema):
    code: str
    message: str
    errors: list[ImportErrorRow]
