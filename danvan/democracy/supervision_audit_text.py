"""The words of the audit entries of Front supervision programmes and supervisions (:mod:`danvan.core.audit_text`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.core.audit_text import register
from danvan.democracy.models import SupervisionKind, SupervisionMethod, SupervisionStatus

register(
    prefix=("democracy.supervision.", "democracy.supervision_programme."),
    verbs={
        "democracy.supervision_programme.created": _("đã lập chương trình giám sát, phản biện xã hội"),
        "democracy.supervision_programme.updated": _("đã sửa chương trình giám sát, phản biện xã hội"),
        "democracy.supervision.planned": _("đã đưa cuộc giám sát, phản biện vào chương trình"),
        "democracy.supervision.updated": _("đã sửa kế hoạch giám sát, phản biện"),
        "democracy.supervision.done": _("đã ghi kết quả giám sát, phản biện"),
        "democracy.supervision.cancelled": _("đã hủy cuộc giám sát, phản biện"),
    },
    fields={
        "organization": _("tổ chức giám sát"),
        "year": _("năm"),
        "title": _("tên chương trình"),
        "adopted_on": _("ngày ban hành"),
        "note": _("ghi chú"),
        "topic": _("nội dung"),
        "supervised_org": _("cơ quan được giám sát"),
        "draft_title": _("dự thảo"),
        "method": _("hình thức"),
        "team_lead": _("trưởng đoàn"),
        "team": _("thành viên đoàn"),
        "starts_on": _("từ ngày"),
        "ends_on": _("đến ngày"),
        "notice_on": _("ngày gửi kế hoạch"),
        "purpose": _("mục đích, yêu cầu"),
        "done_on": _("ngày thực hiện xong"),
        "findings": _("kết quả"),
        "conclusion": _("kết luận"),
        "reason": _("lý do"),
    },
    values={
        "kind": dict(SupervisionKind.choices),
        "method": dict(SupervisionMethod.choices),
        "status": dict(SupervisionStatus.choices),
    },
)
