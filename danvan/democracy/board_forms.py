"""Forms of the boards' pages: they parse what the officer typed (Vietnamese numbers and dates); the services decide.

The establishment form carries a block of member rows (``MemberRowForm`` with prefixes ``m0``, ``m1``…): a row left
empty is skipped, so the page works for a commune of five villages as for one of twenty."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import VietnameseIntegerField, date_field
from danvan.core.models import AdministrativeUnit
from danvan.core.periods import MAX_YEAR, MIN_YEAR
from danvan.core.pickers import UnitSearchField
from danvan.democracy.models import (
    Addressee,
    Affiliation,
    BoardKind,
    BoardRole,
    PlanPeriod,
    RecommendationField,
    RecommendationKind,
)

TEXT_MAX = 20_000
BUDGET_MAX = 9_999_999_999_999_999


class VersionForm(forms.Form):
    """A change to a record: carries the version the officer saw; each kind of form gets its own ids."""

    id_prefix = "id"
    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class ProjectForm(forms.Form):
    """A project of the register: investor, contractor, consultant, budget ("2.500.000.000"), place, dates."""

    name = forms.CharField(label=_("Tên dự án, công trình"), max_length=300)
    investor = forms.CharField(label=_("Chủ đầu tư"), max_length=300)
    contractor = forms.CharField(label=_("Nhà thầu thi công"), max_length=300, required=False)
    consultant = forms.CharField(label=_("Đơn vị tư vấn giám sát"), max_length=300, required=False)
    budget = VietnameseIntegerField(
        label=_("Tổng mức đầu tư (đồng)"), min_value=0, max_value=BUDGET_MAX, required=False
    )
    funding = forms.CharField(label=_("Nguồn vốn"), max_length=200, required=False)
    place = forms.CharField(label=_("Địa điểm"), max_length=300)
    starts_on = date_field(_("Ngày khởi công"), required=False)
    ends_on = date_field(_("Ngày dự kiến hoàn thành"), required=False)


class ProjectCreateForm(ProjectForm):
    unit = UnitSearchField(label=_("Xã, phường, đặc khu"), queryset=AdministrativeUnit.objects.none())
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    field_order = ["unit"]

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitSearchField)
        unit_field.queryset = units


class ProjectEditForm(ProjectForm):
    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "edit_%s")
        super().__init__(*args, **kwargs)


class HandOverForm(VersionForm):
    id_prefix = "handover"
    handed_over_on = date_field(_("Ngày bàn giao đưa vào sử dụng"))


class ProjectListForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên, chủ đầu tư"), max_length=100, required=False)
    state = forms.ChoiceField(
        label=_("Tình trạng"),
        choices=[("", _("Tất cả")), ("open", _("Đang thực hiện")), ("handed_over", _("Đã bàn giao"))],
        required=False,
    )


class BoardListForm(forms.Form):
    unit = VietnameseIntegerField(grouping=False, required=False, widget=forms.HiddenInput, min_value=1)
    kind = forms.ChoiceField(label=_("Loại ban"), choices=[("", _("Tất cả")), *BoardKind.choices], required=False)
    state = forms.ChoiceField(
        label=_("Tình trạng"),
        choices=[("", _("Tất cả")), ("active", _("Đang hoạt động")), ("ended", _("Đã kết thúc"))],
        required=False,
    )


class BoardForm(forms.Form):
    """A board as elected: its kind (and project), the day, and the member rows below it."""

    kind = forms.ChoiceField(label=_("Loại ban"), choices=BoardKind.choices)
    project = forms.ChoiceField(label=_("Dự án được giám sát"), required=False)
    established_on = date_field(_("Ngày thành lập (ngày công nhận kết quả bầu)"))
    name = forms.CharField(label=_("Tên ban (để trống: tự đặt)"), max_length=300, required=False)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, projects: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        project_field = self.fields["project"]
        assert isinstance(project_field, forms.ChoiceField)
        project_field.choices = [("", _("— Không (Ban Thanh tra nhân dân) —")), *projects]


class MemberFields(forms.Form):
    """One member: name, village, position, resident, the affiliation they declared, the matter-5 decision."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=200, required=False)
    village = forms.ChoiceField(label=_("Thôn, tổ dân phố bầu"), required=False)
    position = forms.ChoiceField(label=_("Chức danh"), choices=BoardRole.choices, initial=BoardRole.MEMBER)
    is_resident = forms.BooleanField(label=_("Người dân cư trú tại địa bàn"), required=False)
    affiliation = forms.ChoiceField(label=_("Tự khai quan hệ"), choices=Affiliation.choices, initial=Affiliation.NONE)
    decision = forms.ChoiceField(label=_("Kết quả bầu (nội dung 5)"), required=False)

    def __init__(
        self, *args: Any, villages: list[tuple[str, str]], decisions: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        village_field = self.fields["village"]
        decision_field = self.fields["decision"]
        assert isinstance(village_field, forms.ChoiceField) and isinstance(decision_field, forms.ChoiceField)
        village_field.choices = [("", "—"), *villages]
        decision_field.choices = [("", "—"), *decisions]

    @property
    def is_blank(self) -> bool:
        return not (self.data.get(self.add_prefix("full_name")) or "").strip()


class MemberAddForm(MemberFields):
    """A by-election into a board at work (``version`` is the board's)."""

    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput, min_value=1)
    elected_on = date_field(_("Ngày được bầu"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "member_%s")
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True


class MemberLeaveForm(VersionForm):
    id_prefix = "leave"
    left_on = date_field(_("Ngày thôi"))
    reason = forms.CharField(label=_("Lý do"), max_length=300)


class DissolveForm(VersionForm):
    id_prefix = "dissolve"
    dissolved_on = date_field(_("Ngày kết thúc"))
    reason = forms.CharField(label=_("Lý do kết thúc"), max_length=300)


class PlanForm(forms.Form):
    period = forms.ChoiceField(label=_("Kỳ kế hoạch"), choices=PlanPeriod.choices)
    year = VietnameseIntegerField(grouping=False, label=_("Năm"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    number = VietnameseIntegerField(
        grouping=False, label=_("Quý (1–4) hoặc 6 tháng (1–2)"), min_value=1, max_value=4, required=False
    )
    approved_on = date_field(_("Ngày thông qua"))
    content = forms.CharField(
        label=_("Nội dung kế hoạch"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "plan_%s")
        super().__init__(*args, **kwargs)


class SessionForm(forms.Form):
    subject = forms.CharField(label=_("Nội dung kiểm tra, giám sát"), max_length=500)
    starts_on = date_field(_("Ngày bắt đầu"))
    plan_sent_on = date_field(_("Ngày gửi kế hoạch cho MTTQ và Chủ tịch UBND xã"), required=False)
    investor_notified_on = date_field(_("Ngày Ủy ban MTTQ xã thông báo cho chủ đầu tư"), required=False)
    plan = forms.ChoiceField(label=_("Theo kế hoạch"), required=False)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, plans: list[tuple[str, str]], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "session_%s")
        super().__init__(*args, **kwargs)
        plan_field = self.fields["plan"]
        assert isinstance(plan_field, forms.ChoiceField)
        plan_field.choices = [("", "—"), *plans]


class SessionRecordForm(VersionForm):
    id_prefix = "record"
    held_on = date_field(_("Ngày kết thúc"))
    findings = forms.CharField(
        label=_("Kết quả, phát hiện"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5})
    )
    has_violations = forms.BooleanField(label=_("Phát hiện sai phạm, thiếu sót"), required=False)


class RecommendationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại"), choices=RecommendationKind.choices, initial=RecommendationKind.RECOMMENDATION
    )
    field = forms.ChoiceField(
        label=_("Lĩnh vực"), choices=RecommendationField.choices, initial=RecommendationField.OTHER
    )
    content = forms.CharField(
        label=_("Nội dung kiến nghị"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3})
    )
    addressee = forms.ChoiceField(
        label=_("Loại cơ quan trả lời"), choices=Addressee.choices, initial=Addressee.PEOPLES_COMMITTEE
    )
    addressee_org = forms.ChoiceField(label=_("Cơ quan trả lời (mặc định: UBND xã)"), required=False)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, organizations: list[tuple[str, str]], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "rec_%s")
        super().__init__(*args, **kwargs)
        org_field = self.fields["addressee_org"]
        assert isinstance(org_field, forms.ChoiceField)
        org_field.choices = [("", "—"), *organizations]
