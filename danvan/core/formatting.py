"""Vietnamese number and date formatting for pages, exports and documents.

Independent of the active language so that a DOCX or XLSX made from an English
page still reads "1.234,5" and "21/11/2026", as official documents require.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Choices
from django.utils.translation import pgettext, pgettext_lazy


def format_number(value: int | float | Decimal | Fraction | None, decimals: int = 0) -> str:
    """``1234567`` → ``1.234.567``; ``25.5`` with one decimal → ``25,5``."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    if isinstance(value, Fraction):
        number = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        number = Decimal(str(value))
    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    integer, _, fraction = f"{abs(number):f}".partition(".")
    groups: list[str] = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    text = ".".join(groups)
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def format_percent(value: int | float | Decimal | Fraction | None, decimals: int = 1) -> str:
    """``25.5`` → ``25,5%`` (value already in percent)."""
    if value is None:
        return ""
    return f"{format_number(value, decimals)}%"


def format_date(value: dt.date | dt.datetime | None) -> str:
    """``date(2026, 2, 16)`` → ``16/02/2026``."""
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y")


# Month names: "Tháng 3" in Vietnamese, "March" in English (a number after "Month" is no English month name).
MONTH_NAMES = (
    pgettext_lazy("month name", "Tháng 1"),
    pgettext_lazy("month name", "Tháng 2"),
    pgettext_lazy("month name", "Tháng 3"),
    pgettext_lazy("month name", "Tháng 4"),
    pgettext_lazy("month name", "Tháng 5"),
    pgettext_lazy("month name", "Tháng 6"),
    pgettext_lazy("month name", "Tháng 7"),
    pgettext_lazy("month name", "Tháng 8"),
    pgettext_lazy("month name", "Tháng 9"),
    pgettext_lazy("month name", "Tháng 10"),
    pgettext_lazy("month name", "Tháng 11"),
    pgettext_lazy("month name", "Tháng 12"),
)


def month_name(month: int) -> str:
    """The name of ``month`` (1–12) in the active language: "Tháng 3", "March"."""
    return str(MONTH_NAMES[month - 1])


def month_year(month: int, year: int) -> str:
    """ "Tháng 3 năm 2026", "March 2026"."""
    return pgettext("month and year", "%(month)s năm %(year)s") % {"month": month_name(month), "year": year}


def choice_label(choices: type[Choices], value: object) -> str:
    """``value``'s label among ``choices``, in the active language (``value`` itself when it is none of them) — what
    ``get_FOO_display()`` answers, without the dict of every choice Django builds again on each call (0.2 ms a call:
    4 ms of a page of twenty in the API, issue 15)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)
