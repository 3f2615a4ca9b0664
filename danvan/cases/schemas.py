"""API schemas of the case engine.

Nothing here carries the denouncer's identity except :class:`DenouncerOut`, the answer of the one audited vault
read: a case in a list or a detail says only ``is_anonymous`` and ``has_denouncer``.
"""

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema

from danvan.cases.models import Case, CaseKind, CaseLink, CaseStatus, Channel, GroundScope, LinkKind, Outcome
from danvan.core.fields import Code, PersonName, Phone, Text, Title
from danvan.core.filters import ListFilter
from danvan.core.formatting import choice_label
from danvan.core.numbers import VietnameseInt
from danvan.core.schemas import UnitRef
from danvan.core.text import CODE_MAX

MAX_ID = 2**63 - 1


class CaseFilter(ListFilter):
    """The filters of the case list, declared once for the page, the API and the benchmarks (core.filters):
    ``filters.apply_filters(qs, **CaseFilter.from_params(request.GET).values())``."""

    q: str | None = Field(
        None, max_length=200, description="Tìm không dấu trong mã hồ sơ, trích yếu, đối tượng, người gửi, nội dung."
    )
    kind: CaseKind | None = None
    status: CaseStatus | None = None
    channel: Channel | None = None
    field: int | None = Field(None, ge=1, le=MAX_ID, description="Mã số (id) lĩnh vực.")
    deadline: Literal["on_track", "due_soon", "overdue"] | None = Field(
        None, description="Hồ sơ đang mở: trong hạn, sắp đến hạn, quá hạn."
    )
    unit: int | None = Field(None, ge=1, le=MAX_ID, description="Cây con của đơn vị này.")
    assignee: int | None = Field(None, ge=1, le=MAX_ID, description="Mã số (id) cán bộ xử lý.")
    open: bool | None = Field(None, description="true: đang giải quyết; false: đã kết thúc.")
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    order: Literal["received", "due"] | None = Field(
        None, description="received: mới nhận trước (mặc định); due: hạn gần nhất trước."
    )


class FieldRef(Schema):
    id: int
    code: str
    name: str


class CaseOut(Schema):
    id: int
    code: str
    kind: str
    kind_label: str
    complaint_round: int | None
    channel: str
    status: str
    status_label: str
    unit: UnitRef
    field: FieldRef
    title: str
    received_on: dt.date
    due_on: dt.date | None
    due_step: str
    deadline_state: str
    is_overdue: bool
    persons_count: int
    is_anonymous: bool
    has_denouncer: bool = Field(..., description="Có thông tin người tố cáo trong kho bảo mật (không trả về ở đây).")
    is_complex: bool
    is_multi_party: bool
    is_protracted: bool
    is_late_filing: bool
    assignee_id: int | None
    assignee_name: str | None
    version: int

    # Labels by core.formatting.choice_label: ``get_kind_display`` rebuilt a dict of every choice for each row.
    @staticmethod
    def resolve_kind_label(obj: Case) -> str:
        return choice_label(CaseKind, obj.kind)

    @staticmethod
    def resolve_status_label(obj: Case) -> str:
        return choice_label(CaseStatus, obj.status)

    @staticmethod
    def resolve_has_denouncer(obj: Case) -> bool:
        annotated = getattr(obj, "has_denouncer", None)
        if annotated is not None:
            return bool(annotated)
        from danvan.cases.models import Denouncer

        return Denouncer.objects.filter(case_id=obj.pk).exists()

    @staticmethod
    def resolve_assignee_name(obj: Case) -> str | None:
        return str(obj.assignee) if obj.assignee_id and obj.assignee else None


class PersonOut(Schema):
    full_name: str
    address: str
    phone: str
    id_number: str
    is_representative: bool


class LinkOut(Schema):
    id: int
    kind: str
    kind_label: str
    direction: Literal["out", "in"] = Field(..., description="out: hồ sơ này liên kết đến hồ sơ kia; in: ngược lại.")
    case_id: int = Field(..., description="Hồ sơ liên kết (phía bên kia).")
    case_code: str
    unit_name: str
    score: int | None
    created_at: dt.datetime


