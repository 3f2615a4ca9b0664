"""Officer writes on a citizen's report (triage): accept, refuse, merge, transfer, assign, ask for information,
answer, note, hide/show, close.

Every service takes keyword arguments with the acting officer first, locks the report, checks the version the
officer saw (``expected_version``: 409 ``stale`` otherwise), checks the role through ``access``, writes the change,
bumps the version, adds the step to the report's timeline (``ReportEvent``; public events name the body, never the
officer), audits it (``feedback.report.<action>``) and queues the citizen's notices (``messages``). Every write is
one transaction: a refused action leaves nothing.

The report's case (``cases.Case``, kind feedback) follows where the case engine has a matching step: a refused or
merged report files its case ("Lưu đơn, không xử lý", with the reason as the note) when the case is still received
or classified and the officer may take that step at the case's unit. The engine's other steps (accept with a
document number, resolve, notify, close) need the petition officer's documents, which a citizen's report does not
have: an answered or closed report leaves its case as it is (the report carries the feedback's own life cycle).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.attachments import attachment_store
from danvan.core.audit import audit_log
from danvan.core.compiled import count_rows
from danvan.core.errors import ConflictError, DomainError
from danvan.core.models import AdministrativeUnit, Organization, UnitLevel, UnitTree
from danvan.core.params import digits_int
from danvan.core.text import has_nul, single_line
from danvan.core.workdays import default_calendar
from danvan.feedback import access
from danvan.feedback.models import (
    OPEN_STATES,
    EventKind,
    Follower,
    PhotoRole,
    RefusalReason,
    Report,
    ReportEvent,
    ReportPhoto,
    ReportState,
    Timeliness,
)

MAX_TEXT = 4000

__all__ = [
    "body_name",
    "report_accept",
    "report_answer",
    "report_assign",
    "report_close",
    "report_hide",
    "report_merge",
    "report_note",
    "report_refuse",
    "report_request_info",
    "report_show",
    "report_transfer",
]


# --- Shared steps ------------------------------------------------------------------------------------------------


def invalid(code: str, message: str, field: str) -> DomainError:
    """A 422 error that names its field (forms show it beside the field)."""
    return DomainError(code, message, status=422, fields={field: [message]})


def forbidden(message: str | None = None) -> DomainError:
    return DomainError("forbidden", message or _("Bạn không có quyền thực hiện thao tác này."), status=403)


def clean_text(value: str | None, field: str, *, required: bool = True, message: str = "") -> str:
    if has_nul(value):
        raise invalid("invalid_text", _("Không được chứa ký tự NUL."), field)
    text = (value or "").strip()
    if required and not text:
        raise invalid(f"{field}_required", message or _("Hãy ghi nội dung."), field)
    if len(text) > MAX_TEXT:
        raise invalid("text_too_long", _("Tối đa %(n)s ký tự.") % {"n": MAX_TEXT}, field)
    return text


def body_name(report: Report) -> str:
    """The name shown publicly for the body acting on the report: its organization, else the commune's name."""
    if report.organization_id is not None and report.organization is not None:
        return report.organization.name
    return _("UBND %(unit)s") % {"unit": report.unit.name}


def lock(report: Report, expected_version: int | None) -> Report:
    """The report re-read under a row lock; 409 ``stale`` when it changed since the officer loaded it."""
    locked = (
        Report.objects.select_for_update(of=("self",))
        .select_related("unit", "category", "organization", "case")
        .get(pk=report.pk)
    )
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError("stale", _("Phản ánh đã được người khác cập nhật. Vui lòng tải lại trang và thử lại."))
    return locked


def save(report: Report, fields: list[str]) -> None:
    """Write ``fields`` and the next version; the personal-data flag is brought up to date on the way."""
    from danvan.feedback.moderation import refresh_personal_data_flag

    if refresh_personal_data_flag(report):
        fields = [*fields, "has_personal_data_flag"]
    report.version = F("version") + 1
    report.save(update_fields=[*dict.fromkeys(fields), "version", "updated_at"])
    report.refresh_from_db(fields=["version"])


