"""Forms of the reception pages: the schedule, a visit at the desk with the petitions it raises, the filters.

They parse input; ``services.py`` decides. A visit form carries fixed rows of visitors (:data:`PERSON_ROWS`)
and of petitions (:data:`CASE_ROWS`), like the house registry form's funding rows; persons are referred to by
their row number ("1, 3-5").
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.cases.models import CaseKind, Field, GroundScope, RefusalGround
from danvan.core import forms as core_forms
from danvan.core.formatting import MONTH_NAMES
from danvan.core.forms import UnitChoiceField, VietnameseIntegerField
from danvan.core.models import AdministrativeUnit, Organization
from danvan.core.periods import MAX_YEAR, MIN_YEAR
from danvan.core.phones import PhoneField
from danvan.core.text import NOTE_MAX, PERSON_NAME_MAX, TEXT_MAX, validate_title
from danvan.reception.models import HostRole, ReceptionKind, ReceptionSession, SessionStatus, VisitOutcome
from danvan.reception.services import RaisedCaseIn, Repeat, VisitorIn

PERSON_ROWS = 8
CASE_ROWS = 3
_RANGE = re.compile(r"^\s*(\d{1,3})\s*(?:-\s*(\d{1,3})\s*)?$")


def date_field(label: Any, **kwargs: Any) -> forms.DateField:
    return core_forms.date_field(label, attrs={"autocomplete": "off"}, **kwargs)


def time_field(label: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        input_formats=["%H:%M", "%Hh%M", "%Hh"],
        widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm"}),
        error_messages={"invalid": _("Giờ không hợp lệ; nhập theo dạng hh:mm.")},
    )


def parse_numbers(text: str) -> tuple[int, ...]:
    """``"1, 3-5"`` → ``(0, 2, 3, 4)`` (row numbers to indexes); ``ValueError`` on anything else."""
    numbers: list[int] = []
    for part in filter(None, (p.strip() for p in text.replace(";", ",").split(","))):
        match = _RANGE.match(part)
        if match is None:
            raise ValueError(part)
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last < first:
            raise ValueError(part)
        numbers.extend(range(first, last + 1))
    return tuple(dict.fromkeys(n - 1 for n in numbers))


class SessionForm(forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=AdministrativeUnit.objects.none(), empty_label=None)
    host_role = forms.ChoiceField(label=_("Người chủ trì"), choices=HostRole.choices)
    kind = forms.ChoiceField(label=_("Hình thức tiếp"), choices=ReceptionKind.choices, initial=ReceptionKind.PERIODIC)
    host_name = forms.CharField(label=_("Họ tên người tiếp"), max_length=PERSON_NAME_MAX, validators=[validate_title])
    host_position = forms.CharField(label=_("Chức vụ"), max_length=150, required=False)
    held_on = date_field(_("Ngày tiếp"))
    starts_at = time_field(_("Từ giờ"))
    ends_at = time_field(_("Đến giờ"))
    location = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    organization = forms.ModelChoiceField(
        label=_("Cơ quan (khi thủ trưởng cơ quan tiếp)"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label="—",
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[
            (SessionStatus.PLANNED, _("Đưa vào lịch")),
            (SessionStatus.HELD, _("Đã tiếp (ghi nhận buổi đã diễn ra)")),
        ],
        initial=SessionStatus.PLANNED,
    )
    delegate_name = forms.CharField(label=_("Người được ủy quyền tiếp thay (nếu có)"), max_length=150, required=False)
    note = forms.CharField(
        max_length=NOTE_MAX, label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    repeat = forms.ChoiceField(label=_("Lặp lại"), choices=[("", _("Không lặp lại")), *Repeat.choices], required=False)
    repeat_until = date_field(_("Lặp lại đến ngày"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("repeat") and not data.get("repeat_until"):
            self.add_error("repeat_until", _("Hãy chọn ngày kết thúc lặp lại."))
        return data

    def __init__(self, *args: Any, units: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["organization"].label_from_instance = lambda o: f"{o.name} ({o.unit.name})"  # type: ignore[attr-defined]


class SessionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=[(SessionStatus.HELD, _("Đã tiếp")), (SessionStatus.CANCELLED, _("Hủy"))])
    delegate_name = forms.CharField(label=_("Người tiếp thay (nếu có)"), max_length=150, required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=NOTE_MAX)
    version = VietnameseIntegerField(grouping=False, min_value=1)


class ScheduleFilterForm(forms.Form):
    start = date_field(_("Từ ngày"), required=False)
    end = date_field(_("Đến ngày"), required=False)
    status = forms.ChoiceField(
        label=_("Trạng thái"), choices=[("", _("Tất cả")), *SessionStatus.choices], required=False
    )
    host_role = forms.ChoiceField(
        label=_("Người chủ trì"), choices=[("", _("Tất cả")), *HostRole.choices], required=False
    )


class ComplianceForm(forms.Form):
    year = VietnameseIntegerField(grouping=False, label=_("Năm"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    month = forms.TypedChoiceField(
        label=_("Tháng"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Cả năm")), *((str(m), MONTH_NAMES[m - 1]) for m in range(1, 13))],
    )
    unit = VietnameseIntegerField(grouping=False, required=False, min_value=1, widget=forms.HiddenInput)
    shortfall = forms.BooleanField(label=_("Chỉ hiện người chưa đủ số buổi tối thiểu"), required=False)


class LogbookFilterForm(forms.Form):
    """The logbook's filter widgets; the values are read by ``schemas.LogbookFilter`` (page, API and export)."""

    start = date_field(_("Từ ngày"), required=False)
    end = date_field(_("Đến ngày"), required=False)
    unit = VietnameseIntegerField(grouping=False, required=False, min_value=1, widget=forms.HiddenInput)


