"""Numbers typed the Vietnamese way ("15.000.000", "1.234,5") or as plain digits ("15000000", "20.5" refused).

One parser for every form field (:mod:`danvan.core.forms`) and every API input that arrives as text, so that a
money field typed "15.000.000" is fifteen million đồng everywhere, never 15. Vietnamese writes the dot between
thousands and the comma before the decimals; anything that could be read two ways ("1,234.5", "20.5", "1.23")
is refused with a message that shows the expected form, rather than guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Annotated, Any

from django.utils.translation import gettext as _
from pydantic import BeforeValidator

from danvan.core.formatting import format_number

# ASCII digits only: str.isdigit and Decimal accept "²" or Arabic-Indic digits.
_PLAIN = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")
_SPACED = re.compile(r"[0-9]{1,3}(?: [0-9]{3})+")
_FRACTION = re.compile(r"[0-9]+")
_CHARACTERS = re.compile(r"[0-9][0-9., ]*")


class NumberFormatError(ValueError):
    """Text that is not a number written the Vietnamese way; ``message`` says how to write it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _integer_part(text: str) -> str:
    if _PLAIN.fullmatch(text):
        return text
    if _GROUPED.fullmatch(text):
        return text.replace(".", "")
    if _SPACED.fullmatch(text):
        return text.replace(" ", "")
    raise NumberFormatError(
        _("“%(text)s” không phải là số; viết theo kiểu 1.234.567 hoặc 1234567, phần thập phân sau dấu phẩy (20,5).")
        % {"text": text}
    )


def parse_number(text: str, *, whole: bool = False) -> Decimal:
    """The value of ``text``: "15.000.000", "15000000", "15 000 000", "20,5", "1.234,5", "-3".

    ``whole`` refuses a fractional part ("20,5" for a number of people). Refuses, with a Vietnamese message: an
    empty text, letters or other digits than 0–9, the English "1,234.5" and "20.5" (ambiguous: a dot separates
    thousands in Vietnamese), groups that are not three digits ("1.23"), and more than one comma.
    """
    cleaned = (text or "").strip().replace("\u00a0", " ").replace("\u202f", " ")
    if not cleaned:
        raise NumberFormatError(_("Hãy nhập một số."))
    sign = ""
    if cleaned[0] in "-−":
        sign, cleaned = "-", cleaned[1:].strip()
    elif cleaned[0] == "+":
        cleaned = cleaned[1:].strip()
    if not _CHARACTERS.fullmatch(cleaned):
        raise NumberFormatError(
            _(
                "“%(text)s” không phải là số: chỉ gồm chữ số 0–9, dấu chấm ngăn cách hàng nghìn và dấu phẩy trước phần "
                "thập phân (ví dụ 15.000.000 hoặc 20,5)."
            )
            % {"text": text.strip()}
        )
    integer, comma, fraction = cleaned.partition(",")
    if comma and not _FRACTION.fullmatch(fraction):
        raise NumberFormatError(
            _(
                "“%(text)s” không phải là số viết theo kiểu Việt Nam: dấu chấm ngăn cách hàng nghìn, dấu phẩy trước "
                "phần thập phân (ví dụ 1.234,5)."
            )
            % {"text": text.strip()}
        )
    if "." in integer and not _GROUPED.fullmatch(integer):
        raise NumberFormatError(
            _(
                "“%(text)s” có dấu chấm không đúng chỗ: dấu chấm chỉ ngăn cách hàng nghìn (1.234.567); phần thập phân "
                "viết sau dấu phẩy (20,5)."
            )
            % {"text": text.strip()}
        )
    digits = _integer_part(integer)
    try:
        value = Decimal(f"{sign}{digits}.{fraction}" if comma else f"{sign}{digits}")
    except InvalidOperation as exc:  # pragma: no cover - the patterns above admit only ASCII digits
        raise NumberFormatError(_("Hãy nhập một số.")) from exc
    if whole and value != value.to_integral_value():
        raise NumberFormatError(
            _("Hãy nhập một số nguyên (không có phần thập phân), ví dụ %(example)s.")
            % {"example": format_number(value.to_integral_value())}
        )
    return value


def parse_integer(text: str) -> int:
    """A whole number typed the Vietnamese way ("15.000.000" → 15000000); see :func:`parse_number`."""
    return int(parse_number(text, whole=True))


def _from_text(value: Any, *, whole: bool) -> Any:
    """For the API: a JSON number passes through; a string is read the Vietnamese way, or refused clearly."""
    if isinstance(value, str):
        try:
            number = parse_number(value, whole=whole)
        except NumberFormatError as error:
            raise ValueError(error.message) from error
        return int(number) if whole else number
    return value


# API fields that accept 15000000 or "15.000.000" (never 15), 8.5 or "8,5".
VietnameseInt = Annotated[int, BeforeValidator(partial(_from_text, whole=True))]
VietnameseDecimal = Annotated[Decimal, BeforeValidator(partial(_from_text, whole=False))]
