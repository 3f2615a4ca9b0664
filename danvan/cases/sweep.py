"""The hourly deadline sweep (``danvan sweep_deadlines``): re-apply the calendar, mark due dates, tell the handlers.

1. When the calendar notices or the legal rules changed since the last sweep (a signature of their rows), the
   stored due dates of the open cases are recomputed with ``deadlines.refresh_due_dates``: a day off added from the
   Government's yearly notice moves the deadlines of cases already open (Alaveteli's lesson, DOMAIN.md §9). Each
   case keeps the rule in force on its start date, so a rule row valid from a later date moves nothing.
2. Open cases are marked overdue, due soon (within ``case.due_soon_warning`` working days) or on track, and cases
   without a due date (every closing step clears it) "none", by conditional bulk UPDATEs that touch only rows whose
   state differs: a rerun changes nothing, nothing is loaded into Python, and the (deadline_state, due_on) index or
   the partial index ``case_due_open`` finds the rows.
3. Each handler is told once per state change. A conditional UPDATE claims their newly overdue (or due-soon) cases
   by setting ``deadline_notified_state``; only a sweep that claims rows writes the in-app notification and the
   e-mail, so two sweeps running at once notify once (the second UPDATE waits for the first and then matches
   nothing). Each state the sweep changes clears the claim, so a case extended and late again is told again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import smtplib
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import get_connection, send_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.db.models import F
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.cases.deadlines import refresh_due_dates
from danvan.cases.models import Case, DeadlineState, DeadlineSweep, Notification
from danvan.core.audit import audit_log
from danvan.core.models import CalendarNotice, LegalRule
from danvan.core.rules import RuleTable
from danvan.core.workdays import WorkCalendar

logger = logging.getLogger(__name__)

WARNING_RULE = "case.due_soon_warning"
NOTIFIED_STATES = (DeadlineState.OVERDUE, DeadlineState.DUE_SOON)
CASE_LIST_FALLBACK = "/backoffice/cases/"
REPLAN_AFTER = 20_000


@dataclass
class SweepReport:
    """The sweep's record plus what the record has no column for (printed by the command)."""

    record: DeadlineSweep
    marked_on_track: int = 0
    marked_none: int = 0
    emails_sent: int = 0
    email_failures: int = 0
    seconds: float = 0.0
    notified_officers: set[int] = field(default_factory=set)


def rules_signature() -> str:
    """A hash of every calendar notice and legal rule row: when it changes, due dates are recomputed."""
    digest = hashlib.sha256()
    for notice in CalendarNotice.objects.order_by("date").values_list("date", "kind", "updated_at"):
        digest.update(("notice|" + "|".join(str(value) for value in notice) + "\n").encode())
    for rule in LegalRule.objects.order_by("code", "valid_from").values_list(
        "code", "valid_from", "valid_to", "value", "day_kind", "updated_at"
    ):
        digest.update(("rule|" + "|".join(str(value) for value in rule) + "\n").encode())
    return digest.hexdigest()


def _last_signature() -> str:
    return (
        DeadlineSweep.objects.filter(finished_at__isnull=False)
        .order_by("-finished_at", "-id")
        .values_list("rules_signature", flat=True)
        .first()
        or ""
    )


def due_soon_limit(today: dt.date, calendar: WorkCalendar, rules: RuleTable) -> dt.date:
    """The last due date counted as "due soon": ``case.due_soon_warning`` working days after ``today``."""
    return calendar.add_working_days(today, rules.in_force(WARNING_RULE, today).value)


def _other_states(state: str) -> list[str]:
    # ``IN (the other states)`` is ``<> state`` for this column, written so the (deadline_state, due_on) index serves.
    return [value for value in DeadlineState.values if value != state]


def mark_states(today: dt.date, soon_limit: dt.date) -> dict[str, int]:
    """Set ``deadline_state`` where it differs from what ``today`` says; returns how many rows each state gained.

    A state the sweep changes also clears ``deadline_notified_state``, so the new state is told (a case extended
    back on track and late again is told again). Closed cases have no due date (every closing step clears it),
    so "no due date" covers them, through the (deadline_state, due_on) index rather than a scan of every row.
    """
    open_cases = Case.objects.filter(is_open=True)
    overdue = open_cases.filter(due_on__lt=today, deadline_state__in=_other_states(DeadlineState.OVERDUE)).update(
        deadline_state=DeadlineState.OVERDUE, deadline_notified_state=""
    )
    due_soon = open_cases.filter(
        due_on__gte=today, due_on__lte=soon_limit, deadline_state__in=_other_states(DeadlineState.DUE_SOON)
    ).update(deadline_state=DeadlineState.DUE_SOON, deadline_notified_state="")
    on_track = open_cases.filter(
        due_on__gt=soon_limit, deadline_state__in=_other_states(DeadlineState.ON_TRACK)
    ).update(deadline_state=DeadlineState.ON_TRACK, deadline_notified_state="")
    none = Case.objects.filter(due_on__isnull=True, deadline_state__in=_other_states(DeadlineState.NONE)).update(
        deadline_state=DeadlineState.NONE, deadline_notified_state=""
    )
    return {"overdue": overdue, "due_soon": due_soon, "on_track": on_track, "none": none}


def deadline_list_path(state: str, assignee_id: int) -> str:
    """The case list narrowed to one handler's cases in ``state`` (the link of the notification and the e-mail)."""
    try:
        base = reverse("cases:list")
    except NoReverseMatch:
        base = CASE_LIST_FALLBACK
    return f"{base}?{urlencode({'deadline': state, 'assignee': assignee_id})}"


