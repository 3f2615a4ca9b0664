"""The life of a case as a literal transition table (Luật Khiếu nại 2011, Luật Tố cáo 2018, NĐ 20/2008, TT 05/2021).

Receive → classify (eligibility, jurisdiction) → accept (thụ lý), transfer to the competent body, guide the citizen
or file without action → verify → resolve (decision number, date, outcome) → notify → close. Besides: extend,
suspend and resume, withdraw, terminate; an anonymous denunciation is not accepted but may be reviewed as a
management matter (Luật Tố cáo Art. 25). A second complaint is a new case linked to the first
(``services.case_open_second_complaint``). ``min_role`` is the role needed over the case's unit; ``kinds`` limits a
step to some kinds of case (None: every kind).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import Role
from danvan.cases.models import CaseKind as K
from danvan.cases.models import CaseStatus as S

LEGAL_KINDS = frozenset({K.COMPLAINT, K.DENUNCIATION})


@dataclass(frozen=True)
class Step:
    action: str
    label: str | Promise
    sources: frozenset[str]
    target: str | None  # None: the status does not change (extend, reclassify)
    min_role: str
    kinds: frozenset[str] | None = None
    needs_note: bool = False
    needs_document: bool = False


TRANSITIONS: dict[str, Step] = {
    step.action: step
    for step in [
        Step("classify", _("Phân loại, xử lý đơn"), frozenset({S.RECEIVED, S.CLASSIFIED}), S.CLASSIFIED, Role.OFFICER),
        Step("accept", _("Thụ lý"), frozenset({S.CLASSIFIED}), S.ACCEPTED, Role.LEADER, needs_document=True),
        Step(
            "review",
            _("Xem xét theo chức năng quản lý (Điều 25 Luật Tố cáo)"),
            frozenset({S.CLASSIFIED}),
            S.VERIFYING,
            Role.LEADER,
            kinds=frozenset({K.DENUNCIATION}),
            needs_note=True,
        ),
        Step(
            "transfer",
            _("Chuyển đơn đến cơ quan có thẩm quyền"),
            frozenset({S.CLASSIFIED}),
            S.TRANSFERRED,
            Role.OFFICER,
            needs_document=True,
        ),
        Step("guide", _("Hướng dẫn công dân"), frozenset({S.CLASSIFIED}), S.GUIDED, Role.OFFICER, needs_note=True),
        Step(
            "file",
            _("Lưu đơn, không xử lý"),
            frozenset({S.RECEIVED, S.CLASSIFIED}),
            S.FILED,
            Role.OFFICER,
            needs_note=True,
        ),
        Step("verify", _("Xác minh"), frozenset({S.ACCEPTED}), S.VERIFYING, Role.OFFICER),
        Step(
            "extend",
            _("Gia hạn giải quyết"),
            frozenset({S.ACCEPTED, S.VERIFYING}),
            None,
            Role.LEADER,
            kinds=LEGAL_KINDS,
            needs_note=True,
            needs_document=True,
        ),
        Step(
            "suspend",
            _("Tạm đình chỉ giải quyết"),
            frozenset({S.ACCEPTED, S.VERIFYING}),
            S.SUSPENDED,
            Role.LEADER,
            kinds=LEGAL_KINDS,
            needs_note=True,
            needs_document=True,
        ),
        Step("resume", _("Tiếp tục giải quyết"), frozenset({S.SUSPENDED}), S.VERIFYING, Role.LEADER, kinds=LEGAL_KINDS),
        Step(
            "resolve",
            _("Giải quyết (ban hành quyết định, văn bản)"),
            frozenset({S.ACCEPTED, S.VERIFYING}),
            S.RESOLVED,
            Role.LEADER,
            needs_document=True,
        ),
        Step("notify", _("Thông báo kết quả"), frozenset({S.RESOLVED}), S.NOTIFIED, Role.OFFICER),
        Step("close", _("Kết thúc hồ sơ"), frozenset({S.NOTIFIED}), S.CLOSED, Role.OFFICER),
        Step(
            "withdraw",
            _("Người gửi rút đơn"),
            frozenset({S.RECEIVED, S.CLASSIFIED, S.ACCEPTED, S.VERIFYING, S.SUSPENDED}),
            S.WITHDRAWN,
            Role.OFFICER,
            needs_note=True,
        ),
        Step(
            "terminate",
            _("Đình chỉ giải quyết"),
            frozenset({S.ACCEPTED, S.VERIFYING, S.SUSPENDED}),
            S.TERMINATED,
            Role.LEADER,
            kinds=LEGAL_KINDS,
            needs_note=True,
            needs_document=True,
        ),
    ]
}

# Where a first complaint may be followed by a second one (Luật Khiếu nại Art. 33).
SECOND_COMPLAINT_SOURCES = frozenset({S.RESOLVED, S.NOTIFIED, S.CLOSED, S.ACCEPTED, S.VERIFYING})


def steps_for(status: str, kind: str) -> list[Step]:
    """The steps a case in ``status`` of ``kind`` can take, in table order."""
    return [
        step for step in TRANSITIONS.values() if status in step.sources and (step.kinds is None or kind in step.kinds)
    ]
