"""Forms of the dialogues-with-staff and voter-contact pages: they parse what the officer typed; the services
decide. Many questions at one contact are typed as rows of one page (:func:`question_formset`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import UnitChoiceField, VietnameseIntegerField, date_field
from danvan.core.models import AdministrativeUnit, Organization
from danvan.core.pickers import OrganizationSearchField
from danvan.democracy.meeting_forms import VersionForm, year_field
from danvan.democracy.models import ContactTiming, RecommendationField, RecommendationKind

TEXT_MAX = 20_000
QUESTION_ROWS = 12
MAX_ROWS = 60


class BodyChoiceField(forms.ModelChoiceField):
    """A body, shown with its unit when it is the province's."""

    default_error_messages = {"invalid_choice": _("Hãy chọn một cơ quan trong danh sách.")}

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def _unit_label(obj: Any) -> str:
    """A unit's name as a choice's label: data, not words of the page (``translate="no"``)."""
    return format_html('<span translate="no">{}</span>', obj.name)


def _people_field(label: Any, *, required: bool = True) -> VietnameseIntegerField:
    return VietnameseIntegerField(label=label, min_value=1, max_value=1_000_000, required=required)


class StaffDialogueForm(forms.Form):
    organization = OrganizationSearchField(label=_("Cơ quan, đơn vị"), queryset=Organization.objects.none())
    held_on = date_field(_("Ngày đối thoại"))
    chaired_by = forms.CharField(label=_("Người đứng đầu chủ trì"), max_length=200)
    participants = _people_field(_("Số cán bộ, công chức, người lao động dự"))
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    topics = forms.CharField(label=_("Nội dung đối thoại"), max_length=500, required=False)
    minutes = forms.CharField(
        label=_("Biên bản, kết quả"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, OrganizationSearchField)
        field.queryset = bodies


class StaffDialogueEditForm(VersionForm):
    id_prefix = "edit"
    held_on = date_field(_("Ngày đối thoại"))
    chaired_by = forms.CharField(label=_("Người đứng đầu chủ trì"), max_length=200)
    participants = _people_field(_("Số cán bộ, công chức, người lao động dự"))
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    topics = forms.CharField(label=_("Nội dung đối thoại"), max_length=500, required=False)
    minutes = forms.CharField(
        label=_("Biên bản, kết quả"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ElectoralAreaForm(forms.Form):
    unit = UnitChoiceField(
        label=_("Hội đồng nhân dân của"), queryset=AdministrativeUnit.objects.none(), empty_label=None
    )
    number = VietnameseIntegerField(grouping=False, label=_("Số đơn vị bầu cử"), min_value=1, max_value=999)
    name = forms.CharField(label=_("Tên đơn vị bầu cử"), max_length=200)
    term = forms.CharField(label=_("Nhiệm kỳ (ví dụ 2026–2031)"), max_length=20, required=False)
    units = forms.ModelMultipleChoiceField(
        label=_("Địa bàn (thôn, tổ dân phố; hoặc xã, phường với HĐND tỉnh)"),
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Hãy chọn đơn vị trong danh sách.")},
    )
    deputies = forms.CharField(
        label=_("Đại biểu HĐND (mỗi dòng một người)"),
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, units: Any, covered: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        unit_field.queryset = units
        covered_field = self.fields["units"]
        assert isinstance(covered_field, forms.ModelMultipleChoiceField)
        covered_field.queryset = covered
        covered_field.label_from_instance = _unit_label  # type: ignore[method-assign]


class ElectoralAreaEditForm(VersionForm):
    id_prefix = "area"
    number = VietnameseIntegerField(grouping=False, label=_("Số đơn vị bầu cử"), min_value=1, max_value=999)
    name = forms.CharField(label=_("Tên đơn vị bầu cử"), max_length=200)
    term = forms.CharField(label=_("Nhiệm kỳ"), max_length=20, required=False)
    units = forms.ModelMultipleChoiceField(
        label=_("Địa bàn"),
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Hãy chọn đơn vị trong danh sách.")},
    )
    deputies = forms.CharField(
        label=_("Đại biểu HĐND (mỗi dòng một người)"),
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, covered: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        covered_field = self.fields["units"]
        assert isinstance(covered_field, forms.ModelMultipleChoiceField)
        covered_field.queryset = covered
        covered_field.label_from_instance = _unit_label  # type: ignore[method-assign]


class VoterContactForm(forms.Form):
    """Schedule a contact of an area's deputies with voters at one of the area's communes."""

    unit = UnitChoiceField(
        label=_("Xã, phường nơi tiếp xúc"), queryset=AdministrativeUnit.objects.none(), empty_label=None
    )
    session_name = forms.CharField(label=_("Kỳ họp (ví dụ: Kỳ họp thứ 5, HĐND xã khóa I)"), max_length=200)
    timing = forms.ChoiceField(label=_("Thời điểm"), choices=ContactTiming.choices)
    session_on = date_field(_("Ngày khai mạc kỳ họp"), required=False)
    held_on = date_field(_("Ngày tiếp xúc"))
    place = forms.CharField(label=_("Địa điểm"), max_length=300)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        unit_field.queryset = units


class VoterContactRecordForm(VersionForm):
    id_prefix = "record"
    voters_attending = _people_field(_("Số cử tri dự"))
    deputies_present = forms.CharField(
        label=_("Đại biểu dự (mỗi dòng một người)"), max_length=5_000, widget=forms.Textarea(attrs={"rows": 3})
    )
    minutes = forms.CharField(
        label=_("Tóm tắt buổi tiếp xúc"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class VoterContactCancelForm(VersionForm):
    id_prefix = "cancel"
    reason = forms.CharField(label=_("Lý do hủy"), max_length=300)


class QuestionRowForm(forms.Form):
    """One question as the minutes give it; a row left blank is skipped."""

    raised_by = forms.CharField(label=_("Người nêu"), max_length=200, required=False)
    content = forms.CharField(
        label=_("Nội dung ý kiến, kiến nghị"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    kind = forms.ChoiceField(
        label=_("Loại"), choices=RecommendationKind.choices, initial=RecommendationKind.RECOMMENDATION
    )
    field = forms.ChoiceField(
        label=_("Lĩnh vực"), choices=RecommendationField.choices, initial=RecommendationField.OTHER
    )
    addressee_org = BodyChoiceField(label=_("Cơ quan trả lời"), queryset=Organization.objects.none(), required=False)

    def __init__(self, *args: Any, bodies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["addressee_org"]
        assert isinstance(field, BodyChoiceField)
        if bodies is not None:
            field.queryset = bodies

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {}) or {}
        return not (data.get("raised_by") or "").strip() and not (data.get("content") or "").strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.is_blank:
            return data
        if not (data.get("raised_by") or "").strip():
            self.add_error("raised_by", _("Hãy ghi người nêu (như biên bản ghi)."))
        if not (data.get("content") or "").strip():
            self.add_error("content", _("Hãy ghi nội dung ý kiến, kiến nghị."))
        if data.get("addressee_org") is None and "addressee_org" not in self.errors:
            self.add_error("addressee_org", _("Hãy chọn cơ quan phải trả lời."))
        return data


def question_formset(data: Any = None, *, bodies: Any, default_body: Any = None, rows: int = QUESTION_ROWS) -> Any:
    """``rows`` blank question rows (at most ``MAX_ROWS``), each addressed to ``default_body`` until changed, or
    the rows posted (a row left as it was offered is skipped)."""
    factory = forms.formset_factory(
        QuestionRowForm, extra=max(1, min(rows, MAX_ROWS)), max_num=MAX_ROWS, absolute_max=MAX_ROWS, validate_max=True
    )
    form_kwargs: dict[str, Any] = {"bodies": bodies}
    if default_body is not None:
        form_kwargs["initial"] = {"addressee_org": default_body.pk}
    return factory(data, prefix="q", form_kwargs=form_kwargs)


class QuestionKeyForm(forms.Form):
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)


class ContactListForm(forms.Form):
    """The lists' filters (lenient: a value that does not parse widens the list)."""

    year = year_field()
    timing = forms.ChoiceField(
        label=_("Thời điểm"), choices=[("", _("Tất cả")), *ContactTiming.choices], required=False
    )
    q = forms.CharField(label=_("Tìm kiếm"), max_length=100, required=False)


class DialogueListForm(forms.Form):
    year = year_field()
    q = forms.CharField(label=_("Tìm kiếm"), max_length=100, required=False)
