"""The deadline sweep of the recommendation tracker: tell each addressed body's officers, once per state, of its
items newly due soon (within the rule ``recommendation.due_soon_warning`` of their deadline) and newly overdue.

Whether an item is overdue or due soon is not stored: it follows from ``due_on`` and today, so lists are right the
minute a day passes. What is stored is what was last told (``told_state``: "due_soon", "overdue"); a sweep claims
the items whose state moved with one UPDATE per state and writes one notification per officer, body and state
(“UBND xã Đồng Xuân có 3 kiến nghị quá hạn trả lời”), linking to the body's inbox filtered to them. A transfer
clears ``told_state``, so the new body is told in its turn. Two sweeps at once tell nobody twice: the claim runs
under a lock (PostgreSQL advisory lock; SQLite writes one at a time).

Items without a named body (carried over from issue 11 and addressed to a village or "another body") are not
told here; they show on the raising unit's to-do list (``meeting_todo``).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from danvan.core.rules import rule_in_force
from danvan.core.workdays import WorkCalendar
from danvan.democracy.access import body_officer_ids
from danvan.democracy.models import Recommendation, RecommendationStatus
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


def _claim(today: dt.date, limit: dt.date) -> dict[tuple[int, str], int]:
    """Mark as told every open item with a named body newly overdue or due soon; how many per (body, state)."""
    open_named = Recommendation.objects.filter(status=RecommendationStatus.OPEN, addressee_org__isnull=False)
    overdue = open_named.filter(due_on__lt=today).exclude(told_state=OVERDUE)
    soon = open_named.filter(due_on__gte=today, due_on__lte=limit).exclude(told_state__in=(DUE_SOON, OVERDUE))
    claimed: dict[tuple[int, str], int] = {}
    for state, rows in ((OVERDUE, overdue), (DUE_SOON, soon)):
        for org_id, n in rows.values_list("addressee_org").annotate(n=Count("id")).order_by("addressee_org"):
            claimed[(org_id, state)] = n
        rows.update(told_state=state)
    return claimed


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
