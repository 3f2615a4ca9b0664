"""The words of the petition engine's audit entries, registered with :mod:`danvan.core.audit_text`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.cases.models import CaseKind, CaseStatus, Channel
from danvan.core.audit_text import register

register(
    verbs={
        "cases.case.received": _("đã tiếp nhận đơn"),
        "cases.case.arrived": _("đã nhận đơn chuyển đến"),
        "cases.case.classify": _("đã phân loại đơn"),
        "cases.case.accept": _("đã thụ lý đơn"),
        "cases.case.transfer": _("đã chuyển đơn"),
        "cases.case.guide": _("đã hướng dẫn công dân về đơn"),
        "cases.case.file": _("đã lưu đơn"),
        "cases.case.verify": _("đã bắt đầu xác minh đơn"),
        "cases.case.extend": _("đã gia hạn giải quyết đơn"),
        "cases.case.suspend": _("đã tạm đình chỉ giải quyết đơn"),
        "cases.case.resume": _("đã tiếp tục giải quyết đơn"),
        "cases.case.resolve": _("đã giải quyết đơn"),
        "cases.case.notify": _("đã thông báo kết quả giải quyết đơn"),
        "cases.case.close": _("đã kết thúc hồ sơ"),
        "cases.case.withdraw": _("đã ghi nhận rút đơn"),
        "cases.case.terminate": _("đã đình chỉ giải quyết đơn"),
        "cases.case.assigned": _("đã giao người xử lý đơn"),
        "cases.case.attached": _("đã đính kèm tài liệu vào đơn"),
        "cases.case.linked": _("đã liên kết đơn"),
        "cases.case.duplicate_dismissed": _("đã bỏ gợi ý trùng của đơn"),
        "cases.case.second_complaint": _("đã mở khiếu nại lần hai từ đơn"),
        "cases.case.updated": _("đã sửa đơn"),
        "cases.denouncer.read": _("đã mở thông tin người tố cáo của đơn"),
        "cases.denouncer.scan_read": _("đã mở bản quét thông tin người tố cáo của đơn"),
        "cases.denouncer.scan_added": _("đã thêm bản quét thông tin người tố cáo vào đơn"),
        "cases.notice.generated": _("đã lập văn bản cho đơn"),
        "cases.deadlines.swept": _("đã tính lại hạn của"),
    },
    fields={
        "due_on": _("hạn giải quyết"),
        "assignee": _("người xử lý"),
        "channel": _("hình thức nhận"),
        "persons_count": _("số người"),
        "code": _("mã hồ sơ"),
        "outcome": _("kết quả"),
    },
    values={
        "status": dict(CaseStatus.choices),
        "kind": dict(CaseKind.choices),
        "channel": dict(Channel.choices),
    },
)