def notification_message(state: str, count: int) -> str:
    if state == DeadlineState.OVERDUE:
        return _("Bạn có %(n)s hồ sơ quá hạn.") % {"n": count}
    return _("Bạn có %(n)s hồ sơ sắp đến hạn.") % {"n": count}


def _site_origin() -> str:
    origins = getattr(settings, "CSRF_TRUSTED_ORIGINS", None) or []
    return str(origins[0]).rstrip("/") if origins else ""


def claim_and_notify(assignee_id: int, states: Sequence[str]) -> list[Notification]:
    """Claim the handler's cases newly in each of ``states``; one in-app notification per state with cases claimed."""
    notifications = []
    with transaction.atomic():
        for state in states:
            claimed = (
                Case.objects.filter(assignee_id=assignee_id, is_open=True, deadline_state=state)
                .exclude(deadline_notified_state=state)
                .update(deadline_notified_state=state)
            )
            if claimed:
                notifications.append(
                    Notification.objects.create(
                        recipient_id=assignee_id, kind=f"deadline_{state}", message=notification_message(state, claimed)
                    )
                )
    return notifications


def _send_email(mailer: BaseEmailBackend, notification: Notification, address: str) -> bool:
    state = notification.kind.removeprefix("deadline_")
    link = _site_origin() + deadline_list_path(state, notification.recipient_id)
    body = "\n\n".join(
        [
            notification.message,
            _("Xem danh sách: %(link)s") % {"link": link},
            _("Thư tự động của danvan, xin không trả lời thư này."),
        ]
    )
    try:
        send_mail(f"[danvan] {notification.message}", body, None, [address], fail_silently=False, connection=mailer)
    except (smtplib.SMTPException, OSError) as error:
        # The in-app notification stands; the next sweep does not resend (the cases are claimed).
        logger.warning("deadline e-mail to officer %s failed: %s", notification.recipient_id, type(error).__name__)
        return False
    return True


def notify_assignees(report: SweepReport) -> int:
    """One notification (and one e-mail when the officer has an address) per handler per newly reached state."""
    pending: dict[int, list[str]] = {}
    rows = (
        Case.objects.filter(is_open=True, deadline_state__in=NOTIFIED_STATES)
        .exclude(deadline_notified_state=F("deadline_state"))
        .values_list("assignee_id", "deadline_state")
        .order_by()
        .distinct()
    )
    for assignee_id, state in rows:
        if assignee_id is not None:
            pending.setdefault(assignee_id, []).append(state)
    if not pending:
        return 0
    officers = get_user_model().objects.filter(pk__in=list(pending), is_active=True)
    addresses = {pk: email for pk, email in officers.values_list("pk", "email") if email}
    mailer = get_connection(fail_silently=False)
    created, emailed = 0, []
    try:
        for assignee_id in sorted(pending):
            states = [state for state in NOTIFIED_STATES if state in pending[assignee_id]]
            for notification in claim_and_notify(assignee_id, states):
                created += 1
                report.notified_officers.add(assignee_id)
                address = addresses.get(assignee_id)
                if not address:
                    continue
                if _send_email(mailer, notification, address):
                    emailed.append(notification.pk)
                else:
                    report.email_failures += 1
    finally:
        try:
            mailer.close()
        except (smtplib.SMTPException, OSError):
            logger.warning("closing the mail connection failed")
        now = timezone.now()
        for start in range(0, len(emailed), 500):
            Notification.objects.filter(pk__in=emailed[start : start + 500]).update(emailed_at=now)
        report.emails_sent += len(emailed)
    return created


def run_sweep(today: dt.date | None = None) -> SweepReport:
    """Re-apply the calendar and rules when they changed, mark every case's deadline state, notify the handlers."""
    started = time.perf_counter()
    today = today or timezone.localdate()
    record = DeadlineSweep.objects.create()
    report = SweepReport(record=record)
    signature = rules_signature()
    calendar, rules = WorkCalendar.load(), RuleTable.load()
    if signature != _last_signature():
        record.recomputed = refresh_due_dates(Case.objects.filter(is_open=True), calendar=calendar, rules=rules)
    marked = mark_states(today, due_soon_limit(today, calendar, rules))
    if sum(marked.values()) >= REPLAN_AFTER and connection.vendor == "postgresql":
        # After a mass change (the first sweep, a holiday) PostgreSQL's statistics still say "few overdue cases"
        # and the claims below would scan the state index instead of the handler's (40 ms instead of 0.1 ms each).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Case._meta.db_table}")
    record.marked_overdue, record.marked_due_soon = marked["overdue"], marked["due_soon"]
    report.marked_on_track, report.marked_none = marked["on_track"], marked["none"]
    record.notifications = notify_assignees(report)
    record.rules_signature = signature
    record.finished_at = timezone.now()
    record.save(
        update_fields=[
            "finished_at",
            "rules_signature",
            "recomputed",
            "marked_due_soon",
            "marked_overdue",
            "notifications",
        ]
    )
    report.seconds = time.perf_counter() - started
    changed = record.recomputed or report.marked_on_track or report.marked_none
    if not (changed or record.marked_overdue or record.marked_due_soon or record.notifications):
        return report  # an hour without change leaves no audit entry
    audit_log(
        actor=None,
        action="cases.deadlines.swept",
        instance=record,
        changes={
            "today": today,
            "recomputed": record.recomputed,
            "overdue": record.marked_overdue,
            "due_soon": record.marked_due_soon,
            "on_track": report.marked_on_track,
            "none": report.marked_none,
            "notifications": record.notifications,
        },
    )
    return report


def sweep(today: dt.date | None = None) -> DeadlineSweep:
    """Run the deadline sweep for ``today`` (default: the local date); returns its record."""
    return run_sweep(today).record
