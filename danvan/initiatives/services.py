"""Writes on the registry. Each runs in one transaction, validates, and leaves an audit entry.

State changes go through :func:`initiative_transition`, which consults ``workflow.TRANSITIONS``
and refuses a stale ``expected_version`` (two officers recognizing at once: one wins).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.attachments import attachment_store
from danvan.core.audit import audit_log, changes_between, snapshot
from danvan.core.errors import ConflictError, DomainError
from danvan.core.formatting import format_number
from danvan.core.models import AdministrativeUnit, Organization
from danvan.core.numbers import NumberFormatError, parse_number
from danvan.core.periods import latest_year, year_in_range
from danvan.core.text import fold, single_line
from danvan.core.validators import check_date, year_start
from danvan.initiatives import access
from danvan.initiatives.models import (
    Commendation,
    Criterion,
    Evaluation,
    Field,
    Funding,
    HonoreeType,
    Initiative,
    InitiativeKind,
    InitiativeLevel,
    InitiativeStatus,
    ProgressUpdate,
    RecognitionDecision,
    Rubric,
    Score,
    Transition,
)
from danvan.initiatives.workflow import TRANSITIONS

CONTENT_FIELDS = (
    "rationale",
    "goals",
    "content_method",
    "area_target",
    "implementers",
    "timeline",
    "outputs",
    "sustainability",
)
EDITABLE_FIELDS = (
    "name",
    "kind",
    "honoree_type",
    "honoree_name",
    "field",
    "level",
    "year",
    "movement",
    *CONTENT_FIELDS,
)
EDITABLE_STATUSES = frozenset({InitiativeStatus.DRAFT, InitiativeStatus.REGISTERED})


@dataclass(frozen=True)
class FundingLine:
    source: str
    amount: int
    note: str = ""


def initiative_search_text(initiative: Initiative) -> str:
    return fold(f"{initiative.name} {initiative.honoree_name} {initiative.unit.name} {initiative.organization.name}")[
        :600
    ]


def initiative_public_search_text(initiative: Initiative) -> str:
    """What the public showcase searches: the name, the unit and the body, never the honoree's name."""
    return fold(f"{initiative.name} {initiative.unit.name} {initiative.organization.name}")[:600]


def set_search_texts(initiative: Initiative) -> list[str]:
    """Fill the folded search columns of ``initiative``; returns their names (for ``update_fields``)."""
    initiative.search_text = initiative_search_text(initiative)
    initiative.public_search_text = initiative_public_search_text(initiative)
    return ["search_text", "public_search_text"]


def _validate_fundings(fundings: Iterable[FundingLine]) -> list[FundingLine]:
    lines = list(fundings)
    for index, line in enumerate(lines, start=1):
        if not line.source.strip():
            raise DomainError(
                "funding_source_required",
                _("Dòng kinh phí %(n)s: hãy ghi nguồn.") % {"n": index},
                fields={"fundings": [_("Thiếu nguồn.")]},
            )
        if not isinstance(line.amount, int) or isinstance(line.amount, bool) or line.amount < 0:
            raise DomainError(
                "invalid_amount",
                _("Dòng kinh phí %(n)s: số tiền phải là số nguyên không âm (đồng).") % {"n": index},
                fields={"fundings": [_("Số tiền không hợp lệ.")]},
            )
    return lines


def _check_content(*, kind: str, honoree_name: str, year: int, level: str) -> None:
    if kind not in InitiativeKind.values:
        raise DomainError("invalid_kind", _("Loại phải là mô hình hoặc điển hình."), field="kind")
    if kind == InitiativeKind.EXEMPLAR and not honoree_name.strip():
        raise DomainError(
            "honoree_required",
            _("Điển hình phải ghi rõ tên tập thể hoặc cá nhân."),
            fields={"honoree_name": [_("Bắt buộc với điển hình.")]},
        )
    if level not in InitiativeLevel.values:
        raise DomainError("invalid_level", _("Cấp không hợp lệ."), field="level")
    if not year_in_range(year, latest=latest_year()):
        raise DomainError("invalid_year", _("Năm đăng ký không hợp lệ."), field="year")