def add_event(
    report: Report,
    kind: str,
    *,
    actor: Any,
    at: dt.datetime,
    text: str = "",
    is_public: bool = True,
    from_unit: AdministrativeUnit | None = None,
    to_unit: AdministrativeUnit | None = None,
) -> ReportEvent:
    return ReportEvent.objects.create(
        report=report,
        kind=kind,
        is_public=is_public,
        text=text,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_name=body_name(report) if is_public else "",
        from_unit=from_unit,
        to_unit=to_unit,
        at=at,
    )


def audit(actor: Any, action: str, report: Report, **changes: Any) -> None:
    audit_log(actor=actor, action=f"feedback.report.{action}", instance=report, unit=report.unit, changes=changes)


def notify(report: Report, kind: str, text: str = "") -> None:
    """Queue the citizen's and the followers' notices for this step (sent after the commit by a task)."""
    from danvan.feedback import messages

    messages.notices_queue(report=report, kind=kind, text=text)


def require_state(report: Report, states: Sequence[str], action: str) -> None:
    if report.state not in states:
        raise ConflictError(
            "invalid_state",
            _("Không thể “%(action)s” khi phản ánh đang ở trạng thái “%(state)s”.")
            % {"action": action, "state": report.get_state_display()},
        )


def require_triage(actor: Any, report: Report) -> None:
    if not access.can_triage(actor, report):
        raise forbidden()


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def case_file(actor: Any, report: Report, note: str) -> bool:
    """File the report's case when the engine allows it (see the module's docstring); False when it does not."""
    from danvan.cases.services import TransitionInput, case_transition

    try:
        with transaction.atomic():
            case_transition(actor=actor, case=report.case, action="file", data=TransitionInput(note=note))
    except DomainError:
        return False
    return True


def answer_deadline(report: Report, start: dt.date) -> tuple[dt.date, list[str]]:
    """The answer deadline counted from ``start`` by the category's working days (the working-day engine)."""
    deadline = default_calendar().compute_deadline(start, report.category.answer_days, "working")
    return deadline.due_on, list(deadline.explanation)


# --- Services ----------------------------------------------------------------------------------------------------


@transaction.atomic
def report_accept(
    *, actor: Any, report: Report, expected_version: int | None = None, now: dt.datetime | None = None
) -> Report:
    """Take the report in hand (new → accepted); the citizen is told."""
    now = _now(now)
    report = lock(report, expected_version)
    require_triage(actor, report)
    require_state(report, [ReportState.NEW], _("Tiếp nhận xử lý"))
    report.state = ReportState.ACCEPTED
    report.accepted_at = now
    save(report, ["state", "accepted_at"])
    add_event(report, EventKind.ACCEPTED, actor=actor, at=now)
    audit(actor, "accepted", report, state=[ReportState.NEW, ReportState.ACCEPTED])
    notify(report, EventKind.ACCEPTED)
    return report


