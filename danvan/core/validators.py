"""Checks shared by forms and services: a date within the bounds its record allows.

A date typed on a decision, a report or a commendation belongs to its record: not before the record began (the
registration year of an initiative, the day a petition was received) and not in the future beyond what the record
allows (today, for something that already happened). Forms show the message beside the field; services raise it
for the API.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.errors import DomainError
from danvan.core.formatting import format_date

# No record of the platform is older than this (the first "Dân vận khéo" registries); a year like 1900 is a typo.
DATE_FLOOR = dt.date(2000, 1, 1)
# How far ahead a planned date (a session, a deadline) may be typed.
PLANNING_HORIZON = dt.timedelta(days=2 * 366)


def date_bounds_error(value: dt.date, *, earliest: dt.date | None = None, latest: dt.date | None = None) -> str | None:
    """The Vietnamese message for ``value`` outside [``earliest``, ``latest``] (defaults: 01/01/2000 and two
    years ahead), or None when it is within."""
    low = max(earliest or DATE_FLOOR, DATE_FLOOR)
    high = latest or timezone.localdate() + PLANNING_HORIZON
    if value < low:
        return _("Ngày %(value)s quá sớm: không được trước %(low)s.") % {
            "value": format_date(value),
            "low": format_date(low),
        }
    if value > high:
        if high == timezone.localdate():
            return _("Ngày %(value)s chưa đến: không được sau hôm nay (%(high)s).") % {
                "value": format_date(value),
                "high": format_date(high),
            }
        return _("Ngày %(value)s quá xa: không được sau %(high)s.") % {
            "value": format_date(value),
            "high": format_date(high),
        }
    return None


def check_date(value: dt.date, *, field: str, earliest: dt.date | None = None, latest: dt.date | None = None) -> None:
    """Raise a ``DomainError`` (code ``invalid_date``, the message on ``field``) for a date outside its bounds."""
    message = date_bounds_error(value, earliest=earliest, latest=latest)
    if message is not None:
        raise DomainError("invalid_date", message, fields={field: [message]})


def year_start(year: int) -> dt.date:
    """1 January of ``year``: the earliest date of a record registered for that year."""
    return dt.date(year, 1, 1)
