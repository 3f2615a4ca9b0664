"""The working-day calendar page: a deadline calculator with its explanation, and the year's days off."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.errors import DomainError
from danvan.core.forms import VietnameseIntegerField, apply_errors
from danvan.core.models import CalendarNotice, DayKind, LegalRule
from danvan.core.rules import deadline_for_rule, rules_in_force
from danvan.core.workdays import FIRST_YEAR, LAST_YEAR, Deadline, compute_deadline, default_calendar

MAX_DAYS = 3650
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class DeadlineForm(forms.Form):
    """Either a number of days and a day kind, or a legal rule (whose value and day kind then apply)."""

    start = forms.DateField(
        label=_("Ngày bắt đầu (không tính ngày này)"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        ),
        error_messages={
            "required": _("Hãy nhập ngày bắt đầu."),
            "invalid": _("Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy, ví dụ 24/01/2025."),
        },
    )
    rule = forms.ChoiceField(
        label=_("Theo quy định"),
        required=False,
        error_messages={"invalid_choice": _("Quy định đã chọn không có trong danh sách.")},
    )
    days = VietnameseIntegerField(
        label=_("Hoặc số ngày"),
        required=False,
        min_value=0,
        max_value=MAX_DAYS,
        error_messages={
            "invalid": _("Số ngày phải là một số nguyên."),
            "min_value": _("Số ngày không được âm."),
            "max_value": _("Số ngày tối đa là %(limit_value)s."),
        },
    )
    day_kind = forms.ChoiceField(
        label=_("Loại ngày"),
        required=False,
        choices=[(DayKind.WORKING, _("Ngày làm việc")), (DayKind.CALENDAR, _("Ngày lịch"))],
        error_messages={"invalid_choice": _("Loại ngày không hợp lệ.")},
    )

    def __init__(self, *args: Any, rules: list[LegalRule], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rule_field = self.fields["rule"]
        assert isinstance(rule_field, forms.ChoiceField)
        rule_field.choices = [("", _("— Không chọn —")), *((rule.code, _rule_label(rule)) for rule in rules)]

    def clean_start(self) -> dt.date:
        start: dt.date = self.cleaned_data["start"]
        if not FIRST_YEAR <= start.year <= LAST_YEAR:
            raise forms.ValidationError(
                _("Chỉ tính được ngày trong các năm %(first)s–%(last)s."),
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
            )
        return start

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("rule") and cleaned.get("days") is None and "days" not in self.errors:
            self.add_error("days", _("Hãy nhập số ngày hoặc chọn một quy định."))
        return cleaned


def _rule_label(rule: LegalRule) -> str:
    kind = _("ngày làm việc") if rule.day_kind == DayKind.WORKING else _("ngày")
    return f"{rule.name} – {rule.value} {kind}"


def _compute(form: DeadlineForm) -> Deadline | None:
    data = form.cleaned_data
    try:
        if data.get("rule"):
            return deadline_for_rule(data["rule"], data["start"])
        return compute_deadline(data["start"], data["days"], data.get("day_kind") or DayKind.WORKING)
    except DomainError as exc:
        apply_errors(form, exc, summary=True)
        return None


@login_required
def calendar_tool(request: HttpRequest) -> HttpResponse:
    """Deadline calculator (GET, so a result can be linked) and the current year's holidays and notices."""
    today = timezone.localdate()
    rules = list(rules_in_force(today, deadlines_only=True))
    form = DeadlineForm(request.GET if "start" in request.GET else None, rules=rules)
    deadline = _compute(form) if form.is_bound and form.is_valid() else None
    year = today.year
    return render(
        request,
        "office/calendar.html",
        {
            "form": form,
            "deadline": deadline,
            "year": year,
            "special_days": default_calendar().special_days(year),
            "notices": CalendarNotice.objects.filter(date__year=year),
        },
    )
