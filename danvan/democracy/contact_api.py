"""API of Dialogues of heads of bodies with their staff, and HĐND deputies' voter contacts, under /api/v1/democracy/…

``/staff-dialogues`` (with the yearly compliance), ``/electoral-areas``, ``/voter-contacts`` and the questions
raised at a dialogue or a contact (many at once; each becomes a tracked recommendation). Authentication comes from
the app router. No ``from __future__ import annotations`` here: django-ninja reads the annotations at import time.
Creations take an ``Idempotency-Key``; changes take the ``expected_version`` the client read (409 ``stale``
otherwise); a record outside the officer's units is 404. Fixed paths come before paths with ids.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status
from ninja.pagination import paginate

from danvan.core.errors import DomainError
from danvan.core.idempotency import check_same_request, request_fingerprint
from danvan.core.models import AdministrativeUnit
from danvan.core.schemas import ErrorOut
from danvan.core.subtree import subtree_q
from danvan.democracy import access, contact_documents
from danvan.democracy import contact_services as services
from danvan.democracy.api_submissions import api_submission, idempotency_key
from danvan.democracy.contact_schemas import (
    AreaEditIn,
    AreaFilter,
    AreaIn,
    AreaOut,
    ComplianceFilter,
    ContactCancelIn,
    ContactFilter,
    ContactIn,
    ContactOut,
    ContactRecordIn,
    ContactRescheduleIn,
    DialogueComplianceOut,
    DialogueEditIn,
    DialogueFilter,
    DialogueIn,
    DialogueOut,
    QuestionOut,
    QuestionsIn,
)
from danvan.democracy.contact_selectors import staff_dialogue_compliance
from danvan.democracy.models import ElectoralArea, Recommendation, StaffDialogue, VoterContact
from danvan.democracy.view_kit import compliance_scope

router = Router(tags=["democracy"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _unit_ref(unit: Any) -> dict[str, Any]:
    return {"id": unit.pk, "code": unit.code, "name": unit.name, "tree": unit.tree}


def _questions(event: Any) -> QuerySet[Recommendation]:
    return Recommendation.objects.for_event(event).select_related("addressee_org", "addressee_org__kind").order_by("id")


def _raise(request: HttpRequest, event: Any, payload: QuestionsIn, label: str) -> Any:
    """Record the questions (all or none); repeated with its key, the questions already recorded (200)."""
    key = idempotency_key(request)
    fingerprint = request_fingerprint(label, event.pk, payload)
    bodies = {org.pk: org for org in services.addressable_bodies(event.unit)}
    lines = []
    for row, question in enumerate(payload.questions):
        body = bodies.get(question.addressee_org_id)
        if body is None:
            message = "Chỉ gửi đến cơ quan của xã hoặc của tỉnh nơi tổ chức."
            raise DomainError(
                "addressee_outside",
                f"Ý kiến thứ {row + 1}: {message}",
                status=422,
                fields={f"questions.{row}.addressee_org_id": [message]},
            )
        lines.append(
            services.QuestionLine(
                raised_by=question.raised_by,
                content=question.content,
                addressee_org=body,
                kind=question.kind,
                field=question.field,
            )
        )
    replay = False
    if key:
        first = Recommendation.objects.filter(submission_key=f"{key[:56]}:0").first()
        if first is not None:
            check_same_request(first.submission_fingerprint, fingerprint)
            replay = True
    made = services.raise_questions(
        actor=request.user, event=event, questions=lines, submission_key=key, submission_fingerprint=fingerprint
    )
    ids = [item.pk for item in made]
    items = list(_questions(event).filter(pk__in=ids))
    return Status(200 if replay else 201, items)


# --- Dialogues with staff --------------------------------------------------------------------------------------


@router.get("/democracy/staff-dialogues", response=list[DialogueOut], summary="Đối thoại của người đứng đầu với cán bộ")
@paginate
def dialogue_list(request: HttpRequest, filters: Query[DialogueFilter]) -> QuerySet[StaffDialogue]:
    """Dialogues with staff of the bodies of the officer's units, latest first."""
    dialogues = access.staff_dialogues_visible_to(request.user).select_related(
        "unit", "organization", "organization__kind"
    )
    if filters.unit is not None:
        dialogues = dialogues.filter(subtree_q(access.access_unit_for_read(request.user, filters.unit)))
    if filters.organization is not None:
        dialogues = dialogues.filter(organization_id=filters.organization)
    if filters.year:
        dialogues = dialogues.filter(year=filters.year)
    return dialogues.order_by("-held_on", "-id")


