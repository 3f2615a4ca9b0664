"""Report templates and the units' submissions: a unit sends a template to the units below it (communes of a
province) for a period; each unit fills in entered figures and the narrative and submits — the computed figures
are frozen then; the reviewing unit returns it with comments, the unit fixes and resubmits, the reviewer approves
and locks it. After the lock nothing changes. Later changes in the records show as a diff against the frozen
figures. Role checks are in ``access.py``; every change is audited and versioned (a stale version is 409)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.audit import audit_log
from danvan.core.errors import ConflictError, DomainError
from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
from danvan.core.periods import Period, invalid_period
from danvan.reporting import access
from danvan.reporting.indicators import Place, compute
from danvan.reporting.models.indicators import ReportType
from danvan.reporting.models.submissions import (
    NARRATIVE_PARTS,
    DocumentFormat,
    PeriodKind,
    ReportTemplate,
    ReviewComment,
    Submission,
    SubmissionStatus,
)
from danvan.reporting.periods import ReportPeriod, parse_period, period_code_for, with_cutoff

# --- Periods: the shared report codes of ``reporting.periods`` ---------------------------------------------------

# The kind of period of a template, by the kind of a report period ("D", two dates, matches none).
PERIOD_KINDS = {
    "M": PeriodKind.MONTH,
    "Q": PeriodKind.QUARTER,
    "H": PeriodKind.HALF,
    "9M": PeriodKind.NINE_MONTHS,
    "Y": PeriodKind.YEAR,
    "T": PeriodKind.TERM,
}
EXAMPLES = {
    PeriodKind.MONTH: "2026-M03",
    PeriodKind.QUARTER: "2026-Q1",
    PeriodKind.HALF: "2026-H1",
    PeriodKind.NINE_MONTHS: "2026-9M",
    PeriodKind.YEAR: "2026",
    PeriodKind.TERM: "2021-2025",
}


def report_type_of(ref: Any) -> ReportType | None:
    """A report type from itself or its code ("state-year"); None for none; 422 ``invalid_period`` naming
    ``report_type`` for an unknown code."""
    if ref is None or ref == "":
        return None
    if isinstance(ref, ReportType):
        return ref
    found = ReportType.objects.filter(code=str(ref).strip()).first()
    if found is None:
        raise invalid_period(_("Không có loại báo cáo “%(code)s”.") % {"code": str(ref).strip()}, "report_type")
    return found


def period_of(code: str, *, report_type: Any = None, field_name: str = "period") -> ReportPeriod:
    """The report period of a code (``reporting.periods.parse_period``: "2026-M03", "2026-Q1", "2026-H1",
    "2026-9M", "2026", "2021-2025", "2026-01-01..2026-03-31"; letters in either case), shifted to the report
    type's cut-off (``with_cutoff``) when one is given; 422 ``invalid_period`` naming ``field_name`` otherwise."""
    period = parse_period((code or "").strip().upper(), field_name=field_name)
    kind = report_type_of(report_type)
    return with_cutoff(period, kind.cutoff_day) if kind is not None else period


def template_period(template: ReportTemplate, code: str, *, field_name: str = "period") -> ReportPeriod:
    """The period ``code`` names for ``template``: shifted to its report type's cut-off when it has one."""
    return period_of(code, report_type=template.report_type, field_name=field_name)


def period_kind_of(code: str) -> str:
    """The template kind of period a code is ("half" for "2026-H1"); "" for two dates that are no named period."""
    return PERIOD_KINDS.get(period_of(code).kind, "")


def check_period_kind(template: ReportTemplate, period: ReportPeriod, *, field_name: str = "period") -> None:
    """A template is sent for a period of its kind: a half-year template for "2026-H1", not for "2026-Q1" —
    422 ``period_kind`` naming the field otherwise."""
    if PERIOD_KINDS.get(period.kind) == template.period_kind:
        return
    kind = PeriodKind(template.period_kind) if template.period_kind in PeriodKind.values else None
    message = _("Mẫu báo cáo này dùng cho kỳ %(kind)s (ví dụ %(example)s); không gửi được cho %(period)s.") % {
        "kind": str(kind.label).lower() if kind is not None else template.period_kind,
        "example": EXAMPLES.get(kind, "2026-H1") if kind is not None else "2026-H1",
        "period": period.label[:1].lower() + period.label[1:],
    }
    raise DomainError("period_kind", message, status=422, fields={field_name: [message]})


