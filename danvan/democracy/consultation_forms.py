"""Forms of the consultations' pages: the officers' (prepare, record opinions, decide) and the citizens' opinion."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import VietnameseIntegerField, date_field
from danvan.core.kept_uploads import KeptFileField
from danvan.core.models import AdministrativeUnit
from danvan.core.pickers import UnitSearchField, only_one
from danvan.core.text import TEXT_MAX
from danvan.democracy.models import ConsultationChannel, ConsultationItem, OpinionSource, OpinionStance


class ConsultationForm(forms.Form):
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    expected_version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput, required=False)
    unit = UnitSearchField(label=_("Xã"), queryset=AdministrativeUnit.objects.none())
    item = forms.ModelChoiceField(label=_("Nội dung lấy ý kiến (Điều 25)"), queryset=ConsultationItem.objects.none())
    title = forms.CharField(label=_("Tên dự thảo"), max_length=300)
    description = forms.CharField(
        max_length=TEXT_MAX, label=_("Tóm tắt dự thảo"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    authority = forms.CharField(label=_("Cơ quan có thẩm quyền quyết định"), max_length=200)
    channels = forms.ModelMultipleChoiceField(
        label=_("Hình thức lấy ý kiến (Điều 26)"),
        queryset=ConsultationChannel.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Hãy chọn ít nhất một hình thức lấy ý kiến.")},
    )
    opens_on = date_field(_("Ngày công bố, bắt đầu lấy ý kiến"))
    closes_on = date_field(_("Ngày kết thúc lấy ý kiến (ít nhất 20 ngày sau)"))
    draft = KeptFileField(label=_("Tệp dự thảo (PDF, DOCX)"), required=False)

    def __init__(self, *args: Any, communes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["unit"].queryset = communes  # type: ignore[attr-defined]
        self.fields["item"].queryset = ConsultationItem.objects.in_force(today)  # type: ignore[attr-defined]
        self.fields["channels"].queryset = ConsultationChannel.objects.in_force(today)  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4().hex)
            self.initial.setdefault("unit", only_one(communes))


class OpinionRecordForm(forms.Form):
    source = forms.ChoiceField(label=_("Nguồn"), choices=OpinionSource.choices)
    stance = forms.ChoiceField(label=_("Ý kiến"), choices=OpinionStance.choices)
    people = VietnameseIntegerField(
        grouping=True, label=_("Số người (hội nghị)"), min_value=1, max_value=1_000_000, initial=1
    )
    author_name = forms.CharField(label=_("Người góp ý (để trống nếu ẩn danh)"), max_length=200, required=False)
    content = forms.CharField(
        max_length=TEXT_MAX, label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    received_on = date_field(_("Ngày nhận"))


class DecisionForm(forms.Form):
    expected_version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput)
    summary = forms.CharField(max_length=TEXT_MAX, label=_("Tổng hợp ý kiến"), widget=forms.Textarea(attrs={"rows": 4}))
    decision = forms.CharField(
        max_length=TEXT_MAX, label=_("Quyết định của cơ quan có thẩm quyền"), widget=forms.Textarea(attrs={"rows": 3})
    )
    adopts_draft = forms.TypedChoiceField(
        label=_("Quyết định"),
        choices=[("1", _("Theo dự thảo")), ("0", _("Không theo dự thảo"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    decided_on = date_field(_("Ngày quyết định"))
    explanation = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Giải trình (bắt buộc nếu quyết định khác ý kiến đa số)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class PublicOpinionForm(forms.Form):
    stance = forms.ChoiceField(
        label=_("Ý kiến của bạn về dự thảo"), choices=OpinionStance.choices, widget=forms.RadioSelect
    )
    content = forms.CharField(label=_("Nội dung góp ý"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    author_name = forms.CharField(
        label=_("Họ tên (không bắt buộc; để trống để gửi ẩn danh)"), max_length=200, required=False
    )
