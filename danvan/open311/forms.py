from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import VietnameseIntegerField


class KeyIssueForm(forms.Form):
    name = forms.CharField(label=_("Tên ứng dụng"), max_length=100)
    contact = forms.CharField(
        label=_("Người, đơn vị phát triển và liên hệ"),
        max_length=300,
        help_text=_("Tên, thư điện tử hoặc số điện thoại của người chịu trách nhiệm về ứng dụng."),
    )
    requests_per_hour = VietnameseIntegerField(
        label=_("Số phản ánh tối đa mỗi giờ"), min_value=1, max_value=100_000, initial=600
    )