def submission_period(submission: Submission) -> ReportPeriod:
    """The submission's report period: its code (shifted to its template's cut-off, if any) when that names exactly
    its dates, else its two dates."""
    try:
        period = parse_period(submission.period_code)
    except DomainError:
        period = None
    if period is not None:
        report_type = submission.template.report_type
        if report_type is not None:
            period = with_cutoff(period, report_type.cutoff_day)
        if (period.start, period.end) == (submission.period_start, submission.period_end):
            return period
    return period_code_for(Period(submission.period_start, submission.period_end))


# --- Templates ------------------------------------------------------------------------------------------------


def clean_sections(sections: Any) -> list[dict[str, Any]]:
    """Sections as data: ``[{"title", "codes": [...], "prompts": [...]}]``; at least one, each titled."""
    if not isinstance(sections, list) or not sections:
        raise DomainError("sections", _("Mẫu báo cáo cần ít nhất một phần."), fields={"sections": [_("Bắt buộc.")]})
    cleaned = []
    for section in sections:
        title = str((section or {}).get("title", "")).strip()
        if not title:
            raise DomainError("sections", _("Mỗi phần cần có tiêu đề."), fields={"sections": [_("Thiếu tiêu đề.")]})
        codes = [str(code).strip() for code in section.get("codes", []) if str(code).strip()]
        prompts = [str(prompt).strip() for prompt in section.get("prompts", []) if str(prompt).strip()]
        cleaned.append({"title": title[:300], "codes": codes, "prompts": prompts})
    return cleaned