class VisitForm(forms.Form):
    """A visit, its visitors, what came of it and the petitions it raises (rows ticked "Tạo đơn")."""

    unit = UnitChoiceField(label=_("Đơn vị tiếp"), queryset=AdministrativeUnit.objects.none(), empty_label=None)
    visited_on = date_field(_("Ngày tiếp"))
    session = forms.ModelChoiceField(
        label=_("Buổi tiếp (nếu có)"),
        queryset=ReceptionSession.objects.none(),
        required=False,
        empty_label=_("— Tiếp thường xuyên —"),
    )
    persons = VietnameseIntegerField(label=_("Số người đến"), min_value=1, max_value=100_000, initial=1)
    kind = forms.ChoiceField(label=_("Nội dung thuộc loại"), choices=CaseKind.choices)
    summary = forms.CharField(
        max_length=TEXT_MAX, label=_("Tóm tắt nội dung công dân trình bày"), widget=forms.Textarea(attrs={"rows": 3})
    )
    already_handled_by = forms.CharField(label=_("Cơ quan đã giải quyết (nếu có)"), max_length=300, required=False)
    outcome = forms.ChoiceField(
        label=_("Kết quả tiếp"), choices=VisitOutcome.CHOICES, widget=forms.RadioSelect, initial=VisitOutcome.CASES
    )
    answer = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Nội dung trả lời, hướng dẫn tại chỗ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    refusal_ground = forms.ModelChoiceField(
        label=_("Căn cứ từ chối tiếp (Điều 9 Luật Tiếp công dân)"),
        queryset=RefusalGround.objects.filter(scope=GroundScope.RECEPTION, valid_to__isnull=True),
        required=False,
        empty_label=_("— Chọn căn cứ —"),
    )
    note = forms.CharField(
        max_length=NOTE_MAX, label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    submission_key = forms.CharField(max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args: Any, units: Any, sessions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["session"].queryset = sessions  # type: ignore[attr-defined]
        self.fields["session"].label_from_instance = lambda s: (  # type: ignore[attr-defined]
            f"{s.held_on:%d/%m/%Y} – {s.get_kind_display()} – {s.host_name}"
        )
        fields = Field.objects.active()
        for i in range(PERSON_ROWS):
            self.fields[f"person_{i}_name"] = forms.CharField(label=_("Họ tên"), max_length=150, required=False)
            self.fields[f"person_{i}_address"] = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
            self.fields[f"person_{i}_id_number"] = forms.CharField(
                label=_("Số CCCD, giấy tờ"), max_length=30, required=False
            )
            self.fields[f"person_{i}_phone"] = PhoneField(label=_("Điện thoại"))
            self.fields[f"person_{i}_representative"] = forms.BooleanField(label=_("Đại diện"), required=False)
        for j in range(CASE_ROWS):
            self.fields[f"case_{j}_create"] = forms.BooleanField(
                label=_("Tạo đơn khiếu nại/tố cáo/kiến nghị/phản ánh"), required=False
            )
            self.fields[f"case_{j}_kind"] = forms.ChoiceField(
                label=_("Loại đơn"), choices=[("", "—"), *CaseKind.choices], required=False
            )
            self.fields[f"case_{j}_field"] = forms.ModelChoiceField(
                label=_("Lĩnh vực"), queryset=fields, required=False, empty_label="—"
            )
            self.fields[f"case_{j}_title"] = forms.CharField(
                label=_("Trích yếu (để trống: lấy theo tóm tắt)"), max_length=300, required=False
            )
            self.fields[f"case_{j}_summary"] = forms.CharField(
                label=_("Nội dung đơn này (để trống: lấy theo tóm tắt lượt tiếp)"),
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=5000,
                required=False,
            )
            self.fields[f"case_{j}_subject_party"] = forms.CharField(
                label=_("Quyết định, hành vi, người bị khiếu nại, tố cáo"), max_length=300, required=False
            )
            self.fields[f"case_{j}_persons"] = forms.CharField(
                label=_("Người đứng tên (số thứ tự, vd: 1,3-5; để trống: tất cả)"), max_length=100, required=False
            )
            self.fields[f"case_{j}_representatives"] = forms.CharField(
                label=_("Người đại diện (số thứ tự; để trống: như đánh dấu ở trên)"), max_length=100, required=False
            )
            self.fields[f"case_{j}_event_known_on"] = date_field(
                _("Ngày biết quyết định, hành vi (khiếu nại)"), required=False
            )
            self.fields[f"case_{j}_late_filing_reason"] = forms.CharField(
                label=_("Lý do quá thời hiệu (nếu có)"), max_length=1000, required=False
            )
            self.fields[f"case_{j}_anonymous"] = forms.BooleanField(
                label=_("Người tố cáo không cho biết danh tính"), required=False
            )

    def person_rows(self) -> list[list[forms.BoundField]]:
        names = ("name", "address", "id_number", "phone", "representative")
        return [[self[f"person_{i}_{name}"] for name in names] for i in range(PERSON_ROWS)]

    def case_rows(self) -> list[dict[str, forms.BoundField]]:
        names = (
            "create",
            "kind",
            "field",
            "title",
            "summary",
            "subject_party",
            "persons",
            "representatives",
            "event_known_on",
            "late_filing_reason",
            "anonymous",
        )
        return [{name: self[f"case_{j}_{name}"] for name in names} for j in range(CASE_ROWS)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for i in range(PERSON_ROWS):
            if not cleaned.get(f"person_{i}_name") and (
                cleaned.get(f"person_{i}_address") or cleaned.get(f"person_{i}_id_number")
            ):
                self.add_error(f"person_{i}_name", _("Hãy ghi họ tên."))
        named = {i for i in range(PERSON_ROWS) if (cleaned.get(f"person_{i}_name") or "").strip()}
        for j in range(CASE_ROWS):
            if not cleaned.get(f"case_{j}_create"):
                continue
            if not cleaned.get(f"case_{j}_kind"):
                self.add_error(f"case_{j}_kind", _("Hãy chọn loại đơn."))
            if not cleaned.get(f"case_{j}_field"):
                self.add_error(f"case_{j}_field", _("Hãy chọn lĩnh vực."))
            for name in ("persons", "representatives"):
                try:
                    numbers = parse_numbers(cleaned.get(f"case_{j}_{name}") or "")
                except ValueError:
                    self.add_error(f"case_{j}_{name}", _("Ghi số thứ tự người, ví dụ: 1, 3-5."))
                    continue
                unknown = [n + 1 for n in numbers if n not in named]
                if unknown:
                    self.add_error(
                        f"case_{j}_{name}",
                        _("Không có người số %(numbers)s trong danh sách người đến.")
                        % {"numbers": ", ".join(map(str, unknown))},
                    )
        return cleaned

    def visitors(self) -> tuple[list[VisitorIn], dict[int, int]]:
        """The named visitors, and each form row's index among them (blank rows are skipped)."""
        data = self.cleaned_data
        visitors: list[VisitorIn] = []
        index_of: dict[int, int] = {}
        for i in range(PERSON_ROWS):
            if not (data.get(f"person_{i}_name") or "").strip():
                continue
            index_of[i] = len(visitors)
            visitors.append(
                VisitorIn(
                    full_name=data[f"person_{i}_name"],
                    address=data.get(f"person_{i}_address") or "",
                    id_number=data.get(f"person_{i}_id_number") or "",
                    phone=data.get(f"person_{i}_phone") or "",
                    is_representative=bool(data.get(f"person_{i}_representative")),
                )
            )
        return visitors, index_of

    def raised(self, index_of: dict[int, int]) -> list[RaisedCaseIn]:
        """The ticked petition rows; person numbers refer to the rows of the visitors' table."""
        data = self.cleaned_data
        raised = []

        def translate(numbers: tuple[int, ...]) -> tuple[int, ...]:
            return tuple(index_of[n] for n in numbers if n in index_of)

        for j in range(CASE_ROWS):
            if not data.get(f"case_{j}_create"):
                continue
            persons = parse_numbers(data.get(f"case_{j}_persons") or "")
            representatives_text = data.get(f"case_{j}_representatives") or ""
            raised.append(
                RaisedCaseIn(
                    kind=data[f"case_{j}_kind"],
                    field=data[f"case_{j}_field"],
                    title=data.get(f"case_{j}_title") or "",
                    summary=data.get(f"case_{j}_summary") or "",
                    subject_party=data.get(f"case_{j}_subject_party") or "",
                    petitioners=translate(persons),
                    representatives=translate(parse_numbers(representatives_text))
                    if representatives_text.strip()
                    else None,
                    event_known_on=data.get(f"case_{j}_event_known_on"),
                    late_filing_reason=data.get(f"case_{j}_late_filing_reason") or "",
                    is_anonymous=bool(data.get(f"case_{j}_anonymous")),
                )
            )
        return raised
