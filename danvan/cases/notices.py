"""Notices of a case to citizens and bodies, as DOCX from editable templates (NĐ 30/2020 layout).

Six kinds, each available once the case's history allows it: acceptance (thông báo thụ lý) after ``accept``;
refusal (thông báo không thụ lý, with the legal ground) when the petition was found ineligible or filed; the
transfer slip (phiếu chuyển đơn) after ``transfer``; the guidance slip (phiếu hướng dẫn) after ``guide``; the
extension (quyết định gia hạn for a denunciation, Luật Tố cáo Art. 30; thông báo gia hạn otherwise) after
``extend``; the result (thông báo kết quả giải quyết) after ``resolve``. The issuing body is the People's
Committee of the case's unit; legal bases come from the rules table (``core.LegalRule``) and the refusal grounds.

The denouncer's identity (Luật Tố cáo 2018 Art. 8, 47). Notices addressed to the denouncer (acceptance, refusal,
guidance and result of a denunciation) name them only for an officer who may open the vault, through the audited
``services.denouncer_read``; anyone else gets 404, as for the vault itself. Notices that go to others — the
transfer slip, the extension decision sent to both parties — never carry the identity: the slip says "Người tố
cáo: (được giữ bí mật theo Điều 8 Luật Tố cáo)" and quotes only the title of the petition.

Importing this module registers the templates (``CasesConfig.ready()`` imports it, so the administrators' page
lists them); the defaults are built by ``document_templates/build.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.cases import access, deadlines, services
from danvan.cases.models import Case, CaseKind, CasePerson, CaseStatus, CaseTransition, DeadlineStep
from danvan.core.audit import audit_log
from danvan.core.documents.formats import dated_parts, document_number
from danvan.core.documents.templates import DocumentTemplate, render_docx, template_register
from danvan.core.errors import ConflictError, DomainError
from danvan.core.formatting import format_date
from danvan.core.models import AuditEntry, Organization
from danvan.core.rules import rule_in_force

FOLDER = Path(__file__).resolve().parent / "document_templates"
CONFIDENTIAL_DENOUNCER = "(được giữ bí mật theo Điều 8 Luật Tố cáo)"
GENERATED_ACTION = "cases.notice.generated"


@dataclass(frozen=True)
class NoticeKind:
    """A kind of notice: its template, the file name, the number symbol, the step that dates it, and whether a
    denunciation's notice of this kind is addressed to the denouncer."""

    slug: str
    template: DocumentTemplate
    file_stem: str
    symbol: str
    actions: tuple[str, ...]
    to_denouncer: bool
    unavailable: str | Promise


def _register(name: str, title: str | Promise) -> DocumentTemplate:
    return template_register(DocumentTemplate(name=name, title=title, default_path=FOLDER / f"{name}.docx"))


NOTICE_KINDS: dict[str, NoticeKind] = {
    kind.slug: kind
    for kind in [
        NoticeKind(
            "acceptance",
            _register("case_notice_acceptance", gettext_lazy("Đơn thư: thông báo thụ lý")),
            "thong-bao-thu-ly",
            "TB-UBND",
            ("accept",),
            True,
            gettext_lazy("Hồ sơ chưa được thụ lý: chưa thể lập thông báo thụ lý."),
        ),
        NoticeKind(
            "refusal",
            _register("case_notice_refusal", gettext_lazy("Đơn thư: thông báo không thụ lý")),
            "thong-bao-khong-thu-ly",
            "TB-UBND",
            ("file", "classify"),
            True,
            gettext_lazy(
                "Chỉ lập thông báo không thụ lý khi đơn không đủ điều kiện xử lý hoặc đã lưu đơn không xử lý."
            ),
        ),
        NoticeKind(
            "transfer",
            _register("case_notice_transfer", gettext_lazy("Đơn thư: phiếu chuyển đơn")),
            "phieu-chuyen-don",
            "PC-UBND",
            ("transfer",),
            False,
            gettext_lazy("Hồ sơ chưa được chuyển đơn: chưa thể lập phiếu chuyển đơn."),
        ),
        NoticeKind(
            "guidance",
            _register("case_notice_guidance", gettext_lazy("Đơn thư: phiếu hướng dẫn")),
            "phieu-huong-dan",
            "PHD-UBND",
            ("guide",),
            True,
            gettext_lazy("Hồ sơ chưa có bước hướng dẫn công dân: chưa thể lập phiếu hướng dẫn."),
        ),
        NoticeKind(
            "extension",
            _register("case_notice_extension", gettext_lazy("Đơn thư: quyết định, thông báo gia hạn giải quyết")),
            "gia-han-giai-quyet",
            "TB-UBND",
            ("extend",),
            False,
            gettext_lazy("Hồ sơ chưa được gia hạn giải quyết: chưa thể lập văn bản gia hạn."),
        ),
        NoticeKind(
            "result",
            _register("case_notice_result", gettext_lazy("Đơn thư: thông báo kết quả giải quyết")),
            "thong-bao-ket-qua",
            "TB-UBND",
            ("notify",),
            True,
            gettext_lazy("Hồ sơ chưa có kết quả giải quyết: chưa thể lập thông báo kết quả."),
        ),
    ]
}

