"""The hourly deadline sweep (``danvan sweep_deadlines``): re-apply the calendar, tell the handlers.

1. When the calendar notices or the legal rules changed since the last sweep (a signature of their rows), the
   stored due dates of the open cases are recomputed with ``deadlines.refresh_due_dates``: a day off added from the
   Government's yearly notice moves the deadlines of cases already open (Alaveteli's lesson, DOMAIN.md §9). Each
   case keeps the rule in force on its start date, so a rule row valid from a later date moves nothing.
2. Whether a case is overdue or due soon is not stored: it follows from ``due_on`` and today (``clock.py``), so the
   list is right the minute a day passes and the sweep marks nothing.
3. Each handler is told once per case state. One statement claims, in the narrow ``DeadlineNotice`` table, every
   open case due by the "due soon" limit whose (state, handler) differs from what was last told, and
   stamps the claimed rows with this sweep; one in-app notification per handler and state counts them, and one
   e-mail follows. Claims and notifications commit together; the claim runs under a lock, so two sweeps running at
   once tell each case once (the second finds it told). A case handed to another officer differs from its row;
   a case extended back on track loses its row; both are told again when late.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import smtplib
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import get_connection, send_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.cases.clock import DeadlineClock, clock_for
from danvan.cases.deadlines import refresh_due_dates
from danvan.cases.models import Case, DeadlineNotice, DeadlineState, DeadlineSweep, Notification
from danvan.core.audit import audit_log
from danvan.core.models import CalendarNotice, LegalRule
from danvan.core.rules import RuleTable
from danvan.core.workdays import WorkCalendar

logger = logging.getLogger(__name__)

CASE_LIST_FALLBACK = "/backoffice/cases/"


@dataclass
class SweepReport:
    """The sweep's record plus what the record has no column for (printed by the command)."""

    record: DeadlineSweep
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


def deadline_list_path(state: str, assignee_id: int) -> str:
    """The case list narrowed to one handler's cases in ``state`` (the link of the notification and the e-mail)."""
    try:
        base = reverse("cases:list")
    except NoReverseMatch:
        base = CASE_LIST_FALLBACK
    return f"{base}?{urlencode({'deadline': state, 'assignee': assignee_id})}"


def notification_message(state: str, count: int) -> str:
    if state == DeadlineState.OVERDUE:
        return ngettext("Bạn có %(n)s hồ sơ quá hạn.", "Bạn có %(n)s hồ sơ quá hạn.", count) % {"n": count}
    return ngettext("Bạn có %(n)s hồ sơ sắp đến hạn.", "Bạn có %(n)s hồ sơ sắp đến hạn.", count) % {"n": count}


def _site_origin() -> str:
    origins = getattr(settings, "CSRF_TRUSTED_ORIGINS", None) or []
    return str(origins[0]).rstrip("/") if origins else ""


RELEASE_SQL = """
DELETE FROM {notice}
WHERE NOT EXISTS (
  SELECT 1 FROM {case} c WHERE c.id = {notice}.case_id AND c.is_open AND c.due_on <= %(limit)s
)
"""
CLAIM_SQL = """
INSERT INTO {notice} (case_id, assignee_id, state, due_on, sweep_id)
SELECT c.id, c.assignee_id, CASE WHEN c.due_on < %(today)s THEN 'overdue' ELSE 'due_soon' END, c.due_on, %(sweep)s
FROM {case} c
WHERE c.is_open AND c.assignee_id IS NOT NULL AND c.due_on <= %(limit)s  -- the terms of case_due_open
  AND NOT EXISTS (
    SELECT 1 FROM {notice} n
    WHERE n.case_id = c.id AND n.assignee_id = c.assignee_id
      AND n.state = CASE WHEN c.due_on < %(today)s THEN 'overdue' ELSE 'due_soon' END
  )
ON CONFLICT (case_id) DO UPDATE
SET assignee_id = excluded.assignee_id, state = excluded.state, due_on = excluded.due_on, sweep_id = excluded.sweep_id
WHERE {notice}.state <> excluded.state OR {notice}.assignee_id <> excluded.assignee_id
"""
CLAIM_LOCK = 0x64616E76  # "danv": one claim at a time on PostgreSQL (SQLite writes one at a time anyway)


