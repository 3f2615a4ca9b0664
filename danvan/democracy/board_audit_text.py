"""The words of the audit entries of the boards and the project register (:mod:`danvan.core.audit_text`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.core.audit_text import register
from danvan.democracy.models import BoardKind, BoardRole, PlanPeriod, SessionStatus

register(
    prefix=("democracy.board.", "democracy.board_project.", "democracy.board_session."),
    verbs={
        "democracy.board.established": _("đã ghi kết quả bầu ban"),
        "democracy.board.dissolved": _("đã ghi kết thúc hoạt động của ban"),
        "democracy.board.member_added": _("đã ghi thành viên bầu bổ sung"),
        "democracy.board.member_left": _("đã ghi thành viên thôi làm thành viên ban"),
        "democracy.board.plan_added": _("đã thêm kế hoạch của ban"),
        "democracy.board_project.created": _("đã thêm dự án đầu tư"),
        "democracy.board_project.updated": _("đã sửa dự án đầu tư"),
        "democracy.board_project.handed_over": _("đã ghi bàn giao dự án"),
        "democracy.board_session.planned": _("đã lên kế hoạch kiểm tra, giám sát"),
        "democracy.board_session.recorded": _("đã ghi kết quả kiểm tra, giám sát"),
    },
    fields={
        "kind": _("loại ban"),
        "established_on": _("ngày thành lập"),
        "term_ends_on": _("ngày hết nhiệm kỳ"),
        "dissolved_on": _("ngày kết thúc"),
        "reason": _("lý do"),
        "members": _("thành viên"),
        "member": _("thành viên"),
        "position": _("chức danh"),
        "elected_on": _("ngày được bầu"),
        "left_on": _("ngày thôi"),
        "period": _("kỳ kế hoạch"),
        "year": _("năm"),
        "number": _("số kỳ"),
        "name": _("tên dự án"),
        "investor": _("chủ đầu tư"),
        "contractor": _("nhà thầu"),
        "consultant": _("tư vấn giám sát"),
        "budget": _("tổng mức đầu tư"),
        "funding": _("nguồn vốn"),
        "place": _("địa điểm"),
        "starts_on": _("ngày bắt đầu"),
        "ends_on": _("ngày dự kiến hoàn thành"),
        "handed_over_on": _("ngày bàn giao"),
        "subject": _("nội dung kiểm tra, giám sát"),
        "plan_sent_on": _("ngày gửi kế hoạch"),
        "investor_notified_on": _("ngày thông báo chủ đầu tư"),
        "status": _("trạng thái"),
        "held_on": _("ngày kết thúc"),
        "findings": _("kết quả, phát hiện"),
        "has_violations": _("có sai phạm"),
    },
    values={
        "kind": dict(BoardKind.choices),
        "position": dict(BoardRole.choices),
        "period": dict(PlanPeriod.choices),
        "status": dict(SessionStatus.choices),
    },
)
