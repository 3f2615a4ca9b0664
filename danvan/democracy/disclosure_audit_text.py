"""The words of the disclosure register's audit entries, registered with :mod:`danvan.core.audit_text`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.core.audit_text import register

register(
    prefix=("democracy.disclosure.",),
    verbs={
        "democracy.disclosure.created": _("đã ghi thông tin công khai"),
        "democracy.disclosure.updated": _("đã sửa thông tin công khai"),
        "democracy.disclosure.channel_added": _("đã thêm hình thức công khai cho"),
        "democracy.disclosure.channel_ended": _("đã ghi ngày kết thúc công khai của"),
        "democracy.disclosure.published": _("đã công bố trên cổng thông tin"),
        "democracy.disclosure.hidden": _("đã thôi công bố trên cổng thông tin"),
        "democracy.disclosure.document_attached": _("đã đính kèm văn bản công khai vào"),
        "democracy.disclosure.portal_set": _("đã ghi việc xã có cổng thông tin điện tử riêng"),
    },
    fields={
        "item": _("nội dung"),
        "title": _("tiêu đề"),
        "issued_on": _("ngày ban hành"),
        "channels": _("hình thức công khai"),
        "is_published": _("công bố"),
        "form": _("hình thức"),
        "place": _("nơi"),
        "started_on": _("từ ngày"),
        "ended_on": _("đến ngày"),
        "breaks_rule": _("trái quy định"),
        "document_number": _("số văn bản"),
        "summary": _("tóm tắt"),
        "document": _("văn bản"),
        "has_portal": _("có cổng thông tin riêng"),
        "address": _("địa chỉ cổng thông tin"),
    },
    lists={"channels"},
)
