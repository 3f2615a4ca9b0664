"""Forms of the dossier pages: the upload, the column mapping, the list's filters, the entered procedure figures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import VietnameseIntegerField
from danvan.core.periods import MAX_YEAR, MIN_YEAR, PERIOD_CHOICES
from danvan.core.text import NOTE_MAX, TITLE_MAX, fold
from danvan.reporting.dossier_services import DEFAULT_CHANNELS, DEFAULT_STATUSES, FIELDS, RESOLVED
from danvan.reporting.models import DossierChannel, DossierStatus

FILE_TYPES = (".xlsx", ".csv")


FILE_NAME_MAX = 255  # a file's name as uploaded


class DossierUploadForm(forms.Form):
    province = forms.TypedChoiceField(label=_("Tỉnh"), coerce=int)
    file = forms.FileField(label=_("Tệp xuất từ hệ thống một cửa (.xlsx hoặc .csv)"))

    def __init__(self, *args: Any, provinces: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [(p.pk, p.name) for p in provinces]  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        if not (file.name or "").lower().endswith(FILE_TYPES):
            raise forms.ValidationError(_("Chỉ nhận tệp .xlsx hoặc .csv."))
        return file


class DossierMappingForm(forms.Form):
    """For each dossier field, which of the file's columns holds it (required fields must be chosen)."""

    upload = forms.CharField(widget=forms.HiddenInput, max_length=TITLE_MAX)  # the stored file's path
    name = forms.CharField(widget=forms.HiddenInput, required=False, max_length=FILE_NAME_MAX)
    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, headings: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— không có —"))] + [(h, h) for h in headings if h]
        for f in FIELDS:
            self.fields[f"col_{f.key}"] = forms.ChoiceField(
                label=f"{f.label}{' *' if f.required else ''}", choices=choices, required=f.required
            )

    def columns(self) -> dict[str, str]:
        return {f.key: self.cleaned_data.get(f"col_{f.key}") or "" for f in FIELDS}


class DossierWordsForm(forms.Form):
    """The words of the province's export for each way of filing and each state, beyond the usual ones (a comma
    between words; compared without diacritics): "Nộp qua Zalo" may mean online in one province's export."""

    prefix = "words"

    def __init__(self, *args: Any, saved: Any = None, **kwargs: Any) -> None:
        self.groups = (
            ("channel", list(DossierChannel.choices), DEFAULT_CHANNELS),
            (
                "status",
                [*DossierStatus.choices, (RESOLVED, _("Đã giải quyết (trước hạn, đúng hạn, quá hạn theo ngày)"))],
                DEFAULT_STATUSES,
            ),
        )
        if saved is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                f"{kind}_{value}": ", ".join(
                    word for word, v in (getattr(saved, f"{kind}_values") or {}).items() if v == value
                )
                for kind, choices, _defaults in self.groups
                for value, _label in choices
            }
        super().__init__(*args, **kwargs)
        for kind, choices, defaults in self.groups:
            for value, label in choices:
                usual = ", ".join(word for word, v in defaults.items() if v == value)
                self.fields[f"{kind}_{value}"] = forms.CharField(
                    label=_("Từ ngữ khác cho “%(label)s”") % {"label": label},
                    required=False,
                    max_length=NOTE_MAX,
                    help_text=_("Đã hiểu sẵn: %(words)s") % {"words": usual} if usual else "",
                )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for kind, choices, _defaults in self.groups:
            owner: dict[str, str] = {}
            for value, label in choices:
                name = f"{kind}_{value}"
                for word in self._split(data.get(name)):
                    if word in owner and owner[word] != str(label):
                        self.add_error(
                            name, _("“%(word)s” đã dùng cho “%(other)s”.") % {"word": word, "other": owner[word]}
                        )
                    owner.setdefault(word, str(label))
        return data

    @staticmethod
    def _split(text: str | None) -> list[str]:
        return [fold(word).strip() for word in (text or "").split(",") if fold(word).strip()]

    def words(self, kind: str) -> dict[str, str]:
        """The words typed for ``kind`` ("channel" or "status"): folded word → value."""
        found: dict[str, str] = {}
        for group, choices, _defaults in self.groups:
            if group == kind:
                for value, _label in choices:
                    found.update(dict.fromkeys(self._split(self.cleaned_data.get(f"{kind}_{value}")), value))
        return found


class DossierFilterForm(forms.Form):
    unit = VietnameseIntegerField(grouping=False, required=False, widget=forms.HiddenInput)
    year = VietnameseIntegerField(
        grouping=False, label=_("Năm"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    period = forms.ChoiceField(label=_("Kỳ"), choices=PERIOD_CHOICES, required=False)
    status = forms.ChoiceField(
        label=_("Tình trạng"), choices=[("", _("Tất cả")), *DossierStatus.choices], required=False
    )
    channel = forms.ChoiceField(
        label=_("Hình thức nộp"), choices=[("", _("Tất cả")), *DossierChannel.choices], required=False
    )
    q = forms.CharField(label=_("Mã hồ sơ, tên thủ tục"), required=False, max_length=100)
    code = forms.CharField(required=False, widget=forms.HiddenInput, max_length=60)


class ProcedureFigureForm(forms.Form):
    period_start = forms.DateField(label=_("Từ ngày"), input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    period_end = forms.DateField(label=_("Đến ngày"), input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    published = VietnameseIntegerField(label=_("Thủ tục hành chính được công bố"), min_value=0)
    time_cut = VietnameseIntegerField(label=_("Thủ tục được cắt giảm thời gian giải quyết"), min_value=0, initial=0)
    days_cut = VietnameseIntegerField(label=_("Số ngày được cắt giảm"), min_value=0, initial=0)
    online_partial = VietnameseIntegerField(label=_("Dịch vụ công trực tuyến một phần"), min_value=0, initial=0)
    online_full = VietnameseIntegerField(label=_("Dịch vụ công trực tuyến toàn trình"), min_value=0, initial=0)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)
    version = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            self.add_error("period_end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data
