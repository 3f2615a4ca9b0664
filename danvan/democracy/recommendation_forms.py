"""Forms of the recommendation tracker's pages: they parse what the officer typed; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import VietnameseIntegerField, date_field
from danvan.core.kept_uploads import KeptFileField
from danvan.core.models import Organization
from danvan.core.pickers import OrganizationSearchField
from danvan.democracy.models import Assessment, RecommendationField, RecommendationSource
from danvan.democracy.recommendation_selectors import State
from danvan.democracy.recommendation_services import AssessOutcome

TEXT_MAX = 10_000

STATE_CHOICES = [
    (State.OPEN, _("Chưa trả lời")),
    (State.OVERDUE, _("Quá hạn trả lời")),
    (State.DUE_SOON, _("Sắp đến hạn")),
    (State.ANSWERED, _("Đã trả lời, chờ đánh giá")),
    (State.CLOSED, _("Đã kết thúc")),
    (State.ALL, _("Tất cả")),
]


class ListFilterForm(forms.Form):
    """The lists' filters (lenient: a value that does not parse widens the list)."""

    organization = VietnameseIntegerField(
        label=_("Cơ quan"), grouping=False, required=False, min_value=1, max_value=2**62, widget=forms.HiddenInput
    )
    state = forms.ChoiceField(label=_("Tình trạng"), choices=STATE_CHOICES, required=False)
    source = forms.ChoiceField(
        label=_("Nguồn"), choices=[("", _("Tất cả nguồn")), *RecommendationSource.choices], required=False
    )
    field = forms.ChoiceField(
        label=_("Lĩnh vực"), choices=[("", _("Tất cả lĩnh vực")), *RecommendationField.choices], required=False
    )
    q = forms.CharField(label=_("Tìm (không cần dấu)"), required=False, max_length=200)

    def filters(self) -> dict[str, str]:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "state": data.get("state") or State.OPEN,
            "source": data.get("source") or "",
            "field": data.get("field") or "",
            "q": data.get("q") or "",
        }


class VersionForm(forms.Form):
    """A change to the item: carries the version the officer saw; each action has its own ids on the page."""

    id_prefix = "id"
    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput, min_value=1, max_value=2**31)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class AnswerForm(VersionForm):
    id_prefix = "answer"
    answered_on = date_field(_("Ngày trả lời"))
    answer = forms.CharField(label=_("Nội dung trả lời"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}))
    document = KeptFileField(label=_("Văn bản trả lời (PDF, DOCX, ảnh; không bắt buộc)"), required=False)


class BulkAnswerForm(forms.Form):
    """One answer for the items ticked in the inbox (each stays tracked)."""

    organization = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput, min_value=1, max_value=2**62)
    items = forms.TypedMultipleChoiceField(label=_("Kiến nghị"), coerce=int, choices=[])
    answered_on = date_field(_("Ngày trả lời"))
    answer = forms.CharField(
        label=_("Nội dung trả lời chung"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, item_ids: list[int] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "bulk_%s")
        super().__init__(*args, **kwargs)
        items = self.fields["items"]
        assert isinstance(items, forms.TypedMultipleChoiceField)
        items.choices = [(pk, str(pk)) for pk in item_ids or []]
        items.error_messages["required"] = _("Hãy chọn ít nhất một kiến nghị.")
        items.error_messages["invalid_choice"] = _("Kiến nghị đã chọn không còn trong danh sách; hãy tải lại trang.")


class TransferForm(VersionForm):
    id_prefix = "transfer"
    to_org = OrganizationSearchField(label=_("Chuyển đến cơ quan"), queryset=Organization.objects.none())
    reason = forms.CharField(label=_("Lý do chuyển"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, targets: Any = None, search_url: str = "", **kwargs: Any) -> None:
        """``targets``: the bodies of the item's province (``services.transfer_targets``), searched on the item's
        page (``search_url``) since the form is sent elsewhere."""
        super().__init__(*args, **kwargs)
        field = self.fields["to_org"]
        assert isinstance(field, OrganizationSearchField)
        if targets is not None:
            field.queryset = targets
        field.search_url = search_url


class AssessForm(VersionForm):
    id_prefix = "assess"
    assessment = forms.ChoiceField(
        label=_("Đánh giá của bên kiến nghị"), choices=Assessment.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Lý do (bắt buộc khi chưa hài lòng)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    outcome = forms.ChoiceField(
        label=_("Tiếp theo"),
        choices=[(AssessOutcome.CLOSE, _("Kết thúc theo dõi")), (AssessOutcome.RERAISE, _("Kiến nghị lại (hạn mới)"))],
        initial=AssessOutcome.CLOSE,
        widget=forms.RadioSelect,
    )


class DuplicateForm(VersionForm):
    id_prefix = "duplicate"
    duplicate_of = VietnameseIntegerField(
        label=_("Trùng với kiến nghị số"), grouping=False, required=False, min_value=1, max_value=2**62
    )


class HiddenForm(VersionForm):
    id_prefix = "hidden"
    hidden = forms.BooleanField(label=_("Ẩn trên trang công khai"), required=False)


class PublicFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm (không cần dấu)"), required=False, max_length=200)
