"""Forms of the household register's pages (Vietnamese dates dd/mm/yyyy)."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import VietnameseIntegerField, date_field
from danvan.core.models import AdministrativeUnit
from danvan.core.phones import PhoneField
from danvan.core.xlsx import XLSX_CONTENT_TYPE


class HouseholdSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm (không cần dấu)"), required=False, max_length=200)
    on = date_field(_("Sổ hộ tại ngày"), required=False)


class HouseholdForm(forms.Form):
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    code = forms.CharField(label=_("Mã hộ"), max_length=40)
    representative_name = forms.CharField(label=_("Chủ hộ / đại diện hộ"), max_length=200)
    representative_phone = PhoneField(label=_("Số điện thoại"))
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    moved_in_on = date_field(_("Ở thôn từ ngày (để trống: hôm nay)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4().hex)


class HouseholdEditForm(forms.Form):
    expected_version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput)
    representative_name = forms.CharField(label=_("Chủ hộ / đại diện hộ"), max_length=200)
    representative_phone = PhoneField(label=_("Số điện thoại"))
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)


class HouseholdMoveForm(forms.Form):
    expected_version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput)
    village = forms.ModelChoiceField(
        label=_("Chuyển sang thôn, tổ dân phố"),
        queryset=AdministrativeUnit.objects.none(),
        error_messages={"invalid_choice": _("Hãy chọn một thôn, tổ dân phố của xã.")},
    )
    moved_on = date_field(_("Từ ngày"))

    def __init__(self, *args: Any, villages: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if villages is not None:
            field = self.fields["village"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = villages


class HouseholdLeaveForm(forms.Form):
    expected_version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput)
    left_on = date_field(_("Chuyển khỏi xã từ ngày"))


class HouseholdImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp sổ hộ gia đình (.xlsx)"),
        error_messages={"required": _("Hãy chọn tệp Excel cần nhập.")},
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX_CONTENT_TYPE}"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Chỉ nhận tệp Excel .xlsx (tải mẫu ở trên)."))
        return upload
