"""Forms of the meetings pages: they parse what the officer typed; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import VietnameseIntegerField, date_field
from danvan.core.models import AdministrativeUnit
from danvan.core.periods import MAX_YEAR, MIN_YEAR, PERIOD_CHOICES
from danvan.core.pickers import UnitSearchField
from danvan.democracy.models import Addressee, MeetingKind, RecommendationField, RecommendationKind

TEXT_MAX = 20_000


def time_field(label: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        input_formats=["%H:%M", "%Hh%M", "%Hh"],
        widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm"}),
        error_messages={"invalid": _("Giờ không hợp lệ; nhập theo dạng hh:mm.")},
    )


def year_field(label: Any = None, *, required: bool = False) -> VietnameseIntegerField:
    return VietnameseIntegerField(
        grouping=False, label=label or _("Năm"), required=required, min_value=MIN_YEAR, max_value=MAX_YEAR
    )


class MeetingForm(forms.Form):
    """Schedule a meeting: a year-end meeting at a village, a dialogue at a commune."""

    kind = forms.ChoiceField(label=_("Loại hội nghị"), choices=MeetingKind.choices)
    unit = UnitSearchField(label=_("Thôn, tổ dân phố hoặc xã"), queryset=AdministrativeUnit.objects.none())
    held_on = date_field(_("Ngày tổ chức"))
    starts_at = time_field(_("Giờ bắt đầu"))
    notice_on = date_field(_("Ngày thông báo"), required=False)
    year = year_field(_("Năm được tổng kết (mặc định: năm của ngày tổ chức)"))
    title = forms.CharField(label=_("Tên hội nghị (để trống: tự đặt)"), max_length=300, required=False)
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    chaired_by = forms.CharField(label=_("Người chủ trì"), max_length=200, required=False)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitSearchField)
        unit_field.queryset = units


class VersionForm(forms.Form):
    """A change to a record: carries the version the officer saw. Several of these share the meeting's page, so
    each kind gets its own ids (``id_prefix``); the field names stay as they are."""

    id_prefix = "id"
    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class MeetingRecordForm(VersionForm):
    id_prefix = "record"
    participants = VietnameseIntegerField(label=_("Số người dự"), min_value=1, max_value=1_000_000)
    households_total = VietnameseIntegerField(
        label=_("Tổng số hộ của thôn"), min_value=0, max_value=1_000_000, required=False
    )
    households_present = VietnameseIntegerField(
        label=_("Số hộ có đại diện dự"), min_value=0, max_value=1_000_000, required=False
    )
    chaired_by = forms.CharField(label=_("Người chủ trì"), max_length=200, required=False)
    report_village_head = forms.BooleanField(label=_("Đã nghe báo cáo của trưởng thôn, tổ trưởng"), required=False)
    report_front_committee = forms.BooleanField(label=_("Đã nghe báo cáo của Ban công tác Mặt trận"), required=False)
    report_inspection_board = forms.BooleanField(
        label=_("Đã nghe báo cáo của thành viên Ban Thanh tra nhân dân"), required=False
    )
    minutes = forms.CharField(
        label=_("Biên bản, kết quả hội nghị"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5})
    )


class MeetingSendForm(VersionForm):
    id_prefix = "send"
    to_committee_on = date_field(_("Ngày gửi kết quả cho UBND xã"), required=False)
    to_front_on = date_field(_("Ngày gửi kết quả cho Ủy ban MTTQ xã"), required=False)


class MeetingCancelForm(VersionForm):
    id_prefix = "cancel"
    reason = forms.CharField(label=_("Lý do hủy"), max_length=300)


class RaisedItemForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "item_%s")
        super().__init__(*args, **kwargs)

    kind = forms.ChoiceField(
        label=_("Loại"), choices=RecommendationKind.choices, initial=RecommendationKind.RECOMMENDATION
    )
    raised_by = forms.CharField(label=_("Người nêu"), max_length=200)
    content = forms.CharField(label=_("Nội dung"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3}))
    addressee = forms.ChoiceField(label=_("Cơ quan trả lời"), choices=Addressee.choices)
    addressee_note = forms.CharField(label=_("Ghi rõ cơ quan (nếu cần)"), max_length=200, required=False)
    field = forms.ChoiceField(
        label=_("Lĩnh vực"), choices=RecommendationField.choices, initial=RecommendationField.OTHER, required=False
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)


class RaisedItemAnswerForm(VersionForm):
    id_prefix = "answer"
    answered_on = date_field(_("Ngày trả lời"))
    answer = forms.CharField(label=_("Nội dung trả lời"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3}))


class MeetingListForm(forms.Form):
    """The list's filters (lenient: a value that does not parse widens the list)."""

    year = year_field()
    kind = forms.ChoiceField(label=_("Loại"), choices=[("", _("Tất cả")), *MeetingKind.choices], required=False)


class ComplianceForm(forms.Form):
    unit = VietnameseIntegerField(grouping=False, required=False, widget=forms.HiddenInput, min_value=1)
    year = year_field()


class StatisticsForm(forms.Form):
    """A unit, then a year and a period of it (half, quarter, month), or two dates."""

    unit = VietnameseIntegerField(grouping=False, required=False, widget=forms.HiddenInput, min_value=1)
    year = year_field()
    period = forms.ChoiceField(label=_("Kỳ"), choices=PERIOD_CHOICES, required=False)
    start = date_field(_("Hoặc từ ngày"), required=False)
    end = date_field(_("đến ngày"), required=False)
