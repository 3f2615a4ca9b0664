"""Writes on cases. Each runs in one transaction, validates, records the step and leaves an audit entry.

State changes go through :func:`case_transition`, which consults ``workflow.TRANSITIONS``, locks the row and refuses
a stale ``expected_version`` (two officers accepting at once: one wins, the other gets 409). A repeated
``submission_key`` returns the case already made (a double-clicked submit makes one case). Audit entries never
carry the denouncer's identity: the vault is written and read only here, and its reads are audited by name of the
reader, not of the denouncer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connections, router, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.cases import access, deadlines, vault
from danvan.cases.duplicates import case_text, text_bands
from danvan.cases.models import (
    OPEN_STATUSES,
    OUTCOMES_BY_KIND,
    Case,
    CaseKind,
    CaseLink,
    CasePerson,
    CaseSequence,
    CaseStatus,
    CaseTransition,
    Channel,
    ComplexityCriterion,
    CosignerKey,
    Denouncer,
    DenouncerScan,
    DuplicateDismissal,
    Field,
    GroundScope,
    LinkKind,
    RefusalGround,
    Timeliness,
)
from danvan.cases.workflow import SECOND_COMPLAINT_SOURCES, TRANSITIONS, Step
from danvan.core import compiled
from danvan.core.attachments import attachment_store, validate_upload
from danvan.core.audit import audit_log
from danvan.core.errors import ConflictError, DomainError
from danvan.core.formatting import format_date
from danvan.core.idempotency import check_same_request
from danvan.core.models import AdministrativeUnit, Attachment, UnitTree
from danvan.core.periods import MIN_YEAR
from danvan.core.phones import check_phone, phone_or_blank
from danvan.core.rules import deadline_for_rule, rule_in_force
from danvan.core.text import fold, single_line
from danvan.notifications.services import Notice, notify_many

CASE_OBJECT_TYPE = "cases.case"
SCAN_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class PersonIn:
    full_name: str
    address: str = ""
    phone: str = ""
    id_number: str = ""
    is_representative: bool = False


def _required(value: str, field: str, message: str) -> str:
    value = single_line(value)
    if not value:
        raise DomainError(f"{field}_required", message, fields={field: [_("Bắt buộc.")]})
    return value


def _today() -> dt.date:
    return timezone.localdate()


def _check_date(value: dt.date, field: str, label: str) -> None:
    if value > _today():
        raise DomainError(
            "date_in_future",
            _("%(label)s không thể sau hôm nay.") % {"label": label},
            fields={field: [_("Ngày trong tương lai.")]},
        )
    if value.year < MIN_YEAR:
        raise DomainError("date_out_of_range", _("%(label)s không hợp lệ.") % {"label": label}, field=field)


def check_representatives(persons_count: int, representatives: int, *, on: dt.date) -> None:
    """A group of 5–10 chooses 1–2 representatives, more than 10 up to 5 (Luật Tiếp công dân Art. 30, as rules)."""
    group_min = rule_in_force("reception.group_min_size", on).value
    if persons_count < group_min:
        return
    small_max = rule_in_force("reception.group_small_max_size", on).value
    code = (
        "reception.group_small_representatives_max"
        if persons_count <= small_max
        else "reception.group_large_representatives_max"
    )
    rule = rule_in_force(code, on)
    if not 1 <= representatives <= rule.value:
        raise DomainError(
            "representatives_invalid",
            _("Nhóm %(n)s người phải cử từ 1 đến %(max)s người đại diện (%(basis)s).")
            % {"n": persons_count, "max": rule.value, "basis": rule.legal_basis},
            fields={"people": [_("Số người đại diện không hợp lệ.")]},
        )


def _submitted(submission_key: str | None, actor: Any, fingerprint: str = "") -> Case | None:
    """The case ``actor`` already saved under ``submission_key`` (none without a key), marked ``replayed``; a
    422 ``idempotency_mismatch`` when it was saved from another request (``fingerprint`` differs)."""
    if not submission_key:
        return None
    case = Case.objects.filter(submission_key=submission_key, received_by=actor).first()
    if case is not None:
        check_same_request(case.submission_fingerprint, fingerprint)
        case.replayed = True
    return case


def _lock_numbering(unit: AdministrativeUnit, year: int) -> CaseSequence:
    """Lock the unit's case numbers for ``year`` until the transaction ends (a twin request waits here)."""
    sequence, _created = CaseSequence.objects.select_for_update(of=("self",)).get_or_create(unit=unit, year=year)
    return sequence


def _next_number(unit: AdministrativeUnit, year: int) -> int | None:
    """The unit's next number for ``year`` in one statement (``UPDATE … RETURNING``, SQLite ≥ 3.35 and PostgreSQL);
    None when the unit has no counter for the year yet."""
    connection = connections[router.db_for_write(CaseSequence)]
    quote = connection.ops.quote_name
    table, last = quote(CaseSequence._meta.db_table), quote("last")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {last} = {last} + 1 WHERE {quote('unit_id')} = %s AND {quote('year')} = %s "  # noqa: S608
            f"RETURNING {last}",
            [unit.pk, year],
        )
        row = cursor.fetchone()
    return int(row[0]) if row is not None else None


def _next_code(unit: AdministrativeUnit, year: int) -> str:
    """The next case code of the unit's year, inside the caller's transaction.

    The UPDATE locks the counter row until the transaction ends (PostgreSQL's row lock; SQLite's write lock), so a
    concurrent filing waits and takes the following number, and a rolled-back filing gives its number back: codes
    stay unique and gap-free. The first filing of a year creates the counter (``get_or_create`` settles a race on
    the unique constraint) and then counts.
    """
    number = _next_number(unit, year)
    if number is None:
        CaseSequence.objects.get_or_create(unit=unit, year=year)
        number = _next_number(unit, year)
        assert number is not None
    return f"{unit.code}-{year}-{number:05d}"


def case_search_text(case: Case, people: Sequence[PersonIn] = ()) -> str:
    names = " ".join(person.full_name for person in people)
    return fold(f"{case.code} {case.title} {case.subject_party} {names} {case.summary}")[:600]


