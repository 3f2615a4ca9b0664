"""Report templates and the units' submissions: a unit sends a template to the units below it (communes of a
province) for a period; each unit fills in entered figures and the narrative and submits — the computed figures
are frozen then; the reviewing unit returns it with comments, the unit fixes and resubmits, the reviewer approves
and locks it. After the lock nothing changes. Later changes in the records show as a diff against the frozen
figures. Role checks are in ``access.py``; every change is audited and versioned (a stale version is 409)."""

from __future__ import annotations

import datetime as dt
import re
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
from danvan.core.periods import Period, add_months, month_end
from danvan.reporting import access
from danvan.reporting.indicators import Place, compute
from danvan.reporting.models.submissions import (
    NARRATIVE_PARTS,
    DocumentFormat,
    PeriodKind,
    ReportTemplate,
    ReviewComment,
    Submission,
    SubmissionStatus,
)

# --- Periods (a local reading of the period codes until reporting/periods.py lands from the indicators part) -----

_PERIOD = re.compile(r"^(\d{4})(?:-(H[12]|Q[1-4]|M(0[1-9]|1[0-2])|9M))?$")


def period_of(code: str) -> Period:
    """ "2026" / "2026-H1" / "2026-Q3" / "2026-M03" / "2026-9M" / "2021-2025" → a :class:`Period`."""
    code = (code or "").strip().upper()
    term = re.match(r"^(\d{4})-(\d{4})$", code)
    if term:
        first, last = int(term.group(1)), int(term.group(2))
        if last < first:
            raise DomainError("period", _("Kỳ báo cáo kết thúc trước khi bắt đầu."))
        return Period(dt.date(first, 1, 1), dt.date(last, 12, 31))
    match = _PERIOD.match(code)
    if not match:
        raise DomainError("period", _("Kỳ báo cáo không hợp lệ: %(code)s.") % {"code": code})
    year, part = int(match.group(1)), match.group(2)
    if not part:
        return Period.year(year)
    if part in ("H1", "H2"):
        return Period.half(year, int(part[1]))
    if part == "9M":
        return Period(dt.date(year, 1, 1), dt.date(year, 9, 30))
    if part.startswith("Q"):
        first = (int(part[1]) - 1) * 3 + 1
        end_year, end_month = add_months(year, first, 2)
        return Period(dt.date(year, first, 1), month_end(end_year, end_month))
    month = int(part[1:])
    return Period(dt.date(year, month, 1), month_end(year, month))


def period_kind_of(code: str) -> str:
    code = code.upper()
    if re.match(r"^\d{4}-\d{4}$", code):
        return PeriodKind.TERM
    if "-H" in code:
        return PeriodKind.HALF
    if "-Q" in code:
        return PeriodKind.QUARTER
    if "-M" in code:
        return PeriodKind.MONTH
    if code.endswith("-9M"):
        return PeriodKind.NINE_MONTHS
    return PeriodKind.YEAR


def submission_period(submission: Submission) -> Period:
    return Period(submission.period_start, submission.period_end)


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
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> ReportTemplate:
    if not access.submission_can_send(actor, unit):
        raise Http404
    errors: dict[str, list[str]] = {}
    if not (name or "").strip():
        errors["name"] = [_("Bắt buộc.")]
    if period_kind not in PeriodKind.values:
        errors["period_kind"] = [_("Loại kỳ không hợp lệ.")]
    if doc_format not in DocumentFormat.values:
        errors["doc_format"] = [_("Thể thức không hợp lệ.")]
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
    period = period_of(period_code)
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
            period_code=period_code.strip().upper(),
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
        changes={"period": period_code, "units": len(made)},
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
        if value < 0:
            errors[code] = [_("Không được âm.")]
            continue
        cleaned[code] = str(value.normalize()) if value == value.to_integral() else str(value)
    if errors:
        raise DomainError("invalid", _("Số liệu nhập chưa hợp lệ."), fields=errors)
    return cleaned


def submission_update(
    *,
    actor: Any,
    submission: Submission,
    version: int | None,
    narrative: dict[str, str] | None = None,
    entered: dict[str, Any] | None = None,
) -> Submission:
    """Save the unit's narrative and entered figures (draft or returned only)."""
    if not access.submission_can_write(actor, submission):
        raise Http404
    _check_not_locked(submission)
    _check_version(submission, version)
    if not submission.is_editable:
        raise ConflictError("not_editable", _("Báo cáo đã nộp; chỉ sửa được khi đang soạn hoặc bị trả lại."))
    fields = []
    if narrative is not None:
        submission.narrative = {
            part: str(narrative.get(part, submission.narrative.get(part, "")) or "").strip() for part in NARRATIVE_PARTS
        }
        fields.append("narrative")
    if entered is not None:
        submission.entered = _clean_entered(submission, entered)
        fields.append("entered")
    _bump(submission, fields)
    audit_log(actor=actor, action="reporting.submission.updated", instance=submission, unit=submission.unit)
    return submission


def compute_figures(submission: Submission) -> dict[str, Any]:
    """The template's computed indicators for the unit and period now (JSON-ready: numbers as strings)."""
    codes = submission.template.indicator_codes
    values = compute(Place.of(submission.unit), submission_period(submission), codes)
    return {code: (None if value is None else str(value)) for code, value in values.items()}


@transaction.atomic
def submission_submit(
    *,
    actor: Any,
    submission: Submission,
    version: int | None,
    narrative: dict[str, str] | None = None,
    entered: dict[str, Any] | None = None,
) -> Submission:
    """Submit (or resubmit after a return): the computed figures are frozen now."""
    if not access.submission_can_write(actor, submission):
        raise Http404
    submission = Submission.objects.select_for_update().select_related("template", "unit").get(pk=submission.pk)
    if narrative is not None or entered is not None:
        submission = submission_update(
            actor=actor, submission=submission, version=version, narrative=narrative, entered=entered
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
    submission.figures = compute_figures(submission)
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.submitted_by = actor
    submission.times_submitted += 1
    _bump(submission, ["figures", "status", "submitted_at", "submitted_by", "times_submitted"])
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


def dashboard(template: ReportTemplate, period_code: str, today: dt.date | None = None) -> Dashboard:
    period = period_of(period_code)
    today = today or timezone.localdate()
    rows = []
    counts = dict.fromkeys(SubmissionStatus.values, 0)
    counts["late"] = 0
    for submission in Submission.objects.filter(
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
