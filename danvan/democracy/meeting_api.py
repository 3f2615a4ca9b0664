"""API of year-end community meetings and dialogues (Art. 32–33): /api/v1/democracy/meetings…, the items raised
at them (/api/v1/democracy/raised-items…) and the yearly compliance.

Authentication comes from the app router. No ``from __future__ import annotations`` here: django-ninja reads the
annotations at import time. Creations take an ``Idempotency-Key``; changes take the ``expected_version`` the
client read (409 ``stale`` otherwise); a record outside the officer's units is 404.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.pagination import paginate

from danvan.core.schemas import ErrorOut
from danvan.core.subtree import subtree_q
from danvan.democracy import access, meeting_documents, recommendation_services
from danvan.democracy import meeting_services as services
from danvan.democracy.api_submissions import api_submission
from danvan.democracy.meeting_compliance import MeetingCompliance, meeting_compliance
from danvan.democracy.meeting_schemas import (
    ComplianceFilter,
    ComplianceOut,
    MeetingCancelIn,
    MeetingFilter,
    MeetingIn,
    MeetingOut,
    MeetingRecordIn,
    MeetingRescheduleIn,
    MeetingSendIn,
    RaisedItemAnswerIn,
    RaisedItemFilter,
    RaisedItemIn,
    RaisedItemOut,
)
from danvan.democracy.models import CommunityMeeting, Recommendation
from danvan.democracy.view_kit import compliance_scope

router = Router(tags=["democracy"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _unit_ref(unit: Any) -> dict[str, Any]:
    return {"id": unit.pk, "code": unit.code, "name": unit.name, "tree": unit.tree}


# --- Meetings -----------------------------------------------------------------------------------------------------


@router.get("/democracy/meetings", response=list[MeetingOut], summary="Hội nghị thôn, tổ dân phố và đối thoại")
@paginate
def meeting_list(request: HttpRequest, filters: Query[MeetingFilter]) -> QuerySet[CommunityMeeting]:
    """Meetings of the officer's units, latest first; ``unit`` keeps its subtree."""
    meetings = access.meetings_visible_to(request.user).select_related("unit")
    if filters.unit is not None:
        meetings = meetings.filter(subtree_q(access.access_unit_for_read(request.user, filters.unit)))
    if filters.kind:
        meetings = meetings.filter(kind=filters.kind)
    if filters.status:
        meetings = meetings.filter(status=filters.status)
    if filters.year:
        meetings = meetings.filter(year=filters.year)
    return meetings.order_by("-held_on", "-id")


@router.post(
    "/democracy/meetings",
    response={200: MeetingOut, 201: MeetingOut, **ERRORS},
    summary="Lên lịch hội nghị thôn hoặc hội nghị đối thoại",
    description="Hội nghị thôn ghi tại thôn, tổ dân phố (thông báo trước ít nhất 5 ngày, theo quy định đang có "
    "hiệu lực); hội nghị đối thoại ghi tại xã. Gửi lại cùng tiêu đề `Idempotency-Key` trả về hội nghị đã tạo (200).",
)
def meeting_create(request: HttpRequest, payload: MeetingIn) -> Any:
    unit = access.access_meeting_unit_for_write(request.user, payload.unit_id, payload.kind)
    submission = api_submission(request, CommunityMeeting, "democracy.meeting", payload)
    if submission.existing is not None:
        return Status(200, access.access_meeting(request.user, submission.existing.pk))
    meeting = services.meeting_schedule(
        actor=request.user,
        unit=unit,
        kind=payload.kind,
        held_on=payload.held_on,
        year=payload.year,
        title=payload.title,
        starts_at=payload.starts_at,
        place=payload.place,
        notice_on=payload.notice_on,
        chaired_by=payload.chaired_by,
        submission_key=submission.key,
        submission_fingerprint=submission.fingerprint,
    )
    return Status(201, meeting)


@router.get(
    "/democracy/meetings/compliance",
    response={200: ComplianceOut, **ERRORS},
    summary="Xã chưa tổ chức đối thoại, thôn chưa tổ chức hội nghị trong năm",
)
def meeting_compliance_report(request: HttpRequest, filters: Query[ComplianceFilter]) -> Any:
    unit, year = compliance_scope(request.user, filters.unit, filters.year)
    return compliance_out(meeting_compliance(unit=unit, year=year))


def compliance_out(report: MeetingCompliance) -> dict[str, Any]:
    return {
        "unit": _unit_ref(report.unit),
        "year": report.year,
        "dialogues_required": report.dialogues_required,
        "meetings_required": report.meetings_required,
        "dialogue_rule_basis": report.dialogue_rule_basis,
        "meeting_rule_basis": report.meeting_rule_basis,
        "communes_without_dialogue": len(report.communes_without_dialogue),
        "villages_without_meeting": report.villages_without_meeting,
        "villages_total": report.villages_total,
        "communes": [
            {
                "commune": _unit_ref(row.commune),
                "dialogues_held": row.dialogues_held,
                "dialogues_required": row.dialogues_required,
                "dialogue_ok": row.dialogue_ok,
                "villages_total": row.villages_total,
                "villages_held": row.villages_held,
                "villages_missing": [_unit_ref(v) for v in row.villages_missing],
            }
            for row in report.communes
        ],
    }


@router.get("/democracy/meetings/{int:meeting_id}", response={200: MeetingOut, **ERRORS}, summary="Một hội nghị")
def meeting_detail(request: HttpRequest, meeting_id: int) -> Any:
    return access.access_meeting(request.user, meeting_id)