@transaction.atomic
def initiative_register(
    *,
    actor: Any,
    unit: AdministrativeUnit,
    organization: Organization,
    kind: str,
    name: str,
    field: Field,
    level: str,
    year: int,
    honoree_type: str = "",
    honoree_name: str = "",
    movement: Any = None,
    fundings: Sequence[FundingLine] = (),
    origin: Initiative | None = None,
    import_key: str | None = None,
    **content: str,
) -> Initiative:
    """Register (as a draft) a model or exemplar of ``organization`` at ``unit``, with its funds.

    Only at a current unit, by an officer there (``actor`` None: a command or a data migration, still at a current
    unit only)."""
    if not unit.is_current:
        raise DomainError("unit_not_current", _("Chỉ đăng ký tại đơn vị hành chính hiện hành."))
    if actor is not None and not access.can_register_at(actor, unit):
        raise DomainError("forbidden", _("Bạn không có quyền đăng ký mô hình tại đơn vị này."), status=403)
    name = single_line(name)
    if not name:
        raise DomainError("name_required", _("Hãy nhập tên mô hình, điển hình."), fields={"name": [_("Bắt buộc.")]})
    unknown = set(content) - set(CONTENT_FIELDS)
    if unknown:
        raise DomainError("invalid_field", _("Trường không hợp lệ: %s") % ", ".join(sorted(unknown)))
    if organization.unit_id != unit.pk and not unit.path.startswith(organization.unit.path):
        raise DomainError(
            "organization_elsewhere",
            _("Tổ chức đăng ký phải thuộc đơn vị này hoặc cấp trên của nó."),
            fields={"organization": [_("Không thuộc đơn vị.")]},
        )
    _check_content(kind=kind, honoree_name=honoree_name, year=year, level=level)
    lines = _validate_fundings(fundings)
    initiative = Initiative(
        unit=unit,
        unit_path=unit.path,
        province_code=unit.province_code,
        organization=organization,
        kind=kind,
        honoree_type=honoree_type if kind == InitiativeKind.EXEMPLAR else "",
        honoree_name=honoree_name.strip() if kind == InitiativeKind.EXEMPLAR else "",
        name=name,
        field=field,
        level=level,
        year=year,
        movement=movement,
        origin=origin,
        import_key=import_key,
        created_by=_actor(actor),
        funds_total=sum(line.amount for line in lines),
        **{k: (v or "").strip() for k, v in content.items()},
    )
    set_search_texts(initiative)
    initiative.full_clean(exclude=["created_by", "import_key"])
    initiative.save()
    Funding.objects.bulk_create(
        [
            Funding(initiative=initiative, source=line.source.strip(), amount=line.amount, note=line.note)
            for line in lines
        ]
    )
    audit_log(
        actor=actor,
        action="initiatives.initiative.registered",
        instance=initiative,
        unit=unit,
        changes={
            "name": name,
            "kind": kind,
            "level": level,
            "year": year,
            "funds_total": initiative.funds_total,
            "origin": origin.pk if origin else None,
        },
    )
    return initiative