@router.post(
    "/democracy/staff-dialogues",
    response={200: DialogueOut, 201: DialogueOut, **ERRORS},
    summary="Ghi buổi đối thoại của người đứng đầu cơ quan với cán bộ, công chức",
    description="Gửi lại cùng tiêu đề `Idempotency-Key` trả về buổi đối thoại đã ghi (200).",
)
def dialogue_create(request: HttpRequest, payload: DialogueIn) -> Any:
    body = access.access_dialogue_body_for_write(request.user, payload.organization_id)
    submission = api_submission(request, StaffDialogue, "democracy.staff_dialogue", payload)
    if submission.existing is not None:
        return Status(200, access.access_staff_dialogue(request.user, submission.existing.pk))
    dialogue = services.staff_dialogue_record(
        actor=request.user,
        organization=body,
        held_on=payload.held_on,
        chaired_by=payload.chaired_by,
        participants=payload.participants,
        place=payload.place,
        topics=payload.topics,
        minutes=payload.minutes,
        submission_key=submission.key,
        submission_fingerprint=submission.fingerprint,
    )
    return Status(201, dialogue)


@router.get(
    "/democracy/staff-dialogues/compliance",
    response={200: DialogueComplianceOut, **ERRORS},
    summary="Cơ quan chưa đối thoại với cán bộ, công chức trong năm",
)
def dialogue_compliance(request: HttpRequest, filters: Query[ComplianceFilter]) -> Any:
    unit, year = compliance_scope(request.user, filters.unit, filters.year)
    report = staff_dialogue_compliance(unit=unit, year=year)
    return {
        "unit": _unit_ref(report.unit),
        "year": report.year,
        "required": report.required,
        "rule_basis": report.rule_basis,
        "bodies_total": len(report.bodies),
        "bodies_missing": len(report.missing),
        "bodies": [
            {
                "organization": {
                    "id": row.organization.pk,
                    "name": row.organization.name,
                    "kind": row.organization.kind.code,
                    "unit_id": row.organization.unit_id,
                },
                "unit": _unit_ref(row.organization.unit),
                "held": row.held,
                "required": row.required,
                "ok": row.ok,
            }
            for row in report.bodies
        ],
    }


@router.get(
    "/democracy/staff-dialogues/{int:dialogue_id}",
    response={200: DialogueOut, **ERRORS},
    summary="Một buổi đối thoại với cán bộ",
)
def dialogue_detail(request: HttpRequest, dialogue_id: int) -> Any:
    return access.access_staff_dialogue(request.user, dialogue_id)


@router.put(
    "/democracy/staff-dialogues/{int:dialogue_id}",
    response={200: DialogueOut, **ERRORS},
    summary="Sửa buổi đối thoại với cán bộ",
)
def dialogue_edit(request: HttpRequest, dialogue_id: int, payload: DialogueEditIn) -> Any:
    dialogue = access.access_staff_dialogue(request.user, dialogue_id, for_write=True)
    return services.staff_dialogue_edit(actor=request.user, dialogue=dialogue, **payload.dict())


@router.get(
    "/democracy/staff-dialogues/{int:dialogue_id}/questions",
    response={200: list[QuestionOut], **ERRORS},
    summary="Ý kiến, kiến nghị nêu tại buổi đối thoại với cán bộ",
)
def dialogue_questions(request: HttpRequest, dialogue_id: int) -> Any:
    return _questions(access.access_staff_dialogue(request.user, dialogue_id))


@router.post(
    "/democracy/staff-dialogues/{int:dialogue_id}/questions",
    response={200: list[QuestionOut], 201: list[QuestionOut], **ERRORS},
    summary="Ghi nhiều ý kiến nêu tại buổi đối thoại với cán bộ (mỗi ý kiến được theo dõi trả lời)",
    description="Ghi tất cả hoặc không ghi ý kiến nào; lỗi nêu rõ dòng (`questions.<n>.<trường>`). Gửi lại cùng "
    "tiêu đề `Idempotency-Key` trả về các ý kiến đã ghi (200).",
)
def dialogue_questions_create(request: HttpRequest, dialogue_id: int, payload: QuestionsIn) -> Any:
    dialogue = access.access_staff_dialogue(request.user, dialogue_id, for_write=True)
    return _raise(request, dialogue, payload, "democracy.staff_dialogue.questions")


# --- Electoral areas -------------------------------------------------------------------------------------------


@router.get("/democracy/electoral-areas", response=list[AreaOut], summary="Đơn vị bầu cử đại biểu HĐND")
@paginate
def area_list(request: HttpRequest, filters: Query[AreaFilter]) -> QuerySet[ElectoralArea]:
    areas = access.electoral_areas_visible_to(request.user).select_related("unit").prefetch_related("units")
    if filters.unit is not None:
        areas = areas.filter(subtree_q(access.access_unit_for_read(request.user, filters.unit)))
    return areas.order_by("council_level", "unit_path", "number", "id")


