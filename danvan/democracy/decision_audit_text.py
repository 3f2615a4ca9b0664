"""The audit trail's words for community decisions (``core.audit_text``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.core import audit_text
from danvan.democracy.models import BallotChannel, BallotChoice, DecisionForm, DecisionResult, DecisionScope

audit_text.register(
    prefix=("democracy.decision.", "democracy.ballot."),
    verbs={
        "democracy.decision.created": _("đã lập nội dung bàn và quyết định"),
        "democracy.decision.online_consents_recorded": _("đã ghi nhận hộ đồng ý biểu quyết trực tuyến cho"),
        "democracy.decision.announced": _("đã thông báo lấy ý kiến"),
        "democracy.decision.meeting_recorded": _("đã ghi kết quả hội nghị"),
        "democracy.decision.sent_to_ballot": _("đã chuyển sang phát phiếu (hội nghị không đủ số hộ)"),
        "democracy.decision.closed": _("đã kiểm phiếu"),
        "democracy.decision.submitted": _("đã gửi biên bản về xã cho"),
        "democracy.decision.recognized": _("đã công nhận"),
        "democracy.decision.refused": _("đã trả lời không công nhận"),
        "democracy.decision.published": _("đã công khai kết quả"),
        "democracy.decision.unpublished": _("đã thôi công khai kết quả"),
        "democracy.ballot.recorded": _("đã ghi phiếu"),
        "democracy.ballot.corrected": _("đã sửa phiếu"),
    },
    fields={
        "matter": _("nội dung"),
        "scope": _("phạm vi"),
        "form": _("hình thức"),
        "origin": _("nguồn đề xuất"),
        "notice_on": _("ngày thông báo"),
        "register_on": _("ngày biểu quyết"),
        "team": _("tổ phát phiếu"),
        "team_leader": _("tổ trưởng"),
        "result": _("kết quả"),
        "result_text": _("giải thích"),
        "submission_due_on": _("hạn gửi biên bản"),
        "submitted_on": _("ngày gửi"),
        "recognition_due_on": _("hạn công nhận"),
        "effective_on": _("ngày có hiệu lực"),
        "choice": _("ý kiến"),
        "channel": _("cách gửi"),
        "household": _("hộ"),
        "reasons": _("lý do"),
    },
    values={
        "form": dict(DecisionForm.choices),
        "scope": dict(DecisionScope.choices),
        "result": dict(DecisionResult.choices),
        "choice": dict(BallotChoice.choices),
        "channel": dict(BallotChannel.choices),
    },
    lists={"team"},
)
