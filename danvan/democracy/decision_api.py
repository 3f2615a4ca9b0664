"""API of community decisions (dân bàn và quyết định, Art. 15–22): /api/v1/democracy/…

Lists are paginated; creates take an ``Idempotency-Key``; writes take ``expected_version`` (409 ``stale``);
refusals answer ``{"code","message","fields"}`` (422 for bad input, 409 for conflicts); an officer of another
commune gets 404 for everything. Two operations are public: the receipt check (whether a ballot is counted, never
how the household voted; rate-limited) and the list of the results a commune published (figures and result text
only).
"""

from typing import Annotated, Literal

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Header, Query, Router, Status
from ninja.pagination import paginate

from danvan.core.errors import DomainError
from danvan.core.fields import Code
from danvan.core.idempotency import check_same_request, request_fingerprint, submission_key
from danvan.core.models import AdministrativeUnit
from danvan.core.ratelimit import check_request
from danvan.core.routing import public
from danvan.core.schemas import ErrorOut
from danvan.democracy import access, decision_documents, decision_selectors, decision_services
from danvan.democracy.decision_schemas import (
    AnnounceIn,
    BallotCorrectionIn,
    BallotIn,
    BallotOut,
    CloseIn,
    ConsentIn,
    DecisionDetailOut,
    DecisionFilter,
    DecisionIn,
    DecisionOut,
    MatterOut,
    MeetingIn,
    MeetingOut,
    PublicDecisionFilter,
    PublicDecisionOut,
    ReceiptOut,
    RecognitionIn,
    SubmitIn,
    TallyOut,
)
from danvan.democracy.decision_tally import Tally, decision_tally
from danvan.democracy.models import CommunityDecision, DecisionMatter

