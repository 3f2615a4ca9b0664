"""Lenient parsing of query-string values for list filters: a value that does not parse gives None.

A hand-edited link then shows a wider list, not an error (see ``cases.filters`` and ``initiatives.filters``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any


def positive_int(value: Any) -> int | None:
    """A whole number from 1 to 2**63 − 1 (a database id or a year), else None."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


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
