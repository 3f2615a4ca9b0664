"""Vietnamese sentences of figures and comparisons, as the published reports write them.

- :func:`change_phrase`: "giảm 25,5% so với năm 2021", "tăng 12,5%", "bằng năm 2021" (equal), "" without a base.
- :func:`difference_phrase`: "tăng 3 mô hình so với năm 2025", "giảm 2 cuộc", "bằng".
- :func:`rate_phrase`: "đạt 77,8%" (a rate of an indicator), :func:`ratio_phrase`: "33.838/43.479, đạt 77,8%".
- :func:`figure_phrase`: "137 lượt" (the value with its unit of measure).

Numbers are written the Vietnamese way (``1.234,5``), percentages half-up to one decimal (``core.periods``).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from danvan.core.formatting import format_number, format_percent
from danvan.core.periods import change_percent
from danvan.reporting.indicators import rate

__all__ = ["change_phrase", "difference_phrase", "figure_phrase", "number", "rate_phrase", "ratio_phrase"]


def number(value: int | Decimal | None) -> str:
    """``33838`` → ``33.838``, ``Decimal("12.5")`` → ``12,5``; "–" for None."""
    if value is None:
        return "–"
    if isinstance(value, Decimal) and value != value.to_integral_value():
        places = max(0, -int(value.normalize().as_tuple().exponent))
        return format_number(value, min(places, 2))
    return format_number(int(value))


def figure_phrase(value: int | Decimal | None, measure: str = "") -> str:
    """ "137 lượt", "77,8%" for a percent measure."""
    if measure == "%":
        return format_percent(value) if value is not None else "–"
    return f"{number(value)} {measure}".strip()


def _against(text: str, against: str) -> str:
    return _("%(change)s so với %(period)s") % {"change": text, "period": against} if against else text


def change_phrase(current: int | Decimal, previous: int | Decimal, *, against: str = "") -> str:
    """ "giảm 25,5% so với năm 2021" (184 → 137), "tăng 12,5%"; "bằng năm 2021" when equal; empty when the
    period before had nothing (no percentage can be computed)."""
    if current == previous:
        return _("bằng %(period)s") % {"period": against} if against else _("bằng")
    if isinstance(current, int) and isinstance(previous, int):
        change = change_percent(current, previous)
    else:
        change = change_percent(Decimal(current), Decimal(previous))  # type: ignore[arg-type]
    if change is None:
        return ""
    word = _("tăng") if change > 0 else _("giảm")
    return _against(f"{word} {format_percent(abs(change))}", against)


def difference_phrase(current: int | Decimal, previous: int | Decimal, measure: str = "", *, against: str = "") -> str:
    """ "tăng 3 mô hình so với năm 2025", "giảm 2 cuộc"; "bằng năm 2025" when equal."""
    difference: int | Decimal = current - previous
    if difference == 0:
        return _("bằng %(period)s") % {"period": against} if against else _("bằng")
    word = _("tăng") if difference > 0 else _("giảm")
    size: int | Decimal = -difference if difference < 0 else difference
    return _against(f"{word} {figure_phrase(size, measure)}", against)


def rate_phrase(value: Decimal | None) -> str:
    """ "đạt 77,8%"; empty when there is no rate."""
    if value is None:
        return ""
    return _("đạt %(rate)s") % {"rate": format_percent(value)}


def ratio_phrase(numerator: int, denominator: int) -> str:
    """ "33.838/43.479, đạt 77,8%"; empty over zero."""
    value = rate(numerator, denominator)
    if value is None:
        return ""
    return f"{number(numerator)}/{number(denominator)}, {rate_phrase(value)}"