def link_row(link: CaseLink, case: Case) -> dict[str, Any]:
    """A link seen from ``case``: the other side's id, code and unit."""
    outgoing = link.case_id == case.pk
    other = link.other if outgoing else link.case
    return {
        "id": link.pk,
        "kind": link.kind,
        "kind_label": choice_label(LinkKind, link.kind),
        "direction": "out" if outgoing else "in",
        "case_id": other.pk,
        "case_code": other.code,
        "unit_name": other.unit.name,
        "score": link.score,
        "created_at": link.created_at,
    }


class ActionOut(Schema):
    action: str
    label: str
    needs_note: bool
    needs_document: bool


class CaseDetailOut(CaseOut):
    summary: str
    subject_party: str
    is_discipline: bool
    event_known_on: dt.date | None
    late_filing_reason: str
    is_remote_area: bool
    is_multi_place: bool
    is_eligible: bool | None
    in_jurisdiction: bool | None
    refusal_ground: str | None = Field(None, description="Mã căn cứ không thụ lý (xem /cases/refusal-grounds).")
    handled_as_management: bool
    accepted_on: dt.date | None
    transferred_to_unit: UnitRef | None
    transferred_to_body: str
    intake_document_no: str
    intake_closed_on: dt.date | None
    intake_timeliness: str
    extension_count: int
    suspended_on: dt.date | None
    decision_number: str
    decision_date: dt.date | None
    outcome: str
    resolution_summary: str
    resolved_on: dt.date | None
    resolution_timeliness: str
    notified_on: dt.date | None
    closed_on: dt.date | None
    due_from: dt.date | None
    due_explanation: list[str] = Field(..., description="Hạn được tính thế nào, từng dòng.")
    criteria: list[str] = Field(..., description="Mã các tiêu chí vụ việc phức tạp đã đánh dấu.")
    people: list[PersonOut] = Field(..., description="Người gửi đơn (đơn tố cáo: luôn rỗng).")
    links: list[LinkOut]
    actions: list[ActionOut] = Field(..., description="Các bước người dùng này được thực hiện lúc này.")
    can_read_denouncer: bool = Field(..., description="Người dùng này được xem người tố cáo (GET …/denouncer).")
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_refusal_ground(obj: Case) -> str | None:
        return obj.refusal_ground.code if obj.refusal_ground_id and obj.refusal_ground else None

    @staticmethod
    def resolve_criteria(obj: Case) -> list[str]:
        return [criterion.code for criterion in obj.complexity_criteria.all()]

    @staticmethod
    def resolve_people(obj: Case, context: dict[str, Any]) -> list[Any]:
        if obj.kind == CaseKind.DENUNCIATION:
            return []
        from danvan.cases.personal_data import shown_people

        return shown_people(context["request"].user, obj, obj.people.all(), where="case_api")

    @staticmethod
    def resolve_links(obj: Case) -> list[dict[str, Any]]:
        from danvan.cases.selectors import case_links

        return [link_row(link, obj) for link in case_links(obj)]

    @staticmethod
    def resolve_actions(obj: Case, context: dict[str, Any]) -> list[dict[str, Any]]:
        from danvan.cases import access, workflow

        user = context["request"].user
        return [
            {
                "action": step.action,
                "label": str(step.label),
                "needs_note": step.needs_note,
                "needs_document": step.needs_document,
            }
            for step in workflow.steps_for(obj.status, obj.kind)
            if access.can_take(user, obj, step)
        ]

    @staticmethod
    def resolve_can_read_denouncer(obj: Case, context: dict[str, Any]) -> bool:
        from danvan.cases import access

        return obj.kind == CaseKind.DENUNCIATION and access.can_read_denouncer(context["request"].user, obj)


class PersonIn(Schema):
    full_name: PersonName
    address: str = Field("", max_length=300)
    phone: Phone = ""
    id_number: str = Field("", max_length=30)
    is_representative: bool = False


class DenouncerPersonIn(Schema):
    full_name: PersonName
    address: str = Field("", max_length=300)
    phone: Phone = ""
    email: str = Field("", max_length=254)
    id_number: str = Field("", max_length=30)


class DenouncerIn(Schema):
    people: list[DenouncerPersonIn] = Field(..., min_length=1, max_length=50, description="Người đầu tiên là đầu mối.")
    note: str = Field("", max_length=2000)