@transaction.atomic
def report_refuse(
    *,
    actor: Any,
    report: Report,
    reason: str,
    text: str,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Report:
    """Refuse the report (spam or out of scope); the reason and the text are public."""
    if reason not in RefusalReason.values:
        raise invalid("invalid_reason", _("Hãy chọn lý do không tiếp nhận."), "reason")
    text = single_line(clean_text(text, "text", message=_("Hãy ghi giải thích cho người dân.")))[:500]
    now = _now(now)
    report = lock(report, expected_version)
    require_triage(actor, report)
    require_state(report, sorted(OPEN_STATES), _("Không tiếp nhận"))
    previous = report.state
    report.state = ReportState.REFUSED
    report.is_open = False
    report.refusal_reason = reason
    report.refusal_text = text
    report.closed_at = now
    save(report, ["state", "is_open", "refusal_reason", "refusal_text", "closed_at"])
    public = f"{RefusalReason(reason).label}. {text}"
    add_event(report, EventKind.REFUSED, actor=actor, at=now, text=public)
    case_file(actor, report, public)
    audit(actor, "refused", report, state=[previous, report.state], reason=reason, text=text)
    notify(report, EventKind.REFUSED, public)
    return report


def _move_followers(source: Report, target: Report) -> int:
    """The source's followers, and its citizen when they left a contact, follow the target (no one twice)."""
    contacts = {(f.email, f.phone) for f in Follower.objects.filter(report=source)}
    if not source.is_anonymous and (source.citizen_email or source.citizen_phone):
        contacts.add((source.citizen_email, source.citizen_phone))
    if target.citizen_email or target.citizen_phone:
        contacts.discard((target.citizen_email, target.citizen_phone))
    existing = {(f.email, f.phone) for f in Follower.objects.filter(report=target)}
    new = [Follower(report=target, email=e, phone=p) for e, p in sorted(contacts - existing)]
    Follower.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def report_merge(
    *,
    actor: Any,
    report: Report,
    into: Report,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Report:
    """Merge a duplicate ``report`` into ``into`` (same commune): it closes as merged, and its citizen and followers
    follow ``into``. Returns the merged report."""
    now = _now(now)
    if into.pk == report.pk:
        raise invalid("merge_into_itself", _("Không thể gộp phản ánh vào chính nó."), "into")
    # Lock both rows in id order (two officers merging crosswise wait, never deadlock).
    first, second = sorted([report, into], key=lambda r: r.pk)
    locked_first = lock(first, expected_version if first.pk == report.pk else None)
    locked_second = lock(second, expected_version if second.pk == report.pk else None)
    report, into = (locked_first, locked_second) if first.pk == report.pk else (locked_second, locked_first)
    require_triage(actor, report)
    if not access.can_merge_into(actor, report, into):
        raise invalid("merge_other_unit", _("Chỉ gộp được vào phản ánh của cùng xã, phường mà bạn được xử lý."), "into")
    require_state(report, sorted(OPEN_STATES), _("Gộp phản ánh"))
    if into.state in (ReportState.MERGED, ReportState.REFUSED):
        raise ConflictError(
            "merge_target_closed",
            _("Phản ánh %(code)s đã %(state)s, không gộp vào được.")
            % {"code": into.code, "state": into.get_state_display().lower()},
        )
    previous = report.state
    report.state = ReportState.MERGED
    report.is_open = False
    report.merged_into = into
    report.closed_at = now
    save(report, ["state", "is_open", "merged_into", "closed_at"])
    moved = _move_followers(report, into)
    into.followers_count = Follower.objects.filter(report=into).count()
    save(into, ["followers_count"])
    add_event(report, EventKind.MERGED, actor=actor, at=now, text=_("Gộp vào phản ánh %(code)s.") % {"code": into.code})
    add_event(
        into,
        EventKind.MERGED,
        actor=actor,
        at=now,
        text=_("Phản ánh %(code)s trùng nội dung được gộp vào đây.") % {"code": report.code},
    )
    case_file(actor, report, _("Gộp vào phản ánh %(code)s.") % {"code": into.code})
    audit(actor, "merged", report, state=[previous, report.state], merged_into=into.code, followers_moved=moved)
    notify(report, EventKind.MERGED, into.code)
    return report


def _current_commune(unit: AdministrativeUnit | None) -> bool:
    return (
        unit is not None
        and unit.tree == UnitTree.CURRENT
        and unit.level == UnitLevel.COMMUNE
        and bool(getattr(unit, "is_current", True))
    )


@transaction.atomic
def report_transfer(
    *,
    actor: Any,
    report: Report,
    to_unit: AdministrativeUnit | None = None,
    to_organization: Organization | None = None,
    note: str = "",
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Report:
    """Transfer the report to the competent commune (it arrives in that commune's inbox as new, its answer deadline
    counted again from today by the category's working days) or to another organization of the same commune."""
    from danvan.feedback.intake import _handler

    note = clean_text(note, "note", required=False)
    if (to_unit is None) == (to_organization is None):
        raise invalid("transfer_target_required", _("Hãy chọn xã, phường hoặc cơ quan nhận."), "to_unit")
    now = _now(now)
    today = timezone.localdate(now)
    report = lock(report, expected_version)
    require_triage(actor, report)
    require_state(report, sorted(OPEN_STATES), _("Chuyển xử lý"))
    from_unit = report.unit
    previous_org = report.organization
    changes: dict[str, Any] = {"note": note}
    if to_unit is not None:
        if not _current_commune(to_unit):
            raise invalid("transfer_unit_invalid", _("Chỉ chuyển được đến một xã, phường hiện hành."), "to_unit")
        if to_unit.pk == report.unit_id:
            raise invalid("transfer_same_unit", _("Phản ánh đang thuộc xã, phường này."), "to_unit")
        report.unit = to_unit
        report.unit_path = to_unit.path
        report.province_code = to_unit.province_code
        report.organization = _handler(to_unit, report.category)
        report.state = ReportState.NEW
        report.accepted_at = None
        report.due_on, report.due_explanation = answer_deadline(report, today)
        target_name = to_unit.name
        changes.update(unit=[from_unit.code, to_unit.code], due_on=report.due_on)
    else:
        assert to_organization is not None
        if to_organization.unit_id != report.unit_id or not to_organization.is_active:
            raise invalid(
                "transfer_organization_invalid",
                _("Chỉ chuyển được cho một cơ quan đang hoạt động của cùng xã, phường."),
                "to_organization",
            )
        if to_organization.pk == report.organization_id:
            raise invalid("transfer_same_organization", _("Phản ánh đang do cơ quan này xử lý."), "to_organization")
        report.organization = to_organization
        target_name = to_organization.name
    changes["organization"] = [
        previous_org.pk if previous_org else None,
        report.organization.pk if report.organization else None,
    ]
    report.assignee = None
    save(
        report,
        [
            "unit",
            "unit_path",
            "province_code",
            "organization",
            "state",
            "accepted_at",
            "due_on",
            "due_explanation",
            "assignee",
        ],
    )
    text = _("Chuyển đến %(target)s.") % {"target": target_name}
    if note:
        text = f"{text} {note}"
    event = ReportEvent.objects.create(
        report=report,
        kind=EventKind.TRANSFERRED,
        text=text,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_name=previous_org.name if previous_org else _("UBND %(unit)s") % {"unit": from_unit.name},
        from_unit=from_unit,
        to_unit=report.unit,
        at=now,
    )
    audit_log(actor=actor, action="feedback.report.transferred", instance=report, unit=from_unit, changes=changes)
    if to_unit is not None:
        audit(actor, "arrived", report, from_unit=from_unit.code)
        _tell_arrival(report, from_unit)
    notify(report, EventKind.TRANSFERRED, event.text)
    return report


def _tell_arrival(report: Report, from_unit: AdministrativeUnit) -> None:
    """The receiving commune's officers are told in the back office (and by e-mail) that a report arrived."""
    from django.urls import reverse

    from danvan.notifications.services import Notice, notify_many

    text = _("Phản ánh %(code)s được %(unit)s chuyển đến.") % {"code": report.code, "unit": from_unit.name}
    link = reverse("feedback_officer:detail", args=[report.pk])
    notify_many(
        Notice(officer_id, "feedback_arrived", text, link) for officer_id in access.arrival_recipient_ids(report.unit)
    )


def _tell_assignee(report: Report, assignee: Any) -> None:
    from django.urls import reverse

    from danvan.notifications.services import notify

    notify(
        assignee,
        "feedback_assigned",
        _("Bạn được giao xử lý phản ánh %(code)s.") % {"code": report.code},
        reverse("feedback_officer:detail", args=[report.pk]),
    )


@transaction.atomic
def report_assign(
    *,
    actor: Any,
    report: Report,
    assignee: Any,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Report:
    """A leader gives the report to an officer of its commune (internal: officers are never named publicly)."""
    now = _now(now)
    report = lock(report, expected_version)
    if not access.can_assign(actor, report):
        raise forbidden(_("Chỉ lãnh đạo mới giao phản ánh cho cán bộ xử lý."))
    require_state(report, sorted(OPEN_STATES), _("Giao cán bộ xử lý"))
    if assignee is None or not access.can_be_assignee(assignee, report):
        raise invalid("invalid_assignee", _("Cán bộ được giao phải là cán bộ của xã, phường này."), "assignee")
    previous = report.assignee_id
    report.assignee = assignee
    save(report, ["assignee"])
    add_event(
        report,
        EventKind.ASSIGNED,
        actor=actor,
        at=now,
        text=_("Giao %(name)s xử lý.") % {"name": assignee.full_name or assignee.username},
        is_public=False,
    )
    audit(actor, "assigned", report, assignee=[previous, assignee.pk])
    if getattr(actor, "pk", None) != assignee.pk:
        _tell_assignee(report, assignee)
    return report


@transaction.atomic
def report_request_info(
    *,
    actor: Any,
    report: Report,
    text: str,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Report:
    """Ask the citizen for more information (public; they answer through their link, the state stays)."""
    text = clean_text(text, "text", message=_("Hãy ghi thông tin cần người dân bổ sung."))
    now = _now(now)
    report = lock(report, expected_version)
    require_triage(actor, report)
    require_state(report, sorted(OPEN_STATES), _("Đề nghị bổ sung thông tin"))
    save(report, [])
    add_event(report, EventKind.INFO_REQUESTED, actor=actor, at=now, text=text)
    audit(actor, "info_requested", report, text=text)
    notify(report, EventKind.INFO_REQUESTED, text)
    return report


@transaction.atomic
def report_answer(
    *,
    actor: Any,
    report: Report,
    text: str,
    photos: Sequence[UploadedFile] = (),
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Report:
    """A leader publishes the answer (text and photos) in the name of the handling body; on time when given by the
    answer deadline."""
    from danvan.feedback.intake import check_photos
    from danvan.feedback.moderation import refresh_personal_data_flag

    text = clean_text(text, "text", message=_("Hãy ghi nội dung trả lời."))
    now = _now(now)
    today = timezone.localdate(now)
    report = lock(report, expected_version)
    if not access.can_answer(actor, report):
        raise forbidden(_("Chỉ lãnh đạo mới phát hành câu trả lời."))
    require_state(report, sorted(OPEN_STATES), _("Trả lời"))
    check_photos(photos, today)
    previous = report.state
    report.state = ReportState.ANSWERED
    report.is_open = False
    if report.accepted_at is None:
        report.accepted_at = now
    report.answered_at = now
    report.answer_text = text
    report.answered_by_name = body_name(report)
    report.timeliness = Timeliness.ON_TIME if today <= report.due_on else Timeliness.LATE
    refresh_personal_data_flag(report)
    save(
        report,
        [
            "state",
            "is_open",
            "accepted_at",
            "answered_at",
            "answer_text",
            "answered_by_name",
            "timeliness",
            "has_personal_data_flag",
        ],
    )
    event = add_event(report, EventKind.ANSWERED, actor=actor, at=now, text=text)
    for photo in photos:
        attachment = attachment_store(
            actor=actor, upload=photo, unit=report.unit, object_type="feedback.report", object_id=report.pk
        )
        ReportPhoto.objects.create(report=report, attachment=attachment, role=PhotoRole.ANSWER, event=event)
    audit(actor, "answered", report, state=[previous, report.state], timeliness=report.timeliness, photos=len(photos))
    notify(report, EventKind.ANSWERED, text)
    return report


@transaction.atomic
def report_note(
    *,
    actor: Any,
    report: Report,
    text: str,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> ReportEvent:
    """An internal note on the report's timeline (never public). Notes do not change the report's version."""
    text = clean_text(text, "text", message=_("Hãy ghi nội dung ghi chú."))
    now = _now(now)
    report = lock(report, expected_version)
    require_triage(actor, report)
    event = add_event(report, EventKind.NOTE, actor=actor, at=now, text=text, is_public=False)
    audit(actor, "noted", report, event=event.pk)
    return event


@transaction.atomic
def report_hide(
    *,
    actor: Any,
    report: Report,
    reason: str,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Report:
    """Hide the report from the public pages for privacy (it shows as hidden); the reason stays internal."""
    reason = single_line(clean_text(reason, "reason", message=_("Hãy ghi lý do ẩn.")))[:300]
    now = _now(now)
    report = lock(report, expected_version)
    if not access.can_moderate(actor, report):
        raise forbidden()
    if report.is_hidden:
        raise ConflictError("already_hidden", _("Phản ánh đã được ẩn."))
    report.is_hidden = True
    report.hidden_reason = reason
    save(report, ["is_hidden", "hidden_reason"])
    add_event(report, EventKind.HIDDEN, actor=actor, at=now, text=reason, is_public=False)
    audit(actor, "hidden", report, reason=reason)
    return report


@transaction.atomic
def report_show(
    *, actor: Any, report: Report, expected_version: int | None = None, now: dt.datetime | None = None
) -> Report:
    """Show a hidden report again."""
    now = _now(now)
    report = lock(report, expected_version)
    if not access.can_moderate(actor, report):
        raise forbidden()
    if not report.is_hidden:
        raise ConflictError("not_hidden", _("Phản ánh đang hiển thị công khai."))
    report.is_hidden = False
    report.hidden_reason = ""
    save(report, ["is_hidden", "hidden_reason"])
    add_event(report, EventKind.SHOWN, actor=actor, at=now, is_public=False)
    audit(actor, "shown", report)
    return report


@transaction.atomic
def report_close(
    *, actor: Any, report: Report, expected_version: int | None = None, now: dt.datetime | None = None
) -> Report:
    """Close an answered report (done); a citizen may still reopen it within the rule's window."""
    now = _now(now)
    report = lock(report, expected_version)
    require_triage(actor, report)
    require_state(report, [ReportState.ANSWERED], _("Hoàn thành"))
    report.state = ReportState.CLOSED
    report.is_open = False
    report.closed_at = now
    save(report, ["state", "is_open", "closed_at"])
    add_event(report, EventKind.CLOSED, actor=actor, at=now)
    audit(actor, "closed", report, state=[ReportState.ANSWERED, ReportState.CLOSED])
    return report


# --- Reading: the inbox ------------------------------------------------------------------------------------------

OVERDUE, DUE_SOON, ON_TRACK = "overdue", "due_soon", "on_track"


def due_soon_limit(today: dt.date) -> dt.date:
    """The last day a deadline counts as "due soon": ``feedback.due_soon_warning`` working days from today."""
    from danvan.core.rules import rule_in_force

    days = int(rule_in_force("feedback.due_soon_warning", today).value)
    return default_calendar().add_working_days(today, days)


def service_level(report: Report, today: dt.date, soon: dt.date) -> str:
    """The report's service-level colour: ``overdue`` (red), ``due_soon`` (amber), ``on_track`` (green); "" once
    it is no longer open."""
    if not report.is_open:
        return ""
    if report.due_on < today:
        return OVERDUE
    if report.due_on <= soon:
        return DUE_SOON
    return ON_TRACK


def filter_service_level(qs: Any, level: str, today: dt.date, soon: dt.date) -> Any:
    if level == OVERDUE:
        return qs.filter(is_open=True, due_on__lt=today)
    if level == DUE_SOON:
        return qs.filter(is_open=True, due_on__gte=today, due_on__lte=soon)
    if level == ON_TRACK:
        return qs.filter(is_open=True, due_on__gt=soon)
    return qs


def service_level_counts(user: Any, today: dt.date, soon: dt.date) -> dict[str, int]:
    """How many open reports of the officer's units are overdue, due soon, on track (one grouped query)."""
    from django.db.models import Q

    return (
        access.reports_visible_to(user)
        .filter(is_open=True)
        .aggregate(
            overdue=count_rows(Q(due_on__lt=today)),
            due_soon=count_rows(Q(due_on__gte=today, due_on__lte=soon)),
            on_track=count_rows(Q(due_on__gt=soon)),
        )
    )


def inbox_reports(
    user: Any,
    *,
    q: str = "",
    state: str = "",
    category: str = "",
    organization_id: int | None = None,
    assignee: str = "",
    service: str = "",
    today: dt.date | None = None,
) -> Any:
    """The reports of the officer's units for the inbox, filtered; open ones first by deadline by default."""
    from danvan.core.text import fold

    today = today or timezone.localdate()
    qs = access.reports_visible_to(user).select_related("category", "unit", "organization", "assignee")
    if state == "all":
        pass  # every state, closed ones too
    elif state in ReportState.values:
        qs = qs.filter(state=state)
    else:
        qs = qs.filter(is_open=True)
    if category:
        qs = qs.filter(category__code=category)
    if organization_id:
        qs = qs.filter(organization_id=organization_id)
    if assignee == "me":
        qs = qs.filter(assignee_id=getattr(user, "pk", None))
    elif assignee == "none":
        qs = qs.filter(assignee__isnull=True)
    elif (assignee_id := digits_int(assignee)) is not None:
        qs = qs.filter(assignee_id=assignee_id)
    if service:
        qs = filter_service_level(qs, service, today, due_soon_limit(today))
    words = fold(q).split()
    for word in words[:8]:
        qs = qs.filter(search_text__contains=word)
    if state in ("", ReportState.NEW, ReportState.ACCEPTED):
        return qs.order_by("due_on", "received_at", "id")
    return qs.order_by("-received_at", "-id")


def report_by_code(code: str) -> Report | None:
    return (
        Report.objects.select_related("unit", "category", "organization")
        .filter(code=(code or "").strip().upper())
        .first()
    )