def _filing_limit(
    *, kind: str, complaint_round: int | None, is_discipline: bool, is_remote_area: bool, event_known_on: dt.date
) -> str | None:
    if kind != CaseKind.COMPLAINT:
        return None
    if is_discipline:
        return "complaint.discipline_file_limit"
    if complaint_round == 2:
        return "complaint.file_second_remote" if is_remote_area else "complaint.file_second"
    return "complaint.file_limit"


def _check_filing_time(
    *,
    kind: str,
    complaint_round: int | None,
    is_discipline: bool,
    is_remote_area: bool,
    event_known_on: dt.date | None,
    received_on: dt.date,
    late_filing_reason: str,
) -> bool:
    """True when the complaint is late; refused unless the officer records why (obstacles are not counted, Art. 9)."""
    if event_known_on is None:
        return False
    if event_known_on > received_on:
        raise DomainError(
            "event_after_receipt",
            _("Ngày biết quyết định, hành vi không thể sau ngày nhận đơn."),
            field="event_known_on",
        )
    code = _filing_limit(
        kind=kind,
        complaint_round=complaint_round,
        is_discipline=is_discipline,
        is_remote_area=is_remote_area,
        event_known_on=event_known_on,
    )
    if code is None:
        return False
    limit = deadline_for_rule(code, event_known_on)
    if received_on <= limit.due_on:
        return False
    if not late_filing_reason.strip():
        raise DomainError(
            "late_filing",
            _(
                "Đơn gửi sau thời hiệu (%(value)s ngày, hết ngày %(date)s; %(basis)s). Nếu có lý do chính đáng "
                "(ốm đau, thiên tai, đi công tác, học tập xa…), hãy ghi lý do để tiếp nhận."
            )
            % {"value": limit.value, "date": format_date(limit.due_on), "basis": limit.legal_basis},
            fields={"late_filing_reason": [_("Hãy ghi lý do quá thời hiệu.")]},
        )
    return True