router = Router(tags=["democracy"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", default=None, max_length=200)]
RECEIPT_LIMIT = 20  # checks per address per 10 minutes: enough for a family, too few to guess codes


def _out(decision: CommunityDecision) -> dict[str, object]:
    found = decision_selectors.decision_detail(decision)
    return {
        **{field: getattr(found, field) for field in DecisionDetailOut.model_fields if hasattr(found, field)},
        "matter": found.matter.code,
        "online_consents": found.online_consent_count,  # type: ignore[attr-defined]
    }


def _list_out(decision: CommunityDecision) -> dict[str, object]:
    return {
        **{field: getattr(decision, field) for field in DecisionOut.model_fields if hasattr(decision, field)},
        "matter": decision.matter.code,
    }


def _tally_out(tally: Tally) -> dict[str, object]:
    return {
        "households": tally.households,
        "voted": tally.voted,
        "agreed": tally.agreed,
        "passed": tally.passed,
        "text": tally.text,
        "villages": [{**vars(v), "absent": v.absent} for v in tally.villages],
    }


def _matter(code: str) -> DecisionMatter:
    matter = DecisionMatter.objects.active().filter(code=code).first()
    if matter is None:
        raise DomainError("invalid_matter", _("Nội dung không hợp lệ (1–6)."), status=422, fields={"matter": ["?"]})
    return matter


@router.get("/democracy/decision-matters", response=list[MatterOut], summary="Sáu nội dung Nhân dân bàn và quyết định")
def matter_list(request: HttpRequest) -> object:
    return DecisionMatter.objects.active()


@router.get("/democracy/decisions", response=list[DecisionOut], summary="Các nội dung bàn và quyết định")
@paginate
def decision_list(request: HttpRequest, filters: Query[DecisionFilter]) -> object:
    decisions = decision_selectors.decision_list(request.user, **filters.dict())
    return [_list_out(decision) for decision in decisions]


@router.post(
    "/democracy/decisions",
    response={200: DecisionDetailOut, 201: DecisionDetailOut, **ERRORS},
    summary="Lập nội dung đưa ra bàn và quyết định",
)
def decision_create(request: HttpRequest, payload: DecisionIn, idempotency_key: IdempotencyKey = None) -> object:
    key = submission_key(request.user, idempotency_key, payload.submission_key)
    fingerprint = request_fingerprint("democracy.decisions.create", payload)
    if key:
        found = CommunityDecision.objects.filter(submission_key=key).values_list("pk", "submission_fingerprint").first()
        if found is not None:
            decision = access.access_decision(request.user, found[0])
            check_same_request(found[1], fingerprint)
            return Status(200, _out(decision))
    commune = access.access_commune_for_write(request.user, payload.unit_id)
    villages = list(AdministrativeUnit.objects.filter(pk__in=payload.village_ids))
    if len(villages) != len(set(payload.village_ids)):
        raise DomainError(
            "invalid_village", _("Thôn, tổ dân phố không tồn tại."), status=422, fields={"village_ids": ["?"]}
        )
    decision = decision_services.decision_create(
        actor=request.user,
        commune=commune,
        matter=_matter(payload.matter),
        scope=payload.scope,
        villages=villages,
        form=payload.form,
        title=payload.title,
        content=payload.content,
        origin=payload.origin,
        proposal_households=payload.proposal_households,
        proposal_collected_on=payload.proposal_collected_on,
        submission_key=key,
        submission_fingerprint=fingerprint,
    )
    return Status(201, _out(decision))


@router.get(
    "/democracy/decisions/{int:decision_id}", response={200: DecisionDetailOut, **ERRORS}, summary="Một nội dung"
)
def decision_detail(request: HttpRequest, decision_id: int) -> object:
    return _out(access.access_decision(request.user, decision_id))


@router.post(
    "/democracy/decisions/{int:decision_id}/announce",
    response={200: DecisionDetailOut, **ERRORS},
    summary="Thông báo lấy ý kiến (ngày, danh sách hộ, tổ phát phiếu)",
)
def decision_announce(request: HttpRequest, decision_id: int, payload: AnnounceIn) -> object:
    decision = access.access_decision(request.user, decision_id, for_write=True)
    return _out(decision_services.decision_announce(actor=request.user, decision=decision, **payload.dict()))


@router.post(
    "/democracy/decisions/{int:decision_id}/online-consents",
    response={200: DecisionDetailOut, **ERRORS},
    summary="Ghi nhận hộ đồng ý biểu quyết trực tuyến",
)
def decision_online_consents(request: HttpRequest, decision_id: int, payload: ConsentIn) -> object:
    decision = access.access_decision(request.user, decision_id, for_write=True)
    decision_services.online_consent_record(
        actor=request.user,
        decision=decision,
        household_ids=payload.household_ids,
        expected_version=payload.expected_version,
    )
    return _out(decision)


@router.get("/democracy/decisions/{int:decision_id}/ballots", response=list[BallotOut], summary="Các phiếu đã ghi")
@paginate
def ballot_list(request: HttpRequest, decision_id: int) -> object:
    decision = access.access_decision(request.user, decision_id, for_write=True)
    return decision.ballots.order_by("id")


@router.post(
    "/democracy/decisions/{int:decision_id}/ballots",
    response={200: BallotOut, 201: BallotOut, **ERRORS},
    summary="Ghi phiếu của một hộ (giấy hoặc trực tuyến)",
)
def ballot_create(
    request: HttpRequest, decision_id: int, payload: BallotIn, idempotency_key: IdempotencyKey = None
) -> object:
    """201 with the ballot recorded; with an ``Idempotency-Key`` already used for this ballot, 200 with the ballot
    the first request recorded (a retry never meets 409 ``second_ballot``)."""
    # One read of the decision: the access check reads it under its row lock, which the ballot keeps.
    with transaction.atomic():
        decision = access.access_decision(request.user, decision_id, for_write=True, lock=True)
        recorded = decision_services.ballot_submit(
            actor=request.user,
            decision=decision,
            decision_locked=True,
            submission_key=submission_key(request.user, idempotency_key),
            submission_fingerprint=request_fingerprint("democracy.ballots.create", decision_id, payload),
            **payload.dict(),
        )
    return Status(200 if recorded.replayed else 201, recorded.ballot)


@router.post(
    "/democracy/decisions/{int:decision_id}/ballots/{int:ballot_id}/correction",
    response={200: BallotOut, **ERRORS},
    summary="Sửa phiếu trước khi kiểm (ghi lý do)",
)
def ballot_correct(request: HttpRequest, decision_id: int, ballot_id: int, payload: BallotCorrectionIn) -> object:
    decision = access.access_decision(request.user, decision_id, for_write=True)
    ballot = access.access_ballot(request.user, decision, ballot_id)
    return decision_services.ballot_correct(actor=request.user, ballot=ballot, **payload.dict())


@router.post(
    "/democracy/decisions/{int:decision_id}/meetings",
    response={201: MeetingOut, **ERRORS},
    summary="Ghi hội nghị của một thôn (có mặt, thủ tục, kết quả)",
)
def meeting_create(request: HttpRequest, decision_id: int, payload: MeetingIn) -> object:
    decision = access.access_decision(request.user, decision_id, for_write=True)
    village = AdministrativeUnit.objects.filter(pk=payload.village_id).first()
    if village is None:
        raise DomainError("invalid_village", _("Thôn không tồn tại."), status=422, fields={"village_id": ["?"]})
    values = payload.dict()
    values.pop("village_id")
    procedural = [decision_services.ProceduralIn(**item) for item in values.pop("procedural")]
    meeting = decision_services.meeting_record(
        actor=request.user, decision=decision, village=village, procedural=procedural, **values
    )
    decision.refresh_from_db(fields=["went_to_ballot"])
    return Status(
        201,
        {
            "id": meeting.pk,
            "village_id": meeting.village_id,
            "cluster": meeting.cluster,
            "held_on": meeting.held_on,
            "present": meeting.attendance.count(),
            "went_to_ballot": decision.went_to_ballot,
        },
    )


@router.get(
    "/democracy/decisions/{int:decision_id}/tally",
    response={200: TallyOut, **ERRORS},
    summary="Kiểm phiếu (tạm tính hoặc chính thức), theo từng thôn",
)
def decision_tally_view(request: HttpRequest, decision_id: int) -> object:
    return _tally_out(decision_tally(access.access_decision(request.user, decision_id)))


@router.post(
    "/democracy/decisions/{int:decision_id}/close",
    response={200: DecisionDetailOut, **ERRORS},
    summary="Kết thúc, kiểm phiếu và lập biên bản",
)
def decision_close(request: HttpRequest, decision_id: int, payload: CloseIn) -> object:
    decision = access.access_decision(request.user, decision_id, for_write=True)
    closed, _tally = decision_services.decision_close(actor=request.user, decision=decision, **payload.dict())
    return _out(closed)


@router.post(
    "/democracy/decisions/{int:decision_id}/submit",
    response={200: DecisionDetailOut, **ERRORS},
    summary="Gửi biên bản về UBND, MTTQ cấp xã",
)
def decision_submit(request: HttpRequest, decision_id: int, payload: SubmitIn) -> object:
    decision = access.access_decision(request.user, decision_id, for_write=True)
    return _out(decision_services.decision_submit(actor=request.user, decision=decision, **payload.dict()))


@router.post(
    "/democracy/decisions/{int:decision_id}/recognition",
    response={200: DecisionDetailOut, **ERRORS},
    summary="Công nhận hoặc không công nhận (có lý do)",
)
def decision_recognize(request: HttpRequest, decision_id: int, payload: RecognitionIn) -> object:
    decision = access.access_decision(request.user, decision_id)
    return _out(decision_services.decision_recognize(actor=request.user, decision=decision, **payload.dict()))


@router.get(
    "/democracy/decisions/{int:decision_id}/record.docx",
    response={200: None, **ERRORS},
    summary="Biên bản kiểm phiếu (Mẫu 02/04) hoặc biên bản bàn và quyết định (Mẫu 03), DOCX",
)
def decision_record_docx(
    request: HttpRequest, decision_id: int, kind: Literal["decision", "count"] = "decision"
) -> HttpResponse:
    decision = access.access_decision(request.user, decision_id)
    return decision_documents.record_response(decision, kind)


@public(
    router.get,
    "/democracy/ballot-receipts/{code}",
    response={200: ReceiptOut, 404: ErrorOut, 429: ErrorOut},
    summary="Kiểm tra biên nhận phiếu (đã được kiểm hay chưa; không bao giờ cho biết ý kiến)",
)
def receipt_check(request: HttpRequest, code: Code) -> object:
    check_request(request, "democracy.receipt", limit=RECEIPT_LIMIT, per_seconds=600)
    found = decision_selectors.receipt_status(code)
    if found is None:
        raise DomainError("not_found", _("Không tìm thấy mã biên nhận này."), status=404)
    return found


PUBLIC_SEARCH_LIMIT = 30  # searches per address per minute


@public(
    router.get,
    "/democracy/public/communes/{int:unit_id}/decisions",
    response={200: list[PublicDecisionOut], 404: ErrorOut, 429: ErrorOut},
    summary="Kết quả bàn và quyết định một xã đã công khai (công dân xem, không cần đăng nhập)",
)
@paginate
def public_decision_list(request: HttpRequest, unit_id: int, filters: Query[PublicDecisionFilter]) -> object:
    commune = AdministrativeUnit.objects.filter(decision_selectors.public_communes_q(), pk=unit_id).first()
    if commune is None:
        raise DomainError("not_found", _("Không tìm thấy xã."), status=404)
    q = filters.q or ""
    if q:
        check_request(request, "democracy.decision_search", limit=PUBLIC_SEARCH_LIMIT, per_seconds=60)
    return decision_selectors.published_decisions(commune, q=q)