def _actor(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _lock(initiative: Initiative, expected_version: int | None) -> Initiative:
    locked = (
        Initiative.objects.select_for_update(of=("self",)).select_related("unit", "organization").get(pk=initiative.pk)
    )
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError("stale", _("Hồ sơ đã được người khác thay đổi. Vui lòng tải lại trang và thử lại."))
    return locked


@transaction.atomic
def initiative_update(
    *,
    actor: Any,
    initiative: Initiative,
    expected_version: int | None,
    fundings: Sequence[FundingLine] | None = None,
    **values: Any,
) -> Initiative:
    """Edit the registration while it is a draft or just registered."""
    locked = _lock(initiative, expected_version)
    if locked.status not in EDITABLE_STATUSES:
        raise DomainError("not_editable", _("Chỉ sửa nội dung đăng ký khi ở trạng thái dự thảo hoặc đã đăng ký."))
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError("invalid_field", _("Không thể sửa các trường: %s") % ", ".join(sorted(unknown)))
    before = snapshot(locked, values)
    for name, value in values.items():
        setattr(locked, name, value.strip() if isinstance(value, str) else value)
    _check_content(kind=locked.kind, honoree_name=locked.honoree_name, year=locked.year, level=locked.level)
    changed = list(values)
    if fundings is not None:
        lines = _validate_fundings(fundings)
        locked.fundings.all().delete()
        Funding.objects.bulk_create(
            [
                Funding(initiative=locked, source=line.source.strip(), amount=line.amount, note=line.note)
                for line in lines
            ]
        )
        locked.funds_total = sum(line.amount for line in lines)
        changed.append("funds_total")
    search_fields = set_search_texts(locked)
    locked.version = F("version") + 1
    locked.full_clean(exclude=["created_by", "import_key", "version"])
    locked.save(update_fields=[*changed, *search_fields, "version", "updated_at"])
    locked.refresh_from_db(fields=["version"])
    audit_log(
        actor=actor,
        action="initiatives.initiative.updated",
        instance=locked,
        unit=locked.unit,
        changes=changes_between(before, {k: getattr(locked, k) for k in values}),
    )
    return locked


@transaction.atomic
def initiative_self_assess(
    *, actor: Any, initiative: Initiative, results: str, lessons: str = "", expected_version: int | None
) -> Initiative:
    """The unit's self-assessment (what was achieved against the registered goals, lessons), recorded with the
    "self_assess" step that hands the initiative to the council of the recognizing level."""
    results, lessons = (results or "").strip(), (lessons or "").strip()
    if not results:
        raise DomainError(
            "self_assessment_required",
            _("Hãy ghi kết quả đạt được so với mục tiêu đã đăng ký."),
            fields={"results": [_("Hãy ghi kết quả đạt được so với mục tiêu đã đăng ký.")]},
        )
    assessed = initiative_transition(
        actor=actor, initiative=initiative, action="self_assess", expected_version=expected_version
    )
    assessed.self_assessment, assessed.self_assessment_lessons = results, lessons
    assessed.self_assessed_on = timezone.localdate()
    assessed.save(update_fields=["self_assessment", "self_assessment_lessons", "self_assessed_on", "updated_at"])
    audit_log(
        actor=actor,
        action="initiatives.initiative.self_assessed",
        instance=assessed,
        unit=assessed.unit,
        changes={"self_assessment": results, "self_assessment_lessons": lessons},
    )
    return assessed


@transaction.atomic
def initiative_delete(*, actor: Any, initiative: Initiative, expected_version: int | None) -> None:
    """Delete a draft (never submitted: nothing official refers to it yet), with its funding lines; audited with
    its name so the trail still says what was deleted. A registered initiative is discontinued, not deleted."""
    locked = _lock(initiative, expected_version)
    if locked.status != InitiativeStatus.DRAFT:
        raise ConflictError(
            "not_draft", _("Chỉ xóa hồ sơ ở trạng thái dự thảo; hồ sơ đã đăng ký thì ghi nhận ngừng thực hiện.")
        )
    audit_log(
        actor=actor,
        action="initiatives.initiative.deleted",
        instance=locked,
        unit=locked.unit,
        changes={"name": locked.name, "year": locked.year},
    )
    locked.delete()


@transaction.atomic
def initiative_transition(
    *,
    actor: Any,
    initiative: Initiative,
    action: str,
    reason: str = "",
    expected_version: int | None = None,
    on: dt.date | None = None,
) -> Initiative:
    """Move an initiative along ``workflow.TRANSITIONS``; refuses a wrong state, role or stale version."""
    step = TRANSITIONS.get(action)
    if step is None:
        raise DomainError("unknown_action", _("Thao tác không hợp lệ."))
    locked = _lock(initiative, expected_version)
    if locked.status not in step.sources:
        raise ConflictError(
            "invalid_transition",
            _("Không thể “%(action)s” khi hồ sơ đang ở trạng thái “%(status)s”.")
            % {"action": step.label, "status": locked.get_status_display()},
        )
    if not access.can_take(actor, locked, step):
        raise DomainError(
            "forbidden", _("Bạn không có quyền “%(action)s” hồ sơ này.") % {"action": step.label}, status=403
        )
    reason = (reason or "").strip()
    if step.needs_reason and not reason:
        raise DomainError("reason_required", _("Hãy ghi lý do."), fields={"reason": [_("Bắt buộc.")]})
    today = on or timezone.localdate()
    previous = locked.status
    locked.status = step.target
    fields = ["status", "version", "updated_at"]
    if step.target == InitiativeStatus.REGISTERED and locked.registered_on is None:
        locked.registered_on = today
        fields.append("registered_on")
    if step.target == InitiativeStatus.RECOGNIZED:
        locked.recognized_on, locked.recognized_year = today, today.year
        fields += ["recognized_on", "recognized_year"]
    locked.version = F("version") + 1
    locked.save(update_fields=fields)
    locked.refresh_from_db(fields=["version"])
    Transition.objects.create(
        initiative=locked,
        action=action,
        from_status=previous,
        to_status=step.target,
        actor=_actor(actor),
        reason=reason,
    )
    audit_log(
        actor=actor,
        action=f"initiatives.initiative.{action}",
        instance=locked,
        unit=locked.unit,
        changes={"status": [previous, step.target], "reason": reason},
    )
    return locked


@transaction.atomic
def progress_add(
    *,
    actor: Any,
    initiative: Initiative,
    reported_on: dt.date,
    text: str,
    figures: Sequence[Mapping[str, Any]] = (),
    files: Sequence[UploadedFile] = (),
) -> ProgressUpdate:
    """Report progress with figures ("05 tuyến đường kiểu mẫu 500 m") and photos or documents as evidence."""
    if not (text or "").strip():
        raise DomainError("text_required", _("Hãy nhập nội dung cập nhật."), fields={"text": [_("Bắt buộc.")]})
    check_date(reported_on, field="reported_on", earliest=year_start(initiative.year), latest=timezone.localdate())
    if initiative.status in (InitiativeStatus.DRAFT, InitiativeStatus.DISCONTINUED):
        raise DomainError("not_running", _("Chỉ cập nhật tiến độ cho hồ sơ đã đăng ký và chưa dừng."))
    update = ProgressUpdate.objects.create(
        initiative=initiative,
        reported_on=reported_on,
        text=text.strip(),
        figures=list(figures),
        created_by=_actor(actor),
    )
    for upload in files:
        attachment_store(
            actor=actor,
            upload=upload,
            unit=initiative.unit,
            object_type="initiatives.progressupdate",
            object_id=update.pk,
        )
    audit_log(
        actor=actor,
        action="initiatives.progress.added",
        instance=update,
        unit=initiative.unit,
        changes={"initiative": initiative.pk, "files": len(files)},
    )
    return update


def _current_rubric(initiative: Initiative) -> Rubric:
    rubric = (
        Rubric.objects.filter(
            province__tree=initiative.unit.tree, province__code=initiative.province_code, year=initiative.year
        )
        .prefetch_related("criteria")
        .first()
    )
    if rubric is None:
        raise DomainError(
            "rubric_missing", _("Chưa có bộ tiêu chí chấm điểm của tỉnh cho năm %(year)s.") % {"year": initiative.year}
        )
    return rubric


@transaction.atomic
def evaluation_score(*, actor: Any, initiative: Initiative, points: Mapping[int, Decimal]) -> Evaluation:
    """Record one council member's points per criterion (each ≤ its maximum); recompute the average."""
    step = TRANSITIONS["evaluate"]
    if initiative.status != InitiativeStatus.SELF_ASSESSED:
        raise ConflictError("invalid_transition", _("Chỉ chấm điểm hồ sơ đã tự đánh giá."))
    if not access.can_take(actor, initiative, step):
        raise DomainError("forbidden", _("Bạn không thuộc hội đồng chấm điểm của cấp công nhận."), status=403)
    rubric = _current_rubric(initiative)
    criteria = {c.pk: c for c in rubric.criteria.all()}
    errors: dict[str, list[str]] = {}
    for criterion_id, value in points.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            errors[str(criterion_id)] = [_("Tiêu chí không thuộc bộ tiêu chí.")]
        elif value < 0 or value > criterion.max_points:
            errors[str(criterion_id)] = [
                _("Điểm tiêu chí “%(name)s” phải từ 0 đến %(max)s.")
                % {"name": criterion.name, "max": format_number(criterion.max_points, 2)}
            ]
    missing = set(criteria) - set(points)
    for criterion_id in missing:
        errors[str(criterion_id)] = [_("Chưa chấm tiêu chí “%(name)s”.") % {"name": criteria[criterion_id].name}]
    if errors:
        raise DomainError("invalid_scores", _("Điểm chấm không hợp lệ."), fields=errors)
    evaluation, _created = Evaluation.objects.get_or_create(initiative=initiative, rubric=rubric)
    for criterion_id, value in points.items():
        Score.objects.update_or_create(
            evaluation=evaluation, evaluator=actor, criterion_id=criterion_id, defaults={"points": value}
        )
    evaluation.average = evaluation_average(evaluation, criteria)
    evaluation.passed = evaluation.average >= rubric.pass_mark
    evaluation.save(update_fields=["average", "passed"])
    audit_log(
        actor=actor,
        action="initiatives.evaluation.scored",
        instance=evaluation,
        unit=initiative.unit,
        changes={"points": {str(k): str(v) for k, v in points.items()}, "average": str(evaluation.average)},
    )
    return evaluation


def evaluation_average(evaluation: Evaluation, criteria: Mapping[int, Criterion]) -> Decimal:
    """Mean over council members of each member's weighted total Σ points × weight, to two decimals."""
    totals: dict[int, Decimal] = {}
    for score in Score.objects.filter(evaluation=evaluation):
        totals[score.evaluator_id] = (
            totals.get(score.evaluator_id, Decimal(0)) + score.points * criteria[score.criterion_id].weight
        )
    if not totals:
        return Decimal(0)
    return (sum(totals.values(), Decimal(0)) / len(totals)).quantize(Decimal("0.01"))


@transaction.atomic
def evaluation_close(*, actor: Any, initiative: Initiative, expected_version: int | None = None) -> Initiative:
    """End the scoring: the initiative becomes "evaluated" with the council's average."""
    evaluation = Evaluation.objects.filter(initiative=initiative, closed_at__isnull=True).first()
    if evaluation is None or evaluation.average is None:
        raise DomainError("no_scores", _("Hội đồng chưa chấm điểm hồ sơ này."))
    evaluation.closed_at = timezone.now()
    evaluation.save(update_fields=["closed_at"])
    return initiative_transition(
        actor=actor,
        initiative=initiative,
        action="evaluate",
        expected_version=expected_version,
        reason=_("Điểm trung bình %(avg)s; %(result)s")
        % {
            "avg": evaluation.average,
            "result": _("đạt") if evaluation.passed else _("không đạt"),
        },
    )


@transaction.atomic
def recognition_decide(
    *,
    actor: Any,
    organization: Organization,
    number: str,
    symbol: str,
    signed_on: dt.date,
    signer_name: str,
    signer_title: str,
    initiatives: Sequence[tuple[Initiative, int | None]],
) -> RecognitionDecision:
    """Issue a recognition decision for several initiatives at once; all are recognized or none.

    Each initiative comes with the version the officer saw, so a concurrent recognition is refused.
    """
    if not initiatives:
        raise DomainError("no_initiatives", _("Hãy chọn ít nhất một mô hình, điển hình."))
    if not number.strip() or not symbol.strip() or not signer_name.strip():
        raise DomainError("decision_incomplete", _("Hãy nhập số, ký hiệu và người ký quyết định."))
    # Not before the registration year of the earliest initiative it recognizes, not after today.
    check_date(
        signed_on,
        field="signed_on",
        earliest=year_start(min(initiative.year for initiative, _version in initiatives)),
        latest=timezone.localdate(),
    )
    decision = RecognitionDecision.objects.create(
        organization=organization,
        unit=organization.unit,
        number=number.strip(),
        symbol=symbol.strip(),
        signed_on=signed_on,
        signer_name=signer_name.strip(),
        signer_title=signer_title.strip(),
        created_by=_actor(actor),
    )
    for initiative, version in initiatives:
        recognized = initiative_transition(
            actor=actor,
            initiative=initiative,
            action="recognize",
            expected_version=version,
            on=signed_on,
            reason=_("Quyết định số %(n)s/%(s)s") % {"n": number, "s": symbol},
        )
        decision.initiatives.add(recognized)
    audit_log(
        actor=actor,
        action="initiatives.decision.issued",
        instance=decision,
        unit=organization.unit,
        changes={"initiatives": [i.pk for i, _v in initiatives]},
    )
    return decision


@transaction.atomic
def commendation_add(
    *,
    actor: Any,
    initiative: Initiative,
    kind: str,
    recipient_type: str,
    recipient_name: str,
    awarded_by: Organization,
    awarded_on: dt.date,
    decision_number: str = "",
    amount: int = 0,
) -> Commendation:
    if initiative.status not in (InitiativeStatus.RECOGNIZED, InitiativeStatus.MAINTAINED):
        raise DomainError("not_recognized", _("Chỉ khen thưởng mô hình, điển hình đã được công nhận."))
    if recipient_type not in HonoreeType.values or not recipient_name.strip():
        raise DomainError("recipient_required", _("Hãy ghi tập thể hoặc cá nhân được khen."))
    if amount < 0:
        raise DomainError("invalid_amount", _("Tiền thưởng không được âm."), fields={"amount": [_("Không được âm.")]})
    check_date(awarded_on, field="awarded_on", earliest=year_start(initiative.year), latest=timezone.localdate())
    commendation = Commendation(
        initiative=initiative,
        kind=kind,
        recipient_type=recipient_type,
        recipient_name=recipient_name.strip(),
        awarded_by=awarded_by,
        awarded_on=awarded_on,
        decision_number=decision_number.strip(),
        amount=amount,
    )
    commendation.full_clean()
    commendation.save()
    audit_log(
        actor=actor,
        action="initiatives.commendation.added",
        instance=commendation,
        unit=initiative.unit,
        changes={"kind": kind, "recipient": recipient_name, "amount": amount},
    )
    return commendation


@transaction.atomic
def initiative_replicate(
    *, actor: Any, origin: Initiative, unit: AdministrativeUnit, organization: Organization, year: int
) -> Initiative:
    """Another unit adopts a recognized model: a new draft pointing to its origin."""
    if origin.status not in (InitiativeStatus.RECOGNIZED, InitiativeStatus.MAINTAINED):
        raise DomainError("not_recognized", _("Chỉ nhân rộng mô hình đã được công nhận."))
    if unit.pk == origin.unit_id:
        raise DomainError("same_unit", _("Hãy chọn một đơn vị khác với nơi khởi xướng mô hình."))
    level = (
        InitiativeLevel.VILLAGE
        if unit.level == 4
        else (InitiativeLevel.PROVINCE if unit.level == 1 else InitiativeLevel.COMMUNE)
    )
    return initiative_register(
        actor=actor,
        unit=unit,
        organization=organization,
        kind=origin.kind,
        name=origin.name,
        field=origin.field,
        level=level,
        year=year,
        honoree_type=origin.honoree_type,
        honoree_name=origin.honoree_name,
        origin=origin,
        **{name: getattr(origin, name) for name in CONTENT_FIELDS},
    )


@transaction.atomic
def initiative_publish(*, actor: Any, initiative: Initiative, is_public: bool, public_summary: str) -> Initiative:
    """Show (or hide) a recognized initiative on the public showcase, with the text the officer chooses to publish."""
    if is_public and initiative.status not in (InitiativeStatus.RECOGNIZED, InitiativeStatus.MAINTAINED):
        raise DomainError("not_recognized", _("Chỉ công bố mô hình, điển hình đã được công nhận."))
    if is_public and not public_summary.strip():
        raise DomainError(
            "summary_required",
            _("Hãy viết phần tóm tắt công bố (không ghi thông tin cá nhân)."),
            fields={"public_summary": [_("Bắt buộc.")]},
        )
    before = {"is_public": initiative.is_public, "public_summary": initiative.public_summary}
    initiative.is_public, initiative.public_summary = is_public, public_summary.strip()
    initiative.save(update_fields=["is_public", "public_summary", "updated_at"])
    audit_log(
        actor=actor,
        action="initiatives.initiative.published" if is_public else "initiatives.initiative.hidden",
        instance=initiative,
        unit=initiative.unit,
        changes=changes_between(before, {"is_public": is_public, "public_summary": initiative.public_summary}),
    )
    return initiative


def parse_points(text: str) -> Decimal:
    """Points typed by a council member the Vietnamese way: "8,5" or "8"."""
    try:
        return parse_number(text)
    except NumberFormatError as exc:
        raise DomainError("invalid_scores", exc.message) from exc