def _covered(unit_ids: list[int]) -> list[AdministrativeUnit]:
    found = {u.pk: u for u in AdministrativeUnit.objects.filter(pk__in=set(unit_ids))}
    missing = [pk for pk in unit_ids if pk not in found]
    if missing:
        raise DomainError(
            "unknown_unit",
            "Không tìm thấy đơn vị được chọn.",
            status=422,
            fields={"unit_ids": ["Không tìm thấy đơn vị được chọn."]},
        )
    return list(found.values())


@router.post(
    "/democracy/electoral-areas",
    response={200: AreaOut, 201: AreaOut, **ERRORS},
    summary="Ghi đơn vị bầu cử của HĐND xã hoặc tỉnh",
    description="Gửi lại cùng tiêu đề `Idempotency-Key` trả về đơn vị bầu cử đã ghi (200).",
)
def area_create(request: HttpRequest, payload: AreaIn) -> Any:
    unit = access.access_area_unit_for_write(request.user, payload.unit_id)
    submission = api_submission(request, ElectoralArea, "democracy.electoral_area", payload)
    if submission.existing is not None:
        return Status(200, access.access_electoral_area(request.user, submission.existing.pk))
    area = services.electoral_area_create(
        actor=request.user,
        unit=unit,
        number=payload.number,
        name=payload.name,
        term=payload.term,
        units=_covered(payload.unit_ids),
        deputies=payload.deputy_text(),
        submission_key=submission.key,
        submission_fingerprint=submission.fingerprint,
    )
    return Status(201, area)


@router.get("/democracy/electoral-areas/{int:area_id}", response={200: AreaOut, **ERRORS}, summary="Một đơn vị bầu cử")
def area_detail(request: HttpRequest, area_id: int) -> Any:
    return access.access_electoral_area(request.user, area_id)


@router.put("/democracy/electoral-areas/{int:area_id}", response={200: AreaOut, **ERRORS}, summary="Sửa đơn vị bầu cử")
def area_edit(request: HttpRequest, area_id: int, payload: AreaEditIn) -> Any:
    area = access.access_electoral_area(request.user, area_id, for_write=True)
    return services.electoral_area_edit(
        actor=request.user,
        area=area,
        expected_version=payload.expected_version,
        number=payload.number,
        name=payload.name,
        term=payload.term,
        units=_covered(payload.unit_ids),
        deputies=payload.deputy_text(),
    )


# --- Voter contacts --------------------------------------------------------------------------------------------


@router.get("/democracy/voter-contacts", response=list[ContactOut], summary="Tiếp xúc cử tri của đại biểu HĐND")
@paginate
def contact_list(request: HttpRequest, filters: Query[ContactFilter]) -> QuerySet[VoterContact]:
    contacts = access.voter_contacts_visible_to(request.user).select_related("unit", "area")
    if filters.unit is not None:
        contacts = contacts.filter(subtree_q(access.access_unit_for_read(request.user, filters.unit)))
    if filters.area is not None:
        contacts = contacts.filter(area_id=filters.area)
    if filters.timing:
        contacts = contacts.filter(timing=filters.timing)
    if filters.status:
        contacts = contacts.filter(status=filters.status)
    if filters.year:
        contacts = contacts.filter(held_on__year=filters.year)
    return contacts.order_by("-held_on", "-id")


@router.post(
    "/democracy/voter-contacts",
    response={200: ContactOut, 201: ContactOut, **ERRORS},
    summary="Lên lịch tiếp xúc cử tri trước hoặc sau kỳ họp HĐND",
    description="Tại một xã, phường thuộc địa bàn đơn vị bầu cử. Gửi lại cùng tiêu đề `Idempotency-Key` trả về "
    "buổi tiếp xúc đã ghi (200).",
)
def contact_create(request: HttpRequest, payload: ContactIn) -> Any:
    area = access.access_electoral_area(request.user, payload.area_id)
    unit = access.access_contact_unit_for_write(request.user, payload.unit_id)
    submission = api_submission(request, VoterContact, "democracy.voter_contact", payload)
    if submission.existing is not None:
        return Status(200, access.access_voter_contact(request.user, submission.existing.pk))
    contact = services.voter_contact_schedule(
        actor=request.user,
        area=area,
        unit=unit,
        session_name=payload.session_name,
        timing=payload.timing,
        session_on=payload.session_on,
        held_on=payload.held_on,
        place=payload.place,
        submission_key=submission.key,
        submission_fingerprint=submission.fingerprint,
    )
    return Status(201, contact)


