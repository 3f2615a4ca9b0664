"""API of consultations (tham gia ý kiến, Art. 25–28): /api/v1/democracy/consultations… for officers, and the
public list, detail and opinion form under /api/v1/democracy/public/consultations… (rate-limited, no login)."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from danvan.core.errors import DomainError
from danvan.core.ratelimit import check_request
from danvan.core.routing import public
from danvan.core.schemas import ErrorOut
from danvan.democracy import access, consultation_audit_text  # noqa: F401  (the audit entries' words)
from danvan.democracy.api_submissions import api_submission
from danvan.democracy.consultation_schemas import (
    ConsultationDetailOut,
    ConsultationFilter,
    ConsultationIn,
    ConsultationOut,
    ConsultationUpdateIn,
    DecisionIn,
    OpinionIn,
    OpinionOut,
    PickOut,
    PublicConsultationOut,
    PublicOpinionIn,
    VersionIn,
)
from danvan.democracy.consultation_selectors import consultation_list, consultation_tally, public_consultations
from danvan.democracy.consultation_services import (
    consultation_create,
    consultation_decide,
    consultation_publish,
    consultation_update,
    earliest_close,
    opinion_record,
    opinion_submit_public,
)
from danvan.democracy.models import Consultation, ConsultationChannel, ConsultationItem, Opinion

router = Router(tags=["democracy"])
ERRORS = {400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
PUBLIC_ERRORS = {404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut}
OPINION_LIMIT = 5  # opinions a visitor may send …
OPINION_WINDOW = 600  # … in this many seconds


def _item(code: str) -> ConsultationItem:
    item = ConsultationItem.objects.in_force(timezone.localdate()).filter(code=code).first()
    if item is None:
        raise DomainError("invalid_item", _("Nội dung lấy ý kiến không hợp lệ."), field="item", status=422)
    return item


def _channels(codes: list[str]) -> list[ConsultationChannel]:
    channels = list(ConsultationChannel.objects.in_force(timezone.localdate()).filter(code__in=codes))
    if len(channels) != len(set(codes)):
        raise DomainError(
            "invalid_channels",
            _("Hình thức lấy ý kiến không hợp lệ."),
            field="channels",
            status=422,
        )
    return channels


def consultation_detail_out(consultation: Consultation) -> dict[str, Any]:
    tally = consultation_tally(consultation)
    return {
        "id": consultation.pk,
        "unit_id": consultation.unit_id,
        "unit_name": consultation.unit.name,
        "item": consultation.item.code,
        "title": consultation.title,
        "authority": consultation.authority,
        "opens_on": consultation.opens_on,
        "closes_on": consultation.closes_on,
        "status": consultation.status,
        "version": consultation.version,
        "description": consultation.description,
        "channels": list(consultation.channels.order_by("sort_order").values_list("code", flat=True)),
        "draft_id": consultation.draft_id,
        "summary": consultation.summary,
        "decision": consultation.decision,
        "decided_on": consultation.decided_on,
        "adopts_draft": consultation.adopts_draft,
        "against_majority": consultation.against_majority,
        "explanation": consultation.explanation,
        "earliest_close": earliest_close(consultation.opens_on)[0],
        "tally": {
            "opinions": tally.opinions,
            "people": tally.people,
            "agree": tally.agree,
            "disagree": tally.disagree,
            "other": tally.other,
            "majority": tally.majority,
        },
    }


def public_consultation_out(consultation: Consultation) -> dict[str, Any]:
    """What citizens see: never an opinion's author nor an officer."""
    today = timezone.localdate()
    decided = consultation.status == "decided"
    return {
        "id": consultation.pk,
        "commune": consultation.unit.name,
        "item": consultation.item.name,
        "title": consultation.title,
        "description": consultation.description,
        "authority": consultation.authority,
        "opens_on": consultation.opens_on,
        "closes_on": consultation.closes_on,
        "days_left": max(0, (consultation.closes_on - today).days + 1) if consultation.opens_on <= today else 0,
        "is_open": consultation.status == "open" and consultation.opens_on <= today <= consultation.closes_on,
        "has_draft": consultation.draft_id is not None,
        "summary": consultation.summary if decided else "",
        "decision": consultation.decision if decided else "",
        "explanation": consultation.explanation if decided else "",
        "against_majority": consultation.against_majority if decided else False,
    }