@router.get(
    "/democracy/meetings/{int:meeting_id}/minutes.docx",
    response={200: None, **ERRORS},
    summary="Biên bản hội nghị đã tổ chức, DOCX",
    description="Chỉ cho hội nghị đã ghi kết quả; chưa tổ chức hoặc đã hủy trả về 409 `not_held`.",
)
def meeting_minutes_docx(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return meeting_documents.minutes_response(access.access_meeting(request.user, meeting_id))


@router.post(
    "/democracy/meetings/{int:meeting_id}/reschedule",
    response={200: MeetingOut, **ERRORS},
    summary="Sửa lịch hội nghị chưa tổ chức",
)
def meeting_reschedule(request: HttpRequest, meeting_id: int, payload: MeetingRescheduleIn) -> Any:
    meeting = access.access_meeting(request.user, meeting_id, for_write=True)
    return services.meeting_reschedule(actor=request.user, meeting=meeting, **payload.dict())


@router.post(
    "/democracy/meetings/{int:meeting_id}/record",
    response={200: MeetingOut, **ERRORS},
    summary="Ghi kết quả hội nghị: số người dự, các báo cáo, biên bản",
)
def meeting_record(request: HttpRequest, meeting_id: int, payload: MeetingRecordIn) -> Any:
    meeting = access.access_meeting(request.user, meeting_id, for_write=True)
    return services.meeting_record(actor=request.user, meeting=meeting, **payload.dict())


@router.post(
    "/democracy/meetings/{int:meeting_id}/send",
    response={200: MeetingOut, **ERRORS},
    summary="Ghi ngày gửi kết quả hội nghị cho UBND và MTTQ xã",
)
def meeting_send(request: HttpRequest, meeting_id: int, payload: MeetingSendIn) -> Any:
    meeting = access.access_meeting(request.user, meeting_id, for_write=True)
    return services.meeting_send_result(actor=request.user, meeting=meeting, **payload.dict())


@router.post(
    "/democracy/meetings/{int:meeting_id}/cancel", response={200: MeetingOut, **ERRORS}, summary="Hủy hội nghị"
)
def meeting_cancel(request: HttpRequest, meeting_id: int, payload: MeetingCancelIn) -> Any:
    meeting = access.access_meeting(request.user, meeting_id, for_write=True)
    return services.meeting_cancel(actor=request.user, meeting=meeting, **payload.dict())


@router.get(
    "/democracy/meetings/{int:meeting_id}/items",
    response={200: list[RaisedItemOut], **ERRORS},
    summary="Ý kiến, kiến nghị nêu tại hội nghị",
)
def meeting_items(request: HttpRequest, meeting_id: int) -> Any:
    meeting = access.access_meeting(request.user, meeting_id)
    return Recommendation.objects.for_event(meeting).select_related("unit", "event_type").order_by("id")


@router.post(
    "/democracy/meetings/{int:meeting_id}/items",
    response={200: RaisedItemOut, 201: RaisedItemOut, **ERRORS},
    summary="Ghi một ý kiến, kiến nghị nêu tại hội nghị (cần trả lời)",
    description="Gửi lại cùng tiêu đề `Idempotency-Key` trả về ý kiến đã ghi (200).",
)
def meeting_item_create(request: HttpRequest, meeting_id: int, payload: RaisedItemIn) -> Any:
    meeting = access.access_meeting(request.user, meeting_id, for_write=True)
    submission = api_submission(request, Recommendation, "democracy.raised_item", meeting_id, payload)
    if submission.existing is not None:
        return Status(200, access.access_recommendation(request.user, submission.existing.pk))
    item = services.meeting_raise_item(
        actor=request.user,
        meeting=meeting,
        submission_key=submission.key,
        submission_fingerprint=submission.fingerprint,
        **payload.dict(),
    )
    return Status(201, item)


# --- Raised items -------------------------------------------------------------------------------------------------


@router.get("/democracy/raised-items", response=list[RaisedItemOut], summary="Ý kiến, kiến nghị cần trả lời")
@paginate
def raised_item_list(request: HttpRequest, filters: Query[RaisedItemFilter]) -> QuerySet[Recommendation]:
    """Items raised in the officer's units, oldest unanswered first."""
    items = access.recommendations_visible_to(request.user).select_related("unit", "event_type")
    if filters.unit is not None:
        items = items.filter(subtree_q(access.access_unit_for_read(request.user, filters.unit)))
    if filters.answered is not None:
        items = items.filter(answered_on__isnull=not filters.answered)
    if filters.overdue:
        items = items.overdue(timezone.localdate())
    return items.order_by("answered_on", "due_on", "raised_on", "id")


@router.get("/democracy/raised-items/{int:item_id}", response={200: RaisedItemOut, **ERRORS}, summary="Một ý kiến")
def raised_item_detail(request: HttpRequest, item_id: int) -> Any:
    return access.access_recommendation(request.user, item_id)


@router.post(
    "/democracy/raised-items/{int:item_id}/answer",
    response={200: RaisedItemOut, **ERRORS},
    summary="Ghi câu trả lời cho một ý kiến, kiến nghị",
)
def raised_item_answer(request: HttpRequest, item_id: int, payload: RaisedItemAnswerIn) -> Any:
    item, body = access.access_recommendation_for_answer(request.user, item_id)
    return recommendation_services.recommendation_answer(actor=request.user, item=item, by_org=body, **payload.dict())
