"""Telephone numbers (``core.phones``): the ways a Vietnamese number is written are accepted and stored as its
digits; what is not a number ("15.000.000", "123") is refused beside its field. Two walks prove every phone the
platform takes — each API input schema, each form — goes through the one check."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path
from typing import Any

import pytest
from django import forms
from ninja import Schema
from pydantic import TypeAdapter, ValidationError

import danvan
from danvan.core.errors import DomainError
from danvan.core.fields import Phone
from danvan.core.phones import PhoneField, check_phone, format_phone, normalize_phone, phone_message, phone_or_blank

ACCEPTED = [
    ("0912345678", "0912345678"),
    ("0912 345 678", "0912345678"),
    ("0912.345.678", "0912345678"),
    ("0912-345-678", "0912345678"),
    (" 0912 345 678 ", "0912345678"),
    ("+84 912 345 678", "0912345678"),
    ("+84912345678", "0912345678"),
    ("84912345678", "0912345678"),
    ("0084 912 345 678", "0912345678"),
    ("+84 (0) 912 345 678", "0912345678"),
    ("0387654321", "0387654321"),
    ("0562 123 456", "0562123456"),
    ("0707 123 456", "0707123456"),
    ("0812 345 678", "0812345678"),
    ("(024) 3825 1234", "02438251234"),
    ("0236 3821 456", "02363821456"),
    ("+84 28 3829 1234", "02838291234"),
    ("", ""),
    ("   ", ""),
]
REFUSED = [
    "15.000.000",  # an amount typed in the wrong box
    "123",
    "091234567",  # a digit short
    "09123456789",  # a digit too many for a mobile
    "0612345678",  # no mobile network has 06
    "0012345678",
    "1900 1234",  # a hotline, not a person's number
    "abc",
    "0912abc678",
    "+1 202 555 0100",
    "０９１２３４５６７８",  # full-width digits
    "0912345678 / 0987654321",
    "+",
]


@pytest.mark.parametrize(("typed", "stored"), ACCEPTED)
def test_the_ways_a_number_is_written_are_stored_as_its_digits(typed, stored):
    assert normalize_phone(typed) == stored
    assert normalize_phone(stored) == stored  # checking again changes nothing
    assert TypeAdapter(Phone).validate_python(typed) == stored


@pytest.mark.parametrize("typed", REFUSED)
def test_what_is_not_a_vietnamese_number_is_refused_with_the_expected_form(typed):
    with pytest.raises(ValueError, match="10 chữ số"):
        normalize_phone(typed)
    with pytest.raises(DomainError) as caught:
        check_phone(typed, field="citizen_phone")
    assert caught.value.code == "invalid_phone" and caught.value.fields == {"citizen_phone": [phone_message()]}
    with pytest.raises(ValidationError) as refused:
        TypeAdapter(Phone).validate_python(typed)
    assert phone_message() in str(refused.value)
    assert phone_or_blank(typed) == ""


def test_the_message_shows_both_forms_in_vietnamese():
    assert phone_message() == (
        "Số điện thoại không đúng: di động có 10 chữ số (như 0912 345 678), máy bàn 11 chữ số (như 024 3825 1234)."
    )


def test_a_stored_number_is_read_in_groups():
    assert format_phone("0912345678") == "0912 345 678"
    assert format_phone("02438251234") == "024 3825 1234"
    assert format_phone("09******78") == "09******78"  # a masked number stays as it is
    assert format_phone("") == ""
    assert format_phone("²" * 10) == "²" * 10  # digits str.isdigit() accepts are not a number


class _Contact(forms.Form):
    name = forms.CharField()
    phone = PhoneField(label="Điện thoại")


def test_a_form_keeps_what_was_typed_and_says_what_is_wrong_beside_the_field():
    form = _Contact({"name": "Lê Văn A", "phone": "15.000.000"})
    assert not form.is_valid()
    assert form.errors == {"phone": [phone_message()]}
    assert 'value="15.000.000"' in str(form["phone"])
    html = str(form["phone"])
    assert html.count("type=") == 1 and 'type="tel"' in html and 'inputmode="tel"' in html
    good = _Contact({"name": "Lê Văn A", "phone": "+84 912 345 678"})
    assert good.is_valid() and good.cleaned_data["phone"] == "0912345678"
    assert _Contact({"name": "Lê Văn A", "phone": ""}).is_valid()


# --- Every phone the platform takes goes through the check ----------------------------------------------------------

SKIPPED_MODULES = (".tests", ".migrations", ".management", "danvan.wsgi", "danvan.demo")


def _import_every_module() -> None:
    for module in pkgutil.walk_packages(danvan.__path__, "danvan."):
        if not any(part in module.name for part in SKIPPED_MODULES):
            importlib.import_module(module.name)


def _subclasses(cls: type) -> set[Any]:
    found: set[Any] = set(cls.__subclasses__())
    return found.union(*(_subclasses(child) for child in found)) if found else found


def _is_checked(field) -> bool:
    return any(getattr(item, "func", None) is normalize_phone for item in field.metadata)


def test_every_phone_an_api_takes_is_a_checked_phone():
    _import_every_module()
    inputs = {
        f"{schema.__module__}.{schema.__name__}.{name}": field
        for schema in _subclasses(Schema)
        if schema.__module__.startswith("danvan.") and schema.__name__.endswith("In")
        for name, field in schema.model_fields.items()
        if "phone" in name
    }
    assert len(inputs) >= 6, sorted(inputs)  # cases (2), reception, households (2), feedback (2)
    unchecked = [name for name, field in inputs.items() if not _is_checked(field)]
    assert not unchecked, f"Phone fields of API inputs typed as plain text: {unchecked}"


def test_every_phone_a_form_takes_is_a_phone_field():
    _import_every_module()
    declared = {
        f"{form.__module__}.{form.__name__}.{name}": field
        for form in _subclasses(forms.BaseForm)
        if form.__module__.startswith("danvan.")
        for name, field in getattr(form, "base_fields", {}).items()
        if "phone" in name
    }
    assert len(declared) >= 4, sorted(declared)  # the report and follow forms, households, officers
    plain = [name for name, field in declared.items() if not isinstance(field, PhoneField)]
    assert not plain, f"Phone fields of forms that take any text: {plain}"
    # Fields added row by row in a form's __init__ (petitioners, visitors, denouncers).
    added = re.compile(r"""self\.fields\[f?["'][^"']*phone["']\]\s*=\s*([\w.]+)\(""")
    rows = [
        (path.name, match.group(1))
        for path in Path(danvan.__path__[0]).rglob("*.py")
        if "tests" not in path.parts
        for match in added.finditer(path.read_text(encoding="utf-8"))
    ]
    assert len(rows) >= 3, rows
    assert all(kind == "PhoneField" for _, kind in rows), rows