# What the petition is called in a sentence: "đơn khiếu nại", "giải quyết khiếu nại lần đầu".
KIND_NOUN: dict[str, str] = {
    CaseKind.COMPLAINT: "khiếu nại",
    CaseKind.DENUNCIATION: "tố cáo",
    CaseKind.RECOMMENDATION: "kiến nghị",
    CaseKind.FEEDBACK: "phản ánh",
}
# The rule whose legal basis a notice cites, by notice and kind (the rule in force on the step's start date).
INTAKE_RULES: dict[str, dict[str, str]] = {
    "transfer": {
        CaseKind.COMPLAINT: "reception.reply",
        CaseKind.DENUNCIATION: "denunciation.forward",
        CaseKind.RECOMMENDATION: "feedback.forward",
        CaseKind.FEEDBACK: "feedback.forward",
    },
    "guidance": dict.fromkeys(CaseKind.values, "reception.reply"),
}
RIGHTS: dict[tuple[str, int | None], str] = {
    (CaseKind.COMPLAINT, 1): "Trường hợp không đồng ý với kết quả giải quyết, người khiếu nại có quyền khiếu nại lần "
    "hai hoặc khởi kiện vụ án hành chính tại Tòa án theo quy định của Luật Khiếu nại và Luật Tố tụng hành chính.",
    (CaseKind.COMPLAINT, 2): "Trường hợp không đồng ý với kết quả giải quyết lần hai, người khiếu nại có quyền khởi "
    "kiện vụ án hành chính tại Tòa án theo quy định của Luật Tố tụng hành chính.",
    (CaseKind.DENUNCIATION, None): "Trường hợp có căn cứ cho rằng việc giải quyết tố cáo không đúng pháp luật, người "
    "tố cáo có quyền tố cáo tiếp theo quy định của Luật Tố cáo.",
}


@dataclass(frozen=True)
class Notice:
    kind: str
    content: bytes
    filename: str


def notice_kind(slug: str) -> NoticeKind:
    kind = NOTICE_KINDS.get(slug)
    if kind is None:
        raise DomainError("unknown_notice", _("Không có loại văn bản này."), status=404)
    return kind


def _history(case: Case) -> list[CaseTransition]:
    return list(CaseTransition.objects.filter(case=case).select_related("actor").order_by("at", "id"))


def is_available(case: Case, slug: str, history: Sequence[CaseTransition]) -> bool:
    """Whether the case's state and history allow notice ``slug``."""
    actions = {step.action for step in history}
    if slug == "acceptance":
        return case.accepted_on is not None
    if slug == "refusal":
        return case.status == CaseStatus.FILED or case.is_eligible is False
    if slug == "transfer":
        return case.status == CaseStatus.TRANSFERRED or "transfer" in actions
    if slug == "guidance":
        return case.status == CaseStatus.GUIDED or "guide" in actions
    if slug == "extension":
        return case.extension_count > 0 and "extend" in actions
    if slug == "result":
        return case.resolved_on is not None
    return False


def available_notices(user: Any, case: Case) -> list[tuple[str, str]]:
    """(slug, title) of the notices the officer may make for ``case`` now, for the case page (one query).

    A denunciation's notices to the denouncer are left out for an officer who may not open the vault."""
    history = _history(case)
    vault_closed = case.kind == CaseKind.DENUNCIATION and (
        case.is_anonymous or not access.can_read_denouncer(user, case)
    )
    return [
        (slug, str(kind.template.title))
        for slug, kind in NOTICE_KINDS.items()
        if is_available(case, slug, history) and not (kind.to_denouncer and vault_closed)
    ]


# --- Context -----------------------------------------------------------------------------------------------------


def _basis(code: str, on: dt.date) -> str:
    try:
        return rule_in_force(code, on).legal_basis
    except DomainError:
        return ""


