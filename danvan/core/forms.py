"""Forms of the core pages; they only parse input, services do the rest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from danvan.core.errors import DomainError
from danvan.core.formatting import format_number
from danvan.core.models import OrgKind, UnitKind, UnitTree
from danvan.core.numbers import NumberFormatError, parse_number
from danvan.core.text import NAME_MAX, TITLE_MAX, validate_title
from danvan.core.validators import date_bounds_error

DATE_INPUT = ["%d/%m/%Y", "%Y-%m-%d"]


class BoundedDateField(forms.DateField):
    """A date typed as dd/mm/yyyy (or yyyy-mm-dd) within bounds: never before 01/01/2000, never more than two years
    ahead, and within ``earliest``/``latest`` when the form sets them for its record (see :func:`bound_date`)."""

    def __init__(self, *, earliest: dt.date | None = None, latest: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.earliest, self.latest = earliest, latest

    def validate(self, value: Any) -> None:
        super().validate(value)
        if isinstance(value, dt.date):
            message = date_bounds_error(value, earliest=self.earliest, latest=self.latest)
            if message is not None:
                raise ValidationError(message, code="out_of_range")


def date_field(
    label: Any,
    *,
    attrs: dict[str, str] | None = None,
    earliest: dt.date | None = None,
    latest: dt.date | None = None,
    **kwargs: Any,
) -> BoundedDateField:
    """A date typed as dd/mm/yyyy (or yyyy-mm-dd); ``attrs`` are added to the text input's."""
    return BoundedDateField(
        label=label,
        input_formats=DATE_INPUT,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", **(attrs or {})}),
        error_messages={"invalid": _("Ngày không hợp lệ; nhập theo dạng dd/mm/yyyy.")},
        earliest=earliest,
        latest=latest,
        **kwargs,
    )


def bound_date(form: forms.BaseForm, name: str, *, earliest: dt.date | None, latest: dt.date | None) -> None:
    """Tie the date field ``name`` of ``form`` to its record: not before ``earliest``, not after ``latest``."""
    field = form.fields[name]
    assert isinstance(field, BoundedDateField), name
    field.earliest, field.latest = earliest, latest


# --- Numbers ---------------------------------------------------------------------------------------------------------


class VietnameseDecimalField(forms.Field):
    """A number typed the Vietnamese way ("1.234,5", "20,5") or as plain digits, parsed by
    :func:`danvan.core.numbers.parse_number`; ambiguous text ("20.5", "1,234.5") is refused with the expected form.

    Bounds are checked here rather than by Django's validators so that the message prints the limit the Vietnamese
    way ("không được lớn hơn 20,00", never "20.00"). The value is shown back the same way ("15.000.000")."""

    widget = forms.TextInput
    whole = False
    default_error_messages = {
        "min_value": _("Giá trị không được nhỏ hơn %(limit_value)s."),
        "max_value": _("Giá trị không được lớn hơn %(limit_value)s."),
        "decimal_places": _("Chỉ ghi tối đa %(max)s chữ số sau dấu phẩy."),
    }

    def __init__(
        self,
        *,
        min_value: int | Decimal | None = None,
        max_value: int | Decimal | None = None,
        decimal_places: int | None = None,
        grouping: bool = True,
        **kwargs: Any,
    ) -> None:
        self.min_value, self.max_value = min_value, max_value
        # A field may say in its own words that the text is not a number; otherwise the parser says how to write it.
        self.invalid_message = (kwargs.get("error_messages") or {}).get("invalid")
        self.decimal_places = 0 if self.whole else decimal_places
        self.grouping = grouping
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if not widget.is_hidden:
            attrs["inputmode"] = "numeric" if self.whole else "decimal"
        return attrs

    def _show(self, value: int | Decimal) -> str:
        if not self.grouping:
            return str(value)
        places = self.decimal_places if self.decimal_places is not None else max(0, -Decimal(value).as_tuple()[2])  # type: ignore[operator]
        return format_number(value, places)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return self._show(value)
        return value

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            number = Decimal(value)
        else:
            try:
                number = parse_number(str(value), whole=self.whole)
            except NumberFormatError as error:
                raise ValidationError(self.invalid_message or error.message, code="invalid") from error
        return int(number) if self.whole else number

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(
                self.error_messages["min_value"], code="min_value", params={"limit_value": self._show(self.min_value)}
            )
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(
                self.error_messages["max_value"], code="max_value", params={"limit_value": self._show(self.max_value)}
            )
        if not self.whole and self.decimal_places is not None:
            exponent = Decimal(value).normalize().as_tuple()[2]
            if isinstance(exponent, int) and -exponent > self.decimal_places:
                raise ValidationError(
                    self.error_messages["decimal_places"], code="decimal_places", params={"max": self.decimal_places}
                )