@transaction.atomic
def case_receive(
    *,
    actor: Any,
    unit: AdministrativeUnit,
    kind: str,
    channel: str,
    field: Field,
    title: str,
    summary: str,
    received_on: dt.date,
    people: Sequence[PersonIn] = (),
    persons_count: int | None = None,
    denouncer: vault.DenouncerIdentity | None = None,
    is_anonymous: bool = False,
    complaint_round: int | None = None,
    is_discipline: bool = False,
    subject_party: str = "",
    event_known_on: dt.date | None = None,
    late_filing_reason: str = "",
    is_remote_area: bool = False,
    is_multi_place: bool = False,
    visit_id: int | None = None,
    assignee: Any = None,
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> Case:
    """Record a petition received at ``unit`` and start its intake deadline.

    Complaints filed after the limit (90 days; discipline 15; second complaint 30, remote 45) are refused unless
    a reason is recorded, then kept with ``is_late_filing``. A denunciation's denouncer goes to the vault; an
    anonymous one is recorded as such (Luật Tố cáo Art. 25). Repeating ``submission_key`` returns the same case.
    """
    if not access.can_receive_at(actor, unit):
        raise DomainError("forbidden", _("Bạn không có quyền tiếp nhận đơn tại đơn vị này."), status=403)
    existing = _submitted(submission_key, actor, submission_fingerprint)
    if existing is not None:
        return existing
    if unit.tree != UnitTree.CURRENT or not unit.is_current:
        raise DomainError("unit_not_current", _("Chỉ tiếp nhận đơn tại đơn vị hành chính hiện hành."))
    if kind not in CaseKind.values:
        raise DomainError("invalid_kind", _("Loại đơn không hợp lệ."), field="kind")
    if channel == Channel.TRANSFER:
        raise DomainError(
            "invalid_channel",
            _("Nguồn “cơ quan khác chuyển đến” do hệ thống ghi khi nhận đơn chuyển."),
            field="channel",
        )
    if channel not in Channel.values:
        raise DomainError("invalid_channel", _("Nguồn đơn không hợp lệ."), field="channel")
    title = _required(title, "title", _("Hãy ghi trích yếu nội dung đơn."))
    summary = (summary or "").strip()
    if not summary:
        raise DomainError("summary_required", _("Hãy ghi nội dung đơn."), fields={"summary": [_("Bắt buộc.")]})
    _check_date(received_on, "received_on", _("Ngày nhận đơn"))
    if kind == CaseKind.COMPLAINT:
        complaint_round = complaint_round or 1
        if complaint_round not in (1, 2):
            raise DomainError("invalid_round", _("Lần khiếu nại phải là 1 hoặc 2."), field="complaint_round")
    else:
        complaint_round, is_discipline = None, False
    people = [
        PersonIn(
            full_name=_required(p.full_name, "people", _("Mỗi người gửi đơn phải có họ tên.")),
            address=single_line(p.address),
            phone=check_phone(p.phone, field=f"people.{index}.phone"),
            id_number=single_line(p.id_number),
            is_representative=p.is_representative,
        )
        for index, p in enumerate(people)
    ]
    if kind == CaseKind.DENUNCIATION:
        if people:
            raise DomainError(
                "denouncer_in_vault",
                _("Thông tin người tố cáo phải ghi vào phần bảo mật, không ghi vào danh sách người gửi đơn."),
                fields={"people": [_("Không dùng cho đơn tố cáo.")]},
            )
        if denouncer is None and not is_anonymous:
            raise DomainError(
                "denouncer_required",
                _("Hãy ghi thông tin người tố cáo, hoặc đánh dấu tố cáo nặc danh."),
                fields={"denouncer": [_("Bắt buộc.")]},
            )
        if is_anonymous:
            denouncer = None
    else:
        if denouncer is not None:
            raise DomainError("denouncer_not_allowed", _("Chỉ đơn tố cáo mới có người tố cáo."))
        is_anonymous = False
        if not people:
            raise DomainError(
                "people_required", _("Hãy ghi ít nhất một người gửi đơn."), fields={"people": [_("Bắt buộc.")]}
            )
    named = len(denouncer.people) if denouncer else len(people)
    count = max(persons_count or 0, named, 1)
    if kind != CaseKind.DENUNCIATION:
        check_representatives(count, sum(p.is_representative for p in people), on=received_on)
    is_late = _check_filing_time(
        kind=kind,
        complaint_round=complaint_round,
        is_discipline=is_discipline,
        is_remote_area=is_remote_area,
        event_known_on=event_known_on,
        received_on=received_on,
        late_filing_reason=late_filing_reason,
    )
    if assignee is not None and not access.can_handle_at(assignee, unit):
        raise DomainError("assignee_out_of_unit", _("Cán bộ xử lý phải thuộc đơn vị tiếp nhận."))
    group_min = rule_in_force("reception.group_min_size", received_on).value
    _lock_numbering(unit, received_on.year)
    existing = _submitted(submission_key, actor, submission_fingerprint)
    if existing is not None:
        return existing  # a double submission saved while this one waited: no number is spent
    case = Case(
        code=_next_code(unit, received_on.year),
        unit=unit,
        unit_path=unit.path,
        province_code=unit.province_code,
        kind=kind,
        complaint_round=complaint_round,
        is_discipline=is_discipline,
        channel=channel,
        field=field,
        title=title[:300],
        summary=summary,
        subject_party=single_line(subject_party)[:300],
        received_on=received_on,
        event_known_on=event_known_on,
        is_late_filing=is_late,
        late_filing_reason=late_filing_reason.strip() if is_late else "",
        visit_id=visit_id,
        received_by=actor,
        assignee=assignee or actor,
        status=CaseStatus.RECEIVED,
        persons_count=count,
        is_anonymous=is_anonymous,
        is_remote_area=is_remote_area,
        is_multi_place=is_multi_place,
        is_multi_party=count >= group_min,
        is_protracted=complaint_round == 2,
        submission_key=submission_key or None,
        submission_fingerprint=submission_fingerprint if submission_key else "",
    )
    if (
        kind == CaseKind.DENUNCIATION
        and case.assignee is not None
        and not access.is_eligible_handler(case.assignee, case)
    ):
        # A denunciation is handled inside its competent body: whoever typed it in from elsewhere (another body,
        # an administrator) does not become a reader of the vault; its leader assigns the handler.
        if assignee is not None:
            raise DomainError(
                "assignee_out_of_unit",
                _("Cán bộ xử lý đơn tố cáo phải là cán bộ, lãnh đạo của cơ quan có thẩm quyền."),
                field="assignee",
            )
        case.assignee = None
    case.text_band_0, case.text_band_1, case.text_band_2, case.text_band_3 = text_bands(case_text(title, summary))
    case.search_text = case_search_text(case, people)
    deadlines.apply_due(case, deadlines.intake_due(case))
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        existing = _submitted(submission_key, actor, submission_fingerprint)
        if existing is not None:
            return existing
        raise
    CasePerson.objects.bulk_create(
        [
            CasePerson(
                case=case,
                full_name=p.full_name,
                address=p.address,
                phone=p.phone,
                id_number=p.id_number,
                is_representative=p.is_representative,
                person_key=vault.person_key(p.full_name, p.id_number),
            )
            for p in people
        ]
    )
    if denouncer is not None:
        _vault_store(case, denouncer)
    _record(case, "receive", "", CaseStatus.RECEIVED, actor)
    audit_log(
        actor=actor,
        action="cases.case.received",
        instance=case,
        unit=unit,
        changes={"kind": kind, "channel": channel, "title": case.title, "is_late_filing": is_late},
    )
    return case


@transaction.atomic(savepoint=False)  # all or nothing with the caller's transaction: no savepoint round trips
def case_receive_public(
    *,
    unit: AdministrativeUnit,
    channel: str,
    field: Field,
    title: str,
    summary: str,
    received_on: dt.date,
    person: PersonIn | None = None,
    audit_action: str = "cases.case.received_public",
) -> Case:
    """Record feedback a citizen sent by themself (the portal, an Open311 application): no officer received it.

    Only feedback (phản ánh) comes this way; its intake deadline runs as for any feedback. The caller (the feedback
    channel) checks the citizen's input, keeps the idempotency key and holds the transaction; the person, when
    named, is recorded as the sender (never shown publicly).
    """
    if unit.tree != UnitTree.CURRENT or not unit.is_current:
        raise DomainError("unit_not_current", _("Chỉ tiếp nhận phản ánh tại đơn vị hành chính hiện hành."))
    if channel not in (Channel.WEB, Channel.API):
        raise DomainError("invalid_channel", _("Nguồn đơn không hợp lệ."), field="channel")
    title = _required(title, "title", _("Hãy ghi nội dung phản ánh."))
    summary = (summary or "").strip()
    if not summary:
        raise DomainError("summary_required", _("Hãy ghi nội dung phản ánh."), fields={"summary": [_("Bắt buộc.")]})
    case = Case(
        code=_next_code(unit, received_on.year),  # one statement; it holds the unit's numbering until the commit
        unit=unit,
        unit_path=unit.path,
        province_code=unit.province_code,
        kind=CaseKind.FEEDBACK,
        channel=channel,
        field=field,
        title=single_line(title)[:300],
        summary=summary,
        received_on=received_on,
        status=CaseStatus.RECEIVED,
        persons_count=1,
    )
    people = [person] if person is not None and person.full_name.strip() else []
    case.text_band_0, case.text_band_1, case.text_band_2, case.text_band_3 = text_bands(case_text(title, summary))
    case.search_text = case_search_text(case, people)
    deadlines.apply_due(case, deadlines.intake_due(case))
    compiled.insert(case)  # case.save() with its INSERT compiled once (issue 13: thousands of submissions a minute)
    CasePerson.objects.bulk_create(
        [
            CasePerson(
                case=case,
                full_name=single_line(p.full_name),
                address=single_line(p.address),
                phone=single_line(p.phone),
                is_representative=False,
                person_key=vault.person_key(p.full_name, p.id_number),
            )
            for p in people
        ]
    )
    _record(case, "receive", "", CaseStatus.RECEIVED, None)
    audit_log(actor=None, action=audit_action, instance=case, unit=unit, changes={"channel": channel})
    return case


def _vault_store(case: Case, identity: vault.DenouncerIdentity) -> Denouncer:
    people = tuple(
        vault.DenouncerPerson(
            full_name=_required(p.full_name, "denouncer", _("Hãy ghi họ tên người tố cáo.")),
            address=single_line(p.address),
            phone=check_phone(p.phone, field=f"denouncer.people.{index}.phone"),
            email=single_line(p.email),
            id_number=single_line(p.id_number),
        )
        for index, p in enumerate(identity.people)
    )
    if not people:
        raise DomainError(
            "denouncer_required", _("Hãy ghi họ tên người tố cáo."), fields={"denouncer": [_("Bắt buộc.")]}
        )
    clean = vault.DenouncerIdentity(people=people, note=identity.note.strip())
    row = Denouncer.objects.create(
        case=case,
        ciphertext=vault.seal(clean),
        person_key=vault.person_key(clean.contact.full_name, clean.contact.id_number),
        people_count=len(people),
    )
    CosignerKey.objects.bulk_create(CosignerKey(denouncer=row, person_key=key) for key in vault.cosigner_keys(clean))
    return row


def _record(
    case: Case,
    action: str,
    from_status: str,
    to_status: str,
    actor: Any,
    note: str = "",
    document_no: str = "",
    document_date: dt.date | None = None,
) -> CaseTransition:
    return compiled.insert(
        CaseTransition(
            case=case,
            action=action,
            from_status=from_status,
            to_status=to_status,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            note=note,
            document_no=document_no,
            document_date=document_date,
        )
    )


def _lock(case: Case, expected_version: int | None) -> Case:
    locked = Case.objects.select_for_update(of=("self",)).select_related("unit", "field").get(pk=case.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError("stale", _("Hồ sơ đã được người khác thay đổi. Vui lòng tải lại trang và thử lại."))
    return locked


@dataclass
class TransitionInput:
    """What a step may carry; each step reads the parts it needs (see the ``_apply_*`` functions)."""

    note: str = ""
    document_no: str = ""
    document_date: dt.date | None = None
    # classify
    is_eligible: bool | None = None
    in_jurisdiction: bool | None = None
    refusal_ground: RefusalGround | None = None
    field: Field | None = None
    is_multi_party: bool | None = None
    is_protracted: bool | None = None
    is_remote_area: bool | None = None
    is_multi_place: bool | None = None
    criteria: Sequence[ComplexityCriterion] | None = None
    # transfer
    target_unit: AdministrativeUnit | None = None
    target_body: str = ""
    # resolve
    outcome: str = ""
    resolution_summary: str = ""


def _timeliness(case: Case, on: dt.date) -> str:
    if case.due_on is None:
        return ""
    return Timeliness.ON_TIME if on <= case.due_on else Timeliness.LATE


def _close_intake(case: Case, on: dt.date) -> list[str]:
    case.intake_closed_on = on
    case.intake_timeliness = _timeliness(case, on)
    return ["intake_closed_on", "intake_timeliness"]


def _apply_classify(case: Case, data: TransitionInput, actor: Any, on: dt.date) -> list[str]:
    if data.is_eligible is None or data.in_jurisdiction is None:
        raise DomainError(
            "classification_required",
            _("Hãy xác định đơn có đủ điều kiện xử lý và có thuộc thẩm quyền hay không."),
            fields={"is_eligible": [_("Bắt buộc.")], "in_jurisdiction": [_("Bắt buộc.")]},
        )
    if not data.is_eligible and data.refusal_ground is None:
        raise DomainError(
            "refusal_ground_required",
            _("Đơn không đủ điều kiện xử lý: hãy chọn căn cứ pháp lý."),
            fields={"refusal_ground": [_("Bắt buộc.")]},
        )
    ground = data.refusal_ground
    if ground is not None and not data.is_eligible:
        if ground.scope not in {case.kind, GroundScope.ANY}:
            raise DomainError(
                "refusal_ground_not_applicable",
                _("Căn cứ “%(ground)s” không áp dụng cho đơn %(kind)s.")
                % {"ground": ground.text, "kind": case.get_kind_display().lower()},
                fields={"refusal_ground": [_("Không áp dụng.")]},
            )
        if not ground.is_in_force(on):
            raise DomainError(
                "refusal_ground_not_in_force",
                _("Căn cứ “%(ground)s” không còn hiệu lực.") % {"ground": ground.text},
                fields={"refusal_ground": [_("Hết hiệu lực.")]},
            )
    fields = ["is_eligible", "in_jurisdiction", "refusal_ground"]
    case.is_eligible, case.in_jurisdiction = data.is_eligible, data.in_jurisdiction
    case.refusal_ground = None if data.is_eligible else data.refusal_ground
    if data.field is not None:
        case.field = data.field
        fields.append("field")
    for flag in ("is_multi_party", "is_protracted", "is_remote_area", "is_multi_place"):
        value = getattr(data, flag)
        if value is not None:
            setattr(case, flag, value)
            fields.append(flag)
    # Classification can change the intake limit (several places to check; a denunciation to forward).
    return [*fields, *deadlines.apply_due(case, deadlines.intake_due(case))]


def _apply_accept(case: Case, data: TransitionInput, actor: Any, on: dt.date) -> list[str]:
    if case.is_anonymous:
        raise DomainError(
            "anonymous_not_accepted",
            _(
                "Tố cáo nặc danh, mạo danh không được thụ lý; có thể xem xét theo chức năng quản lý (Điều 25 Luật Tố cáo)."
            ),
        )
    if not case.is_eligible or not case.in_jurisdiction:
        raise DomainError("not_acceptable", _("Chỉ thụ lý đơn đủ điều kiện và thuộc thẩm quyền."))
    fields = _close_intake(case, on)
    case.accepted_on, case.accepted_by = on, actor
    return [*fields, "accepted_on", "accepted_by", *deadlines.apply_due(case, deadlines.resolution_due(case, on))]


def _apply_review(case: Case, data: TransitionInput, actor: Any, on: dt.date) -> list[str]:
    if not case.is_anonymous:
        raise DomainError("not_anonymous", _("Chỉ xem xét theo chức năng quản lý với tố cáo nặc danh, mạo danh."))
    case.handled_as_management = True
    return ["handled_as_management", *_close_intake(case, on), *deadlines.apply_due(case, None)]


def _apply_transfer(case: Case, data: TransitionInput, actor: Any, on: dt.date) -> list[str]:
    if case.in_jurisdiction:
        raise DomainError("in_jurisdiction", _("Đơn thuộc thẩm quyền: hãy thụ lý thay vì chuyển đơn."))
    target = data.target_unit
    if target is None and not data.target_body.strip():
        raise DomainError(
            "transfer_target_required",
            _("Hãy chọn đơn vị hoặc ghi tên cơ quan có thẩm quyền nhận đơn."),
            fields={"target_unit": [_("Bắt buộc.")]},
        )
    if target is not None:
        if target.tree != UnitTree.CURRENT or not target.is_current:
            raise DomainError("unit_not_current", _("Chỉ chuyển đơn đến đơn vị hành chính hiện hành."))
        if target.pk == case.unit_id:
            raise DomainError("transfer_to_self", _("Không thể chuyển đơn cho chính đơn vị đang xử lý."))
    case.transferred_to_unit = target
    case.transferred_to_body = single_line(data.target_body) or (target.name if target else "")
    return ["transferred_to_unit", "transferred_to_body", *_close_intake(case, on), *deadlines.apply_due(case, None)]


def _apply_intake_end(case: Case, data: TransitionInput, actor: Any, on: dt.date) -> list[str]:
    return [*_close_intake(case, on), *deadlines.apply_due(case, None)]


def _extension_limit(case: Case, on: dt.date) -> int:
    """How many extensions the law allows this case (Luật Tố cáo Art. 30; a complaint: once, by becoming complex)."""
    if case.kind == CaseKind.COMPLAINT:
        return 1
    criteria = case.complexity_criteria.count()
    if criteria >= rule_in_force("denunciation.especially_complex_min_criteria", on).value:
        return rule_in_force("denunciation.max_extensions_especially_complex", on).value
    if criteria >= 1 or case.is_complex:
        return rule_in_force("denunciation.max_extensions_complex", on).value
    return 0


def criteria_in_force(kind: str, on: dt.date) -> Any:
    """The complexity criteria of ``kind`` in force on ``on`` (a case's acceptance date: criteria that took effect
    later, such as the complaint criteria of 01/07/2026, do not apply to cases accepted before them)."""
    return ComplexityCriterion.objects.in_force(on).filter(kind=kind)


def _apply_extend(case: Case, data: TransitionInput, actor: Any, on: dt.date) -> list[str]:
    as_of = case.accepted_on or on
    applicable = criteria_in_force(case.kind, as_of)
    if data.criteria is not None:
        wrong = [c for c in data.criteria if c.kind != case.kind]
        if wrong:
            raise DomainError("invalid_criteria", _("Tiêu chí không áp dụng cho loại đơn này."))
        allowed = set(applicable.values_list("pk", flat=True))
        late = [c for c in data.criteria if c.pk not in allowed]
        if late:
            message = _(
                "Tiêu chí “%(text)s” có hiệu lực từ %(date)s, không áp dụng cho vụ việc thụ lý ngày %(accepted)s."
            ) % {"text": late[0].text, "date": format_date(late[0].valid_from), "accepted": format_date(as_of)}
            raise DomainError("criteria_not_in_force", message, fields={"criteria": [message]})
        case.complexity_criteria.add(*data.criteria)
    # With no criteria in force on the acceptance date, complexity is judged and written in the (required) note.
    if applicable.exists() and not case.complexity_criteria.exists():
        raise DomainError(
            "criteria_required",
            _("Gia hạn chỉ áp dụng cho vụ việc phức tạp: hãy đánh dấu các tiêu chí phức tạp theo quy định."),
            fields={"criteria": [_("Chọn ít nhất một tiêu chí.")]},
        )
    limit = _extension_limit(case, on)
    if case.extension_count >= limit:
        raise DomainError(
            "extension_limit",
            ngettext(
                "Vụ việc đã được gia hạn %(count)s lần; pháp luật chỉ cho phép tối đa %(limit)s lần.",
                "Vụ việc đã được gia hạn %(count)s lần; pháp luật chỉ cho phép tối đa %(limit)s lần.",
                case.extension_count,
            )
            % {"count": case.extension_count, "limit": limit},
        )
    case.is_complex = True
    case.extension_count += 1
    plan = deadlines.plan_of(case)
    start = case.accepted_on or on
    computed = deadlines.resolution_due(case, start, plan.pause_days if plan else 0)
    return ["is_complex", "extension_count", *deadlines.apply_due(case, computed)]


def _apply_suspend(case: Case, data: TransitionInput, actor: Any, on: dt.date) -> list[str]:
    """The resolution time stops (it is not counted while suspended): no due date until resumed; the plan stays."""
    case.suspended_on = on
    case.due_on = None
    return ["suspended_on", "due_on"]


def _apply_resume(case: Case, data: TransitionInput, actor: Any, on: dt.date) -> list[str]:
    plan = deadlines.plan_of(case)
    paused = (on - case.suspended_on).days if case.suspended_on else 0
    start = case.accepted_on or on
    computed = deadlines.resolution_due(case, start, (plan.pause_days if plan else 0) + paused)
    case.suspended_on = None
    return ["suspended_on", *deadlines.apply_due(case, computed)]


def _apply_resolve(case: Case, data: TransitionInput, actor: Any, on: dt.date) -> list[str]:
    if data.outcome not in OUTCOMES_BY_KIND[case.kind]:
        raise DomainError("outcome_required", _("Hãy chọn kết quả giải quyết."), fields={"outcome": [_("Bắt buộc.")]})
    if data.document_date is None:
        raise DomainError(
            "decision_date_required",
            _("Hãy ghi ngày ban hành quyết định, văn bản."),
            fields={"document_date": [_("Bắt buộc.")]},
        )
    if data.document_date < case.received_on:
        raise DomainError(
            "decision_before_receipt",
            _("Ngày quyết định (%(decision)s) không thể trước ngày nhận đơn (%(received)s).")
            % {"decision": format_date(data.document_date), "received": format_date(case.received_on)},
            fields={"document_date": [_("Trước ngày nhận đơn.")]},
        )
    if case.accepted_on and data.document_date < case.accepted_on:
        raise DomainError(
            "decision_before_acceptance",
            _("Ngày quyết định không thể trước ngày thụ lý (%(date)s).") % {"date": format_date(case.accepted_on)},
            fields={"document_date": [_("Trước ngày thụ lý.")]},
        )
    if data.document_date > on:
        raise DomainError(
            "date_in_future",
            _("Ngày quyết định không thể sau hôm nay."),
            fields={"document_date": [_("Ngày trong tương lai.")]},
        )
    case.decision_number = data.document_no
    case.decision_date = data.document_date
    case.outcome = data.outcome
    case.resolution_summary = data.resolution_summary.strip()
    case.resolved_on = data.document_date
    case.resolution_timeliness = _timeliness(case, data.document_date)
    return [
        "decision_number",
        "decision_date",
        "outcome",
        "resolution_summary",
        "resolved_on",
        "resolution_timeliness",
        *deadlines.apply_due(case, None),
    ]


def _apply_notify(case: Case, data: TransitionInput, actor: Any, on: dt.date) -> list[str]:
    case.notified_on = on
    return ["notified_on"]


def _apply_close(case: Case, data: TransitionInput, actor: Any, on: dt.date) -> list[str]:
    case.closed_on = on
    return ["closed_on"]


def _apply_stop(case: Case, data: TransitionInput, actor: Any, on: dt.date) -> list[str]:
    fields = deadlines.apply_due(case, None)
    if case.intake_closed_on is None:
        fields += _close_intake(case, on)
    case.closed_on = on
    return [*fields, "closed_on"]


APPLY = {
    "classify": _apply_classify,
    "accept": _apply_accept,
    "review": _apply_review,
    "transfer": _apply_transfer,
    "guide": _apply_intake_end,
    "file": _apply_intake_end,
    "verify": lambda case, data, actor, on: [],
    "extend": _apply_extend,
    "suspend": _apply_suspend,
    "resume": _apply_resume,
    "resolve": _apply_resolve,
    "notify": _apply_notify,
    "close": _apply_close,
    "withdraw": _apply_stop,
    "terminate": _apply_stop,
}


def _check_step(case: Case, step: Step, actor: Any, data: TransitionInput) -> None:
    if case.status not in step.sources or (step.kinds is not None and case.kind not in step.kinds):
        raise ConflictError(
            "invalid_transition",
            _("Không thể “%(action)s” khi hồ sơ đang ở trạng thái “%(status)s”.")
            % {"action": step.label, "status": case.get_status_display()},
        )
    if not access.can_take(actor, case, step):
        raise DomainError(
            "forbidden", _("Bạn không có quyền “%(action)s” hồ sơ này.") % {"action": step.label}, status=403
        )
    if step.needs_note and not data.note.strip():
        raise DomainError("note_required", _("Hãy ghi lý do, nội dung."), fields={"note": [_("Bắt buộc.")]})
    if step.needs_document and not data.document_no.strip():
        raise DomainError(
            "document_required", _("Hãy ghi số văn bản, quyết định."), fields={"document_no": [_("Bắt buộc.")]}
        )


@transaction.atomic
def case_transition(
    *,
    actor: Any,
    case: Case,
    action: str,
    data: TransitionInput | None = None,
    expected_version: int | None = None,
    on: dt.date | None = None,
) -> Case:
    """Move a case along ``workflow.TRANSITIONS``; refuses a wrong state, kind, role or stale version."""
    step = TRANSITIONS.get(action)
    if step is None:
        raise DomainError("unknown_action", _("Thao tác không hợp lệ."))
    data = data or TransitionInput()
    data.note, data.document_no = data.note.strip(), single_line(data.document_no)[:60]
    locked = _lock(case, expected_version)
    _check_step(locked, step, actor, data)
    today = on or _today()
    previous = locked.status
    fields = APPLY[action](locked, data, actor, today)
    if step.needs_document and action not in {"resolve", "extend", "suspend", "terminate"}:
        locked.intake_document_no = data.document_no
        fields.append("intake_document_no")
    if step.target is not None:
        locked.status = step.target
        locked.is_open = step.target in OPEN_STATUSES
        fields += ["status", "is_open"]
    locked.version = F("version") + 1
    locked.save(update_fields=[*dict.fromkeys(fields), "version", "updated_at"])
    locked.refresh_from_db(fields=["version"])
    _record(locked, action, previous, locked.status, actor, data.note, data.document_no, data.document_date)
    changes: dict[str, Any] = {"status": [previous, locked.status]}
    if data.note:
        changes["note"] = data.note
    if data.document_no:
        changes["document_no"] = data.document_no
    if "due_on" in fields:
        changes["due_on"] = locked.due_on
    audit_log(actor=actor, action=f"cases.case.{action}", instance=locked, unit=locked.unit, changes=changes)
    if action == "transfer" and locked.transferred_to_unit is not None:
        _arrive_by_transfer(locked, actor, today)
    return locked


def _arrive_by_transfer(source: Case, actor: Any, on: dt.date) -> Case:
    """The transferred petition arrives at the competent unit in danvan as a new case, linked to the source."""
    target = source.transferred_to_unit
    assert target is not None
    arrived = Case(
        code=_next_code(target, on.year),
        unit=target,
        unit_path=target.path,
        province_code=target.province_code,
        kind=source.kind,
        complaint_round=source.complaint_round,
        is_discipline=source.is_discipline,
        channel=Channel.TRANSFER,
        field=source.field,
        title=source.title,
        summary=source.summary,
        subject_party=source.subject_party,
        received_on=on,
        event_known_on=source.event_known_on,
        is_late_filing=source.is_late_filing,
        late_filing_reason=source.late_filing_reason,
        status=CaseStatus.RECEIVED,
        persons_count=source.persons_count,
        is_anonymous=source.is_anonymous,
        is_remote_area=source.is_remote_area,
        is_multi_place=source.is_multi_place,
        is_multi_party=source.is_multi_party,
        is_protracted=source.is_protracted,
        text_band_0=source.text_band_0,
        text_band_1=source.text_band_1,
        text_band_2=source.text_band_2,
        text_band_3=source.text_band_3,
        search_text=source.search_text,
    )
    deadlines.apply_due(arrived, deadlines.intake_due(arrived))
    arrived.save()
    CasePerson.objects.bulk_create(
        [
            CasePerson(
                case=arrived,
                full_name=p.full_name,
                address=p.address,
                phone=p.phone,
                id_number=p.id_number,
                is_representative=p.is_representative,
                person_key=p.person_key,
            )
            for p in source.people.all()
        ]
    )
    vault_row = Denouncer.objects.filter(case=source).first()
    if vault_row is not None:
        # The competent body needs the denouncer to notify them; no one there reads it until a handler is assigned.
        arrived_row = Denouncer.objects.create(
            case=arrived,
            ciphertext=vault_row.ciphertext,
            person_key=vault_row.person_key,
            people_count=vault_row.people_count,
        )
        CosignerKey.objects.bulk_create(
            CosignerKey(denouncer=arrived_row, person_key=key)
            for key in vault_row.cosigner_keys.values_list("person_key", flat=True)
        )
    CaseLink.objects.create(case=arrived, other=source, kind=LinkKind.TRANSFER, created_by=actor)
    _record(
        arrived,
        "receive",
        "",
        CaseStatus.RECEIVED,
        actor,
        _("Chuyển đến từ %(unit)s, hồ sơ %(code)s") % {"unit": source.unit.name, "code": source.code},
    )
    audit_log(
        actor=actor, action="cases.case.arrived", instance=arrived, unit=target, changes={"from_case": source.code}
    )
    recipients = access.arrival_recipient_ids(target)
    text = _("%(unit)s chuyển đến đơn %(code)s: %(title)s") % {
        "unit": source.unit.name,
        "code": arrived.code,
        "title": arrived.title[:200],
    }
    link = reverse("cases:detail", args=[arrived.pk])
    # In-app and by e-mail (after commit, by a worker, retried until sent): the receiving unit learns of it at once.
    notify_many(Notice(officer_id, "case_arrived", text, link, arrived.pk) for officer_id in recipients)
    return arrived


@transaction.atomic
def case_assign(*, actor: Any, case: Case, assignee: Any, expected_version: int | None = None) -> Case:
    """Give the case to a handler (a leader's decision; for a denunciation, a leader of its competent body, and the
    handler one of that body's officers, see ``access``). The new handler may open the vault, the previous one no
    longer does: the previous handler and the accepting leader are told of every reassignment."""
    locked = _lock(case, expected_version)
    if not access.can_assign(actor, locked):
        if locked.kind == CaseKind.DENUNCIATION:
            message = _("Chỉ lãnh đạo cơ quan có thẩm quyền giải quyết tố cáo mới phân công người xử lý.")
        else:
            message = _("Chỉ lãnh đạo đơn vị mới phân công cán bộ xử lý.")
        raise DomainError("forbidden", message, status=403)
    if not getattr(assignee, "is_active", False) or not access.is_eligible_handler(assignee, locked):
        message = (
            _("Người xử lý đơn tố cáo phải là cán bộ, lãnh đạo của cơ quan có thẩm quyền.")
            if locked.kind == CaseKind.DENUNCIATION
            else _("Cán bộ xử lý phải thuộc đơn vị có hồ sơ.")
        )
        raise DomainError("assignee_out_of_unit", message, field="assignee")
    previous = locked.assignee_id
    if previous == assignee.pk:
        return locked
    locked.assignee = assignee  # the next sweep tells the new handler of a case already due soon or overdue
    locked.version = F("version") + 1
    locked.save(update_fields=["assignee", "version", "updated_at"])
    locked.refresh_from_db(fields=["version"])
    audit_log(
        actor=actor,
        action="cases.case.assigned",
        instance=locked,
        unit=locked.unit,
        changes={"assignee": [previous, assignee.pk]},
    )
    summary = {"code": locked.code, "title": locked.title[:200], "name": str(assignee)}
    link = reverse("cases:detail", args=[locked.pk])
    # In-app only, as before issue 10 (the deadline and transfer notices are the ones e-mailed).
    notices = [
        Notice(
            assignee.pk,
            "case_assigned",
            _("Bạn được giao xử lý hồ sơ %(code)s: %(title)s") % summary,
            link,
            locked.pk,
            email=False,
        )
    ]
    told = {assignee.pk, actor.pk}
    if previous is not None and previous not in told:
        text = _("Hồ sơ %(code)s đã được giao cho %(name)s; bạn không còn là người xử lý.") % summary
        notices.append(Notice(previous, "case_reassigned", text, link, locked.pk, email=False))
        told.add(previous)
    if locked.accepted_by_id is not None and locked.accepted_by_id not in told:
        text = _("Hồ sơ %(code)s (%(title)s) được giao cho %(name)s xử lý.") % summary
        notices.append(Notice(locked.accepted_by_id, "case_reassigned", text, link, locked.pk, email=False))
    notify_many(notices)
    return locked


def _check_decision_received(decision_date: dt.date, received: dt.date | None, filed_on: dt.date) -> dt.date:
    """The day the complainant received the first decision, checked against the decision and today."""
    field = "decision_received_on"
    if received is None:
        raise DomainError(
            "decision_received_required",
            _(
                "Hãy nhập ngày người khiếu nại nhận được quyết định giải quyết lần đầu: thời hạn khiếu nại lần hai "
                "tính từ ngày đó (Điều 33 Luật Khiếu nại)."
            ),
            fields={field: [_("Bắt buộc.")]},
        )
    if received < decision_date:
        message = _("Ngày nhận quyết định không thể trước ngày ra quyết định (%(date)s).") % {
            "date": format_date(decision_date)
        }
        raise DomainError("decision_received_before_decision", message, fields={field: [message]})
    if received > timezone.localdate():
        message = _("Ngày nhận quyết định không thể ở tương lai.")
        raise DomainError("decision_received_in_future", message, fields={field: [message]})
    if received > filed_on:
        message = _("Ngày nhận quyết định không thể sau ngày nhận đơn khiếu nại lần hai.")
        raise DomainError("decision_received_after_filing", message, fields={field: [message]})
    return received


@transaction.atomic
def case_open_second_complaint(
    *,
    actor: Any,
    first: Case,
    unit: AdministrativeUnit,
    received_on: dt.date,
    summary: str,
    decision_received_on: dt.date | None = None,
    event_known_on: dt.date | None = None,
    late_filing_reason: str = "",
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> Case:
    """A second complaint on a first one (Luật Khiếu nại Art. 33): a new round-2 case at ``unit``, linked.

    The time to file counts from the day the complainant *received* the first decision (Art. 33), which the
    officer must give when there is a decision: not before the decision's date, not after the second complaint
    arrived, not in the future. ``event_known_on`` is the former name of ``decision_received_on``. Without a
    decision the time counts from the day the first resolution time ran out. Needs the officer role at ``unit`` (a
    current unit), checked before anything of the first case is told.
    """
    if not access.can_receive_at(actor, unit):
        raise DomainError("forbidden", _("Bạn không có quyền tiếp nhận đơn tại đơn vị này."), status=403)
    if first.kind != CaseKind.COMPLAINT or first.complaint_round != 1:
        raise DomainError("not_first_complaint", _("Chỉ khiếu nại lần đầu mới có khiếu nại lần hai."))
    if first.status not in SECOND_COMPLAINT_SOURCES:
        raise ConflictError(
            "not_resolvable_yet", _("Khiếu nại lần đầu chưa được thụ lý hoặc đã kết thúc không qua giải quyết.")
        )
    decision_received_on = decision_received_on or event_known_on
    if first.decision_date is None:
        # Without a decision, a second complaint may come only once the first's resolution time has run out
        # (Luật Khiếu nại Art. 33); the filing time then counts from that day.
        if first.due_on is None or received_on <= first.due_on:
            raise ConflictError(
                "first_complaint_pending",
                _("Khiếu nại lần đầu đang trong thời hạn giải quyết (đến %(date)s): chưa thể khiếu nại lần hai.")
                % {"date": format_date(first.due_on) if first.due_on else "—"},
            )
        event_known_on = decision_received_on or first.due_on
    else:
        event_known_on = _check_decision_received(first.decision_date, decision_received_on, received_on)
    people = [
        PersonIn(p.full_name, p.address, phone_or_blank(p.phone), p.id_number, p.is_representative)
        for p in first.people.all()
    ]
    second = case_receive(
        actor=actor,
        unit=unit,
        kind=CaseKind.COMPLAINT,
        channel=Channel.IN_PERSON,
        field=first.field,
        title=first.title,
        summary=summary or first.summary,
        received_on=received_on,
        people=people,
        persons_count=first.persons_count,
        complaint_round=2,
        subject_party=first.subject_party,
        event_known_on=event_known_on,
        late_filing_reason=late_filing_reason,
        is_remote_area=first.is_remote_area,
        submission_key=submission_key,
        submission_fingerprint=submission_fingerprint,
    )
    CaseLink.objects.get_or_create(case=second, other=first, kind=LinkKind.SECOND_ROUND, defaults={"created_by": actor})
    audit_log(
        actor=actor, action="cases.case.second_complaint", instance=second, unit=unit, changes={"first": first.code}
    )
    return second


@transaction.atomic
def case_link_duplicate(*, actor: Any, case: Case, other: Case, score: int | None = None, note: str = "") -> CaseLink:
    """Link ``case`` to an earlier case it duplicates; linked cases show one shared history."""
    if case.pk == other.pk:
        raise DomainError("link_self", _("Không thể liên kết hồ sơ với chính nó."))
    if not access.can_work_on(actor, case):
        raise DomainError("forbidden", _("Bạn không có quyền liên kết hồ sơ này."), status=403)
    link, created = CaseLink.objects.get_or_create(
        case=case,
        other=other,
        kind=LinkKind.DUPLICATE,
        defaults={"created_by": actor, "score": score, "note": single_line(note)[:300]},
    )
    if created:
        audit_log(
            actor=actor,
            action="cases.case.linked",
            instance=case,
            unit=case.unit,
            changes={"duplicate_of": other.code, "score": score},
        )
    return link


@transaction.atomic
def duplicate_dismiss(*, actor: Any, case: Case, other: Case) -> None:
    """Record that ``other`` is not a duplicate of ``case`` so it is not suggested again."""
    if not access.can_work_on(actor, case):
        raise DomainError("forbidden", _("Bạn không có quyền với hồ sơ này."), status=403)
    _dismissal, created = DuplicateDismissal.objects.get_or_create(
        case=case, other=other, defaults={"dismissed_by": actor}
    )
    if created:
        audit_log(
            actor=actor,
            action="cases.case.duplicate_dismissed",
            instance=case,
            unit=case.unit,
            changes={"other": other.code},
        )


def denouncer_read(*, actor: Any, case: Case) -> vault.DenouncerIdentity:
    """Decrypt the denouncer for the handler or the accepting leader; every read is audited (who, when, which case)."""
    if case.kind != CaseKind.DENUNCIATION or not access.can_read_denouncer(actor, case):
        raise DomainError("vault_forbidden", _("Bạn không có quyền xem thông tin người tố cáo."), status=404)
    row = Denouncer.objects.filter(case=case).first()
    if row is None:
        raise DomainError("vault_empty", _("Tố cáo nặc danh: không có thông tin người tố cáo."), status=404)
    audit_log(actor=actor, action="cases.denouncer.read", instance=case, unit=case.unit, changes={})
    return vault.unseal(row.ciphertext)


def denouncer_scan_add(*, actor: Any, case: Case, upload: UploadedFile) -> DenouncerScan:
    """Keep a handwriting or ID scan in the vault, encrypted with its name and type."""
    if case.kind != CaseKind.DENUNCIATION or not access.can_read_denouncer(actor, case):
        raise DomainError("vault_forbidden", _("Bạn không có quyền xem thông tin người tố cáo."), status=404)
    detected = validate_upload(upload)
    if (upload.size or 0) > SCAN_MAX_BYTES:
        raise DomainError("file_too_large", _("Bản chụp tối đa 10 MB."), status=413)
    upload.seek(0)
    content = upload.read()
    with transaction.atomic():
        row = Denouncer.objects.select_for_update(of=("self",)).filter(case=case).first()
        if row is None:
            raise DomainError("vault_empty", _("Tố cáo nặc danh: không có thông tin người tố cáo."), status=404)
        scan = DenouncerScan.objects.create(
            denouncer=row,
            ciphertext=vault.seal_scan(vault.VaultScan(str(upload.name or "scan"), detected.mime, content)),
            size=len(content),
        )
        audit_log(
            actor=actor,
            action="cases.denouncer.scan_added",
            instance=case,
            unit=case.unit,
            changes={"size": len(content)},
        )
    return scan


def case_attach(*, actor: Any, case: Case, upload: UploadedFile) -> Attachment:
    """Attach a document (decision, minutes, evidence) to a case; checked on its content."""
    if not access.can_work_on(actor, case):
        raise DomainError("forbidden", _("Bạn không có quyền đính kèm tệp vào hồ sơ này."), status=403)
    attachment = attachment_store(
        actor=actor, upload=upload, unit=case.unit, object_type=CASE_OBJECT_TYPE, object_id=case.pk
    )
    audit_log(
        actor=actor,
        action="cases.case.attached",
        instance=case,
        unit=case.unit,
        changes={"attachment": attachment.original_name},
    )
    return attachment