class CaseIn(Schema):
    unit_id: int = Field(..., ge=1, le=MAX_ID, description="Đơn vị tiếp nhận (phải thuộc phạm vi của bạn).")
    kind: CaseKind
    channel: Channel = Field(Channel.API, description="Nguồn đơn; “transfer” chỉ do hệ thống tạo.")
    field: int | Code = Field(..., description="Lĩnh vực: mã số (id) hoặc mã (xem /cases/fields).")
    title: Title
    summary: Text = Field(..., min_length=1)
    received_on: dt.date
    people: list[PersonIn] = Field([], max_length=500, description="Người gửi đơn (không dùng cho đơn tố cáo).")
    persons_count: VietnameseInt | None = Field(None, ge=1, le=100000)
    denouncer: DenouncerIn | None = Field(None, description="Người tố cáo: được mã hóa, chỉ người có quyền xem.")
    is_anonymous: bool = False
    complaint_round: int | None = Field(None, ge=1, le=2)
    is_discipline: bool = False
    subject_party: str = Field("", max_length=300)
    event_known_on: dt.date | None = Field(None, description="Ngày biết quyết định, hành vi (tính thời hiệu).")
    late_filing_reason: str = Field("", max_length=2000)
    is_remote_area: bool = False
    is_multi_place: bool = False
    submission_key: str | None = Field(
        None, max_length=200, description="Khóa chống gửi trùng; tiêu đề Idempotency-Key được ưu tiên."
    )


class TransitionIn(Schema):
    action: str = Field(..., max_length=20, description="classify, accept, transfer, guide, file, verify, extend…")
    expected_version: int | None = Field(None, ge=1, le=MAX_ID, description="Phiên bản đã đọc; nếu đã đổi → 409.")
    note: str = Field("", max_length=5000)
    document_no: str = Field("", max_length=60)
    document_date: dt.date | None = None
    is_eligible: bool | None = None
    in_jurisdiction: bool | None = None
    refusal_ground: str | None = Field(None, max_length=60, description="Mã căn cứ (xem /cases/refusal-grounds).")
    field: int | Code | None = Field(None, description="Đổi lĩnh vực: mã số (id) hoặc mã.")
    is_multi_party: bool | None = None
    is_protracted: bool | None = None
    is_remote_area: bool | None = None
    is_multi_place: bool | None = None
    criteria: list[Code] | None = Field(
        None, max_length=20, description="Mã tiêu chí phức tạp (xem /cases/complexity-criteria)."
    )
    target_unit_id: int | None = Field(None, ge=1, le=MAX_ID, description="Đơn vị nhận đơn chuyển (trong danvan).")
    target_body: str = Field("", max_length=300, description="Tên cơ quan nhận đơn chuyển (ngoài danvan).")
    outcome: Outcome | None = None
    resolution_summary: str = Field("", max_length=20000)


class AssignIn(Schema):
    assignee_id: int = Field(..., ge=1, le=MAX_ID)
    expected_version: int | None = Field(None, ge=1, le=MAX_ID)


class SecondComplaintIn(Schema):
    unit_id: int = Field(..., ge=1, le=MAX_ID, description="Đơn vị giải quyết lần hai (phải thuộc phạm vi của bạn).")
    received_on: dt.date
    summary: str = Field("", max_length=20000)
    decision_received_on: dt.date | None = Field(
        None,
        description="Ngày người khiếu nại nhận được quyết định giải quyết lần đầu (Điều 33 Luật Khiếu nại): bắt buộc "
        "khi đã có quyết định; không trước ngày ra quyết định, không ở tương lai.",
    )
    event_known_on: dt.date | None = Field(
        None, description="Tên cũ của decision_received_on (không dùng nữa).", json_schema_extra={"deprecated": True}
    )
    late_filing_reason: str = Field("", max_length=2000)
    submission_key: str | None = Field(None, max_length=200)


class HistoryOut(Schema):
    case_id: int
    case_code: str = Field(..., alias="case.code")
    action: str
    action_label: str
    from_status: str
    to_status: str
    actor_name: str | None
    note: str
    document_no: str
    document_date: dt.date | None
    at: dt.datetime

    @staticmethod
    def resolve_action_label(obj: Any) -> str:
        from django.utils.translation import gettext as _

        from danvan.cases.workflow import TRANSITIONS

        step = TRANSITIONS.get(obj.action)
        return str(step.label) if step else _("Tiếp nhận")

    @staticmethod
    def resolve_actor_name(obj: Any) -> str | None:
        return str(obj.actor) if obj.actor_id and obj.actor else None


