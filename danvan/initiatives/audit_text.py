"""The words of the registry's audit entries, registered with :mod:`danvan.core.audit_text`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.core.audit_text import register
from danvan.initiatives.models import InitiativeStatus

register(
    verbs={
        "initiatives.initiative.registered": _("đã lập hồ sơ mô hình"),
        "initiatives.initiative.updated": _("đã sửa hồ sơ mô hình"),
        "initiatives.initiative.deleted": _("đã xóa dự thảo mô hình"),
        "initiatives.initiative.self_assessed": _("đã ghi tự đánh giá của mô hình"),
        "initiatives.initiative.submit": _("đã trình đăng ký mô hình"),
        "initiatives.initiative.start": _("đã bắt đầu thực hiện mô hình"),
        "initiatives.initiative.self_assess": _("đã tự đánh giá mô hình"),
        "initiatives.initiative.evaluate": _("đã kết thúc chấm điểm mô hình"),
        "initiatives.initiative.recognize": _("đã công nhận mô hình"),
        "initiatives.initiative.reject": _("đã không công nhận mô hình"),
        "initiatives.initiative.maintain": _("đã ghi nhận duy trì mô hình"),
        "initiatives.initiative.reopen": _("đã cho tiếp tục xây dựng mô hình"),
        "initiatives.initiative.discontinue": _("đã ghi nhận ngừng thực hiện mô hình"),
        "initiatives.initiative.published": _("đã công bố mô hình"),
        "initiatives.initiative.hidden": _("đã thôi công bố mô hình"),
        "initiatives.progress.added": _("đã cập nhật tiến độ"),
        "initiatives.evaluation.scored": _("đã chấm điểm"),
        "initiatives.decision.issued": _("đã ban hành quyết định công nhận"),
        "initiatives.commendation.added": _("đã ghi nhận khen thưởng"),
        "initiatives.import.completed": _("đã nhập danh sách mô hình từ tệp"),
    },
    fields={
        "initiative": _("mô hình"),
        "initiatives": _("các mô hình"),
        "points": _("điểm"),
        "average": _("điểm trung bình"),
        "year": _("năm"),
        "funds_total": _("tổng kinh phí"),
    },
    values={"status": dict(InitiativeStatus.choices)},
)