@public(router.get, "/democracy/consultation-items", response=list[PickOut], summary="Nội dung lấy ý kiến (Điều 25)")
def consultation_item_list(request: HttpRequest) -> Any:
    return ConsultationItem.objects.in_force(timezone.localdate())


@public(
    router.get, "/democracy/consultation-channels", response=list[PickOut], summary="Hình thức lấy ý kiến (Điều 26)"
)
def consultation_channel_list(request: HttpRequest) -> Any:
    return ConsultationChannel.objects.in_force(timezone.localdate())


@public(
    router.get,
    "/democracy/public/consultations",
    response=list[PublicConsultationOut],
    summary="Các dự thảo đang và đã lấy ý kiến Nhân dân (công khai)",
)
@paginate
def public_consultation_list(request: HttpRequest, commune: int | None = None) -> Any:
    consultations = public_consultations()
    if commune is not None:
        consultations = consultations.filter(unit_id=commune)
    return [public_consultation_out(c) for c in consultations[:500]]


@public(
    router.get,
    "/democracy/public/consultations/{int:consultation_id}",
    response={200: PublicConsultationOut, 404: ErrorOut},
    summary="Một dự thảo lấy ý kiến (công khai)",
)
def public_consultation_detail(request: HttpRequest, consultation_id: int) -> Any:
    return public_consultation_out(access.access_public_consultation(consultation_id))


@public(
    router.post,
    "/democracy/public/consultations/{int:consultation_id}/opinions",
    response={201: ErrorOut, **PUBLIC_ERRORS},
    summary="Gửi ý kiến góp ý (không cần đăng nhập; giới hạn số lần gửi)",
)
def public_opinion_submit(request: HttpRequest, consultation_id: int, payload: PublicOpinionIn) -> Any:
    check_request(request, "democracy.opinion", limit=OPINION_LIMIT, per_seconds=OPINION_WINDOW)
    consultation = access.access_public_consultation(consultation_id)
    opinion_submit_public(
        consultation=consultation, stance=payload.stance, content=payload.content, author_name=payload.author_name
    )
    return Status(201, {"code": "received", "message": _("Đã nhận ý kiến của bạn. Cảm ơn bạn đã góp ý.")})


@router.get("/democracy/consultations", response=list[ConsultationOut], summary="Các đợt lấy ý kiến Nhân dân")
@paginate
def consultation_list_api(request: HttpRequest, filters: Query[ConsultationFilter]) -> Any:
    unit = access.access_unit_for_read(request.user, filters.unit) if filters.unit else None
    return consultation_list(request.user, unit=unit, status=filters.status, q=filters.q)


@router.post(
    "/democracy/consultations",
    response={200: ConsultationDetailOut, 201: ConsultationDetailOut, **ERRORS},
    summary="Lập đợt lấy ý kiến (dự thảo, chưa công bố)",
    description="Thời gian lấy ý kiến ít nhất theo quy định consultation.open_min (20 ngày). Gửi lại cùng tiêu đề "
    "`Idempotency-Key` trả về đợt đã lập (200).",
)
def consultation_create_api(request: HttpRequest, payload: ConsultationIn) -> Any:
    commune = access.access_commune_for_write(request.user, payload.unit_id)
    submission = api_submission(request, Consultation, "democracy.consultation", payload)
    if submission.existing is not None:
        return Status(200, consultation_detail_out(access.access_consultation(request.user, submission.existing.pk)))
    consultation = consultation_create(
        actor=request.user,
        commune=commune,
        item=_item(payload.item),
        title=payload.title,
        description=payload.description,
        authority=payload.authority,
        channels=_channels(payload.channels),
        opens_on=payload.opens_on,
        closes_on=payload.closes_on,
        submission_key=submission.key,
        submission_fingerprint=submission.fingerprint,
    )
    return Status(201, consultation_detail_out(consultation))


