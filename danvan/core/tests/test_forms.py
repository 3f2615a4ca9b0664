"""Shared form fields: Vietnamese numbers in every form, bounded dates, service errors beside their fields."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.core.exceptions import ValidationError

import danvan
from danvan.core.errors import DomainError
from danvan.core.forms import (
    VietnameseDecimalField,
    VietnameseIntegerField,
    apply_errors,
    date_field,
)
from danvan.core.numbers import NumberFormatError, VietnameseDecimal, VietnameseInt, parse_integer, parse_number

PACKAGE = Path(danvan.__file__).resolve().parent


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("15.000.000", Decimal(15_000_000)),
        ("15000000", Decimal(15_000_000)),
        ("15 000 000", Decimal(15_000_000)),
        ("20,5", Decimal("20.5")),
        ("1.234,5", Decimal("1234.5")),
        ("1.234", Decimal(1234)),
        ("-3", Decimal(-3)),
        (" 0 ", Decimal(0)),
    ],
)
def test_parse_number_reads_vietnamese_and_plain_digits(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text", ["", "abc", "²", "١٢", "20.5", "1,234.5", "1.23", "1.2345", "1,2,3", "15.000.000đ", "1e5", "NaN", "--3"]
)
def test_parse_number_refuses_ambiguous_and_garbage_in_vietnamese(text):
    with pytest.raises(NumberFormatError) as refused:
        parse_number(text)
    # A Vietnamese sentence quoting what was typed and saying how to write it.
    assert refused.value.message == "Hãy nhập một số." or refused.value.message.startswith(f"“{text.strip()}”")


def test_parse_integer_refuses_a_fraction():
    assert parse_integer("15.000.000") == 15_000_000
    assert parse_integer("15,0") == 15
    with pytest.raises(NumberFormatError, match="số nguyên"):
        parse_integer("20,5")


def test_field_errors_print_limits_the_vietnamese_way():
    score = VietnameseDecimalField(min_value=0, max_value=Decimal("20.00"), decimal_places=2)
    with pytest.raises(ValidationError) as refused:
        score.clean("21")
    assert refused.value.messages == ["Giá trị không được lớn hơn 20,00."]
    money = VietnameseIntegerField(min_value=0, max_value=100_000)
    with pytest.raises(ValidationError) as refused:
        money.clean("100.001")
    assert refused.value.messages == ["Giá trị không được lớn hơn 100.000."]
    assert money.prepare_value(15_000_000) == "15.000.000"
    assert score.prepare_value(Decimal("8.5")) == "8,50"
    year = VietnameseIntegerField(grouping=False)
    assert year.prepare_value(2026) == "2026"


def _form_classes() -> list[Any]:
    """Every form class of the project (modules imported so that their classes exist)."""
    for module in pkgutil.walk_packages([str(PACKAGE)], prefix="danvan."):
        if ".tests" in module.name or ".migrations" in module.name or module.name.endswith("build"):
            continue
        importlib.import_module(module.name)
    found: list[Any] = []
    pending: list[Any] = [forms.BaseForm]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("danvan.") and not inspect.isabstract(sub):
                found.append(sub)
    return found


def test_no_form_declares_a_plain_django_number_field():
    """Django's IntegerField reads "15.000.000" as garbage (or, localized, as 15): every number goes through ours.
    The source is read too, for the fields a form adds in its ``__init__``."""
    offenders = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in _form_classes()
        for name, field in form.base_fields.items()
        if isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField))
    ]
    assert offenders == [], "\n".join(offenders)
    pattern = re.compile(r"forms\.(IntegerField|DecimalField|FloatField)\(")
    in_source = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts and pattern.search(path.read_text())
    ]
    assert in_source == [], "\n".join(in_source)


def test_every_number_field_of_every_form_reads_fifteen_million():
    """Each number input of each form, typed "15.000.000": fifteen million, or refused with a Vietnamese limit."""
    checked = 0
    for form in _form_classes():
        for name, field in form.base_fields.items():
            if not isinstance(field, VietnameseDecimalField):
                continue
            checked += 1
            try:
                value = field.clean("15.000.000")
            except ValidationError as refused:
                assert refused.code in {"max_value"}, f"{form.__name__}.{name}: {refused.messages}"
                assert not re.search(r"\d\.\d{2}\b(?!\d)", refused.messages[0]), refused.messages
            else:
                assert value == 15_000_000, f"{form.__name__}.{name} read {value!r}"
    assert checked >= 20


def test_date_field_refuses_1900_and_honours_the_record_bounds():
    field = date_field("Ngày")
    with pytest.raises(ValidationError) as refused:
        field.clean("01/01/1900")
    assert refused.value.messages == ["Ngày 01/01/1900 quá sớm: không được trước 01/01/2000."]
    field = date_field("Ngày", earliest=dt.date(2026, 1, 1), latest=dt.date(2026, 11, 20))
    assert field.clean("20/11/2026") == dt.date(2026, 11, 20)
    with pytest.raises(ValidationError, match="không được trước 01/01/2026"):
        field.clean("31/12/2025")
    with pytest.raises(ValidationError, match="quá xa: không được sau 20/11/2026"):
        field.clean("21/11/2026")


class _Example(forms.Form):
    title = forms.CharField()
    amount = VietnameseIntegerField()
    criterion_7 = VietnameseDecimalField()


def test_apply_errors_puts_each_problem_beside_its_field():
    form = _Example({"title": "Tuyến đường", "amount": "15.000.000", "criterion_7": "5"})
    assert form.is_valid()
    apply_errors(
        form,
        DomainError("invalid", "Không hợp lệ.", fields={"amount": ["Quá lớn."], "7": ["Điểm quá cao."]}),
        field_names={"7": "criterion_7"},
    )
    assert form.errors == {"amount": ["Quá lớn."], "criterion_7": ["Điểm quá cao."]}
    assert form["title"].value() == "Tuyến đường"
    other = _Example({"title": "x", "amount": "1", "criterion_7": "1"})
    other.is_valid()
    apply_errors(other, DomainError("stale", "Hồ sơ đã thay đổi."))
    assert other.non_field_errors() == ["Hồ sơ đã thay đổi."]
    third = _Example({"title": "x", "amount": "1", "criterion_7": "1"})
    third.is_valid()
    apply_errors(third, ValidationError({"title": ["Trùng tên."]}))
    assert third.errors == {"title": ["Trùng tên."]}


def test_a_refusal_about_one_field_shows_its_own_message_beside_that_field():
    """``DomainError(field=…)``: the message is the field's problem, on the form and under the API's ``fields``."""
    error = DomainError("invalid_year", "Năm đăng ký không hợp lệ.", field="amount")
    assert error.fields == {"amount": ["Năm đăng ký không hợp lệ."]}
    form = _Example({"title": "x", "amount": "2031", "criterion_7": "1"})
    form.is_valid()
    apply_errors(form, error)
    assert form.errors == {"amount": ["Năm đăng ký không hợp lệ."]} and form["amount"].value() == "2031"
    both = DomainError("late", "Quá thời hiệu.", field="amount", fields={"title": ["Hãy ghi lý do."]})
    assert both.fields == {"amount": ["Quá thời hiệu."], "title": ["Hãy ghi lý do."]}


def test_no_refusal_leaves_a_bare_not_valid_beside_its_field():
    """A field's problem says what is wrong: "Năm đăng ký không hợp lệ.", never "Không hợp lệ." alone (pages that
    place problems beside their fields show no other message, so the officer was left guessing)."""
    import re
    from pathlib import Path

    import danvan

    root = Path(danvan.__file__).parent
    bare = re.compile(r"""\[\s*(?:_|gettext|gettext_lazy|str\(_)\(\s*["']Không hợp lệ\.["']""")
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts and bare.search(path.read_text())
    ]
    assert offenders == []


def test_api_numbers_sent_as_text_are_read_the_vietnamese_way():
    from ninja import Schema
    from pydantic import ValidationError as SchemaError

    class Example(Schema):
        amount: VietnameseInt
        points: VietnameseDecimal

    def example(**values: Any) -> Any:  # the API's JSON: numbers may come as text
        return Example.model_validate(values)

    assert example(amount="15.000.000", points="8,5").amount == 15_000_000
    assert example(amount=15_000_000, points=8.5).points == Decimal("8.5")
    with pytest.raises(SchemaError, match="dấu chấm chỉ ngăn cách hàng nghìn"):
        example(amount="15.5", points=1)


def test_apply_errors_returns_the_problems_of_blocks_that_are_not_fields():
    form = _Example({"title": "x", "amount": "1", "criterion_7": "1"})
    form.is_valid()
    others = apply_errors(
        form,
        DomainError("people", "Danh sách người chưa đúng.", fields={"people": ["Thiếu người đại diện."]}),
        summary=True,
        elsewhere=True,
    )
    assert others == {"people": ["Thiếu người đại diện."]}
    assert form.non_field_errors() == ["Danh sách người chưa đúng."]
