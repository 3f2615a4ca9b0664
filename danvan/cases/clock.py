"""Where a running deadline stands today: overdue, due soon, on track — computed from ``due_on``, never stored.

A case's state follows from its due date and today's date alone: overdue when ``due_on`` is past, due soon when it
falls within ``case.due_soon_warning`` working days (the rule in force today), on track after that, "none" without a
due date (closed and suspended cases have none). Computing it where it is read keeps it right the minute a case is
extended or a day passes, and spares the wide case rows a million writes a day (docs/decisions/0009).

:class:`DeadlineClock` answers for one day: the state of a due date, the filter for a state, and the last date that
counts as due soon. :func:`current_clock` is today's clock, cached for a few minutes per process and dropped when a
rule or a calendar notice is saved in this process.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from danvan.cases.models import DeadlineState
from danvan.core.models import CalendarNotice, LegalRule
from danvan.core.rules import RuleTable, rule_in_force
from danvan.core.workdays import WorkCalendar, default_calendar

WARNING_RULE = "case.due_soon_warning"
CACHE_SECONDS = 300  # another process's rule change is seen within five minutes


@dataclass(frozen=True)
class DeadlineClock:
    today: dt.date
    soon_limit: dt.date  # the last due date counted as "due soon"

    def state_of(self, due_on: dt.date | None) -> str:
        if due_on is None:
            return DeadlineState.NONE
        if due_on < self.today:
            return DeadlineState.OVERDUE
        if due_on <= self.soon_limit:
            return DeadlineState.DUE_SOON
        return DeadlineState.ON_TRACK

    def q(self, state: str) -> Q:
        """Cases whose deadline is in ``state`` on this clock's day (a filter on ``due_on``)."""
        if state == DeadlineState.OVERDUE:
            return Q(is_open=True, due_on__lt=self.today)
        if state == DeadlineState.DUE_SOON:
            return Q(is_open=True, due_on__gte=self.today, due_on__lte=self.soon_limit)
        if state == DeadlineState.ON_TRACK:
            return Q(is_open=True, due_on__gt=self.soon_limit)
        return Q(due_on__isnull=True)


def clock_for(today: dt.date, *, calendar: WorkCalendar | None = None, rules: RuleTable | None = None) -> DeadlineClock:
    """The clock of ``today``: "due soon" reaches ``case.due_soon_warning`` working days ahead (the rule of today)."""
    calendar = calendar or default_calendar()
    warning = rules.in_force(WARNING_RULE, today) if rules else rule_in_force(WARNING_RULE, today)
    return DeadlineClock(today=today, soon_limit=calendar.add_working_days(today, warning.value))


class _Cache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entry: tuple[float, DeadlineClock] | None = None

    def get(self) -> DeadlineClock:
        today = timezone.localdate()
        with self._lock:
            entry = self._entry
        if entry is not None and entry[1].today == today and time.monotonic() < entry[0]:
            return entry[1]
        clock = clock_for(today)
        with self._lock:
            self._entry = (time.monotonic() + CACHE_SECONDS, clock)
        return clock

    def clear(self) -> None:
        with self._lock:
            self._entry = None


_cache = _Cache()


def current_clock() -> DeadlineClock:
    """Today's clock (cached for a few minutes in this process)."""
    return _cache.get()


@receiver([post_save, post_delete], sender=LegalRule, dispatch_uid="danvan.cases.clock.rule")
@receiver([post_save, post_delete], sender=CalendarNotice, dispatch_uid="danvan.cases.clock.notice")
def _forget(sender: Any, **kwargs: Any) -> None:
    # Again after commit: a clock built between the save and the commit read the uncommitted row.
    _cache.clear()
    transaction.on_commit(_cache.clear)
