"""The records of a community decision as DOCX, from editable templates (``core.documents``, NĐ 30/2020 layout):
the count record (Form 02 after a meeting, Form 04 after a household ballot, NĐ 59/2023) and the decision record
(Form 03, Luật 10/2022 Art. 20.2). Made from the stored result and a fresh tally, so the figures are the count's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.documents.formats import dated_parts
from danvan.core.documents.templates import DocumentTemplate, docx_response, render_docx, template_register
from danvan.core.errors import DomainError
from danvan.core.formatting import format_date
from danvan.core.rules import rule_in_force
from danvan.core.text import fold, unit_in_sentence
from danvan.democracy.decision_tally import decision_tally
from danvan.democracy.models import CommunityDecision, DecisionForm, DecisionResult, DecisionStatus

FOLDER = Path(__file__).resolve().parent / "decision_templates"
COUNT_RECORD = template_register(
    DocumentTemplate(
        name="decision_count_record",
        title=gettext_lazy("Biên bản kiểm phiếu bàn và quyết định (Mẫu 02, 04)"),
        default_path=FOLDER / "decision_count_record.docx",
    )
)
DECISION_RECORD = template_register(
    DocumentTemplate(
        name="decision_record",
        title=gettext_lazy("Biên bản kết quả bàn và quyết định (Mẫu 03)"),
        default_path=FOLDER / "decision_record.docx",
    )
)
KINDS = {"count": COUNT_RECORD, "decision": DECISION_RECORD}


def _place(decision: CommunityDecision) -> str:
    return decision.unit.short_name or decision.unit.name


def record_context(decision: CommunityDecision) -> dict[str, Any]:
    """What both records say: the count per village with its explanation, names, dates."""
    if decision.status in (DecisionStatus.DRAFT, DecisionStatus.ANNOUNCED) or decision.closed_on is None:
        raise DomainError("not_closed", _("Chỉ lập biên bản sau khi đã kiểm phiếu."), status=409)
    tally = decision_tally(decision, on=decision.closed_on)
    villages = [
        {
            "name": v.village_name,
            "households": v.households,
            "agreed": v.agreed,
            "disagreed": v.disagreed,
            "other": v.other,
            "absent": v.absent,
            "result": v.text,
        }
        for v in tally.villages
    ]
    names = ", ".join(v.village_name for v in tally.villages)
    witnesses = [*decision.witnesses, "", ""][:2]
    is_ballot = decision.form != DecisionForm.MEETING or decision.went_to_ballot
    passed = decision.result == DecisionResult.PASSED
    period = format_date(decision.closed_on)
    if decision.register_on and decision.register_on != decision.closed_on:
        period = f"từ ngày {format_date(decision.register_on)} đến ngày {format_date(decision.closed_on)}"
    return {
        "issuer_parent": decision.unit.name,
        "issuer": names if len(tally.villages) <= 2 else _("Các thôn, tổ dân phố"),
        "place": _place(decision),
        **dated_parts(decision.closed_on),
        "form_code": _("Mẫu số 04") if is_ballot else _("Mẫu số 02"),
        "form_title": _("Kết quả lấy ý kiến hộ gia đình bằng phiếu")
        if is_ballot
        else _("Kết quả biểu quyết tại hội nghị"),
        "title": decision.title,
        "content": decision.content,
        "matter_code": decision.matter.code,
        "matter": decision.matter.name,
        "form": DecisionForm(decision.form).label,
        "commune": unit_in_sentence(decision.unit.name),
        "team": ", ".join(decision.team),
        "team_leader": decision.team_leader,
        "witnesses": ", ".join(w for w in witnesses if w),
        "witness_1": witnesses[0],
        "witness_2": witnesses[1],
        "head_name": decision.head_name,
        "front_head_name": decision.front_head_name,
        "closed_on": format_date(decision.closed_on),
        "register_on": format_date(decision.register_on),
        "period": period,
        "households": tally.households,
        "voted": tally.voted,
        "absent": tally.households - tally.voted,
        "villages": villages,
        "result_text": decision.result_text,
        "verdict": _("Nội dung được thông qua.") if passed else _("Nội dung không được thông qua."),
        "submission_days": rule_in_force("community_decision.record_submission", decision.closed_on).value,
        "submission_due_on": format_date(decision.submission_due_on),
    }


def record_docx(decision: CommunityDecision, kind: str) -> bytes:
    template = KINDS.get(kind)
    if template is None:
        raise DomainError("invalid_kind", _("Loại biên bản: count hoặc decision."), status=422, fields={"kind": ["?"]})
    return render_docx(template.name, record_context(decision))


def record_filename(decision: CommunityDecision, kind: str) -> str:
    stem = "bien-ban-kiem-phieu" if kind == "count" else "bien-ban-quyet-dinh"
    return f"{stem}-{fold(decision.number).replace('/', '-')}.docx"


def record_response(decision: CommunityDecision, kind: str) -> Any:
    content = record_docx(decision, kind)
    return docx_response(content, record_filename(decision, kind))
