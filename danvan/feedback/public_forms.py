"""Forms of the citizen pages; they only parse input — ``intake.report_submit`` and ``citizen.py`` decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import VietnameseDecimalField
from danvan.core.kept_uploads import KeptFilesField
from danvan.core.phones import PhoneField
from danvan.feedback.models import Category


class CoordinateField(VietnameseDecimalField):
    """A latitude or longitude in decimal degrees: the map writes "21.028511" (a dot is never a thousands separator
    in degrees), a person may type "21,028511"; read as a float."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if "," not in text and text.count(".") == 1:
            text = text.replace(".", ",")
        number = super().to_python(text)
        return None if number is None else float(number)


PHOTO_TYPES = "image/jpeg,image/png,image/webp"


def photos_field(label: Any, **attrs: Any) -> KeptFilesField:
    """Several photos in one input (checked on their content by the service, not here), kept when the form is
    refused for another field (``core.kept_uploads``)."""
    return KeptFilesField(label=label, attrs={"accept": PHOTO_TYPES, **attrs})


def category_choices() -> list[tuple[str, str]]:
    return [(c.code, c.label) for c in Category.objects.active().order_by("group", "sort_order", "name")]


class ReportForm(forms.Form):
    category = forms.ChoiceField(label=_("Lĩnh vực phản ánh"), choices=(), widget=forms.RadioSelect)
    description = forms.CharField(
        label=_("Nội dung phản ánh"),
        max_length=4000,
        widget=forms.Textarea(
            attrs={"rows": 4, "placeholder": _("Mô tả sự việc: ở đâu, từ khi nào, ảnh hưởng thế nào")}
        ),
    )
    unit_code = forms.CharField(required=False, max_length=10, widget=forms.HiddenInput)
    unit_label = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)
    latitude = CoordinateField(label=_("Vĩ độ"), required=False, min_value=-90, max_value=90, grouping=False)
    longitude = CoordinateField(label=_("Kinh độ"), required=False, min_value=-180, max_value=180, grouping=False)
    address_text = forms.CharField(label=_("Địa chỉ, nơi xảy ra"), max_length=300, required=False)
    photos = photos_field(_("Ảnh (tối đa 5)"), capture="environment")
    is_anonymous = forms.BooleanField(label=_("Gửi ẩn danh (không ghi họ tên, điện thoại)"), required=False)
    citizen_name = forms.CharField(label=_("Họ và tên"), max_length=150, required=False)
    citizen_phone = PhoneField(label=_("Số điện thoại"))
    citizen_email = forms.EmailField(label=_("Thư điện tử"), required=False)
    altcha = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
    submission_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices()  # type: ignore[attr-defined]


class FollowForm(forms.Form):
    phone = PhoneField(label=_("Số điện thoại"))
    email = forms.EmailField(label=_("Thư điện tử"), required=False)


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Mức hài lòng"),
        coerce=int,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Nhận xét"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Vì sao vấn đề chưa được giải quyết?"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class InfoForm(forms.Form):
    text = forms.CharField(
        label=_("Thông tin bổ sung"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    photos = photos_field(_("Ảnh bổ sung"), capture="environment")


class ListFilterForm(forms.Form):
    STATUS = [("", _("Tất cả")), ("open", _("Đang xử lý")), ("closed", _("Đã kết thúc"))]
    PERIOD = [
        ("", _("Mọi lúc")),
        ("7", _("7 ngày qua")),
        ("30", _("30 ngày qua")),
        ("90", _("90 ngày qua")),
        ("365", _("Một năm qua")),
    ]

    status = forms.ChoiceField(label=_("Trạng thái"), choices=STATUS, required=False)
    category = forms.ChoiceField(label=_("Lĩnh vực"), choices=(), required=False)
    province = forms.CharField(label=_("Tỉnh, thành phố"), required=False, max_length=2)
    unit = forms.CharField(required=False, max_length=10, widget=forms.HiddenInput)
    period = forms.ChoiceField(label=_("Thời gian"), choices=PERIOD, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Tất cả")), *category_choices()]  # type: ignore[attr-defined]