class VietnameseIntegerField(VietnameseDecimalField):
    """A whole number typed "15.000.000" or "15000000" (an amount of đồng, a number of people); ``grouping=False``
    for years and identifiers, shown back without dots ("2026")."""

    whole = True


class UnitChoiceField(forms.ModelChoiceField):
    """The unit picker of the back office's forms: a choice among the units the view allows, by name."""

    default_error_messages = {"invalid_choice": _("Hãy chọn một đơn vị trong phạm vi của bạn.")}

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


# --- Errors from services ------------------------------------------------------------------------------------------


def apply_errors(
    form: forms.BaseForm,
    error: DomainError | ValidationError,
    *,
    field_names: Mapping[str, str] | None = None,
    summary: bool = False,
    elsewhere: bool = False,
) -> dict[str, list[str]]:
    """Put a service's refusal on ``form``: each field's problem beside that field, the rest above the form.

    ``field_names`` maps the service's names to the form's (a criterion id "12" → "criterion_12"). With ``summary``
    the service's message also heads the form; with ``elsewhere`` the problems of parts that are not fields of the
    form (a block of rows, "people") are returned for the template to show beside their block instead. The form
    keeps what was typed, so the page re-renders it bound instead of redirecting."""
    names = field_names or {}
    if isinstance(error, ValidationError):
        fields: dict[str, list[str]] = (
            {key: [str(m) for m in value] for key, value in error.message_dict.items()}
            if hasattr(error, "error_dict")
            else {}
        )
        message = "" if fields else "; ".join(str(m) for m in error.messages)
    else:
        fields = {key: [str(m) for m in value] for key, value in (error.fields or {}).items()}
        message = str(error.message)
    placed = False
    others: dict[str, list[str]] = {}
    for key, problems in fields.items():
        target = names.get(key, key)
        if target in form.fields:
            for problem in problems:
                form.add_error(target, problem)
            placed = True
        elif elsewhere:
            others[key] = problems
        else:
            for problem in problems:
                form.add_error(None, problem)
            placed = True
    if message and (summary or not (placed or others)):
        form.add_error(None, message)
    return others


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=100)
    tree = forms.ChoiceField(label=_("Hệ thống"), required=False, choices=[("", _("Tất cả")), *UnitTree.choices])
    kind = forms.ChoiceField(label=_("Loại"), required=False, choices=[("", _("Tất cả")), *UnitKind.choices])
    parent = VietnameseIntegerField(
        label=_("Trực thuộc"), required=False, min_value=1, grouping=False, widget=forms.HiddenInput
    )


class VillageForm(forms.Form):
    name = forms.CharField(label=_("Tên thôn, tổ dân phố"), max_length=NAME_MAX, validators=[validate_title])
    kind = forms.ChoiceField(
        label=_("Loại"), choices=[(UnitKind.VILLAGE, _("Thôn, ấp, bản")), (UnitKind.RESIDENTIAL_GROUP, _("Tổ dân phố"))]
    )
    households = VietnameseIntegerField(label=_("Số hộ gia đình"), min_value=0, max_value=100000, required=False)


class HouseholdsForm(forms.Form):
    households = VietnameseIntegerField(label=_("Số hộ gia đình"), min_value=0, max_value=100000)
    updated_at = forms.DateTimeField(required=False, widget=forms.HiddenInput, input_formats=["%Y-%m-%dT%H:%M:%S.%f%z"])


class OrganizationForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("Loại tổ chức"), queryset=OrgKind.objects.all(), to_field_name="code")
    name = forms.CharField(label=_("Tên tổ chức"), max_length=TITLE_MAX, validators=[validate_title])
