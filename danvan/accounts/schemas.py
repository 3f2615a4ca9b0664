"""API schemas of the accounts app."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from danvan.core.schemas import UnitRef


class OrganizationRef(Schema):
    id: int
    name: str


class MembershipOut(Schema):
    organization: OrganizationRef
    unit: UnitRef
    role: str
    role_label: str


class OfficerOut(Schema):
    id: int
    username: str
    full_name: str
    position: str
    email: str
    memberships: list[MembershipOut]


class TokenOut(Schema):
    id: int
    name: str
    prefix: str = Field(..., description="Các ký tự đầu của mã, để nhận ra mã nào đang dùng.")
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None
    is_active: bool


class TokenCreatedOut(TokenOut):
    secret: str = Field(..., description="Mã bí mật; chỉ hiển thị một lần, hệ thống không lưu lại.")


class TokenIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
