"""Forms of the registry pages; they parse input, services decide."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import (
    UnitChoiceField,
    VietnameseDecimalField,
    VietnameseIntegerField,
    bound_date,
    date_field,
)
from danvan.core.kept_uploads import KeptFileField
from danvan.core.models import AdministrativeUnit, Organization
from danvan.core.periods import MAX_YEAR, MIN_YEAR
from danvan.core.text import NOTE_MAX, PERSON_NAME_MAX, TEXT_MAX, TITLE_MAX, validate_title
from danvan.core.validators import year_start
from danvan.initiatives.models import (
    CommendationKind,
    Criterion,
    Field,
    HonoreeType,
    Initiative,
    InitiativeKind,
    InitiativeLevel,
    InitiativeStatus,
    Movement,
)
from danvan.initiatives.services import CONTENT_FIELDS, FundingLine

FUNDING_ROWS = 3


class InitiativeFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=100)
    field = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=Field.objects.all(), to_field_name="code", required=False, empty_label=_("Tất cả")
    )
    level = forms.ChoiceField(label=_("Cấp"), choices=[("", _("Tất cả")), *InitiativeLevel.choices], required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=[("", _("Tất cả")), *InitiativeKind.choices], required=False)
    year = VietnameseIntegerField(
        grouping=False, label=_("Năm"), min_value=MIN_YEAR, max_value=MAX_YEAR, required=False
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"), choices=[("", _("Tất cả")), *InitiativeStatus.choices], required=False
    )
    recognized_year = VietnameseIntegerField(
        grouping=False, label=_("Công nhận năm"), min_value=MIN_YEAR, max_value=MAX_YEAR, required=False
    )
    unit = VietnameseIntegerField(grouping=False, required=False, min_value=1, widget=forms.HiddenInput)
    organization = VietnameseIntegerField(grouping=False, required=False, min_value=1, widget=forms.HiddenInput)
    sort = forms.ChoiceField(
        label=_("Sắp xếp"),
        required=False,
        choices=[
            ("", _("Năm mới nhất")),
            ("name", _("Tên A–Z")),
            ("-funds_total", _("Kinh phí nhiều nhất")),
            ("-recognized_on", _("Công nhận gần nhất")),
        ],
    )

    def filters(self) -> dict[str, Any]:
        """Cleaned values for ``selectors.initiative_list`` (``field`` as its code)."""
        if not self.is_valid():
            return {}
        values = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        if "field" in values:
            values["field"] = values["field"].code
        return values


class InitiativeForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Tổ chức đăng ký"), queryset=Organization.objects.none())
    kind = forms.ChoiceField(label=_("Loại"), choices=InitiativeKind.choices)
    name = forms.CharField(label=_("Tên mô hình, điển hình"), max_length=TITLE_MAX, validators=[validate_title])
    honoree_type = forms.ChoiceField(
        label=_("Điển hình là tập thể hay cá nhân"), choices=[("", "—"), *HonoreeType.choices], required=False
    )
    honoree_name = forms.CharField(label=_("Tên tập thể, cá nhân điển hình"), max_length=200, required=False)
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Field.objects.active())
    level = forms.ChoiceField(label=_("Cấp"), choices=InitiativeLevel.choices, initial=InitiativeLevel.COMMUNE)
    year = VietnameseIntegerField(grouping=False, label=_("Năm đăng ký"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    movement = forms.ModelChoiceField(
        label=_("Gắn với phong trào, kế hoạch"),
        queryset=Movement.objects.all(),
        required=False,
        empty_label=_("— Không —"),
    )
    rationale = forms.CharField(
        max_length=TEXT_MAX, label=_("Sự cần thiết"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    goals = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Mục tiêu, tiêu chí đo được"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    content_method = forms.CharField(
        max_length=TEXT_MAX, label=_("Nội dung, cách làm"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    area_target = forms.CharField(
        max_length=TEXT_MAX, label=_("Địa bàn, đối tượng"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    implementers = forms.CharField(
        max_length=TEXT_MAX, label=_("Lực lượng thực hiện"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    timeline = forms.CharField(
        max_length=TEXT_MAX, label=_("Thời gian thực hiện"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    outputs = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Sản phẩm, kết quả kiểm chứng được"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    sustainability = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Tính bền vững, khả năng nhân rộng"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    photo = KeptFileField(label=_("Ảnh hoặc tài liệu minh chứng"), required=False)
    version = VietnameseIntegerField(grouping=False, required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, organizations: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
        if editing:
            # The registering body is fixed once the record exists; the rest of the registration can change.
            self.fields["organization"].disabled = True
            self.fields["organization"].required = False
        for index in range(FUNDING_ROWS):
            self.fields[f"funding_source_{index}"] = forms.CharField(
                label=_("Nguồn kinh phí"), max_length=300, required=False
            )
            self.fields[f"funding_amount_{index}"] = VietnameseIntegerField(
                label=_("Số tiền (đồng)"),
                min_value=0,
                required=False,
                error_messages={"min_value": _("Kinh phí không được âm.")},
            )

    def funding_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"funding_source_{i}"], self[f"funding_amount_{i}"]) for i in range(FUNDING_ROWS)]

    def content_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in CONTENT_FIELDS]

    def content(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in CONTENT_FIELDS}

    def fundings(self) -> list[FundingLine]:
        data = self.cleaned_data
        return [
            FundingLine(data[f"funding_source_{i}"], data[f"funding_amount_{i}"] or 0)
            for i in range(FUNDING_ROWS)
            if data[f"funding_source_{i}"]
        ]

    @classmethod
    def initial_from(cls, initiative: Initiative) -> dict[str, Any]:
        """What the edit page starts from: the registration as saved, its funding lines in the rows."""
        initial: dict[str, Any] = {
            "organization": initiative.organization_id,
            "kind": initiative.kind,
            "name": initiative.name,
            "honoree_type": initiative.honoree_type,
            "honoree_name": initiative.honoree_name,
            "field": initiative.field_id,
            "level": initiative.level,
            "year": initiative.year,
            "movement": initiative.movement_id,
            "version": initiative.version,
            **{name: getattr(initiative, name) for name in CONTENT_FIELDS},
        }
        for index, funding in enumerate(initiative.fundings.all()[:FUNDING_ROWS]):
            initial[f"funding_source_{index}"] = funding.source
            initial[f"funding_amount_{index}"] = funding.amount
        return initial

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for index in range(FUNDING_ROWS):
            source, amount = cleaned.get(f"funding_source_{index}"), cleaned.get(f"funding_amount_{index}")
            if amount and not source:
                self.add_error(f"funding_source_{index}", _("Hãy ghi nguồn của khoản kinh phí này."))
        return cleaned


class TransitionForm(forms.Form):
    action = forms.CharField(max_length=20)
    reason = forms.CharField(
        max_length=NOTE_MAX, label=_("Lý do, ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = VietnameseIntegerField(grouping=False, min_value=1)


class InitiativeDatesMixin:
    """Dates of what happened to an initiative: from 1 January of its registration year to today."""

    date_fields: tuple[str, ...] = ()

    def bind_initiative(self, initiative: Initiative | None) -> None:
        earliest = year_start(initiative.year) if initiative is not None else None
        for name in self.date_fields:
            bound_date(self, name, earliest=earliest, latest=timezone.localdate())  # type: ignore[arg-type]


class ProgressForm(InitiativeDatesMixin, forms.Form):
    date_fields = ("reported_on",)

    reported_on = date_field(_("Ngày báo cáo"))
    text = forms.CharField(max_length=TEXT_MAX, label=_("Kết quả đạt được"), widget=forms.Textarea(attrs={"rows": 3}))
    figure_label = forms.CharField(label=_("Chỉ số (ví dụ: tuyến đường kiểu mẫu)"), required=False, max_length=200)
    figure_value = VietnameseDecimalField(label=_("Số lượng"), required=False, min_value=0)
    figure_unit = forms.CharField(label=_("Đơn vị tính"), required=False, max_length=40)

    def __init__(self, *args: Any, initiative: Initiative | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "progress-%s")
        super().__init__(*args, **kwargs)
        self.bind_initiative(initiative)


class DecisionForm(InitiativeDatesMixin, forms.Form):
    date_fields = ("signed_on",)

    organization = forms.ModelChoiceField(label=_("Cơ quan ban hành"), queryset=Organization.objects.none())
    number = forms.CharField(label=_("Số"), max_length=20)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=40, initial="QĐ-BCĐ")
    signed_on = date_field(_("Ngày ký"))
    signer_name = forms.CharField(label=_("Người ký"), max_length=PERSON_NAME_MAX, validators=[validate_title])
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=150, required=False)
    version = VietnameseIntegerField(grouping=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, organizations: Any, initiative: Initiative | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "decision-%s")
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
        self.bind_initiative(initiative)


class CommendationForm(InitiativeDatesMixin, forms.Form):
    date_fields = ("awarded_on",)

    kind = forms.ChoiceField(label=_("Hình thức"), choices=CommendationKind.choices)
    recipient_type = forms.ChoiceField(label=_("Tập thể / cá nhân"), choices=HonoreeType.choices)
    recipient_name = forms.CharField(label=_("Tập thể, cá nhân được khen"), max_length=200)
    awarded_by = forms.ModelChoiceField(label=_("Cơ quan khen"), queryset=Organization.objects.none())
    awarded_on = date_field(_("Ngày khen"))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    amount = VietnameseIntegerField(
        label=_("Tiền thưởng (đồng)"),
        min_value=0,
        initial=0,
        error_messages={"min_value": _("Tiền thưởng không được âm.")},
    )

    def __init__(self, *args: Any, organizations: Any, initiative: Initiative | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "commendation-%s")
        super().__init__(*args, **kwargs)
        self.fields["awarded_by"].queryset = organizations  # type: ignore[attr-defined]
        self.bind_initiative(initiative)


class ScoreForm(forms.Form):
    """One council member's points, a field per criterion of the rubric ("criterion_<id>"), each between 0 and the
    criterion's maximum; every message names its criterion."""

    def __init__(self, *args: Any, criteria: Iterable[Criterion], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "criterion-%s")
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"criterion_{criterion.pk}"] = VietnameseDecimalField(
                label=criterion.name,
                min_value=0,
                max_value=criterion.max_points,
                decimal_places=2,
                error_messages={
                    "required": _("Chưa chấm tiêu chí “%(name)s”.") % {"name": criterion.name},
                    "min_value": _("Điểm tiêu chí “%(name)s” không được âm.") % {"name": criterion.name},
                    "max_value": _("Điểm tiêu chí “%(name)s” không được lớn hơn %%(limit_value)s.")
                    % {"name": criterion.name.replace("%", "%%")},
                },
            )

    def rows(self) -> list[tuple[Criterion, forms.BoundField]]:
        return [(criterion, self[f"criterion_{criterion.pk}"]) for criterion in self.criteria]

    def points(self) -> dict[int, Decimal]:
        return {criterion.pk: self.cleaned_data[f"criterion_{criterion.pk}"] for criterion in self.criteria}

    def field_names(self) -> dict[str, str]:
        """The service names a criterion by its id; the form by its field."""
        return {str(criterion.pk): f"criterion_{criterion.pk}" for criterion in self.criteria}


class SelfAssessmentForm(forms.Form):
    results = forms.CharField(
        label=_("Kết quả đạt được so với mục tiêu đã đăng ký"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    lessons = forms.CharField(
        label=_("Bài học kinh nghiệm, đề xuất"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = VietnameseIntegerField(grouping=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "self-assessment-%s")
        super().__init__(*args, **kwargs)


class PublishForm(forms.Form):
    is_public = forms.BooleanField(label=_("Công bố trên cổng thông tin"), required=False)
    public_summary = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Tóm tắt công bố (kết quả, cách làm; không ghi thông tin cá nhân)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReplicateForm(forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị nhân rộng"), queryset=AdministrativeUnit.objects.none(), empty_label=None)
    year = VietnameseIntegerField(grouping=False, label=_("Năm"), min_value=MIN_YEAR, max_value=MAX_YEAR)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "replicate-%s")
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
