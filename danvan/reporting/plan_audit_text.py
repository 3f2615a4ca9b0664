"""The words of the audit entries of plans and their tasks (:mod:`danvan.core.audit_text`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.core.audit_text import register
from danvan.reporting.models import PlanStatus

register(
    prefix="reporting.plan.",
    verbs={
        "reporting.plan.created": _("đã ghi kế hoạch"),
        "reporting.plan.updated": _("đã sửa kế hoạch"),
        "reporting.plan.attached": _("đã đính kèm tệp vào kế hoạch"),
        "reporting.plan.issued": _("đã ban hành kế hoạch"),
        "reporting.plan.closed": _("đã kết thúc kế hoạch"),
        "reporting.plan.task_added": _("đã thêm nhiệm vụ"),
        "reporting.plan.task_updated": _("đã sửa nhiệm vụ"),
        "reporting.plan.progress_reported": _("đã báo cáo tiến độ nhiệm vụ"),
    },
    fields={
        "number": _("số, ký hiệu"),
        "issued_on": _("ngày ban hành"),
        "period_start": _("thực hiện từ ngày"),
        "period_end": _("đến ngày"),
        "title": _("trích yếu"),
        "summary": _("mục đích, yêu cầu"),
        "status": _("trạng thái"),
        "targets": _("số nơi được giao"),
        "attachment": _("tệp"),
        "task": _("nhiệm vụ số"),
        "text": _("nội dung"),
        "deadline": _("thời hạn"),
        "expected_output": _("sản phẩm"),
        "organization": _("cơ quan, đơn vị"),
        "percent": _("tỷ lệ hoàn thành (%)"),
        "evidence": _("minh chứng"),
    },
    values={"status": dict(PlanStatus.choices)},
)
