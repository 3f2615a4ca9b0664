"""The deadline sweep of the recommendation tracker: tell each addressed body's officers, once per state, of its
items newly due soon (within the rule ``recommendation.due_soon_warning`` of their deadline) and newly overdue.

Whether an item is overdue or due soon is not stored: it follows from ``due_on`` and today, so lists are right the
minute a day passes. What is stored is what each body was last told, in the narrow ``RecommendationNotice`` table
(one row per item: body, state, due date), as the case sweep does with ``DeadlineNotice``. A sweep first releases
the rows of items answered, withdrawn or back before the "due soon" window, then claims with one
``INSERT … SELECT … ON CONFLICT`` every open item with a named body whose (state, body) differs from its row, and
writes one notification per officer, body and state (“UBND xã Đồng Xuân có 3 kiến nghị quá hạn trả lời”), linking
to the body's inbox filtered to them. A transferred item differs from its row, so the new body is told in its turn.
The recommendations themselves are not written: on PostgreSQL an UPDATE of the wide row rewrites every one of its
eighteen indexes, and the first sweep over 2,000,000 items (460,000 of them newly overdue) took 239 s that way.
Two sweeps at once tell nobody twice: the claim runs under a lock (PostgreSQL advisory lock; SQLite writes one at
a time).

Items without a named body (carried over from issue 11 and addressed to a village or "another body") are not
told here; they show on the raising unit's to-do list (``meeting_todo``).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from danvan.core.db_router import joined_without_nested_loops
from danvan.core.rules import rule_in_force
from danvan.core.workdays import WorkCalendar
from danvan.democracy.access import body_officer_ids
from danvan.democracy.models import Recommendation, RecommendationNotice, RecommendationStatus
from danvan.notifications.services import Notice, notify_many

WARNING_RULE = "recommendation.due_soon_warning"
DUE_SOON = "due_soon"
OVERDUE = "overdue"
SWEEP_LOCK = 0x64765243  # one recommendation sweep at a time on PostgreSQL
KIND = "recommendation_"  # + the state: "recommendation_due_soon" fits Notification.kind (30)


@dataclass
class RecommendationSweepReport:
    """What one sweep did: items newly told due soon / overdue, bodies and notifications, and the time taken."""

    today: dt.date
    due_soon_limit: dt.date
    newly_due_soon: int = 0
    newly_overdue: int = 0
    bodies: int = 0
    notifications: int = 0
    seconds: float = 0.0
    by_body: dict[tuple[int, str], int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "today": self.today.isoformat(),
            "due_soon_limit": self.due_soon_limit.isoformat(),
            "newly_due_soon": self.newly_due_soon,
            "newly_overdue": self.newly_overdue,
            "bodies": self.bodies,
            "notifications": self.notifications,
            "seconds": round(self.seconds, 3),
        }


def due_soon_limit(today: dt.date, calendar: WorkCalendar | None = None) -> dt.date:
    """The last due day counted as "due soon" today (rule ``recommendation.due_soon_warning``, in its day kind)."""
    rule = rule_in_force(WARNING_RULE, today)
    days = int(rule.value)
    if rule.day_kind == "working":
        return (calendar or WorkCalendar.load()).add_working_days(today, days)
    return today + dt.timedelta(days=days)


def inbox_link(org_id: int, state: str) -> str:
    return f"{reverse('democracy:recommendation_inbox')}?{urlencode({'organization': str(org_id), 'state': state})}"


def message(state: str, body: str, count: int) -> str:
    if state == OVERDUE:
        return _("%(body)s có %(n)s kiến nghị quá hạn trả lời.") % {"body": body, "n": count}
    return _("%(body)s có %(n)s kiến nghị sắp đến hạn trả lời.") % {"body": body, "n": count}


RELEASE_SQL = """
DELETE FROM {notice}
WHERE NOT EXISTS (
  SELECT 1 FROM {item} r
  WHERE r.id = {notice}.recommendation_id AND r.status = %(open)s AND r.due_on <= %(limit)s
)
"""
CLAIM_SQL = """
INSERT INTO {notice} (recommendation_id, organization_id, state, due_on, told_on)
SELECT r.id, r.addressee_org_id, CASE WHEN r.due_on < %(today)s THEN 'overdue' ELSE 'due_soon' END, r.due_on,
       %(today)s
FROM {item} r
WHERE r.status = %(open)s AND r.due_on <= %(limit)s AND r.addressee_org_id IS NOT NULL
  AND NOT EXISTS (
    SELECT 1 FROM {notice} n
    WHERE n.recommendation_id = r.id AND n.organization_id = r.addressee_org_id
      AND n.state = CASE WHEN r.due_on < %(today)s THEN 'overdue' ELSE 'due_soon' END
  )
ON CONFLICT (recommendation_id) DO UPDATE
SET organization_id = excluded.organization_id, state = excluded.state, due_on = excluded.due_on,
    told_on = excluded.told_on
WHERE {notice}.state <> excluded.state OR {notice}.organization_id <> excluded.organization_id
RETURNING organization_id, state
"""


def _claim(today: dt.date, limit: dt.date) -> dict[tuple[int, str], int]:
    """Record as told every open item with a named body newly overdue or due soon (or now at another body); how
    many per (body, state). Call inside a transaction: the notifications are written before the claims commit."""
    tables = {"notice": RecommendationNotice._meta.db_table, "item": Recommendation._meta.db_table}
    params: dict[str, dt.date | str] = {"today": today, "limit": limit, "open": str(RecommendationStatus.OPEN)}
    with connection.cursor() as cursor:
        cursor.execute(RELEASE_SQL.format(**tables), params)
        with joined_without_nested_loops():  # never a scan of the notices per due item (db_router)
            cursor.execute(CLAIM_SQL.format(**tables), params)
            claimed = Counter((org_id, state) for org_id, state in cursor.fetchall())  # the rows written, no others
    return dict(sorted(claimed.items()))


def run_sweep(today: dt.date | None = None) -> RecommendationSweepReport:
    """Tell the addressed bodies' officers of their items newly due soon and newly overdue (once per state)."""
    from danvan.core.models import Organization

    started = time.perf_counter()
    today = today or timezone.localdate()
    report = RecommendationSweepReport(today=today, due_soon_limit=due_soon_limit(today))
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SWEEP_LOCK])
        claimed = _claim(today, report.due_soon_limit)
        org_ids = {org_id for org_id, _state in claimed}
        names = dict(Organization.objects.filter(pk__in=org_ids).values_list("pk", "name"))
        recipients = body_officer_ids(org_ids)
        notices = [
            Notice(officer_id, f"{KIND}{state}", message(state, names.get(org_id, ""), n), inbox_link(org_id, state))
            for (org_id, state), n in sorted(claimed.items(), key=lambda entry: (entry[0][0], entry[0][1] != OVERDUE))
            for officer_id in recipients.get(org_id, [])
        ]
        report.notifications = len(notify_many(notices)) if notices else 0
    report.by_body = claimed
    report.bodies = len(org_ids)
    report.newly_overdue = sum(n for (_org, state), n in claimed.items() if state == OVERDUE)
    report.newly_due_soon = sum(n for (_org, state), n in claimed.items() if state == DUE_SOON)
    report.seconds = time.perf_counter() - started
    return report
