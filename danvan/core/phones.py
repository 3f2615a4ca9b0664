"""Vietnamese telephone numbers: one check for every phone a person types, in a form, the API or Open311.

A number is written many ways — "0912 345 678", "0912.345.678", "+84 912 345 678", "(024) 3825 1234" — and
stored one way, its digits from the leading 0: "0912345678". Since the renumbering of 2017–2018 a mobile number has
10 digits (03, 05, 07, 08, 09 then 8 digits) and a fixed line 11 (02, the province's code, the subscriber):
so "15.000.000", "123" or "091234567" are typing slips, refused with a message that shows the expected form,
never stored to fail later when an SMS or a call is attempted.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from danvan.core.errors import DomainError

# What may be typed (grouping and the country code included); the stored form is at most 11 digits.
PHONE_INPUT_MAX = 30
_GROUPING = re.compile(r"[\s.\-()/]")
_STORED = re.compile(r"[0-9]{10,11}")
_VIETNAMESE = re.compile(r"^(?:0[35789]\d{8}|02\d{9})$")


def phone_message() -> str:
    return _(
        "Số điện thoại không đúng: di động có 10 chữ số (như 0912 345 678), máy bàn 11 chữ số (như 024 3825 1234)."
    )


def normalize_phone(value: str | None) -> str:
    """``value`` as stored: its digits from the leading 0 ("+84 912 345 678" → "0912345678"); "" for blank.
    Raises ``ValueError`` (the Vietnamese message) when it is not a Vietnamese mobile or fixed-line number."""
    text = _GROUPING.sub("", value or "")
    if not text:
        return ""
    if text.startswith("+"):
        text = text[1:]
        if not text.startswith("84"):
            raise ValueError(phone_message())
    if text.startswith("0084"):
        text = text[2:]
    if text.startswith("84") and len(text) >= 11:
        text = text[2:]
        text = text if text.startswith("0") else "0" + text
    if not text.isascii() or not _VIETNAMESE.match(text):
        raise ValueError(phone_message())
    return text


def phone_or_blank(value: str | None) -> str:
    """``normalize_phone``, or "" for a number that does not parse (one recorded before numbers were checked,
    copied to a new record: the old record keeps it as typed)."""
    try:
        return normalize_phone(value)
    except ValueError:
        return ""


def check_phone(value: str | None, *, field: str) -> str:
    """``normalize_phone`` for services: a ``DomainError`` (code ``invalid_phone``, the message on ``field``)."""
    try:
        return normalize_phone(value)
    except ValueError as error:
        raise DomainError("invalid_phone", str(error), field=field) from error


def format_phone(value: str) -> str:
    """A stored number grouped for reading: "0912 345 678", "024 3825 1234"; other text as it is."""
    if not _STORED.fullmatch(value):  # ASCII digits only: "²".isdigit() is true
        return value
    if len(value) == 10:
        return f"{value[:4]} {value[4:7]} {value[7:]}"
    if len(value) == 11:
        return f"{value[:3]} {value[3:7]} {value[7:]}"
    return value


class TelInput(forms.TextInput):
    input_type = "tel"


class PhoneField(forms.CharField):
    """A phone typed in a form: checked and stored as ``normalize_phone`` says, the message beside the field; the
    phone keyboard on a mobile."""

    widget = TelInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", PHONE_INPUT_MAX)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        return attrs

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        try:
            return normalize_phone(text)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid_phone") from error
