"""Forms of the indicators part: the unit and period a figures page asks for, an entered figure, an indicator's
label and source (administrators)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import VietnameseDecimalField, VietnameseIntegerField
from danvan.core.text import NOTE_MAX, TEXT_MAX
from danvan.reporting.models import Indicator, ReportType


class ReportQueryForm(forms.Form):
    """``?unit=&period=2026-H1&report_type=&legacy=`` (the period as a report code, see ``reporting.periods``)."""

    unit = VietnameseIntegerField(grouping=False, required=False, widget=forms.HiddenInput)
    period = forms.CharField(
        label=_("Kỳ báo cáo"),
        max_length=30,
        required=False,
        help_text=_("Ví dụ: 2026-M03, 2026-Q1, 2026-H1, 2026-9M, 2026, 2021-2025 hoặc 2026-01-01..2026-03-31"),
    )
    report_type = forms.ModelChoiceField(
        label=_("Loại báo cáo (ngày chốt số liệu)"),
        queryset=ReportType.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("Theo lịch (không chốt số liệu)"),
    )
    code = forms.CharField(required=False, max_length=120, widget=forms.HiddenInput)
    without_legacy = forms.BooleanField(label=_("Không tính đơn vị cũ trước 01/7/2025"), required=False)


class EnteredFigureForm(forms.Form):
    period = forms.CharField(label=_("Kỳ báo cáo"), max_length=30)
    code = forms.ChoiceField(label=_("Chỉ tiêu"))
    value = VietnameseDecimalField(label=_("Giá trị"), min_value=0, decimal_places=2)
    note = forms.CharField(
        label=_("Ghi chú, giải trình"), required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = forms.BooleanField(label=_("Tôi xác nhận số liệu khác số tính từ hồ sơ (đã ghi lý do)"), required=False)
    version = VietnameseIntegerField(grouping=False, required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [  # type: ignore[attr-defined]
            (indicator.code, f"{indicator.label} ({indicator.measure})" if indicator.measure else indicator.label)
            for indicator in Indicator.objects.filter(is_active=True, kind="entered")
        ]


class IndicatorForm(forms.ModelForm):
    method = forms.CharField(
        label=_("cách tính"), required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    sort_order = VietnameseIntegerField(grouping=False, label=_("thứ tự"), min_value=0, max_value=2**31 - 1)
    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput)

    class Meta:
        model = Indicator
        fields = ["label", "label_en", "source", "method", "sort_order", "is_active"]