def _issuer(case: Case) -> dict[str, str]:
    """The case unit's People's Committee, as NĐ 30 writes it: two header lines, and "xã" in running text."""
    organization = (
        Organization.objects.filter(unit_id=case.unit_id, kind__code="peoples_committee", is_active=True)
        .order_by("pk")
        .first()
    )
    name = organization.name if organization else f"Ủy ban nhân dân {case.unit.name}"
    prefix = "Ủy ban nhân dân "
    if name.startswith(prefix):
        place = name[len(prefix) :]
        lines = (prefix.strip().upper(), place.upper())
        running = prefix + place[:1].lower() + place[1:]
        on_behalf = "TM. ỦY BAN NHÂN DÂN"
    else:
        lines, running, on_behalf = (name.upper(), ""), name, f"TM. {name.upper()}"
    return {
        "issuer": name,
        "issuer_text": running,
        "issuer_line1": lines[0],
        "issuer_line2": lines[1],
        "signer_on_behalf": on_behalf,
        "signer_title": "CHỦ TỊCH",
        "place": case.unit.short_name or case.unit.name,
    }


def _person_text(name: str, address: str) -> str:
    return f"Ông/Bà {name}, địa chỉ: {address}" if address else f"Ông/Bà {name}"


@dataclass(frozen=True)
class _Addressee:
    addressee: str  # "Ông/Bà Nguyễn Văn Hùng"
    short: str  # "Ông/Bà" / "các Ông/Bà"
    petitioner: str  # with addresses and the number represented


def _addressee(names: list[tuple[str, str]], persons_count: int, role: str) -> _Addressee:
    if not names:
        return _Addressee("Ông/Bà", "Ông/Bà", "Ông/Bà")
    addressee = ", ".join(f"Ông/Bà {name}" for name, _address in names)
    petitioner = "; ".join(_person_text(name, address) for name, address in names)
    if persons_count > len(names):
        petitioner += f" (đại diện cho {persons_count:02d} người {role})"
    return _Addressee(addressee, "các Ông/Bà" if len(names) > 1 else "Ông/Bà", petitioner)


def _petitioners(case: Case) -> _Addressee:
    """The representatives of a group when there are some, otherwise everyone who signed."""
    people = list(CasePerson.objects.filter(case=case).order_by("-is_representative", "id"))
    representatives = [p for p in people if p.is_representative] or people
    return _addressee(
        [(p.full_name, p.address) for p in representatives], case.persons_count, f"{KIND_NOUN[case.kind]}"
    )


def _denouncer(actor: Any, case: Case) -> _Addressee:
    """The denouncer from the vault (audited); 404 for an officer who may not open it, or an anonymous one."""
    if case.is_anonymous:
        raise DomainError("anonymous_denouncer", _("Tố cáo nặc danh: không có người nhận thông báo này."), status=404)
    identity = services.denouncer_read(actor=actor, case=case)
    names = [(person.full_name, person.address) for person in identity.people]
    return _addressee(names, max(case.persons_count, len(names)), "tố cáo")


def _latest(history: Sequence[CaseTransition], actions: tuple[str, ...]) -> CaseTransition | None:
    for action in actions:
        steps = [step for step in history if step.action == action]
        if steps:
            return steps[-1]
    return None


def _step_date(step: CaseTransition | None, fallback: dt.date | None) -> dt.date:
    if step is not None:
        return step.document_date or timezone.localdate(step.at)
    return fallback or timezone.localdate()


def _number(document_no: str, symbol: str) -> str:
    """ "12/TB-UBND" as typed, "05/TB-UBND" from "5", or a blank number for the clerk to fill."""
    document_no = document_no.strip()
    if not document_no:
        return f"{' ' * 6}/{symbol}"
    if "/" in document_no:
        return document_no
    return f"{document_number(document_no)}/{symbol}"


def _signer(step: CaseTransition | None) -> str:
    """The leader who took a leader's step (accept, extend, resolve) signs; otherwise the name is left blank."""
    if step is None or step.actor is None or step.action not in {"accept", "extend", "resolve"}:
        return ""
    return str(getattr(step.actor, "full_name", "") or "")


