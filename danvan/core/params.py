"""Lenient parsing of query-string values for list filters: a value that does not parse gives None.

A hand-edited link then shows a wider list, not an error (see ``cases.filters`` and ``initiatives.filters``).
Digits are ASCII digits only: ``str.isdigit`` accepts "²" and "٣" (which ``int()`` then refuses or reads as
3), so no code parses a number without :func:`digits_int` or :func:`positive_int`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from typing import Any

_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")
MAX_ID = 2**63 - 1


def digits_int(value: Any, *, most: int = MAX_ID) -> int | None:
    """A whole number written in ASCII digits only (surrounding spaces allowed), from 0 to ``most``; else None.

    "²", "٣", "1_000", "+1", "-1" and "1.0" are not numbers here, whatever ``int()`` would make of them.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= most else None
    text = str(value if value is not None else "").strip()
    if not _ASCII_DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if number <= most else None


def positive_int(value: Any) -> int | None:
    """A whole number from 1 to 2**63 − 1 (a database id or a year) in ASCII digits, else None."""
    number = digits_int(value)
    return number if number else None


def year_param(value: Any) -> int | None:
    """A year within the project's bounds (core.periods.MIN_YEAR–MAX_YEAR) in ASCII digits, else None: a year
    10000 would otherwise reach ``datetime.date`` in a ``__year`` lookup and fail."""
    from danvan.core.periods import year_in_range

    year = positive_int(value)
    return year if year_in_range(year) else None


def choice(value: Any, allowed: Collection[str]) -> str | None:
    """The value stripped, when it is one of ``allowed``, else None."""
    text = str(value or "").strip()
    return text if text in allowed else None


def date_param(value: Any) -> dt.date | None:
    """A date written yyyy-mm-dd or dd/mm/yyyy, else None."""
    text = str(value or "").strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a date, no time zone
        except ValueError:
            continue
    return None


def bool_param(value: Any) -> bool | None:
    """True for "1"/"true", False for "0"/"false" (any case), else None."""
    text = str(value or "").strip().lower()
    return {"1": True, "true": True, "0": False, "false": False}.get(text)
