"""Forms of the submissions pages: a template (sections typed one a line), sending it, a unit's narrative and
entered figures, a return with a comment, a ranking scheme (criteria one a line)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import VietnameseIntegerField
from danvan.core.params import digits_int
from danvan.core.periods import MAX_YEAR, MIN_YEAR
from danvan.core.text import CODE_MAX, NOTE_MAX, TEXT_MAX
from danvan.reporting.models import DocumentFormat, PeriodKind, ReportType


def parse_sections(text: str) -> list[dict[str, Any]]:
    """ "Tiêu đề | mã1, mã2 | gợi ý" one section a line."""
    sections = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        codes = [code.strip() for code in (parts[1] if len(parts) > 1 else "").split(",") if code.strip()]
        prompts = [parts[2]] if len(parts) > 2 and parts[2] else []
        sections.append({"title": parts[0], "codes": codes, "prompts": prompts})
    return sections


def parse_criteria(text: str) -> list[dict[str, Any]]:
    """ "Tên tiêu chí | mã chỉ tiêu | trọng số | mục tiêu | giảm" one criterion a line ("giảm": less is better)."""
    criteria = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")] + ["", "", "", ""]
        weight = parts[2] if digits_int(parts[2]) is not None else "0"
        criteria.append(
            {
                "label": parts[0],
                "indicator_code": parts[1],
                "weight": int(weight),
                "target": (parts[3] or "100").replace(",", "."),
                "higher_is_better": parts[4].lower() not in ("giảm", "giam", "less"),
            }
        )
    return criteria


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Tên mẫu báo cáo"), max_length=300)
    period_kind = forms.ChoiceField(label=_("Loại kỳ"), choices=PeriodKind.choices, initial=PeriodKind.HALF)
    doc_format = forms.ChoiceField(label=_("Thể thức"), choices=DocumentFormat.choices)
    report_type = forms.ModelChoiceField(
        label=_("Loại báo cáo (ngày chốt số liệu)"),
        queryset=ReportType.objects.all(),
        required=False,
        empty_label=_("Theo kỳ dương lịch"),
    )
    issuer_name = forms.CharField(label=_("Cơ quan ban hành"), max_length=200, required=False)
    sections = forms.CharField(
        label=_("Các phần (mỗi dòng: Tiêu đề | mã chỉ tiêu, … | gợi ý)"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class SendForm(forms.Form):
    period = forms.CharField(label=_("Kỳ báo cáo (vd. 2026-H1)"), max_length=CODE_MAX, initial="2026-H1")
    due_on = forms.DateField(label=_("Hạn nộp"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class NarrativeForm(forms.Form):
    results = forms.CharField(
        label=_("Kết quả đạt được"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    limitations = forms.CharField(
        label=_("Hạn chế, nguyên nhân"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    next_tasks = forms.CharField(
        label=_("Nhiệm vụ thời gian tới"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args: Any, entered_codes: list[str] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.entered_codes = list(entered_codes)
        for code in self.entered_codes:
            self.fields[f"entered__{code}"] = forms.CharField(label=code, required=False, max_length=30)
        if self.entered_codes:
            # An entered figure that contradicts the computed one is saved only when confirmed with the reason.
            self.fields["confirm"] = forms.BooleanField(
                label=_("Xác nhận số liệu nhập khác số liệu tính từ hồ sơ"), required=False
            )
            self.fields["note"] = forms.CharField(
                label=_("Lý do số liệu nhập khác số liệu tính từ hồ sơ"),
                max_length=NOTE_MAX,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def narrative(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key, "") for key in ("results", "limitations", "next_tasks")}

    def entered(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"entered__{code}", "") for code in self.entered_codes}

    def confirmation(self) -> tuple[bool, str]:
        """Whether a contradicting entered figure is confirmed, and the reason."""
        return bool(self.cleaned_data.get("confirm")), str(self.cleaned_data.get("note") or "")


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Nhận xét, yêu cầu sửa"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class SchemeForm(forms.Form):
    year = VietnameseIntegerField(grouping=False, label=_("Năm"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    name = forms.CharField(label=_("Tên bộ tiêu chí"), max_length=300)
    criteria = forms.CharField(
        label=_("Tiêu chí (mỗi dòng: Tên | mã chỉ tiêu | trọng số | mục tiêu | giảm nếu càng ít càng tốt)"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    basis = forms.CharField(label=_("Căn cứ"), max_length=300, required=False)