@router.get(
    "/democracy/voter-contacts/{int:contact_id}", response={200: ContactOut, **ERRORS}, summary="Một buổi tiếp xúc"
)
def contact_detail(request: HttpRequest, contact_id: int) -> Any:
    return access.access_voter_contact(request.user, contact_id)


@router.get(
    "/democracy/voter-contacts/{int:contact_id}/recommendations.docx",
    response={200: None, **ERRORS},
    summary="Tổng hợp ý kiến, kiến nghị của cử tri và kết quả trả lời, DOCX",
    description="Chỉ cho buổi tiếp xúc đã tổ chức; chưa tổ chức hoặc đã hủy trả về 409 `not_held`.",
)
def contact_docx(request: HttpRequest, contact_id: int) -> HttpResponse:
    return contact_documents.recommendations_response(access.access_voter_contact(request.user, contact_id))


@router.get(
    "/democracy/voter-contacts/{int:contact_id}/session-recommendations.docx",
    response={200: None, **ERRORS},
    summary="Tổng hợp ý kiến, kiến nghị của cử tri cả kỳ họp và kết quả trả lời, DOCX",
    description="Mọi buổi tiếp xúc đã tổ chức (mà cán bộ được xem) của cùng kỳ họp, cùng HĐND, cùng thời điểm "
    "trước/sau với buổi tiếp xúc này.",
)
def contact_session_docx(request: HttpRequest, contact_id: int) -> HttpResponse:
    contact = access.access_voter_contact(request.user, contact_id)
    return contact_documents.session_response(contact, access.voter_contacts_visible_to(request.user))


@router.post(
    "/democracy/voter-contacts/{int:contact_id}/reschedule",
    response={200: ContactOut, **ERRORS},
    summary="Sửa lịch tiếp xúc cử tri chưa tổ chức",
)
def contact_reschedule(request: HttpRequest, contact_id: int, payload: ContactRescheduleIn) -> Any:
    contact = access.access_voter_contact(request.user, contact_id, for_write=True)
    return services.voter_contact_reschedule(actor=request.user, contact=contact, **payload.dict())


@router.post(
    "/democracy/voter-contacts/{int:contact_id}/record",
    response={200: ContactOut, **ERRORS},
    summary="Ghi kết quả tiếp xúc: đại biểu dự, số cử tri dự",
)
def contact_record(request: HttpRequest, contact_id: int, payload: ContactRecordIn) -> Any:
    contact = access.access_voter_contact(request.user, contact_id, for_write=True)
    return services.voter_contact_record(
        actor=request.user,
        contact=contact,
        expected_version=payload.expected_version,
        voters_attending=payload.voters_attending,
        deputies_present="\n".join(name[:200] for name in payload.deputies_present),
        minutes=payload.minutes,
    )


@router.post(
    "/democracy/voter-contacts/{int:contact_id}/cancel",
    response={200: ContactOut, **ERRORS},
    summary="Hủy buổi tiếp xúc cử tri",
)
def contact_cancel(request: HttpRequest, contact_id: int, payload: ContactCancelIn) -> Any:
    contact = access.access_voter_contact(request.user, contact_id, for_write=True)
    return services.voter_contact_cancel(actor=request.user, contact=contact, **payload.dict())


@router.get(
    "/democracy/voter-contacts/{int:contact_id}/questions",
    response={200: list[QuestionOut], **ERRORS},
    summary="Ý kiến, kiến nghị của cử tri tại buổi tiếp xúc",
)
def contact_questions(request: HttpRequest, contact_id: int) -> Any:
    return _questions(access.access_voter_contact(request.user, contact_id))


@router.post(
    "/democracy/voter-contacts/{int:contact_id}/questions",
    response={200: list[QuestionOut], 201: list[QuestionOut], **ERRORS},
    summary="Ghi nhiều ý kiến cử tri cùng lúc (mỗi ý kiến được theo dõi trả lời)",
    description="Chỉ cho buổi tiếp xúc đã tổ chức (409 `not_held`). Ghi tất cả hoặc không ghi ý kiến nào; lỗi nêu "
    "rõ dòng (`questions.<n>.<trường>`). Gửi lại cùng tiêu đề `Idempotency-Key` trả về các ý kiến đã ghi (200).",
)
def contact_questions_create(request: HttpRequest, contact_id: int, payload: QuestionsIn) -> Any:
    contact = access.access_voter_contact(request.user, contact_id, for_write=True)
    return _raise(request, contact, payload, "democracy.voter_contact.questions")
