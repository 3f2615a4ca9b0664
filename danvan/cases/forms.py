"""Forms of the case pages: they parse what the officer typed; ``services`` decide and refuse.

The intake form carries a ``submission_key`` (a double-clicked submit makes one case) and a repeated block of
petitioners; a denunciation's denouncers (one, or several who signed together; the first is the contact) are typed
in a separate repeated block that goes to the vault. "Thêm dòng" and "Thêm người tố cáo" are submit buttons that
show the form again with more rows, so neither needs JavaScript. Each workflow step
has one :class:`StepForm` with the fields that step reads, and the case's ``version`` (optimistic concurrency).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import Officer
from danvan.cases import duplicates, vault
from danvan.cases.models import (
    OUTCOMES_BY_KIND,
    Case,
    CaseKind,
    CaseStatus,
    Channel,
    ComplexityCriterion,
    DeadlineState,
    Field,
    GroundScope,
    Outcome,
    RefusalGround,
)
from danvan.cases.services import PersonIn, TransitionInput
from danvan.cases.workflow import Step
from danvan.core import forms as core_forms
from danvan.core.errors import DomainError
from danvan.core.forms import VietnameseIntegerField, apply_errors
from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
from danvan.core.params import digits_int
from danvan.core.phones import PhoneField
from danvan.core.text import NOTE_MAX, TEXT_MAX, TITLE_MAX, validate_title

PETITIONER_ROWS = 6
MAX_PETITIONER_ROWS = 60
MORE_ROWS = 6
DENOUNCER_ROWS = 1
MAX_DENOUNCER_ROWS = 50  # as many as the API takes (schemas.DenouncerIn)
SUBMISSION_KEY = re.compile(r"^[0-9a-f]{32}$")
PERSON_PARTS = ("full_name", "address", "phone", "id_number")
DENOUNCER_PARTS = ("full_name", "address", "phone", "email", "id_number")
YES_NO = [("yes", _("Có")), ("no", _("Không"))]
ALL = [("", _("Tất cả"))]


def date_field(label: Any, **kwargs: Any) -> forms.DateField:
    return core_forms.date_field(label, attrs={"inputmode": "numeric"}, **kwargs)


def new_submission_key() -> str:
    return uuid.uuid4().hex


def add_domain_error(form: forms.Form, error: DomainError) -> dict[str, list[str]]:
    """Put the service's message on the form, each field's problem on its field; return problems of other parts
    (``people``, ``denouncer``) for the template to show beside their block (the shared :func:`apply_errors`)."""
    return apply_errors(form, error, summary=True, elsewhere=True)


# --- The list ------------------------------------------------------------------------------------------------


class CaseFilterForm(forms.Form):
    """Shows the list's filters; ``filters.visible_filtered`` reads the same query string (bad values ignored)."""

    q = forms.CharField(label=_("Tìm kiếm (mã, trích yếu, người gửi)"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Loại đơn"), choices=[*ALL, *CaseKind.choices], required=False)
    status = forms.ChoiceField(label=_("Trạng thái"), choices=[*ALL, *CaseStatus.choices], required=False)
    channel = forms.ChoiceField(label=_("Nguồn đơn"), choices=[*ALL, *Channel.choices], required=False)
    field = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    deadline = forms.ChoiceField(
        label=_("Thời hạn"),
        required=False,
        choices=[
            *ALL,
            (DeadlineState.ON_TRACK, DeadlineState.ON_TRACK.label),
            (DeadlineState.DUE_SOON, DeadlineState.DUE_SOON.label),
            (DeadlineState.OVERDUE, DeadlineState.OVERDUE.label),
        ],
    )
    unit = forms.ChoiceField(label=_("Đơn vị"), required=False)
    open = forms.ChoiceField(
        label=_("Tình trạng"),
        required=False,
        choices=[*ALL, ("true", _("Đang xử lý")), ("false", _("Đã kết thúc"))],
    )
    received_from = forms.CharField(
        max_length=10,
        label=_("Nhận từ ngày"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )
    received_to = forms.CharField(
        max_length=10, label=_("Đến ngày"), required=False, widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    mine = forms.BooleanField(label=_("Chỉ hồ sơ tôi xử lý"), required=False)
    order = forms.ChoiceField(
        label=_("Sắp xếp"),
        required=False,
        choices=[("received", _("Nhận gần nhất")), ("due", _("Hạn gần nhất"))],
    )

    def __init__(self, *args: Any, units: list[AdministrativeUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [  # type: ignore[attr-defined]
            *ALL,
            *((str(f.pk), f.name) for f in Field.objects.active()),
        ]
        self.fields["unit"].choices = [*ALL, *((str(u.pk), u.name) for u in units)]  # type: ignore[attr-defined]


# --- Intake --------------------------------------------------------------------------------------------------


class CaseIntakeForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Đơn vị tiếp nhận"), queryset=AdministrativeUnit.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(label=_("Loại đơn"), choices=CaseKind.choices, widget=forms.Select)
    complaint_round = forms.TypedChoiceField(
        label=_("Lần khiếu nại"),
        choices=[(1, _("Lần đầu")), (2, _("Lần hai"))],
        coerce=int,
        required=False,
        initial=1,
    )
    is_discipline = forms.BooleanField(label=_("Khiếu nại quyết định kỷ luật cán bộ, công chức"), required=False)
    channel = forms.ChoiceField(
        label=_("Nguồn đơn"),
        choices=[c for c in Channel.choices if c[0] not in {Channel.API, Channel.TRANSFER}],
        initial=Channel.IN_PERSON,
    )
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Field.objects.active())
    title = forms.CharField(label=_("Trích yếu"), max_length=TITLE_MAX, validators=[validate_title])
    summary = forms.CharField(max_length=TEXT_MAX, label=_("Nội dung đơn"), widget=forms.Textarea(attrs={"rows": 5}))
    subject_party = forms.CharField(
        label=_("Quyết định, hành vi, người bị khiếu nại, tố cáo"), max_length=300, required=False
    )
    received_on = date_field(_("Ngày nhận đơn"))
    event_known_on = date_field(_("Ngày biết quyết định, hành vi"), required=False)
    late_filing_reason = forms.CharField(
        max_length=NOTE_MAX,
        label=_("Lý do quá thời hiệu (ốm đau, thiên tai, đi công tác, học tập xa…)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    is_remote_area = forms.BooleanField(label=_("Vùng sâu, vùng xa, đi lại khó khăn"), required=False)
    is_multi_place = forms.BooleanField(label=_("Phải kiểm tra, xác minh ở nhiều nơi"), required=False)
    persons_count = VietnameseIntegerField(
        label=_("Số người cùng gửi đơn"),
        min_value=1,
        max_value=100000,
        required=False,
        error_messages={"min_value": _("Số người phải từ 1 trở lên.")},
    )
    # The denouncers (vault) come as rows ``denouncer_<i>_<part>``: only for denunciations, never shown back in
    # lists or the API.
    is_anonymous = forms.BooleanField(label=_("Tố cáo nặc danh, mạo danh"), required=False)
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=32)
    rows = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput, required=False)
    denouncer_rows = VietnameseIntegerField(grouping=False, widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        units: QuerySet[AdministrativeUnit],
        rows: int | None = None,
        denouncer_rows: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.row_count = rows if rows is not None else rows_in(self.data)
        self.initial["rows"] = self.row_count
        self.denouncer_count = denouncer_rows if denouncer_rows is not None else denouncer_rows_in(self.data)
        self.initial["denouncer_rows"] = self.denouncer_count
        for index in range(self.row_count):
            self.fields[f"person_{index}_full_name"] = forms.CharField(
                label=_("Họ tên"), max_length=150, required=False
            )
            self.fields[f"person_{index}_address"] = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
            self.fields[f"person_{index}_phone"] = PhoneField(label=_("Điện thoại"))
            self.fields[f"person_{index}_id_number"] = forms.CharField(
                label=_("Số giấy tờ tùy thân"), max_length=30, required=False
            )
            self.fields[f"person_{index}_is_representative"] = forms.BooleanField(
                label=_("Người đại diện"), required=False
            )
        for index in range(self.denouncer_count):
            self.fields[f"denouncer_{index}_full_name"] = forms.CharField(
                label=_("Họ tên người tố cáo"), max_length=150, required=False
            )
            self.fields[f"denouncer_{index}_address"] = forms.CharField(
                label=_("Địa chỉ"), max_length=300, required=False
            )
            self.fields[f"denouncer_{index}_phone"] = PhoneField(label=_("Điện thoại"))
            self.fields[f"denouncer_{index}_email"] = forms.EmailField(
                label=_("Thư điện tử"),
                max_length=200,
                required=False,
                error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
            )
            self.fields[f"denouncer_{index}_id_number"] = forms.CharField(
                label=_("Số giấy tờ tùy thân"), max_length=30, required=False
            )

    def petitioner_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"person_{i}_{part}"] for part in (*PERSON_PARTS, "is_representative")] for i in range(self.row_count)
        ]

    def denouncer_row_fields(self) -> list[list[forms.BoundField]]:
        return [[self[f"denouncer_{i}_{part}"] for part in DENOUNCER_PARTS] for i in range(self.denouncer_count)]

    def clean_submission_key(self) -> str:
        key = str(self.cleaned_data.get("submission_key") or "").strip().lower()
        if not SUBMISSION_KEY.match(key):
            raise forms.ValidationError(_("Biểu mẫu đã cũ; hãy tải lại trang."))
        return key

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for index in range(self.row_count):
            name = cleaned.get(f"person_{index}_full_name", "")
            others = any(cleaned.get(f"person_{index}_{part}") for part in PERSON_PARTS[1:])
            if others and not str(name).strip():
                self.add_error(f"person_{index}_full_name", _("Hãy ghi họ tên người này."))
        for index in range(self.denouncer_count):
            name = cleaned.get(f"denouncer_{index}_full_name", "")
            others = any(cleaned.get(f"denouncer_{index}_{part}") for part in DENOUNCER_PARTS[1:])
            if others and not str(name).strip():
                self.add_error(f"denouncer_{index}_full_name", _("Hãy ghi họ tên người tố cáo này."))
        return cleaned

    def people(self) -> list[PersonIn]:
        """The petitioners typed; blank rows are ignored."""
        data = self.cleaned_data
        return [
            PersonIn(
                full_name=data[f"person_{i}_full_name"].strip(),
                address=data[f"person_{i}_address"],
                phone=data[f"person_{i}_phone"],
                id_number=data[f"person_{i}_id_number"],
                is_representative=data[f"person_{i}_is_representative"],
            )
            for i in range(self.row_count)
            if data.get(f"person_{i}_full_name", "").strip()
        ]

    def denouncer(self) -> vault.DenouncerIdentity | None:
        """The denouncers typed, in row order (the first is the contact); blank rows are ignored."""
        data = self.cleaned_data
        people = []
        for index in range(self.denouncer_count):
            parts = {part: str(data.get(f"denouncer_{index}_{part}") or "").strip() for part in DENOUNCER_PARTS}
            if parts["full_name"]:
                people.append(vault.DenouncerPerson(**parts))
        return vault.DenouncerIdentity(people=tuple(people)) if people else None


def _row_count(data: Mapping[str, Any], name: str, *, least: int, most: int, more: int) -> int:
    given = digits_int(data.get(name), most=most)
    count = (least if given is None else given) + more
    return max(least, min(count, most))


def rows_in(data: Mapping[str, Any], *, more: bool = False) -> int:
    """How many petitioner rows the form shows: as many as last time (plus ``MORE_ROWS``), at least 6."""
    return _row_count(data, "rows", least=PETITIONER_ROWS, most=MAX_PETITIONER_ROWS, more=MORE_ROWS if more else 0)


def denouncer_rows_in(data: Mapping[str, Any], *, more: bool = False) -> int:
    """How many denouncer rows the form shows: as many as last time (plus one), at least one."""
    return _row_count(data, "denouncer_rows", least=DENOUNCER_ROWS, most=MAX_DENOUNCER_ROWS, more=1 if more else 0)


def intake_probe(data: Mapping[str, Any]) -> duplicates.Probe | None:
    """What the intake form holds so far, as a duplicate probe (raw values: the form is not yet valid)."""

    def text(name: str, limit: int) -> str:
        return str(data.get(name) or "").strip()[:limit]

    title, summary, subject = text("title", 300), text("summary", 5000), text("subject_party", 300)
    keys = []
    people = [(f"person_{i}_full_name", f"person_{i}_id_number") for i in range(MAX_PETITIONER_ROWS)]
    denouncers = [(f"denouncer_{i}_full_name", f"denouncer_{i}_id_number") for i in range(MAX_DENOUNCER_ROWS)]
    for name_field, id_field in [*people, *denouncers]:
        name, id_number = text(name_field, 150), text(id_field, 30)
        if name or id_number:
            keys.append(vault.person_key(name, id_number))
    if not (title or summary or subject or keys):
        return None
    return duplicates.Probe(title=title, summary=summary, subject_party=subject, person_keys=keys)


# --- Workflow steps ------------------------------------------------------------------------------------------

STEP_FIELDS: dict[str, tuple[str, ...]] = {
    "classify": (
        "is_eligible",
        "in_jurisdiction",
        "refusal_ground",
        "field",
        "is_multi_party",
        "is_protracted",
        "is_remote_area",
        "is_multi_place",
        "note",
    ),
    "accept": ("document_no", "note"),
    "review": ("note", "document_no"),
    "transfer": ("target_unit", "target_body", "document_no", "note"),
    "guide": ("note", "document_no"),
    "file": ("note",),
    "verify": ("note",),
    "extend": ("criteria", "note", "document_no"),
    "suspend": ("note", "document_no"),
    "resume": ("note",),
    "resolve": ("document_no", "document_date", "outcome", "resolution_summary", "note"),
    "notify": ("note",),
    "close": ("note",),
    "withdraw": ("note", "document_no"),
    "terminate": ("note", "document_no"),
}

NOTE_LABELS = {
    "guide": _("Nội dung hướng dẫn"),
    "file": _("Lý do lưu đơn"),
    "review": _("Nội dung xem xét"),
    "extend": _("Lý do gia hạn"),
    "suspend": _("Lý do tạm đình chỉ"),
    "terminate": _("Lý do đình chỉ"),
    "withdraw": _("Lý do rút đơn"),
}
DOCUMENT_LABELS = {
    "accept": _("Số thông báo, quyết định thụ lý"),
    "transfer": _("Số văn bản chuyển đơn"),
    "guide": _("Số văn bản hướng dẫn"),
    "extend": _("Số quyết định gia hạn"),
    "suspend": _("Số quyết định tạm đình chỉ"),
    "terminate": _("Số quyết định đình chỉ"),
    "resolve": _("Số quyết định, văn bản giải quyết"),
}
FLAGS = {
    "is_multi_party": _("Đông người"),
    "is_protracted": _("Kéo dài"),
    "is_remote_area": _("Vùng sâu, vùng xa, đi lại khó khăn"),
    "is_multi_place": _("Phải kiểm tra, xác minh ở nhiều nơi"),
}
GROUND_SCOPES: dict[str, str] = {
    CaseKind.COMPLAINT: GroundScope.COMPLAINT,
    CaseKind.DENUNCIATION: GroundScope.DENUNCIATION,
}


class TargetUnitField(forms.CharField):
    """A unit typed or picked from suggestions as "code – name"; the code is what counts."""

    def clean(self, value: Any) -> AdministrativeUnit | None:
        text = str(super().clean(value) or "").strip()
        if not text:
            return None
        code = re.split(r"[\s–-]+", text, maxsplit=1)[0]
        unit = AdministrativeUnit.objects.filter(
            tree=UnitTree.CURRENT, code=code, level__in=[UnitLevel.PROVINCE, UnitLevel.COMMUNE]
        ).first()
        if unit is None:
            raise forms.ValidationError(_("Không tìm thấy đơn vị; hãy chọn trong danh sách gợi ý."))
        return unit


class StepForm(forms.Form):
    """The fields one workflow step reads, built for a case (pick-lists in force on the day)."""

    version = VietnameseIntegerField(grouping=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, data: Any = None, *, case: Case, step: Step, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"act-{step.action}-%s")
        kwargs.setdefault("initial", {"version": case.version})
        super().__init__(data, **kwargs)
        self.case, self.step = case, step
        today = timezone.localdate()
        for name in STEP_FIELDS.get(step.action, ("note",)):
            self.fields[name] = self._field(name, today)

    def _field(self, name: str, today: dt.date) -> forms.Field:
        case, action = self.case, self.step.action
        if name == "note":
            return forms.CharField(
                label=NOTE_LABELS.get(action, _("Ghi chú")),
                required=self.step.needs_note,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        if name == "document_no":
            return forms.CharField(
                label=DOCUMENT_LABELS.get(action, _("Số văn bản")), max_length=60, required=self.step.needs_document
            )
        if name == "document_date":
            return date_field(_("Ngày quyết định, văn bản"), initial=today)
        if name in ("is_eligible", "in_jurisdiction"):
            current = getattr(case, name)
            return forms.ChoiceField(
                label=_("Đủ điều kiện xử lý") if name == "is_eligible" else _("Thuộc thẩm quyền"),
                choices=YES_NO,
                widget=forms.RadioSelect,
                initial=None if current is None else ("yes" if current else "no"),
            )
        if name == "refusal_ground":
            scopes = [GroundScope.ANY, *([GROUND_SCOPES[case.kind]] if case.kind in GROUND_SCOPES else [])]
            return forms.ModelChoiceField(
                label=_("Căn cứ không đủ điều kiện xử lý"),
                queryset=RefusalGround.objects.filter(scope__in=scopes).in_force(today),
                required=False,
                empty_label=_("— Không —"),
                initial=case.refusal_ground_id,
            )
        if name == "field":
            return forms.ModelChoiceField(
                label=_("Lĩnh vực"),
                queryset=Field.objects.active(),
                initial=case.field_id,
                required=False,
                empty_label=_("— Giữ nguyên —"),
            )
        if name in FLAGS:
            return forms.BooleanField(label=FLAGS[name], required=False, initial=getattr(case, name))
        if name == "target_unit":
            return TargetUnitField(
                label=_("Đơn vị nhận đơn trong hệ thống (gõ tên xã, phường, tỉnh)"),
                required=False,
                max_length=250,
                widget=forms.TextInput(
                    attrs={
                        "list": f"transfer-units-{case.pk}",
                        "autocomplete": "off",
                        "hx-get": reverse("cases:unit_options"),
                        "hx-trigger": "input changed delay:250ms",
                        "hx-target": f"#transfer-units-{case.pk}",
                        "placeholder": _("Ví dụ: Buôn Ma Thuột"),
                    }
                ),
            )
        if name == "target_body":
            return forms.CharField(
                label=_("Hoặc tên cơ quan có thẩm quyền ngoài hệ thống"), max_length=300, required=False
            )
        if name == "criteria":
            return forms.ModelMultipleChoiceField(
                label=_("Tiêu chí vụ việc phức tạp"),
                # criteria in force when the case was accepted (those of 01/07/2026 spare earlier complaints)
                queryset=ComplexityCriterion.objects.filter(kind=case.kind).in_force(case.accepted_on or today),
                widget=forms.CheckboxSelectMultiple,
                required=False,
                initial=[c.pk for c in case.complexity_criteria.all()],
            )
        if name == "outcome":
            return forms.ChoiceField(
                label=_("Kết quả giải quyết"),
                choices=[(value, Outcome(value).label) for value in OUTCOMES_BY_KIND.get(case.kind, ())],
            )
        if name == "resolution_summary":
            return forms.CharField(
                label=_("Nội dung kết quả giải quyết"), widget=forms.Textarea(attrs={"rows": 3}), required=False
            )
        raise KeyError(name)

    def to_input(self) -> TransitionInput:
        data = self.cleaned_data
        values: dict[str, Any] = {
            "note": data.get("note") or "",
            "document_no": data.get("document_no") or "",
            "document_date": data.get("document_date"),
        }
        if "is_eligible" in data:
            values["is_eligible"] = data["is_eligible"] == "yes"
            values["in_jurisdiction"] = data["in_jurisdiction"] == "yes"
            values["refusal_ground"] = data.get("refusal_ground")
            values["field"] = data.get("field") if data.get("field") != self.case.field else None
            for flag in FLAGS:
                # Only what changed: an unchanged flag leaves the running deadline as it is.
                values[flag] = data[flag] if data[flag] != getattr(self.case, flag) else None
        if "target_unit" in data:
            values["target_unit"] = data.get("target_unit")
            values["target_body"] = data.get("target_body") or ""
        if "criteria" in data:
            values["criteria"] = list(data["criteria"])
        if "outcome" in data:
            values["outcome"] = data["outcome"]
            values["resolution_summary"] = data.get("resolution_summary") or ""
        return TransitionInput(**values)


# --- Other case actions --------------------------------------------------------------------------------------


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Cán bộ xử lý"), queryset=Officer.objects.none())
    version = VietnameseIntegerField(grouping=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, officers: QuerySet[Officer], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "assign-%s")
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = officers  # type: ignore[attr-defined]


class SecondComplaintForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Cơ quan giải quyết lần hai"), queryset=AdministrativeUnit.objects.none(), empty_label=None
    )
    received_on = date_field(_("Ngày nhận đơn khiếu nại lần hai"))
    summary = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Nội dung khiếu nại lần hai"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    decision_received_on = date_field(
        _("Ngày người khiếu nại nhận được quyết định giải quyết lần đầu"),
        required=False,
        help_text=_(
            "Thời hạn khiếu nại lần hai tính từ ngày này (Điều 33 Luật Khiếu nại); bắt buộc khi đã có quyết định."
        ),
    )
    late_filing_reason = forms.CharField(
        max_length=NOTE_MAX,
        label=_("Lý do quá thời hiệu (nếu có)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=32)

    def __init__(self, *args: Any, units: QuerySet[AdministrativeUnit], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "second-%s")
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp (PDF, DOCX, XLSX, ảnh JPEG, PNG, WebP)"))
