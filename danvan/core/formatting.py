"""Vietnamese number and date formatting for pages, exports and documents.

Independent of the active language so that a DOCX or XLSX made from an English
page still reads "1.234,5" and "21/11/2026", as official documents require.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


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
