"""Forms of the disclosure pages: they only parse what was typed; the services decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import VietnameseIntegerField, date_field
from danvan.core.kept_uploads import KeptFileField
from danvan.core.models import AdministrativeUnit
from danvan.core.periods import MAX_YEAR, MIN_YEAR
from danvan.core.pickers import UnitSearchField
from danvan.democracy.disclosure_services import ChannelLine
from danvan.democracy.models import ComplianceStatus, DisclosureForm, DisclosureItem

CHANNEL_ROWS = 3


class DisclosureEntryForm(forms.Form):
    """A disclosure and up to three channels (more can be added on its page)."""

    unit = UnitSearchField(queryset=AdministrativeUnit.objects.none(), label=_("Xã, phường"))
    item = forms.ModelChoiceField(queryset=DisclosureItem.objects.none(), label=_("Nội dung công khai (Điều 11)"))
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    document_number = forms.CharField(label=_("Số, ký hiệu văn bản"), max_length=60, required=False)
    issued_on = date_field(_("Ngày ban hành quyết định, văn bản"))
    summary = forms.CharField(
        label=_("Tóm tắt"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )
    document = KeptFileField(label=_("Tài liệu (PDF, DOCX, ảnh)"), required=False)
    publish = forms.BooleanField(label=_("Công bố trên cổng thông tin của xã"), required=False, initial=True)
    submission_key = forms.CharField(max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args: Any, units: QuerySet[AdministrativeUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["item"].queryset = DisclosureItem.objects.active().order_by("number")  # type: ignore[attr-defined]
        forms_qs = DisclosureForm.objects.active()
        for row in range(1, CHANNEL_ROWS + 1):
            self.fields[f"c{row}_form"] = forms.ModelChoiceField(
                queryset=forms_qs, label=_("Hình thức"), required=row == 1
            )
            self.fields[f"c{row}_place"] = forms.CharField(
                label=_("Nơi niêm yết, thông báo"), max_length=300, required=False
            )
            self.fields[f"c{row}_started_on"] = date_field(_("Từ ngày"), required=row == 1)
            self.fields[f"c{row}_ended_on"] = date_field(_("Đến ngày (để trống nếu còn niêm yết)"), required=False)

    def channel_rows(self) -> list[list[forms.BoundField]]:
        names = ("form", "place", "started_on", "ended_on")
        return [[self[f"c{row}_{name}"] for name in names] for row in range(1, CHANNEL_ROWS + 1)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for row in range(1, CHANNEL_ROWS + 1):
            if data.get(f"c{row}_form") and not data.get(f"c{row}_started_on"):
                self.add_error(f"c{row}_started_on", _("Hãy nhập ngày bắt đầu."))
        return data

    def channels(self) -> list[ChannelLine]:
        data = self.cleaned_data
        return [
            ChannelLine(
                form=data[f"c{row}_form"],
                started_on=data[f"c{row}_started_on"],
                ended_on=data.get(f"c{row}_ended_on"),
                place=data.get(f"c{row}_place") or "",
            )
            for row in range(1, CHANNEL_ROWS + 1)
            if data.get(f"c{row}_form") and data.get(f"c{row}_started_on")
        ]


class DisclosureEditForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    document_number = forms.CharField(label=_("Số, ký hiệu văn bản"), max_length=60, required=False)
    issued_on = date_field(_("Ngày ban hành quyết định, văn bản"))
    summary = forms.CharField(
        label=_("Tóm tắt"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )
    document = KeptFileField(label=_("Thay tài liệu"), required=False)
    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput)


class ChannelAddForm(forms.Form):
    form = forms.ModelChoiceField(queryset=DisclosureForm.objects.none(), label=_("Hình thức"))
    place = forms.CharField(label=_("Nơi niêm yết, thông báo"), max_length=300, required=False)
    started_on = date_field(_("Từ ngày"))
    ended_on = date_field(_("Đến ngày (để trống nếu còn)"), required=False)
    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = DisclosureForm.objects.active()  # type: ignore[attr-defined]

    def line(self) -> ChannelLine:
        data = self.cleaned_data
        return ChannelLine(
            form=data["form"],
            started_on=data["started_on"],
            ended_on=data.get("ended_on"),
            place=data.get("place") or "",
        )


class ChannelEndForm(forms.Form):
    ended_on = date_field(_("Ngày cuối cùng còn niêm yết, thông báo"))
    reason = forms.CharField(label=_("Lý do (bắt buộc nếu gỡ trước thời hạn)"), max_length=300, required=False)
    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput)


class DisclosureFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm (không cần dấu)"), max_length=200, required=False)
    item = forms.TypedChoiceField(label=_("Nội dung"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Tình trạng"), required=False, choices=[("", _("Tất cả")), *list(ComplianceStatus.choices)]
    )
    year = VietnameseIntegerField(
        grouping=False, label=_("Năm ban hành"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", _("Tất cả"))] + [  # type: ignore[attr-defined]
            (i.number, f"{i.number}. {i.name}") for i in DisclosureItem.objects.order_by("number")
        ]


def default_started_on() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()


class CommunePortalForm(forms.Form):
    """Whether the commune has its own web portal (Art. 13.1 "where the commune has one")."""

    has_portal = forms.TypedChoiceField(
        label=_("Xã có cổng thông tin điện tử riêng không?"),
        choices=[("1", _("Có")), ("0", _("Không"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    address = forms.URLField(
        label=_("Địa chỉ cổng thông tin (nếu có)"), max_length=300, required=False, assume_scheme="https"
    )
    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput, min_value=0)
