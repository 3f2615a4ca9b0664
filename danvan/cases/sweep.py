"""The hourly deadline sweep (``danvan sweep_deadlines``): re-apply the calendar, tell the handlers.

1. When the calendar notices or the legal rules changed since the last sweep (or since the baseline ``migrate``
   records on a new installation, ``record_baseline``), the stored due dates of the open
   cases are recomputed with ``deadlines.refresh_due_dates``: a day off added from the Government's yearly notice
   moves the deadlines of cases already open (Alaveteli's lesson, DOMAIN.md §9). Each case keeps the rule in force
   on its start date, so a rule row valid from a later date moves nothing. A sweep records the rules' signature
   and the notices it saw: when only notices changed, only the cases whose running window holds one of the changed
   days are read (``changed_days``); a rule changed, or a first sweep, reads every open case.
2. Whether a case is overdue or due soon is not stored: it follows from ``due_on`` and today (``clock.py``), so the
   list is right the minute a day passes and the sweep marks nothing.
3. Each handler is told once per case state. One statement claims, in the narrow ``DeadlineNotice`` table, every
   open case due by the "due soon" limit whose (state, handler) differs from what was last told, and
   stamps the claimed rows with this sweep; one in-app notification per handler and state counts them, and one
   e-mail follows (through the outbox of ``danvan.notifications``: a failed one is retried later). Claims and notifications commit together; the claim runs under a lock, so two sweeps running at
   once tell each case once (the second finds it told). A case handed to another officer differs from its row;
   a case extended back on track loses its row; both are told again when late.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import connection, transaction
from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import ngettext

from danvan.cases.clock import DeadlineClock, clock_for
from danvan.cases.deadlines import refresh_due_dates
from danvan.cases.models import Case, DeadlineNotice, DeadlineState, DeadlineSweep
from danvan.core.audit import audit_log
from danvan.core.db_router import joined_without_nested_loops
from danvan.core.models import CalendarNotice, LegalRule
from danvan.core.rules import RuleTable
from danvan.core.workdays import WorkCalendar
from danvan.notifications.services import Notice, deliver_for, notify_many

logger = logging.getLogger(__name__)

CASE_LIST_FALLBACK = "/backoffice/cases/"


@dataclass
class SweepReport:
    """The sweep's record plus what the record has no column for (printed by the command)."""

    record: DeadlineSweep
    emails_sent: int = 0
    email_failures: int = 0
    seconds: float = 0.0
    delivery_seconds: float = 0.0  # of ``seconds``: sending the e-mails
    notified_officers: set[int] = field(default_factory=set)


def rules_signature(using: str = "default") -> str:
    """A hash of every legal rule row: when it changes, every open case's due date is recomputed."""
    digest = hashlib.sha256()
    for rule in (
        LegalRule.objects.using(using)
        .order_by("code", "valid_from")
        .values_list("code", "valid_from", "valid_to", "value", "day_kind", "updated_at")
    ):
        digest.update(("rule|" + "|".join(str(value) for value in rule) + "\n").encode())
    return digest.hexdigest()


def calendar_notices(using: str = "default") -> dict[str, list[str]]:
    """The calendar notices as a sweep records them: ``{"yyyy-mm-dd": [kind, title, legal basis]}``."""
    notices = CalendarNotice.objects.using(using).values_list("date", "kind", "title", "legal_basis")
    return {day.isoformat(): [kind, title, basis] for day, kind, title, basis in notices}


def record_baseline(using: str = "default") -> DeadlineSweep | None:
    """On a database without a sweep and without an open case (a new installation, after ``migrate``): a record of
    the calendar and rules in force, as if swept. Every case received from then on has its due date computed with
    the calendar of its day, and each later change of a notice or rule is found against this record: the first
    real sweep recomputes only around what changed since, not every open case (none of which could differ)."""
    if DeadlineSweep.objects.using(using).exists() or Case.objects.using(using).filter(is_open=True).exists():
        return None
    with transaction.atomic(using=using):
        return DeadlineSweep.objects.using(using).create(
            finished_at=timezone.now(),
            rules_signature=rules_signature(using),
            calendar_notices=calendar_notices(using),
        )


def _last_sweep() -> DeadlineSweep | None:
    """The finished sweep that started last (by id: the one that saw the newest calendar and rules — of two run at
    once, the later may finish first)."""
    return DeadlineSweep.objects.filter(finished_at__isnull=False).order_by("-id").first()


def changed_days(before: dict[str, list[str]], now: dict[str, list[str]]) -> set[dt.date] | None:
    """The days whose notice was added, removed or edited between two sweeps; None when the change reaches beyond
    them: a notice of a new latest year (or the last one of a year removed) makes the package's days of the years
    up to it official, or provisional again, which every explanation naming them says."""

    def last_year(notices: dict[str, list[str]]) -> int | None:
        return max((int(day[:4]) for day in notices), default=None)

    if last_year(before) != last_year(now):
        return None
    return {dt.date.fromisoformat(day) for day in before.keys() | now.keys() if before.get(day) != now.get(day)}


