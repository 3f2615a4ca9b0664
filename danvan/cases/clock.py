"""Where a running deadline stands today: overdue, due soon, on track — computed from ``due_on``, never stored.

A case's state follows from its due date and today's date alone: overdue when ``due_on`` is past, due soon when it
falls within ``case.due_soon_warning`` working days (the rule in force today), on track after that, "none" without a
due date (closed and suspended cases have none). Computing it where it is read keeps it right the minute a case is
extended or a day passes, and spares the wide case rows a million writes a day (docs/decisions/0009).

:class:`DeadlineClock` answers for one day: the state of a due date, the filter for a state, and the last date that
counts as due soon. :func:`current_clock` is today's clock, kept per process and calendar version: a rule or a calendar
notice saved on any node gives every node a new version (Django's cache; core/shared_cache.py, docs/decisions/0016-object-storage-and-caches.md).
This module imports no model of ``cases`` (``DeadlineState`` lives here), so ``models.py`` imports it directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.rules import RuleTable, rule_in_force
from danvan.core.shared_cache import SharedValue
from danvan.core.workdays import CALENDAR_VERSION, WorkCalendar, default_calendar

WARNING_RULE = "case.due_soon_warning"


class DeadlineState(models.TextChoices):
    """Where a running deadline stands on a day (``cases.models`` re-exports it for the models and forms)."""

    NONE = "none", _("Không tính hạn")
    ON_TRACK = "on_track", _("Trong hạn")
    DUE_SOON = "due_soon", _("Sắp đến hạn")
    OVERDUE = "overdue", _("Quá hạn")


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


def _clock_of(part: str) -> DeadlineClock:
    return clock_for(dt.date.fromisoformat(part))


# Kept per process and calendar version, shared through Django's cache (core/shared_cache.py): a rule or a calendar
# notice saved on any node changes the version, so every node's next request builds a new clock.
_clocks: SharedValue[DeadlineClock] = SharedValue(CALENDAR_VERSION, "deadline-clock", _clock_of)


def current_clock() -> DeadlineClock:
    """Today's clock (kept in memory until the day or the calendar version changes)."""
    return _clocks.get(timezone.localdate().isoformat())
