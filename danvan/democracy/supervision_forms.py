"""Forms of the supervision pages: they parse what the officer typed; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import VietnameseIntegerField, date_field
from danvan.core.models import Organization
from danvan.core.pickers import OrganizationSearchField
from danvan.democracy.meeting_forms import VersionForm, year_field
from danvan.democracy.models import (
    RecommendationField,
    RecommendationKind,
    SupervisionKind,
    SupervisionMethod,
    SupervisionStatus,
)

TEXT_MAX = 20_000


class OrganizationChoiceField(forms.ModelChoiceField):
    """An organization, shown with its unit when it is not the commune's own."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def _choice(label: Any, choices: Any, *, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices if required else [("", _("Tất cả")), *choices],
        required=required,
        error_messages={"invalid_choice": _("Chọn một giá trị trong danh sách.")},
    )


class SupervisionListForm(forms.Form):
    """The list's filters (lenient: a value that does not parse widens the list)."""

    q = forms.CharField(label=_("Tìm (không cần dấu)"), max_length=100, required=False)
    year = year_field()
    kind = _choice(_("Loại"), SupervisionKind.choices, required=False)
    status = _choice(_("Trạng thái"), SupervisionStatus.choices, required=False)


class ProgrammeForm(forms.Form):
    organization = OrganizationSearchField(
        label=_("Tổ chức giám sát"),
        queryset=Organization.objects.none(),
        error_messages={"invalid_choice": _("Chọn Ủy ban MTTQ hoặc tổ chức thành viên trong danh sách.")},
    )
    year = year_field(_("Năm"), required=True)
    title = forms.CharField(label=_("Tên chương trình (để trống: tự đặt)"), max_length=300, required=False)
    adopted_on = date_field(_("Ngày ban hành"), required=False)
    note = forms.CharField(
        label=_("Ghi chú"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, OrganizationSearchField)
        field.queryset = organizations


class ProgrammeEditForm(VersionForm):
    id_prefix = "programme"
    title = forms.CharField(label=_("Tên chương trình"), max_length=300)
    adopted_on = date_field(_("Ngày ban hành"), required=False)
    note = forms.CharField(
        label=_("Ghi chú"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SupervisionForm(forms.Form):
    """Plan (or re-plan) a supervision or a social-criticism session."""

    kind = _choice(_("Loại hoạt động"), SupervisionKind.choices)
    topic = forms.CharField(label=_("Nội dung, chuyên đề"), max_length=300)
    supervised_org = OrganizationChoiceField(
        label=_("Cơ quan, tổ chức được giám sát / chủ trì soạn thảo"),
        queryset=Organization.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Chọn một cơ quan, tổ chức của xã hoặc của tỉnh trong danh sách.")},
    )
    draft_title = forms.CharField(label=_("Dự thảo được phản biện"), max_length=300, required=False)
    method = _choice(_("Hình thức"), SupervisionMethod.choices)
    starts_on = date_field(_("Từ ngày"))
    ends_on = date_field(_("Đến ngày"))
    notice_on = date_field(_("Ngày gửi kế hoạch cho cơ quan được giám sát"), required=False)
    team_lead = forms.CharField(label=_("Trưởng đoàn"), max_length=200, required=False)
    team = forms.CharField(
        label=_("Thành viên đoàn (mỗi người một dòng)"),
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    purpose = forms.CharField(
        label=_("Mục đích, yêu cầu"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput, required=False, min_value=1)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["supervised_org"]
        assert isinstance(field, OrganizationChoiceField)
        field.queryset = organizations


class SupervisionRecordForm(VersionForm):
    id_prefix = "record"
    done_on = date_field(_("Ngày kết thúc thực hiện"))
    findings = forms.CharField(
        label=_("Kết quả giám sát, ý kiến phản biện"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5})
    )
    conclusion = forms.CharField(
        label=_("Đánh giá, kết luận"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SupervisionCancelForm(VersionForm):
    id_prefix = "cancel"
    reason = forms.CharField(label=_("Lý do hủy"), max_length=300)


class SupervisionRecommendationForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "rec_%s")
        super().__init__(*args, **kwargs)

    kind = _choice(_("Loại"), RecommendationKind.choices)
    field = _choice(_("Lĩnh vực"), RecommendationField.choices)
    content = forms.CharField(
        label=_("Nội dung kiến nghị"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3})
    )
    raised_on = date_field(_("Ngày gửi kiến nghị (để trống: ngày kết thúc)"), required=False)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
