"""The officer's feedback API under /api/v1/feedback/reports…: the inbox (paginated, the same filters as the page),
one report (the citizen's contact masked as ``cases.access`` says), its timeline, likely duplicates, moderation
history, and every triage action. Writes take ``expected_version`` (409 ``stale`` when the report changed); a
report outside the officer's units answers 404; errors are ``{"code", "message", "fields"}``."""

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate

from danvan.core.errors import DomainError
from danvan.core.models import Organization
from danvan.core.schemas import ErrorOut
from danvan.feedback import access, moderation, triage
from danvan.feedback.duplicates import duplicate_suggestions
from danvan.feedback.intake import current_commune
from danvan.feedback.models import Moderation, RefusalReason, Report, ReportEvent
from danvan.feedback.personal_data import citizen_contact

router = Router(tags=["feedback"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
MAX_ID = 2**31 - 1
VERSION = Field(None, ge=1, le=MAX_ID, description="Phiên bản cán bộ đã xem (409 stale nếu đã thay đổi).")


# --- Schemas -----------------------------------------------------------------------------------------------------


class InboxFilter(Schema):
    q: str | None = Field(None, max_length=100, description="Tìm không phân biệt dấu (mã, nội dung, địa chỉ).")
    state: str | None = Field(
        None,
        max_length=10,
        pattern="^(all|new|accepted|answered|closed|refused|merged)$",
        description="Mặc định: đang mở.",
    )
    category: str | None = Field(None, max_length=40)
    organization: int | None = Field(None, ge=1, le=MAX_ID)
    assignee: str | None = Field(None, max_length=12, pattern=r"^(me|none|\d+)$")
    service: str | None = Field(None, max_length=10, pattern="^(overdue|due_soon|on_track)$")


class ReportRow(Schema):
    id: int
    code: str
    category: str
    category_name: str
    unit_code: str
    unit_name: str
    organization_id: int | None
    organization_name: str
    assignee_id: int | None
    state: str
    is_open: bool
    is_hidden: bool
    has_personal_data_flag: bool
    description: str
    received_at: dt.datetime
    due_on: dt.date
    service_level: str = Field(description="overdue, due_soon, on_track; rỗng khi đã đóng.")
    version: int


class CitizenOut(Schema):
    name: str
    phone: str
    email: str
    is_anonymous: bool
    whole: bool = Field(description="False: số điện thoại, thư điện tử đã che.")


class PhotoOut(Schema):
    id: int
    role: str
    is_hidden: bool


class ReportDetail(ReportRow):
    address_text: str
    latitude: float | None
    longitude: float | None
    channel: str
    client_name: str
    accepted_at: dt.datetime | None
    answered_at: dt.datetime | None
    answer_text: str
    answered_by_name: str
    timeliness: str
    closed_at: dt.datetime | None
    refusal_reason: str
    refusal_text: str
    merged_into: str | None
    rating: int | None
    rating_comment: str
    reopened_count: int
    followers_count: int
    citizen: CitizenOut
    photos: list[PhotoOut]


class EventOut(Schema):
    id: int
    kind: str
    is_public: bool
    text: str
    actor_name: str
    officer_id: int | None
    from_unit: str | None
    to_unit: str | None
    at: dt.datetime


class DuplicateOut(Schema):
    id: int
    code: str
    description: str
    state: str
    distance_m: float | None
    similarity: float


class ModerationOut(Schema):
    id: int
    field: str
    original: str
    replacement: str
    reason: str
    officer_id: int
    at: dt.datetime
    reverted_at: dt.datetime | None


class VersionIn(Schema):
    expected_version: int | None = VERSION


class RefuseIn(VersionIn):
    reason: RefusalReason
    text: str = Field(..., min_length=1, max_length=500)


class MergeIn(VersionIn):
    into: str = Field(..., min_length=1, max_length=16, description="Mã theo dõi của phản ánh giữ lại.")


class TransferIn(VersionIn):
    to_unit: str | None = Field(None, max_length=10, description="Mã xã, phường nhận.")
    to_organization: int | None = Field(None, ge=1, le=MAX_ID, description="Hoặc cơ quan của cùng xã, phường.")
    note: str = Field("", max_length=4000)


class AssignIn(VersionIn):
    assignee: int = Field(..., ge=1, le=MAX_ID)


class TextIn(VersionIn):
    text: str = Field(..., min_length=1, max_length=4000)


class HideIn(VersionIn):
    reason: str = Field(..., min_length=1, max_length=300)


class ModerateIn(VersionIn):
    field: str = Field(..., pattern="^(description|answer_text|photo)$", max_length=12)
    replacement: str = Field("", max_length=4000)
    photo: int | None = Field(None, ge=1, le=MAX_ID)
    reason: str = Field(..., min_length=1, max_length=300)


# --- Rendering ---------------------------------------------------------------------------------------------------


def _row(report: Report, today: dt.date, soon: dt.date) -> dict[str, Any]:
    return {
        "id": report.pk,
        "code": report.code,
        "category": report.category.code,
        "category_name": report.category.name,
        "unit_code": report.unit.code,
        "unit_name": report.unit.name,
        "organization_id": report.organization_id,
        "organization_name": report.organization.name if report.organization else "",
        "assignee_id": report.assignee_id,
        "state": report.state,
        "is_open": report.is_open,
        "is_hidden": report.is_hidden,
        "has_personal_data_flag": report.has_personal_data_flag,
        "description": report.description,
        "received_at": report.received_at,
        "due_on": report.due_on,
        "service_level": triage.service_level(report, today, soon),
        "version": report.version,
    }


def _detail(request: HttpRequest, report: Report) -> dict[str, Any]:
    report = Report.objects.select_related("unit", "category", "organization", "merged_into").get(pk=report.pk)
    today = timezone.localdate()
    contact = citizen_contact(request.user, report)
    return {
        **_row(report, today, triage.due_soon_limit(today)),
        "address_text": report.address_text,
        "latitude": report.latitude,
        "longitude": report.longitude,
        "channel": report.channel,
        "client_name": report.client_name,
        "accepted_at": report.accepted_at,
        "answered_at": report.answered_at,
        "answer_text": report.answer_text,
        "answered_by_name": report.answered_by_name,
        "timeliness": report.timeliness,
        "closed_at": report.closed_at,
        "refusal_reason": report.refusal_reason,
        "refusal_text": report.refusal_text,
        "merged_into": report.merged_into.code if report.merged_into else None,
        "rating": report.rating,
        "rating_comment": report.rating_comment,
        "reopened_count": report.reopened_count,
        "followers_count": report.followers_count,
        "citizen": {
            "name": contact.name,
            "phone": contact.phone,
            "email": contact.email,
            "is_anonymous": report.is_anonymous,
            "whole": contact.whole,
        },
        "photos": [{"id": p.pk, "role": p.role, "is_hidden": p.is_hidden} for p in report.photos.all()],
    }


def _event(event: ReportEvent) -> dict[str, Any]:
    return {
        "id": event.pk,
        "kind": event.kind,
        "is_public": event.is_public,
        "text": event.text,
        "actor_name": event.actor_name,
        "officer_id": event.actor_id,
        "from_unit": event.from_unit.code if event.from_unit else None,
        "to_unit": event.to_unit.code if event.to_unit else None,
        "at": event.at,
    }


def _moderation(item: Moderation) -> dict[str, Any]:
    return {
        "id": item.pk,
        "field": item.field,
        "original": item.original,
        "replacement": item.replacement,
        "reason": item.reason,
        "officer_id": item.actor_id,
        "at": item.at,
        "reverted_at": item.reverted_at,
    }


def _unknown(code: str, message: str, field: str) -> DomainError:
    return DomainError(code, message, status=422, fields={field: [message]})


# --- Reading -----------------------------------------------------------------------------------------------------


@router.get("/feedback/reports", response={200: list[ReportRow], **ERRORS}, summary="Phản ánh của các đơn vị cán bộ")
@paginate
def report_list(request: HttpRequest, filters: Query[InboxFilter]) -> Any:
    today = timezone.localdate()
    soon = triage.due_soon_limit(today)
    qs = triage.inbox_reports(
        request.user,
        q=filters.q or "",
        state=filters.state or "",
        category=filters.category or "",
        organization_id=filters.organization,
        assignee=filters.assignee or "",
        service=filters.service or "",
        today=today,
    )

    class Rows:
        """The page's rows rendered lazily (the paginator slices first, then each row is rendered)."""

        def __len__(self) -> int:
            return qs.count()

        def __getitem__(self, part: slice) -> list[dict[str, Any]]:
            return [_row(report, today, soon) for report in qs[part]]

    return Rows()


@router.get("/feedback/reports/{int:report_id}", response={200: ReportDetail, **ERRORS}, summary="Một phản ánh")
def report_detail(request: HttpRequest, report_id: int) -> Any:
    return _detail(request, access.access_report(request.user, report_id))


@router.get(
    "/feedback/reports/{int:report_id}/events",
    response={200: list[EventOut], **ERRORS},
    summary="Quá trình xử lý (cả ghi chú nội bộ)",
)
def report_events(request: HttpRequest, report_id: int) -> Any:
    report = access.access_report(request.user, report_id)
    return [_event(e) for e in report.events.select_related("from_unit", "to_unit").order_by("at", "id")]


@router.get(
    "/feedback/reports/{int:report_id}/duplicates",
    response={200: list[DuplicateOut], **ERRORS},
    summary="Phản ánh có thể trùng (cùng lĩnh vực, gần, nội dung giống)",
)
def report_duplicates(request: HttpRequest, report_id: int) -> Any:
    report = access.access_report(request.user, report_id)
    return [
        {
            "id": s.report.pk,
            "code": s.report.code,
            "description": s.report.description,
            "state": s.report.state,
            "distance_m": round(s.distance_m, 1) if s.distance_m is not None else None,
            "similarity": round(s.similarity, 3),
        }
        for s in duplicate_suggestions(report)
    ]


@router.get(
    "/feedback/reports/{int:report_id}/moderations",
    response={200: list[ModerationOut], **ERRORS},
    summary="Lịch sử biên tập (bản gốc được giữ)",
)
def report_moderations(request: HttpRequest, report_id: int) -> Any:
    report = access.access_report(request.user, report_id)
    return [_moderation(m) for m in Moderation.objects.filter(report=report)]


# --- Actions -----------------------------------------------------------------------------------------------------


@router.post("/feedback/reports/{int:report_id}/accept", response={200: ReportDetail, **ERRORS}, summary="Tiếp nhận")
def report_accept(request: HttpRequest, report_id: int, payload: VersionIn) -> Any:
    report = access.access_report(request.user, report_id)
    return _detail(
        request, triage.report_accept(actor=request.user, report=report, expected_version=payload.expected_version)
    )


@router.post(
    "/feedback/reports/{int:report_id}/refuse",
    response={200: ReportDetail, **ERRORS},
    summary="Không tiếp nhận (tin rác, ngoài phạm vi; lý do công khai)",
)
def report_refuse(request: HttpRequest, report_id: int, payload: RefuseIn) -> Any:
    report = access.access_report(request.user, report_id)
    done = triage.report_refuse(
        actor=request.user,
        report=report,
        reason=payload.reason,
        text=payload.text,
        expected_version=payload.expected_version,
    )
    return _detail(request, done)


@router.post(
    "/feedback/reports/{int:report_id}/merge",
    response={200: ReportDetail, **ERRORS},
    summary="Gộp vào phản ánh khác của cùng xã, phường",
)
def report_merge(request: HttpRequest, report_id: int, payload: MergeIn) -> Any:
    report = access.access_report(request.user, report_id)
    into = triage.report_by_code(payload.into)
    if into is None or not access.sees_unit(request.user, into.unit):
        raise _unknown("unknown_report", _("Không tìm thấy phản ánh có mã này."), "into")
    done = triage.report_merge(actor=request.user, report=report, into=into, expected_version=payload.expected_version)
    return _detail(request, done)


@router.post(
    "/feedback/reports/{int:report_id}/transfer",
    response={200: ReportDetail, **ERRORS},
    summary="Chuyển đến xã, phường hoặc cơ quan có thẩm quyền",
)
def report_transfer(request: HttpRequest, report_id: int, payload: TransferIn) -> Any:
    report = access.access_report(request.user, report_id)
    to_unit = None
    to_organization = None
    if payload.to_unit:
        to_unit = current_commune(payload.to_unit)
        if to_unit is None:
            raise _unknown("unknown_unit", _("Không tìm thấy xã, phường có mã này."), "to_unit")
    if payload.to_organization:
        to_organization = Organization.objects.filter(pk=payload.to_organization).first()
        if to_organization is None:
            raise _unknown("unknown_organization", _("Không tìm thấy cơ quan đã chọn."), "to_organization")
    done = triage.report_transfer(
        actor=request.user,
        report=report,
        to_unit=to_unit,
        to_organization=to_organization,
        note=payload.note,
        expected_version=payload.expected_version,
    )
    # Transferred to another province, the officer may no longer read it: answer what was done.
    if not access.sees_unit(request.user, done.unit):
        return {
            **_detail(request, done),
            "citizen": {"name": "", "phone": "", "email": "", "is_anonymous": True, "whole": False},
        }
    return _detail(request, done)


@router.post(
    "/feedback/reports/{int:report_id}/assign",
    response={200: ReportDetail, **ERRORS},
    summary="Giao cán bộ xử lý (lãnh đạo)",
)
def report_assign(request: HttpRequest, report_id: int, payload: AssignIn) -> Any:
    report = access.access_report(request.user, report_id)
    assignee = access.assignee_candidates(report).filter(pk=payload.assignee).first()
    if assignee is None:
        raise _unknown("invalid_assignee", _("Cán bộ được giao phải là cán bộ của xã, phường này."), "assignee")
    done = triage.report_assign(
        actor=request.user, report=report, assignee=assignee, expected_version=payload.expected_version
    )
    return _detail(request, done)


@router.post(
    "/feedback/reports/{int:report_id}/request-info",
    response={200: ReportDetail, **ERRORS},
    summary="Đề nghị người dân bổ sung thông tin",
)
def report_request_info(request: HttpRequest, report_id: int, payload: TextIn) -> Any:
    report = access.access_report(request.user, report_id)
    done = triage.report_request_info(
        actor=request.user, report=report, text=payload.text, expected_version=payload.expected_version
    )
    return _detail(request, done)


@router.post(
    "/feedback/reports/{int:report_id}/answer",
    response={200: ReportDetail, **ERRORS},
    summary="Trả lời công khai (lãnh đạo)",
)
def report_answer(request: HttpRequest, report_id: int, payload: TextIn) -> Any:
    report = access.access_report(request.user, report_id)
    done = triage.report_answer(
        actor=request.user, report=report, text=payload.text, expected_version=payload.expected_version
    )
    return _detail(request, done)


@router.post(
    "/feedback/reports/{int:report_id}/answer-with-photos",
    response={200: ReportDetail, **ERRORS},
    summary="Trả lời công khai kèm ảnh kết quả (multipart: text, expected_version, photos; lãnh đạo)",
)
def report_answer_with_photos(
    request: HttpRequest,
    report_id: int,
    text: Annotated[str, Form(..., max_length=triage.MAX_TEXT)],
    expected_version: Form[int | None] = None,
    photos: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Any:
    report = access.access_report(request.user, report_id)
    done = triage.report_answer(
        actor=request.user, report=report, text=text, photos=photos or (), expected_version=expected_version
    )
    return _detail(request, done)


@router.post(
    "/feedback/reports/{int:report_id}/notes",
    response={200: EventOut, **ERRORS},
    summary="Ghi chú nội bộ",
)
def report_note(request: HttpRequest, report_id: int, payload: TextIn) -> Any:
    report = access.access_report(request.user, report_id)
    return _event(triage.report_note(actor=request.user, report=report, text=payload.text))


@router.post("/feedback/reports/{int:report_id}/close", response={200: ReportDetail, **ERRORS}, summary="Hoàn thành")
def report_close(request: HttpRequest, report_id: int, payload: VersionIn) -> Any:
    report = access.access_report(request.user, report_id)
    return _detail(
        request, triage.report_close(actor=request.user, report=report, expected_version=payload.expected_version)
    )


@router.post(
    "/feedback/reports/{int:report_id}/hide",
    response={200: ReportDetail, **ERRORS},
    summary="Ẩn khỏi trang công khai (riêng tư)",
)
def report_hide(request: HttpRequest, report_id: int, payload: HideIn) -> Any:
    report = access.access_report(request.user, report_id)
    done = triage.report_hide(
        actor=request.user, report=report, reason=payload.reason, expected_version=payload.expected_version
    )
    return _detail(request, done)


@router.post("/feedback/reports/{int:report_id}/show", response={200: ReportDetail, **ERRORS}, summary="Hiện lại")
def report_show(request: HttpRequest, report_id: int, payload: VersionIn) -> Any:
    report = access.access_report(request.user, report_id)
    return _detail(
        request, triage.report_show(actor=request.user, report=report, expected_version=payload.expected_version)
    )


@router.post(
    "/feedback/reports/{int:report_id}/moderations",
    response={200: ModerationOut, **ERRORS},
    summary="Biên tập nội dung phản ánh, trả lời hoặc ẩn ảnh (giữ bản gốc)",
)
def report_moderate(request: HttpRequest, report_id: int, payload: ModerateIn) -> Any:
    report = access.access_report(request.user, report_id)
    item = moderation.report_moderate(
        actor=request.user,
        report=report,
        field=payload.field,
        replacement=payload.replacement,
        reason=payload.reason,
        photo=payload.photo,
        expected_version=payload.expected_version,
    )
    return _moderation(item)


@router.post(
    "/feedback/reports/{int:report_id}/moderations/{int:moderation_id}/revert",
    response={200: ModerationOut, **ERRORS},
    summary="Hoàn tác biên tập",
)
def report_moderation_revert(request: HttpRequest, report_id: int, moderation_id: int) -> Any:
    report = access.access_report(request.user, report_id)
    item = Moderation.objects.filter(pk=moderation_id, report=report).first()
    if item is None:
        raise DomainError("not_found", _("Không tìm thấy lần biên tập này."), status=404)
    return _moderation(moderation.moderation_revert(actor=request.user, moderation=item))
