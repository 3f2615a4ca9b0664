"""The words of the household register's audit entries (:mod:`danvan.core.audit_text`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.core.audit_text import register

register(
    prefix=("democracy.household.",),
    verbs={
        "democracy.household.added": _("đã thêm hộ vào sổ hộ gia đình"),
        "democracy.household.updated": _("đã sửa thông tin hộ"),
        "democracy.household.moved": _("đã ghi hộ chuyển sang thôn, tổ dân phố khác"),
        "democracy.household.left": _("đã ghi hộ chuyển khỏi xã"),
        "democracy.household.imported": _("đã nhập sổ hộ gia đình từ Excel"),
    },
    fields={
        "code": _("mã hộ"),
        "representative_name": _("chủ hộ / đại diện hộ"),
        "representative_phone": _("số điện thoại"),
        "village": _("thôn, tổ dân phố"),
        "moved_on": _("ngày chuyển"),
        "left_on": _("ngày chuyển khỏi xã"),
    },
)