@router.get(
    "/democracy/consultations/{int:consultation_id}",
    response={200: ConsultationDetailOut, **ERRORS},
    summary="Một đợt lấy ý kiến",
)
def consultation_detail_api(request: HttpRequest, consultation_id: int) -> Any:
    return consultation_detail_out(access.access_consultation(request.user, consultation_id))


@router.put(
    "/democracy/consultations/{int:consultation_id}",
    response={200: ConsultationDetailOut, **ERRORS},
    summary="Sửa đợt lấy ý kiến (trước khi có quyết định)",
)
def consultation_update_api(request: HttpRequest, consultation_id: int, payload: ConsultationUpdateIn) -> Any:
    consultation = access.access_consultation(request.user, consultation_id, for_write=True)
    if payload.unit_id != consultation.unit_id:
        raise DomainError(
            "unit_fixed",
            _("Không đổi được xã của đợt lấy ý kiến."),
            fields={"unit_id": [_("Không đổi được.")]},
            status=422,
        )
    consultation = consultation_update(
        actor=request.user,
        consultation=consultation,
        item=_item(payload.item),
        title=payload.title,
        description=payload.description,
        authority=payload.authority,
        channels=_channels(payload.channels),
        opens_on=payload.opens_on,
        closes_on=payload.closes_on,
        expected_version=payload.expected_version,
    )
    return consultation_detail_out(consultation)


@router.post(
    "/democracy/consultations/{int:consultation_id}/publish",
    response={200: ConsultationDetailOut, **ERRORS},
    summary="Công bố dự thảo, bắt đầu lấy ý kiến",
)
def consultation_publish_api(request: HttpRequest, consultation_id: int, payload: VersionIn) -> Any:
    consultation = access.access_consultation(request.user, consultation_id, for_write=True)
    consultation = consultation_publish(
        actor=request.user, consultation=consultation, expected_version=payload.expected_version
    )
    return consultation_detail_out(consultation)


@router.get(
    "/democracy/consultations/{int:consultation_id}/opinions",
    response={200: list[OpinionOut], **ERRORS},
    summary="Các ý kiến đã nhận",
)
@paginate
def opinion_list_api(request: HttpRequest, consultation_id: int) -> Any:
    consultation = access.access_consultation(request.user, consultation_id)
    return Opinion.objects.filter(consultation=consultation).order_by("-received_on", "-id")


@router.post(
    "/democracy/consultations/{int:consultation_id}/opinions",
    response={200: OpinionOut, 201: OpinionOut, **ERRORS},
    summary="Ghi ý kiến nhận được (hội nghị có số người, thư, hòm thư…)",
)
def opinion_create_api(request: HttpRequest, consultation_id: int, payload: OpinionIn) -> Any:
    consultation = access.access_consultation(request.user, consultation_id, for_write=True)
    submission = api_submission(
        request, Opinion, "democracy.opinion", consultation_id, payload, within={"consultation": consultation}
    )
    if submission.existing is not None:
        return Status(200, submission.existing)
    opinion = opinion_record(
        actor=request.user,
        consultation=consultation,
        source=payload.source,
        stance=payload.stance,
        people=payload.people,
        author_name=payload.author_name,
        content=payload.content,
        received_on=payload.received_on,
        submission_key=submission.key,
        submission_fingerprint=submission.fingerprint,
    )
    return Status(201, opinion)


@router.post(
    "/democracy/consultations/{int:consultation_id}/decision",
    response={200: ConsultationDetailOut, **ERRORS},
    summary="Ghi quyết định, tổng hợp và giải trình (công khai)",
)
def consultation_decide_api(request: HttpRequest, consultation_id: int, payload: DecisionIn) -> Any:
    consultation = access.access_consultation(request.user, consultation_id, for_write=True)
    consultation = consultation_decide(
        actor=request.user,
        consultation=consultation,
        summary=payload.summary,
        decision=payload.decision,
        adopts_draft=payload.adopts_draft,
        decided_on=payload.decided_on,
        explanation=payload.explanation,
        expected_version=payload.expected_version,
    )
    return consultation_detail_out(consultation)