def notice_context(actor: Any, case: Case, kind: NoticeKind, history: Sequence[CaseTransition]) -> dict[str, Any]:
    """Everything the template of ``kind`` shows; reads the vault (audited) only for a notice to the denouncer."""
    is_denunciation = case.kind == CaseKind.DENUNCIATION
    noun = KIND_NOUN[case.kind]
    kind_object = (
        f"khiếu nại lần {'hai' if case.complaint_round == 2 else 'đầu'}" if case.kind == CaseKind.COMPLAINT else noun
    )
    step = _latest(history, kind.actions)
    on = _step_date(step, case.notified_on if kind.slug == "result" else case.intake_closed_on)
    signer_step = _latest(history, ("resolve",)) if kind.slug == "result" else step
    if is_denunciation and kind.to_denouncer:
        who = _denouncer(actor, case)
    elif is_denunciation:
        who = _Addressee("", "", "(tố cáo nặc danh)" if case.is_anonymous else CONFIDENTIAL_DENOUNCER)
    else:
        who = _petitioners(case)
    context: dict[str, Any] = {
        **_issuer(case),
        **dated_parts(on),
        "number": _number(step.document_no if step else "", kind.symbol),
        "code": case.code,
        "title": case.title,
        # What goes to another body about a denunciation quotes the title only: the text may identify the denouncer.
        "content": case.title if is_denunciation else f"{case.title}. {case.summary.strip()}".strip(". "),
        "kind_noun": noun,
        "kind_object": kind_object,
        "received_on": format_date(case.received_on),
        "accepted_on": format_date(case.accepted_on),
        "addressee": who.addressee,
        "addressee_short": who.short,
        "petitioner": who.petitioner,
        "petitioner_label": "Người tố cáo" if is_denunciation else "Người gửi đơn",
        "signer_name": _signer(signer_step),
        "recipients": ["- Như trên;", f"- Lưu: VT, hồ sơ {case.code}."],
        "legal_basis": "",
    }
    context.update(_KIND_CONTEXT[kind.slug](case, step, history, context))
    return context


def _acceptance(
    case: Case, step: CaseTransition | None, history: Sequence[CaseTransition], base: dict[str, Any]
) -> dict[str, Any]:
    if case.kind == CaseKind.DENUNCIATION:
        basis = _basis("denunciation.acceptance_notice", case.accepted_on or case.received_on)
    else:
        basis = _basis(deadlines.intake_rule_options(case)[0], case.received_on)
    due_on = case.due_on if case.due_step == DeadlineStep.RESOLUTION else None
    return {
        "legal_basis": basis or "quy định của pháp luật",
        "due_on": format_date(due_on),
        "due_basis": _basis(deadlines.resolution_rule(case), case.accepted_on or case.received_on) if due_on else "",
    }


def _refusal(
    case: Case, step: CaseTransition | None, history: Sequence[CaseTransition], base: dict[str, Any]
) -> dict[str, Any]:
    ground = case.refusal_ground
    if ground is not None:
        reason, basis = ground.text, ground.legal_basis
    else:
        filed = _latest(history, ("file",))
        reason = filed.note if filed and filed.note else "đơn không đủ điều kiện xử lý"
        basis = _basis("reception.reply", case.received_on)
    return {"refusal_reason": reason.rstrip(". "), "refusal_basis": basis.rstrip(". ") or "quy định của pháp luật"}


def _transfer(
    case: Case, step: CaseTransition | None, history: Sequence[CaseTransition], base: dict[str, Any]
) -> dict[str, Any]:
    target = case.transferred_to_body or (case.transferred_to_unit.name if case.transferred_to_unit else "")
    recipients = ["- Như trên;"]
    if case.kind != CaseKind.DENUNCIATION:
        recipients.append("- Người gửi đơn (để biết);")
    recipients.append(f"- Lưu: VT, hồ sơ {case.code}.")
    return {
        "legal_basis": _basis(INTAKE_RULES["transfer"][case.kind], case.received_on) or "quy định của pháp luật",
        "transferred_to": target or "cơ quan có thẩm quyền",
        "recipients": recipients,
    }


def _guidance(
    case: Case, step: CaseTransition | None, history: Sequence[CaseTransition], base: dict[str, Any]
) -> dict[str, Any]:
    return {
        "legal_basis": _basis(INTAKE_RULES["guidance"][case.kind], case.received_on) or "quy định của pháp luật",
        "guidance": (step.note if step else "").strip(),
    }