class SuggestionOut(Schema):
    case_id: int
    code: str
    kind: str
    status: str
    unit: UnitRef
    title: str
    received_on: dt.date
    score: int = Field(..., description="0–100.")
    text_similarity: float
    same_person: bool
    same_subject: bool
    reasons: list[str]


class ProbePersonIn(Schema):
    full_name: PersonName
    id_number: str = Field("", max_length=30)


class ProbeIn(Schema):
    title: str = Field("", max_length=300)
    summary: str = Field("", max_length=20000)
    subject_party: str = Field("", max_length=300)
    people: list[ProbePersonIn] = Field([], max_length=50)


class LinkIn(Schema):
    other_id: int = Field(..., ge=1, le=MAX_ID, description="Hồ sơ bị trùng (phải trong phạm vi của bạn).")
    score: int | None = Field(None, ge=0, le=100)
    note: str = Field("", max_length=300)


class DismissalIn(Schema):
    other_id: int = Field(..., ge=1, le=MAX_ID)


class DenouncerPersonOut(Schema):
    full_name: str
    address: str
    phone: str
    email: str
    id_number: str


class DenouncerOut(Schema):
    people: list[DenouncerPersonOut]
    note: str
    scans: int = Field(..., description="Số bản chụp đơn, giấy tờ đang lưu trong kho bảo mật.")


class RefusalGroundOut(Schema):
    code: str
    scope: str
    scope_label: str
    text: str
    legal_basis: str
    valid_from: dt.date
    valid_to: dt.date | None

    @staticmethod
    def resolve_scope_label(obj: Any) -> str:
        return choice_label(GroundScope, obj.scope)


class FieldOut(Schema):
    id: int
    code: str
    name: str


class CriterionOut(Schema):
    code: str
    kind: str
    text: str
    legal_basis: str
    valid_from: dt.date
    valid_to: dt.date | None


# --- Statistics -------------------------------------------------------------------------------------------------------


class StatisticsFilter(Schema):
    unit: int | None = Field(None, ge=1, description="Đơn vị (mặc định: đơn vị của cán bộ).")
    year: int | None = Field(None, description="Năm (mặc định: năm nay).")
    period: str | None = Field(
        None,
        max_length=CODE_MAX,
        description="Kỳ trong năm: bỏ trống = cả năm; h1, h2 (6 tháng); q1–q4 (quý); m1–m12 (tháng).",
    )
    start: dt.date | None = Field(None, description="Hoặc từ ngày (YYYY-MM-DD), cùng với `end`.")
    end: dt.date | None = None


class PeriodOut(Schema):
    start: dt.date
    end: dt.date
    label: str


class CountOut(Schema):
    key: str
    label: str
    count: int


class FiguresOut(Schema):
    visits: int
    visit_persons: int
    visit_groups: int
    visits_refused: int
    received: int
    received_by_kind: list[CountOut]
    received_by_channel: list[CountOut]
    received_by_field: list[CountOut]
    eligible: int
    in_jurisdiction: int
    accepted: int
    transferred: int
    guided: int
    filed: int
    withdrawn: int
    terminated: int
    resolved: int
    resolved_on_time: int
    resolved_late: int
    in_progress: int
    in_progress_within: int
    in_progress_overdue: int
    under_resolution: int
    complaints_right: int
    complaints_partly_right: int
    complaints_wrong: int
    denunciations_founded: int
    denunciations_partly_founded: int
    denunciations_unfounded: int
    to_resolve: int
    resolution_rate: float | None = Field(description="Đã giải quyết / phải giải quyết, %; null khi không có.")
    resolution_text: str


class StatisticsOut(Schema):
    unit: UnitRef
    period: PeriodOut
    previous_period: PeriodOut
    current: FiguresOut
    previous: FiguresOut
    change: dict[str, float | None] = Field(
        description="Tăng, giảm so với kỳ trước (%, một chữ số thập phân) của từng chỉ tiêu; null khi kỳ trước bằng 0."
    )
    change_text: dict[str, str] = Field(description="Như “giảm 25,5% so với năm 2025”.")
