"""The words of the accounts' audit entries, registered with :mod:`danvan.core.audit_text`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import Role
from danvan.core.audit_text import register

register(
    verbs={
        "accounts.officer.created": _("đã tạo tài khoản cán bộ"),
        "accounts.officer.updated": _("đã sửa thông tin cán bộ"),
        "accounts.officer.enabled": _("đã mở lại tài khoản cán bộ"),
        "accounts.officer.disabled": _("đã khóa tài khoản cán bộ"),
        "accounts.officer.password_set": _("đã đặt lại mật khẩu của"),
        "accounts.membership.granted": _("đã giao vai trò"),
        "accounts.membership.changed": _("đã đổi vai trò"),
        "accounts.membership.revoked": _("đã thu hồi vai trò"),
        "accounts.api_token.created": _("đã tạo khóa API"),
        "accounts.api_token.revoked": _("đã thu hồi khóa API"),
        "accounts.twofactor.enabled": _("đã bật xác thực hai lớp cho"),
        "accounts.twofactor.disabled": _("đã tắt xác thực hai lớp cho"),
    },
    fields={"role": _("vai trò"), "organization": _("tổ chức"), "full_name": _("họ và tên")},
    values={"role": dict(Role.choices)},
)
