"""Forms of the plan pages: the plan, a task with who it goes to, a progress report, the list's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import VietnameseIntegerField, date_field
from danvan.core.kept_uploads import KeptFileField
from danvan.core.models import AdministrativeUnit, Organization, OrgKind, UnitTree
from danvan.core.periods import MAX_YEAR, MIN_YEAR
from danvan.core.pickers import OrganizationSearchField
from danvan.core.subtree import subtree_q
from danvan.core.text import vi_sort_key
from danvan.reporting.models import AssigneeLevel, Plan, PlanStatus

TEXT_MAX = 5000


class PlanListForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *PlanStatus.choices])
    year = VietnameseIntegerField(
        grouping=False, label=_("Năm"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )


class PlanForm(forms.Form):
    """A new plan: the issuing body is searched among ``issuers`` (``access.plan_issuers_for_write``), and the plan
    belongs to that body's unit."""

    issuer = OrganizationSearchField(label=_("Cơ quan ban hành"), queryset=Organization.objects.none())
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=80, help_text=_("Ví dụ: 394-KH/BDVQU"))
    issued_on = date_field(_("Ngày ban hành"))
    period_start = date_field(_("Thực hiện từ ngày"))
    period_end = date_field(_("Đến ngày"))
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    summary = forms.CharField(
        label=_("Mục đích, yêu cầu"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 3})
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, issuers: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["issuer"].queryset = issuers


class PlanEditForm(forms.Form):
    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput)
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=80)
    issued_on = date_field(_("Ngày ban hành"))
    period_start = date_field(_("Thực hiện từ ngày"))
    period_end = date_field(_("Đến ngày"))
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    summary = forms.CharField(
        label=_("Mục đích, yêu cầu"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "edit_%s")
        super().__init__(*args, **kwargs)


class VersionForm(forms.Form):
    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput)


class AttachForm(forms.Form):
    file = KeptFileField(label=_("Tệp đính kèm (PDF, DOCX, XLSX, ảnh)"))


class TaskForm(forms.Form):
    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput)
    text = forms.CharField(label=_("Nội dung nhiệm vụ"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    deadline = date_field(_("Thời hạn"))
    expected_output = forms.CharField(label=_("Sản phẩm"), max_length=500, required=False)
    kinds = forms.ModelMultipleChoiceField(
        label=_("Giao cho các loại cơ quan"),
        queryset=OrgKind.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    level = forms.ChoiceField(label=_("Cấp"), choices=AssigneeLevel.choices, initial=AssigneeLevel.ALL)
    unit = forms.ModelChoiceField(
        label=_("Chỉ trong đơn vị"), queryset=AdministrativeUnit.objects.none(), required=False
    )
    organization = OrganizationSearchField(
        label=_("Hoặc giao cho một tổ chức cụ thể"), queryset=Organization.objects.none(), required=False
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "task_%s")
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        units = AdministrativeUnit.objects.filter(
            subtree_q(plan.unit_path, field="path"), tree=UnitTree.CURRENT, level__lte=3
        )
        fields["unit"].queryset = units
        fields["unit"].choices = [("", "—")] + [
            (u.pk, u.name) for u in sorted(units, key=lambda u: (u.level, vi_sort_key(u.name)))
        ]
        fields["organization"].queryset = Organization.objects.filter(
            subtree_q(plan.unit_path, "unit__", field="path"), is_active=True, unit__tree=UnitTree.CURRENT
        )
        fields["organization"].search_url = reverse("reporting:plan_detail", args=[plan.pk])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("kinds") and not data.get("organization") and not self.errors:
            self.add_error("kinds", _("Hãy chọn loại cơ quan hoặc một tổ chức cụ thể."))
        return data


class ProgressForm(forms.Form):
    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput)
    percent = VietnameseIntegerField(grouping=False, label=_("Tỷ lệ hoàn thành (%)"), min_value=0, max_value=100)
    text = forms.CharField(label=_("Kết quả thực hiện"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4}))
    evidence = KeptFileField(label=_("Minh chứng (PDF, DOCX, XLSX, ảnh)"), required=False)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "progress_%s")
        super().__init__(*args, **kwargs)


class MyTasksForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Tình trạng"),
        required=False,
        choices=[("", _("Tất cả")), ("open", _("Chưa xong")), ("overdue", _("Quá hạn")), ("done", _("Đã xong"))],
    )


class TaskEditForm(forms.Form):
    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput)
    text = forms.CharField(label=_("Nội dung nhiệm vụ"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    deadline = date_field(_("Thời hạn"))
    expected_output = forms.CharField(label=_("Sản phẩm"), max_length=500, required=False)
