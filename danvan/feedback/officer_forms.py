"""Forms of the officer's feedback pages: the inbox filters and one form per triage action (each carries the
version the officer saw, so a concurrent change is refused rather than overwritten)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import VietnameseIntegerField
from danvan.feedback.models import Category, RefusalReason, ReportState
from danvan.feedback.public_forms import photos_field

SERVICE_LEVELS = [
    ("", _("Tất cả")),
    ("overdue", _("Quá hạn")),
    ("due_soon", _("Sắp đến hạn")),
    ("on_track", _("Trong hạn")),
]


class InboxFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=100)
    state = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Đang mở")), ("all", _("Tất cả")), *ReportState.choices],
    )
    category = forms.ModelChoiceField(
        label=_("Lĩnh vực"), required=False, queryset=Category.objects.all(), to_field_name="code"
    )
    organization = VietnameseIntegerField(
        label=_("Cơ quan xử lý"), required=False, min_value=1, grouping=False, widget=forms.Select
    )
    assignee = forms.ChoiceField(label=_("Cán bộ xử lý"), required=False, choices=[])
    service = forms.ChoiceField(label=_("Thời hạn"), required=False, choices=SERVICE_LEVELS)

    def __init__(self, *args: Any, organizations: Any = (), assignees: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].widget.choices = [("", _("Tất cả"))] + [(o.pk, o.name) for o in organizations]
        assignee_field: Any = self.fields["assignee"]
        assignee_field.choices = [("", _("Tất cả")), ("me", _("Của tôi")), ("none", _("Chưa giao"))] + [
            (str(o.pk), o.full_name or o.username) for o in assignees
        ]


class VersionForm(forms.Form):
    version = VietnameseIntegerField(
        grouping=False, widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31
    )


class RefuseForm(VersionForm):
    reason = forms.ChoiceField(label=_("Lý do"), choices=RefusalReason.choices)
    text = forms.CharField(
        label=_("Giải thích cho người dân (công khai)"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class MergeForm(VersionForm):
    into = forms.CharField(
        label=_("Gộp vào phản ánh (mã theo dõi)"), max_length=16, widget=forms.TextInput(attrs={"placeholder": "PA-"})
    )


class TransferForm(VersionForm):
    to_unit = forms.CharField(
        label=_("Chuyển đến xã, phường (mã)"),
        required=False,
        max_length=10,
        help_text=_("Mã đơn vị hành chính của xã, phường có thẩm quyền."),
    )
    to_organization = VietnameseIntegerField(
        label=_("hoặc chuyển cho cơ quan của xã, phường"), required=False, grouping=False, widget=forms.Select
    )
    note = forms.CharField(
        label=_("Ghi chú (công khai)"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, organizations: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organization"].widget.choices = [("", "—")] + [(o.pk, o.name) for o in organizations]


class AssignForm(VersionForm):
    assignee = VietnameseIntegerField(label=_("Giao cho cán bộ"), grouping=False, widget=forms.Select)

    def __init__(self, *args: Any, candidates: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].widget.choices = [("", "—")] + [(o.pk, o.full_name or o.username) for o in candidates]


class TextForm(VersionForm):
    text = forms.CharField(label=_("Nội dung"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(VersionForm):
    text = forms.CharField(
        label=_("Nội dung trả lời (công khai)"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    photos = photos_field(_("Ảnh kết quả xử lý"))


class HideForm(VersionForm):
    reason = forms.CharField(label=_("Lý do ẩn (nội bộ)"), max_length=300)


class ModerateForm(VersionForm):
    field = forms.ChoiceField(
        label=_("Nội dung"),
        choices=[("description", _("Nội dung phản ánh")), ("answer_text", _("Nội dung trả lời")), ("photo", _("Ảnh"))],
    )
    replacement = forms.CharField(
        label=_("Nội dung thay thế"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    photo = VietnameseIntegerField(grouping=False, required=False, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Lý do biên tập"), max_length=300)