def template_create(
    *,
    actor: Any,
    unit: AdministrativeUnit,
    name: str,
    period_kind: str,
    doc_format: str,
    sections: Any,
    body_kind: str = "commune",
    issuer_name: str = "",
    report_type: Any = None,
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> ReportTemplate:
    """A report template; ``report_type`` (a ``ReportType`` or its code, of the same kind of period) makes its
    submissions count the period up to that report's cut-off."""
    if not access.submission_can_send(actor, unit):
        raise Http404
    errors: dict[str, list[str]] = {}
    if not (name or "").strip():
        errors["name"] = [_("Bắt buộc.")]
    if period_kind not in PeriodKind.values:
        errors["period_kind"] = [_("Loại kỳ không hợp lệ.")]
    if doc_format not in DocumentFormat.values:
        errors["doc_format"] = [_("Thể thức không hợp lệ.")]
    kind = report_type_of(report_type)
    if kind is not None and PERIOD_KINDS.get(kind.period_kind) != period_kind:
        errors["report_type"] = [
            _("Loại báo cáo “%(name)s” dùng cho kỳ khác loại kỳ của mẫu.") % {"name": kind.name},
        ]
    if errors:
        raise DomainError("invalid", _("Mẫu báo cáo chưa hợp lệ."), fields=errors)
    template = ReportTemplate.objects.create(
        owner_unit=unit,
        name=name.strip()[:300],
        period_kind=period_kind,
        doc_format=doc_format,
        sections=clean_sections(sections),
        body_kind=body_kind or "commune",
        issuer_name=(issuer_name or "").strip()[:200],
        report_type=kind,
        created_by=actor,
        submission_key=submission_key,
        submission_fingerprint=submission_fingerprint,
    )
    audit_log(actor=actor, action="reporting.template.created", instance=template, unit=unit)
    return template


def recipients_of(unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    """The current communes under ``unit`` (a province), or its direct current children otherwise."""
    below = AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, path__startswith=unit.path).exclude(pk=unit.pk)
    communes = list(below.filter(level=UnitLevel.COMMUNE, valid_to__isnull=True))
    return communes or list(below.filter(parent=unit))


@dataclass(frozen=True)
class SendResult:
    created: int
    existing: int
    submissions: list[Submission]


@transaction.atomic
def template_send(
    *,
    actor: Any,
    template: ReportTemplate,
    period_code: str,
    due_on: dt.date | None = None,
    units: list[AdministrativeUnit] | None = None,
) -> SendResult:
    """Ask the units below the template's unit for a report for the period; sending again adds only the missing
    ones (idempotent)."""
    if not access.submission_can_send(actor, template.owner_unit):
        raise Http404
    period = template_period(template, period_code)
    check_period_kind(template, period)
    if due_on is not None and due_on < period.start:
        raise DomainError("due_on", _("Hạn nộp trước đầu kỳ báo cáo."), fields={"due_on": [_("Hạn nộp không hợp lệ.")]})
    targets = units if units is not None else recipients_of(template.owner_unit)
    for target in targets:
        if not target.path.startswith(template.owner_unit.path) or target.pk == template.owner_unit.pk:
            raise Http404
    existing = set(
        Submission.objects.filter(
            template=template, period_start=period.start, period_end=period.end, unit__in=targets
        ).values_list("unit_id", flat=True)
    )
    made = [
        Submission(
            template=template,
            unit=target,
            unit_path=target.path,
            reviewer_unit=template.owner_unit,
            period_code=period.code,
            period_start=period.start,
            period_end=period.end,
            due_on=due_on,
            sent_by=actor,
        )
        for target in targets
        if target.pk not in existing
    ]
    Submission.objects.bulk_create(made)
    audit_log(
        actor=actor,
        action="reporting.template.sent",
        instance=template,
        unit=template.owner_unit,
        changes={"period": period.code, "units": len(made)},
    )
    _notify_units(made, template)
    all_rows = list(
        Submission.objects.filter(template=template, period_start=period.start, period_end=period.end).select_related(
            "unit"
        )
    )
    return SendResult(created=len(made), existing=len(existing), submissions=all_rows)


def _notify_units(submissions: list[Submission], template: ReportTemplate) -> None:
    """Tell the officers of each unit that a report is asked of them."""
    if not submissions:
        return
    from danvan.notifications.services import Notice, notify_many
    from danvan.reporting import access

    by_path = {submission.unit.path: submission for submission in submissions}
    memberships = access.submission_writer_memberships([s.unit_id for s in submissions]).values_list(
        "officer_id", "unit_path"
    )
    notices = []
    for officer_id, path in memberships:
        submission = by_path.get(path)
        if submission is None:
            continue
        notices.append(
            Notice(
                recipient_id=officer_id,
                kind="reporting.submission.sent",
                text=_("Yêu cầu báo cáo: %(name)s, kỳ %(period)s.")
                % {"name": template.name, "period": submission.period_code},
                email=False,
            )
        )
    if notices:
        notify_many(notices)


# --- Submissions ----------------------------------------------------------------------------------------------


def _check_version(submission: Submission, version: int | None) -> None:
    if version is not None and int(version) != submission.version:
        raise ConflictError("stale", _("Báo cáo đã được người khác thay đổi; hãy tải lại trang."))


def _check_not_locked(submission: Submission) -> None:
    if submission.status == SubmissionStatus.LOCKED:
        raise ConflictError("locked", _("Báo cáo đã khoá, không thể thay đổi."))


def _bump(submission: Submission, fields: list[str]) -> None:
    submission.version += 1
    submission.save(update_fields=[*fields, "version", "updated_at", "unit_path"])


def _clean_entered(submission: Submission, entered: dict[str, Any]) -> dict[str, str]:
    allowed = set(submission.template.indicator_codes)
    cleaned: dict[str, str] = {}
    errors: dict[str, list[str]] = {}
    for code, raw in (entered or {}).items():
        if raw in (None, ""):
            continue
        if code not in allowed:
            errors[code] = [_("Chỉ tiêu không có trong mẫu báo cáo.")]
            continue
        text = str(raw).strip().replace(".", "").replace(",", ".") if isinstance(raw, str) else str(raw)
        try:
            value = Decimal(text)
        except InvalidOperation:
            errors[code] = [_("Không phải là số.")]
            continue
        if not value.is_finite():
            errors[code] = [_("Không phải là số.")]
            continue
        if value < 0:
            errors[code] = [_("Không được âm.")]
            continue
        cleaned[code] = format(value.normalize(), "f")  # "150", not "1.5E+2"
    if errors:
        raise DomainError("invalid", _("Số liệu nhập chưa hợp lệ."), fields=errors)
    return cleaned


# The key of the narrative that keeps, per code, the entered figures confirmed although they contradict the computed
# ones: {"code": {"value": "150", "computed": "137", "note": "the reason"}}.
CONFIRMED = "entered_confirmed"


def _check_contradictions(
    submission: Submission, entered: dict[str, str], *, confirm: bool, note: str
) -> dict[str, dict[str, str]]:
    """The rule of the standalone entered figures (``indicator_services.enter_figure``): an entered value that
    differs from the computed figure of the same code (or of the one it is checked against) is refused with both
    numbers (409 ``contradiction``, beside each field) until confirmed with a reason. Returns the confirmations to
    keep: those given now and earlier ones for unchanged values."""
    from danvan.reporting.indicator_services import contradiction

    period = submission_period(submission)
    earlier = dict((submission.narrative or {}).get(CONFIRMED) or {})
    kept: dict[str, dict[str, str]] = {}
    refused: dict[str, list[str]] = {}
    messages = []
    for code, text in entered.items():
        found = contradiction(submission.unit, period, code, Decimal(text))
        if found is None:
            continue
        before = earlier.get(code) or {}
        if before.get("value") == text and before.get("computed") == str(found.computed):
            kept[code] = before
        elif confirm and note.strip():
            kept[code] = {"value": text, "computed": str(found.computed), "note": note.strip()}
        else:
            refused[code] = [str(found.message)]
            messages.append(str(found.message))
    if refused:
        raise DomainError("contradiction", " ".join(messages), status=409, fields=refused)
    return kept


def submission_update(
    *,
    actor: Any,
    submission: Submission,
    version: int | None,
    narrative: dict[str, str] | None = None,
    entered: dict[str, Any] | None = None,
    confirm: bool = False,
    note: str = "",
) -> Submission:
    """Save the unit's narrative and entered figures (draft or returned only). An entered figure contradicting the
    computed one is refused (409 ``contradiction``) unless ``confirm`` with a ``note`` giving the reason, which the
    submission and the audit keep."""
    if not access.submission_can_write(actor, submission):
        raise Http404
    _check_not_locked(submission)
    _check_version(submission, version)
    if not submission.is_editable:
        raise ConflictError("not_editable", _("Báo cáo đã nộp; chỉ sửa được khi đang soạn hoặc bị trả lại."))
    fields = []
    confirmed = None
    if entered is not None:
        cleaned = _clean_entered(submission, entered)
        confirmed = _check_contradictions(submission, cleaned, confirm=confirm, note=note or "")
        submission.entered = cleaned
        fields.append("entered")
    if narrative is not None or confirmed is not None:
        before = submission.narrative or {}
        text = narrative if narrative is not None else before
        submission.narrative = {
            part: str(text.get(part, before.get(part, "")) or "").strip() for part in NARRATIVE_PARTS
        }
        kept = confirmed if confirmed is not None else before.get(CONFIRMED)
        if kept:
            submission.narrative[CONFIRMED] = kept
        fields.append("narrative")
    _bump(submission, fields)
    audit_log(
        actor=actor,
        action="reporting.submission.updated",
        instance=submission,
        unit=submission.unit,
        changes={"contradictions": confirmed} if confirmed else None,
    )
    return submission


def compute_figures(submission: Submission) -> dict[str, Any]:
    """The template's computed indicators for the unit and period now (JSON-ready: numbers as strings)."""
    codes = submission.template.indicator_codes
    values = compute(Place.of(submission.unit), submission_period(submission).period, codes)
    return {code: (None if value is None else str(value)) for code, value in values.items()}


@transaction.atomic
def submission_submit(
    *,
    actor: Any,
    submission: Submission,
    version: int | None,
    narrative: dict[str, str] | None = None,
    entered: dict[str, Any] | None = None,
    confirm: bool = False,
    note: str = "",
) -> Submission:
    """Submit (or resubmit after a return): the computed figures are frozen now. Entered figures as in
    :func:`submission_update` (a contradiction needs ``confirm`` and a ``note``)."""
    if not access.submission_can_write(actor, submission):
        raise Http404
    submission = (
        Submission.objects.select_for_update(of=("self",)).select_related("template", "unit").get(pk=submission.pk)
    )
    if narrative is not None or entered is not None:
        submission = submission_update(
            actor=actor,
            submission=submission,
            version=version,
            narrative=narrative,
            entered=entered,
            confirm=confirm,
            note=note,
        )
        version = submission.version
    _check_not_locked(submission)
    _check_version(submission, version)
    if not submission.is_editable:
        raise ConflictError("not_editable", _("Báo cáo đã nộp, đang chờ thẩm định."))
    missing = [part for part in NARRATIVE_PARTS if not (submission.narrative or {}).get(part, "").strip()]
    if missing:
        raise DomainError(
            "narrative",
            _("Cần viết đủ các phần: kết quả, hạn chế và nguyên nhân, nhiệm vụ thời gian tới."),
            fields={part: [_("Bắt buộc.")] for part in missing},
        )
    if entered is None and submission.entered:
        # The records may have changed since the figures were saved: the rule holds at submission too.
        confirmed = _check_contradictions(submission, submission.entered, confirm=confirm, note=note or "")
        submission.narrative = {key: value for key, value in (submission.narrative or {}).items() if key != CONFIRMED}
        if confirmed:
            submission.narrative[CONFIRMED] = confirmed
    submission.figures = compute_figures(submission)
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.submitted_by = actor
    submission.times_submitted += 1
    _bump(submission, ["figures", "narrative", "status", "submitted_at", "submitted_by", "times_submitted"])
    audit_log(
        actor=actor,
        action="reporting.submission.resubmitted"
        if submission.times_submitted > 1
        else "reporting.submission.submitted",
        instance=submission,
        unit=submission.unit,
        changes={"figures": submission.figures},
    )
    return submission


@transaction.atomic
def submission_return(
    *, actor: Any, submission: Submission, version: int | None, comment: str, section: str = ""
) -> Submission:
    """Return a submitted (or approved, not locked) report with a comment for the unit to fix."""
    if not access.submission_can_review(actor, submission):
        raise Http404
    _check_not_locked(submission)
    _check_version(submission, version)
    if submission.status not in (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED):
        raise ConflictError("not_submitted", _("Chỉ trả lại được báo cáo đã nộp."))
    if not (comment or "").strip():
        raise DomainError("comment", _("Cần ghi nhận xét khi trả lại."), fields={"comment": [_("Bắt buộc.")]})
    ReviewComment.objects.create(
        submission=submission, author=actor, text=comment.strip(), section=section[:40], action="return"
    )
    submission.status = SubmissionStatus.RETURNED
    submission.approved_at = None
    submission.approved_by = None
    _bump(submission, ["status", "approved_at", "approved_by"])
    audit_log(
        actor=actor,
        action="reporting.submission.returned",
        instance=submission,
        unit=submission.unit,
        changes={"comment": comment.strip()},
    )
    _notify_writers(submission, _("Báo cáo bị trả lại: %(comment)s") % {"comment": comment.strip()[:200]})
    return submission


def _notify_writers(submission: Submission, text: str) -> None:
    from danvan.notifications.services import Notice, notify_many
    from danvan.reporting import access

    officers = access.submission_writer_memberships([submission.unit_id]).values_list("officer_id", flat=True)
    notify_many(
        Notice(recipient_id=pk, kind="reporting.submission.returned", text=text, email=False) for pk in officers
    )


def submission_comment(*, actor: Any, submission: Submission, text: str, section: str = "") -> ReviewComment:
    if not access.submission_can_review(actor, submission):
        raise Http404
    _check_not_locked(submission)
    if not (text or "").strip():
        raise DomainError("comment", _("Nhận xét trống."), fields={"text": [_("Bắt buộc.")]})
    return ReviewComment.objects.create(submission=submission, author=actor, text=text.strip(), section=section[:40])


@transaction.atomic
def submission_approve(*, actor: Any, submission: Submission, version: int | None) -> Submission:
    if not access.submission_can_review(actor, submission):
        raise Http404
    _check_not_locked(submission)
    _check_version(submission, version)
    if submission.status != SubmissionStatus.SUBMITTED:
        raise ConflictError("not_submitted", _("Chỉ duyệt được báo cáo đã nộp."))
    submission.status = SubmissionStatus.APPROVED
    submission.approved_at = timezone.now()
    submission.approved_by = actor
    _bump(submission, ["status", "approved_at", "approved_by"])
    audit_log(actor=actor, action="reporting.submission.approved", instance=submission, unit=submission.unit)
    return submission


@transaction.atomic
def submission_lock(*, actor: Any, submission: Submission, version: int | None) -> Submission:
    """Lock an approved report: nothing about it changes afterwards."""
    if not access.submission_can_review(actor, submission):
        raise Http404
    _check_not_locked(submission)
    _check_version(submission, version)
    if submission.status != SubmissionStatus.APPROVED:
        raise ConflictError("not_approved", _("Chỉ khoá được báo cáo đã duyệt."))
    submission.status = SubmissionStatus.LOCKED
    submission.locked_at = timezone.now()
    _bump(submission, ["status", "locked_at"])
    audit_log(actor=actor, action="reporting.submission.locked", instance=submission, unit=submission.unit)
    return submission


@dataclass(frozen=True)
class FigureChange:
    code: str
    frozen: str | None
    now: str | None


def figure_diff(submission: Submission) -> list[FigureChange]:
    """The computed figures that differ now from those frozen at submission (records changed since)."""
    if submission.times_submitted == 0:
        return []
    now = compute_figures(submission)
    return [
        FigureChange(code, submission.figures.get(code), now.get(code))
        for code in submission.template.indicator_codes
        if code in now and submission.figures.get(code) != now.get(code)
    ]


# --- The dashboard: who has submitted, who is late, who was returned --------------------------------------------


@dataclass(frozen=True)
class DashboardRow:
    submission: Submission
    is_late: bool


@dataclass(frozen=True)
class Dashboard:
    rows: list[DashboardRow]
    counts: dict[str, int]


def dashboard(
    template: ReportTemplate, period_code: str, today: dt.date | None = None, *, viewer: Any = None
) -> Dashboard:
    """Each asked unit's state for the period, late ones marked, counts by state; with ``viewer``, only the
    submissions that officer reads (a commune that received the template sees its own row, not its neighbours')."""
    period = template_period(template, period_code)
    today = today or timezone.localdate()
    rows = []
    counts = dict.fromkeys(SubmissionStatus.values, 0)
    counts["late"] = 0
    visible = access.submissions_visible_to(viewer) if viewer is not None else Submission.objects.all()
    for submission in visible.filter(
        template=template, period_start=period.start, period_end=period.end
    ).select_related("unit"):
        late = submission.due_on is not None and (
            (submission.submitted_at is None and today > submission.due_on)
            or (submission.submitted_at is not None and timezone.localdate(submission.submitted_at) > submission.due_on)
        )
        counts[submission.status] += 1
        counts["late"] += int(late)
        rows.append(DashboardRow(submission, late))
    from danvan.core.text import vi_sort_key

    rows.sort(key=lambda row: vi_sort_key(row.submission.unit.name))
    return Dashboard(rows=rows, counts=counts)
