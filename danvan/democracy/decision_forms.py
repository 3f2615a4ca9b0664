"""Forms of the community decisions' pages. They only read what was typed; the services decide (and their
refusals come back beside the field with ``core.forms.apply_errors``)."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.html import format_html, strip_tags
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import VietnameseIntegerField, date_field
from danvan.core.models import AdministrativeUnit, UnitLevel
from danvan.core.text import TEXT_MAX, vi_sort_key
from danvan.democracy.models import (
    BallotChannel,
    BallotChoice,
    DecisionForm,
    DecisionMatter,
    DecisionOrigin,
    DecisionScope,
    DecisionStatus,
)


class DecisionFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *DecisionStatus.choices]
    )
    overdue = forms.BooleanField(label=_("Chỉ hồ sơ quá hạn"), required=False)


class DecisionCreateForm(forms.Form):
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)
    matter = forms.ModelChoiceField(label=_("Nội dung"), queryset=DecisionMatter.objects.none(), to_field_name="code")
    scope = forms.ChoiceField(label=_("Phạm vi"), choices=DecisionScope.choices)
    villages = forms.ModelMultipleChoiceField(
        label=_("Thôn, tổ dân phố"), queryset=AdministrativeUnit.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    form = forms.ChoiceField(label=_("Hình thức"), choices=DecisionForm.choices)
    title = forms.CharField(label=_("Tên nội dung"), max_length=300)
    content = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Nội dung đưa ra lấy ý kiến"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    origin = forms.ChoiceField(label=_("Nguồn đề xuất"), choices=DecisionOrigin.choices)
    proposal_households = VietnameseIntegerField(grouping=True, label=_("Số hộ đề xuất"), required=False, min_value=0)
    proposal_collected_on = date_field(_("Ngày thu thập đề xuất"), required=False)

    def __init__(self, *args: Any, commune: AdministrativeUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["matter"].queryset = DecisionMatter.objects.active()  # type: ignore[attr-defined]
        villages = AdministrativeUnit.objects.filter(parent=commune, level=UnitLevel.VILLAGE)
        self.fields["villages"].queryset = villages  # type: ignore[attr-defined]
        self.fields["villages"].choices = sorted(  # type: ignore[attr-defined]
            ((v.pk, format_html('<span translate="no">{}</span>', v.name)) for v in villages),
            key=lambda pair: vi_sort_key(strip_tags(pair[1])),
        )


class AnnounceForm(forms.Form):
    notice_on = date_field(_("Ngày thông báo"))
    register_on = date_field(_("Ngày biểu quyết (chốt danh sách hộ)"))
    documents_sent_on = date_field(_("Ngày gửi tài liệu cho hộ"), required=False)
    team = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Tổ phát phiếu, kiểm phiếu (mỗi người một dòng)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    team_leader = forms.CharField(label=_("Tổ trưởng (đại diện Ban công tác Mặt trận)"), required=False, max_length=200)
    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput, required=False)


class BallotForm(forms.Form):
    # A new key for each empty form: the same form sent twice (a double click) records one ballot.
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    household = forms.CharField(label=_("Mã hộ"), max_length=40)
    choice = forms.ChoiceField(label=_("Ý kiến"), choices=BallotChoice.choices, widget=forms.RadioSelect)
    channel = forms.ChoiceField(label=_("Cách gửi"), choices=BallotChannel.choices, initial=BallotChannel.PAPER)
    other_text = forms.CharField(label=_("Ý kiến khác (nếu có)"), required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4().hex)


class CloseForm(forms.Form):
    head_name = forms.CharField(label=_("Trưởng thôn, tổ trưởng tổ dân phố"), max_length=200, required=False)
    front_head_name = forms.CharField(label=_("Trưởng Ban công tác Mặt trận"), max_length=200, required=False)
    witness_1 = forms.CharField(label=_("Đại diện hộ chứng kiến thứ nhất"), max_length=200, required=False)
    witness_2 = forms.CharField(label=_("Đại diện hộ chứng kiến thứ hai"), max_length=200, required=False)
    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput, required=False)


class SubmitForm(forms.Form):
    submitted_on = date_field(_("Ngày gửi biên bản về UBND, MTTQ xã"))
    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput, required=False)


class RecognitionForm(forms.Form):
    recognized = forms.TypedChoiceField(
        label=_("Trả lời"),
        choices=[("1", _("Công nhận")), ("0", _("Không công nhận (nêu lý do)"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    document_no = forms.CharField(label=_("Số văn bản"), max_length=60, required=False)
    on = date_field(_("Ngày văn bản"))
    effective_on = date_field(_("Ngày có hiệu lực (UBND quyết định, nội dung toàn xã 1–2)"), required=False)
    reasons = forms.CharField(
        max_length=TEXT_MAX, label=_("Lý do không công nhận"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput, required=False)


class ReceiptForm(forms.Form):
    ma = forms.CharField(label=_("Mã biên nhận phiếu"), max_length=20)


class HouseholdPickForm(forms.Form):
    """Households chosen from the register: ticked in the checklist, or their codes pasted (one per line, or
    separated by commas or spaces). The view turns codes into households; the service checks them."""

    present = forms.TypedMultipleChoiceField(
        label=_("Hộ có mặt"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    present_codes = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Hoặc dán mã hộ (mỗi mã một dòng, hoặc cách nhau bởi dấu phẩy)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, households: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = households  # type: ignore[attr-defined]

    def pasted_codes(self) -> list[str]:
        raw = self.cleaned_data.get("present_codes") or ""
        return [code for code in raw.replace(",", " ").replace(";", " ").split() if code]


class MeetingForm(HouseholdPickForm):
    village = forms.TypedChoiceField(label=_("Thôn, tổ dân phố"), coerce=int)
    cluster = forms.CharField(label=_("Cụm họp (nếu họp theo cụm)"), required=False, max_length=100)
    notice_on = date_field(_("Ngày gửi giấy mời (Mẫu 01)"))
    held_on = date_field(_("Ngày họp"))
    place = forms.CharField(label=_("Địa điểm"), required=False, max_length=300)
    chair_name = forms.CharField(label=_("Chủ trì"), required=False, max_length=200)
    secretary_name = forms.CharField(label=_("Thư ký"), required=False, max_length=200)
    secretary_proposal = forms.CharField(label=_("Cử thư ký: đề xuất"), required=False, max_length=300)
    secretary_agreed = VietnameseIntegerField(
        grouping=True, label=_("Số hộ có mặt đồng ý"), required=False, min_value=0
    )
    team_proposal = forms.CharField(label=_("Tổ kiểm phiếu (3–5 người): đề xuất"), required=False, max_length=300)
    team_agreed = VietnameseIntegerField(grouping=True, label=_("Số hộ có mặt đồng ý"), required=False, min_value=0)
    options_proposal = forms.CharField(
        label=_("Các phương án đưa ra biểu quyết: đề xuất"), required=False, max_length=300
    )
    options_agreed = VietnameseIntegerField(grouping=True, label=_("Số hộ có mặt đồng ý"), required=False, min_value=0)
    agreed = VietnameseIntegerField(grouping=True, label=_("Số hộ đồng ý"), min_value=0, initial=0)
    disagreed = VietnameseIntegerField(grouping=True, label=_("Số hộ không đồng ý"), min_value=0, initial=0)
    other = VietnameseIntegerField(grouping=True, label=_("Số hộ có ý kiến khác"), min_value=0, initial=0)

    PROCEDURAL = ("secretary", "team", "options")

    def __init__(self, *args: Any, villages: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = villages  # type: ignore[attr-defined]
        if len(villages) == 1:
            self.fields["village"].initial = villages[0][0]

    def procedural(self) -> list[tuple[str, str, int]]:
        """The procedural choices filled in: (subject, proposal, households present who agreed)."""
        data = self.cleaned_data
        return [
            (subject, data.get(f"{subject}_proposal") or "", data.get(f"{subject}_agreed") or 0)
            for subject in self.PROCEDURAL
            if data.get(f"{subject}_proposal") or data.get(f"{subject}_agreed") is not None
        ]


class ConsentForm(HouseholdPickForm):
    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].label = _("Hộ đồng ý biểu quyết trực tuyến")


class BallotCorrectionForm(forms.Form):
    choice = forms.ChoiceField(label=_("Ý kiến đúng"), choices=BallotChoice.choices, widget=forms.RadioSelect)
    other_text = forms.CharField(label=_("Ý kiến khác (nếu có)"), required=False, max_length=500)
    reason = forms.CharField(label=_("Lý do sửa"), required=False, max_length=500)


class PublishForm(forms.Form):
    published = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1", widget=forms.HiddenInput
    )


class PublicDecisionFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm (không cần dấu)"), required=False, max_length=200)