def claim(clock: DeadlineClock, sweep: DeadlineSweep) -> dict[tuple[int, str], int]:
    """Record as told every case newly due soon or overdue; returns how many per (handler, state).

    First the rows of cases back on track (extended), closed or suspended are released, so they are told again
    when they come due again; a due date moved while the case stays late (a day off added) tells nobody twice.
    Call inside a transaction: the caller writes the notifications before the claims commit.
    """
    tables = {"notice": DeadlineNotice._meta.db_table, "case": Case._meta.db_table}
    params: dict[str, dt.date | int] = {"today": clock.today, "limit": clock.soon_limit, "sweep": sweep.pk}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CLAIM_LOCK])
        cursor.execute(RELEASE_SQL.format(**tables), params)
        cursor.execute(CLAIM_SQL.format(**tables), params)
    counts = (
        DeadlineNotice.objects.filter(sweep=sweep)
        .values_list("assignee_id", "state")
        .annotate(n=Count("case_id"))
        .order_by("assignee_id", "-state")  # a handler hears of the overdue cases first
    )
    return {(assignee_id, state): n for assignee_id, state, n in counts}


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


def notify_assignees(report: SweepReport, clock: DeadlineClock) -> int:
    """Claim the newly due-soon and overdue cases; one notification (and e-mail) per handler per state."""
    with transaction.atomic():
        claimed = claim(clock, report.record)
        notifications = Notification.objects.bulk_create(
            Notification(recipient_id=assignee_id, kind=f"deadline_{state}", message=notification_message(state, n))
            for (assignee_id, state), n in claimed.items()
        )
    by_state = Counter[str]()
    for (_officer, state), n in claimed.items():
        by_state[state] += n
    report.record.newly_overdue, report.record.newly_due_soon = (
        by_state[DeadlineState.OVERDUE],
        by_state[DeadlineState.DUE_SOON],
    )
    report.notified_officers.update(officer for officer, _state in claimed)
    send_emails(report, notifications)
    return len(notifications)


def send_emails(report: SweepReport, notifications: list[Notification]) -> None:
    """E-mail each notification to its officer when they have an address; a failure leaves the in-app one."""
    recipients = {notification.recipient_id for notification in notifications}
    officers = get_user_model().objects.filter(pk__in=recipients, is_active=True, email__gt="")
    addresses = dict(officers.values_list("pk", "email"))
    if not addresses:
        return
    mailer = get_connection(fail_silently=False)
    emailed = []
    try:
        for notification in notifications:
            address = addresses.get(notification.recipient_id)
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


def run_sweep(today: dt.date | None = None) -> SweepReport:
    """Re-apply the calendar and rules when they changed, then tell the handlers of their newly late cases."""
    started = time.perf_counter()
    today = today or timezone.localdate()
    record = DeadlineSweep.objects.create()
    report = SweepReport(record=record)
    signature = rules_signature()
    calendar, rules = WorkCalendar.load(), RuleTable.load()
    if signature != _last_signature():
        record.recomputed = refresh_due_dates(Case.objects.filter(is_open=True), calendar=calendar, rules=rules)
    record.notifications = notify_assignees(report, clock_for(today, calendar=calendar, rules=rules))
    record.rules_signature = signature
    record.finished_at = timezone.now()
    record.save(
        update_fields=[
            "finished_at",
            "rules_signature",
            "recomputed",
            "newly_due_soon",
            "newly_overdue",
            "notifications",
        ]
    )
    report.seconds = time.perf_counter() - started
    if not (record.recomputed or record.notifications):
        return report  # an hour without change leaves no audit entry
    audit_log(
        actor=None,
        action="cases.deadlines.swept",
        instance=record,
        changes={
            "today": today,
            "recomputed": record.recomputed,
            "overdue": record.newly_overdue,
            "due_soon": record.newly_due_soon,
            "notifications": record.notifications,
        },
    )
    return report


def sweep(today: dt.date | None = None) -> DeadlineSweep:
    """Run the deadline sweep for ``today`` (default: the local date); returns its record."""
    return run_sweep(today).record
