"""Forms of the core pages; they only parse input, services do the rest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.models import OrgKind, UnitKind, UnitTree
from danvan.core.text import NAME_MAX, TITLE_MAX, validate_title

DATE_INPUT = ["%d/%m/%Y", "%Y-%m-%d"]


def date_field(label: Any, *, attrs: dict[str, str] | None = None, **kwargs: Any) -> forms.DateField:
    """A date typed as dd/mm/yyyy (or yyyy-mm-dd); ``attrs`` are added to the text input's."""
    return forms.DateField(
        label=label,
        input_formats=DATE_INPUT,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", **(attrs or {})}),
        error_messages={"invalid": _("Ngày không hợp lệ; nhập theo dạng dd/mm/yyyy.")},
        **kwargs,
    )


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=100)
    tree = forms.ChoiceField(label=_("Hệ thống"), required=False, choices=[("", _("Tất cả")), *UnitTree.choices])
    kind = forms.ChoiceField(label=_("Loại"), required=False, choices=[("", _("Tất cả")), *UnitKind.choices])
    parent = forms.IntegerField(label=_("Trực thuộc"), required=False, min_value=1, widget=forms.HiddenInput)


class VillageForm(forms.Form):
    name = forms.CharField(label=_("Tên thôn, tổ dân phố"), max_length=NAME_MAX, validators=[validate_title])
    kind = forms.ChoiceField(
        label=_("Loại"), choices=[(UnitKind.VILLAGE, _("Thôn, ấp, bản")), (UnitKind.RESIDENTIAL_GROUP, _("Tổ dân phố"))]
    )
    households = forms.IntegerField(label=_("Số hộ gia đình"), min_value=0, max_value=100000, required=False)


class HouseholdsForm(forms.Form):
    households = forms.IntegerField(label=_("Số hộ gia đình"), min_value=0, max_value=100000)
    updated_at = forms.DateTimeField(required=False, widget=forms.HiddenInput, input_formats=["%Y-%m-%dT%H:%M:%S.%f%z"])


class OrganizationForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("Loại tổ chức"), queryset=OrgKind.objects.all(), to_field_name="code")
    name = forms.CharField(label=_("Tên tổ chức"), max_length=TITLE_MAX, validators=[validate_title])