def case_list_path() -> str:
    try:
        return reverse("cases:list")
    except NoReverseMatch:
        return CASE_LIST_FALLBACK


def deadline_list_path(state: str, assignee_id: int, *, base: str | None = None) -> str:
    """The case list narrowed to one handler's cases in ``state`` (the link of the notification and the e-mail);
    ``base`` is ``case_list_path()`` when the caller has it already (one reverse per sweep, not per handler)."""
    return f"{base or case_list_path()}?{urlencode({'deadline': state, 'assignee': assignee_id})}"


def notification_message(state: str, count: int) -> str:
    if state == DeadlineState.OVERDUE:
        return ngettext("Bạn có %(n)s hồ sơ quá hạn.", "Bạn có %(n)s hồ sơ quá hạn.", count) % {"n": count}
    return ngettext("Bạn có %(n)s hồ sơ sắp đến hạn.", "Bạn có %(n)s hồ sơ sắp đến hạn.", count) % {"n": count}


RELEASE_SQL = """
DELETE FROM {notice}
WHERE NOT EXISTS (
  SELECT 1 FROM {case} c WHERE c.id = {notice}.case_id AND c.is_open AND c.due_on <= %(limit)s
)
"""
# The same on SQLite, which runs NOT EXISTS as a look-up of each told case's wide row (700,000 random reads at
# national scale: 1.8 s): the ids still due are read once from the index case_due_window_open (0.8 s), then each row
# checked against them. PostgreSQL plans the NOT EXISTS as a hash anti-join already (its NOT IN would not be one).
RELEASE_SQL_SQLITE = """
DELETE FROM {notice}
WHERE case_id NOT IN (SELECT c.id FROM {case} c WHERE c.is_open AND c.due_on <= %(limit)s)
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
        release = RELEASE_SQL if connection.vendor == "postgresql" else RELEASE_SQL_SQLITE
        cursor.execute(release.format(**tables), params)
        with joined_without_nested_loops():  # never a scan of the notices per due case (db_router)
            cursor.execute(CLAIM_SQL.format(**tables), params)
    counts = (
        DeadlineNotice.objects.filter(sweep=sweep)
        .values_list("assignee_id", "state")
        .annotate(n=Count("case_id"))
        .order_by("assignee_id", "-state")  # a handler hears of the overdue cases first
    )
    return {(assignee_id, state): n for assignee_id, state, n in counts}


def notify_assignees(report: SweepReport, clock: DeadlineClock) -> int:
    """Claim the newly due-soon and overdue cases; one notification (and e-mail) per handler per state."""
    base = case_list_path()
    with transaction.atomic():
        claimed = claim(clock, report.record)
        notifications = notify_many(
            (
                Notice(
                    assignee_id,
                    f"deadline_{state}",
                    notification_message(state, n),
                    deadline_list_path(state, assignee_id, base=base),
                )
                for (assignee_id, state), n in claimed.items()
            ),
            deliver_later=False,  # sent below, in this job
        )
    by_state = Counter[str]()
    for (_officer, state), n in claimed.items():
        by_state[state] += n
    report.record.newly_overdue, report.record.newly_due_soon = (
        by_state[DeadlineState.OVERDUE],
        by_state[DeadlineState.DUE_SOON],
    )
    report.notified_officers.update(officer for officer, _state in claimed)
    # The sweep is itself a batch job (a task, or the timer's command): it sends its e-mails here, through the
    # outbox, a batch at a time over one mail connection; a failed one is retried by a task later, and a row left
    # behind (the job killed) by ``flush_outbox``.
    delivery_started = time.perf_counter()
    outcomes = deliver_for(notifications)
    report.delivery_seconds += time.perf_counter() - delivery_started
    report.emails_sent += outcomes.get("sent", 0)
    report.email_failures += outcomes.get("retry", 0) + outcomes.get("failed", 0)
    return len(notifications)


def run_sweep(today: dt.date | None = None) -> SweepReport:
    """Re-apply the calendar and rules when they changed, then tell the handlers of their newly late cases."""
    started = time.perf_counter()
    today = today or timezone.localdate()
    record = DeadlineSweep.objects.create()
    report = SweepReport(record=record)
    signature, notices = rules_signature(), calendar_notices()
    calendar, rules = WorkCalendar.load(), RuleTable.load()
    last = _last_sweep()
    if last is None or last.rules_signature != signature or last.calendar_notices != notices:
        # The first sweep or a rule changed: every open case; notices changed: the cases around their days.
        days = (
            None if last is None or last.rules_signature != signature else changed_days(last.calendar_notices, notices)
        )
        record.recomputed = refresh_due_dates(
            Case.objects.filter(is_open=True), calendar=calendar, rules=rules, days=days or ()
        )
    record.notifications = notify_assignees(report, clock_for(today, calendar=calendar, rules=rules))
    record.rules_signature, record.calendar_notices = signature, notices
    record.finished_at = timezone.now()
    record.save(
        update_fields=[
            "finished_at",
            "rules_signature",
            "calendar_notices",
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