def _extended_due(case: Case, number: int) -> dt.date | None:
    """The deadline the ``number``-th extension set, as the audit trail recorded it when the step was taken.

    The case's running deadline is not it once the case moved on: a suspension clears it, a resolution ends it,
    a later extension moves it. A case extended before the trail kept the date falls back to the running one."""
    recorded = list(
        AuditEntry.objects.filter(
            action="cases.case.extend", object_type=Case._meta.label_lower, object_id=str(case.pk)
        )
        .order_by("at", "pk")
        .values_list("changes", flat=True)
    )
    if 0 < number <= len(recorded):
        due_on = (recorded[number - 1] or {}).get("due_on")
        if due_on:
            return dt.date.fromisoformat(str(due_on))
    return case.due_on if case.due_step == DeadlineStep.RESOLUTION else None


def _extension(
    case: Case, step: CaseTransition | None, history: Sequence[CaseTransition], base: dict[str, Any]
) -> dict[str, Any]:
    number = sum(1 for s in history if s.action == "extend") or case.extension_count
    start = case.accepted_on or case.received_on
    due = _extended_due(case, number)
    if case.kind == CaseKind.DENUNCIATION:
        return {
            "type_name": "QUYẾT ĐỊNH",
            "number": _number(step.document_no if step else "", "QĐ-UBND"),
            "extension_object": "thời hạn giải quyết tố cáo",
            "legal_basis": _basis("denunciation.extension", start) or "Luật Tố cáo",
            # The decision goes to both parties: it names the denounced person, never the denouncer.
            "addressee": "",
            "subject_text": f", tố cáo đối với {case.subject_party}" if case.subject_party else "",
            "closing": "Người tố cáo, người bị tố cáo và các cơ quan, tổ chức, cá nhân có liên quan chịu trách "
            "nhiệm thi hành Quyết định này./.",
            "recipients": ["- Người tố cáo;", "- Người bị tố cáo;", f"- Lưu: VT, hồ sơ {case.code}."],
            "signer_on_behalf": "",
            "extension_number": f"{number:02d}",
            "reason": (step.note if step else "").strip().rstrip(".") or "vụ việc phức tạp",
            "due_on": format_date(due),
        }
    return {
        "type_name": "THÔNG BÁO",
        "extension_object": f"thời hạn giải quyết {KIND_NOUN[case.kind]}",
        "legal_basis": _basis(deadlines.resolution_rule(case), start) or "quy định của pháp luật",
        "subject_text": "",
        "closing": f"{base['issuer_text']} thông báo để {base['addressee_short']} được biết./.",
        "extension_number": f"{number:02d}",
        "reason": (step.note if step else "").strip().rstrip(".") or "vụ việc phức tạp",
        "due_on": format_date(due),
    }


def _result(
    case: Case, step: CaseTransition | None, history: Sequence[CaseTransition], base: dict[str, Any]
) -> dict[str, Any]:
    rights_key = (case.kind, case.complaint_round if case.kind == CaseKind.COMPLAINT else None)
    return {
        "decision_date": format_date(case.decision_date),
        "decision_number": case.decision_number,
        "outcome": case.get_outcome_display(),
        "resolution_summary": case.resolution_summary.strip(),
        "rights": RIGHTS.get(rights_key, ""),
    }


_KIND_CONTEXT = {
    "acceptance": _acceptance,
    "refusal": _refusal,
    "transfer": _transfer,
    "guidance": _guidance,
    "extension": _extension,
    "result": _result,
}


# --- Generation ----------------------------------------------------------------------------------------------------


def notice_filename(case: Case, kind: NoticeKind, extension: str = "docx") -> str:
    """ "thong-bao-thu-ly-22081-2026-00001.docx": ASCII, so every browser and mail client keeps it."""
    return f"{kind.file_stem}-{case.code}.{extension}"


@transaction.atomic
def notice_generate(*, actor: Any, case: Case, kind: str) -> Notice:
    """The notice ``kind`` of ``case`` as DOCX, audited as ``cases.notice.generated``.

    Refuses an unknown kind (404), a kind the case's history does not allow yet (409 with the reason), and a
    denunciation's notice to the denouncer for an officer who may not open the vault (404, nothing revealed).
    Callers fetch ``case`` through ``access.access_case`` (officer role).
    """
    notice = notice_kind(kind)
    if not access.can_work_on(actor, case):
        raise DomainError("not_found", _("Không tìm thấy hồ sơ."), status=404)
    history = _history(case)
    if not is_available(case, kind, history):
        raise ConflictError("notice_unavailable", notice.unavailable)
    context = notice_context(actor, case, notice, history)
    content = render_docx(notice.template.name, context)
    audit_log(actor=actor, action=GENERATED_ACTION, instance=case, unit=case.unit, changes={"kind": kind})
    return Notice(kind=kind, content=content, filename=notice_filename(case, notice))
