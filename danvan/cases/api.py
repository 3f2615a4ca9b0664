"""Case engine API: list and filter, receive, the workflow steps, duplicates, the audited denouncer read.

Protected cases come only through ``access.access_case`` (missing and forbidden are the same 404); writes only
through ``services``. No answer but ``GET /cases/{id}/denouncer`` carries the denouncer's identity, and duplicate
suggestions never say "same person" about a denouncer the officer may not read (that alone would tell who it is).
Fixed paths (/cases/fields, /cases/refusal-grounds, /cases/duplicates/probe…) come before /cases/{id}.
"""

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, HeaderEx, P, Query, Router, Status
from ninja.decorators import decorate_view
from ninja.files import UploadedFile
from ninja.pagination import paginate

from danvan.accounts.models import Officer
from danvan.cases import access, duplicates, selectors, services, vault
from danvan.cases.filters import apply_filters, list_rows
from danvan.cases.models import (
    Case,
    CaseKind,
    ComplexityCriterion,
    DenouncerScan,
    Field,
    GroundScope,
    RefusalGround,
)
from danvan.cases.schemas import (
    AssignIn,
    CaseDetailOut,
    CaseFilter,
    CaseIn,
    CaseOut,
    CriterionOut,
    DenouncerOut,
    DismissalIn,
    FieldOut,
    HistoryOut,
    LinkIn,
    LinkOut,
    ProbeIn,
    RefusalGroundOut,
    SecondComplaintIn,
    SuggestionOut,
    TransitionIn,
    link_row,
)
from danvan.core.errors import DomainError
from danvan.core.idempotency import check_same_request, request_fingerprint, submission_key
from danvan.core.models import AdministrativeUnit, Attachment
from danvan.core.pagination import SortedPage
from danvan.core.params import digits_int
from danvan.core.routing import app_router, public
from danvan.core.schemas import ErrorOut
from danvan.core.text import single_line
from danvan.core.uploads import limit_upload_size
from danvan.office.access import access_unit_for_write
from danvan.office.attachment_api import AttachmentOut

router = Router(tags=["cases"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}
IDEMPOTENCY_KEY = HeaderEx[
    str | None,
    P(
        alias="Idempotency-Key",
        max_length=200,
        description="Gửi lại cùng khóa (bấm hai lần, mạng chập chờn) trả về đúng hồ sơ đã tạo.",
    ),
]
SUGGESTION_LIMIT = 10


# --- Helpers ------------------------------------------------------------------------------------------------


def _already_submitted(user: Any, key: str | None, fingerprint: str) -> Case | None:
    """The case made earlier with this key; 422 ``idempotency_mismatch`` when it was made from another body."""
    if key is None:
        return None
    found = Case.objects.filter(submission_key=key).values_list("pk", "submission_fingerprint").first()
    if found is None:
        return None
    case = access.access_case(user, found[0])
    check_same_request(found[1], fingerprint)
    return case


def _field(value: int | str, name: str = "field") -> Field:
    """A field of the pick-list by id or by code; an unknown one is a clear 400."""
    text = str(value).strip()
    found = None
    number = digits_int(text)
    if number is not None:
        found = Field.objects.filter(pk=number, is_active=True).first() if number else None
    elif text:
        found = Field.objects.filter(code=text[:40], is_active=True).first()
    if found is None:
        raise DomainError(
            "invalid_field",
            _("Lĩnh vực không có trong danh mục (xem /cases/fields)."),
            field=name,
        )
    return found


def _refusal_ground(case: Case, code: str | None) -> RefusalGround | None:
    if not code or not code.strip():
        return None
    ground = RefusalGround.objects.filter(code=code.strip()).first()
    if ground is None:
        raise DomainError(
            "invalid_refusal_ground",
            _("Căn cứ không thụ lý “%(code)s” không có trong danh mục (xem /cases/refusal-grounds).")
            % {"code": single_line(code)[:60]},
            field="refusal_ground",
        )
    return ground


def _criteria(codes: list[str] | None) -> list[ComplexityCriterion] | None:
    if codes is None:
        return None
    wanted = list(dict.fromkeys(code.strip() for code in codes if code.strip()))
    found = list(ComplexityCriterion.objects.filter(code__in=wanted))
    missing = sorted(set(wanted) - {criterion.code for criterion in found})
    if missing:
        raise DomainError(
            "invalid_criteria",
            _("Tiêu chí không có trong danh mục (xem /cases/complexity-criteria): %(codes)s.")
            % {"codes": ", ".join(single_line(code)[:60] for code in missing[:5])},
            field="criteria",
        )
    return found


def _target_unit(unit_id: int | None) -> AdministrativeUnit | None:
    """Any unit may receive a transfer (units are public), even one the officer cannot see."""
    if unit_id is None:
        return None
    unit = AdministrativeUnit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise DomainError("invalid_target_unit", _("Đơn vị nhận đơn không tồn tại."), field="target_unit_id")
    return unit


def _transition_input(case: Case, payload: TransitionIn) -> services.TransitionInput:
    return services.TransitionInput(
        note=payload.note,
        document_no=payload.document_no,
        document_date=payload.document_date,
        is_eligible=payload.is_eligible,
        in_jurisdiction=payload.in_jurisdiction,
        refusal_ground=_refusal_ground(case, payload.refusal_ground),
        field=_field(payload.field) if payload.field is not None else None,
        is_multi_party=payload.is_multi_party,
        is_protracted=payload.is_protracted,
        is_remote_area=payload.is_remote_area,
        is_multi_place=payload.is_multi_place,
        criteria=_criteria(payload.criteria),
        target_unit=_target_unit(payload.target_unit_id),
        target_body=payload.target_body,
        outcome=payload.outcome.value if payload.outcome else "",
        resolution_summary=payload.resolution_summary,
    )


def _suggestion_rows(suggestions: list[duplicates.Suggestion]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for suggestion in suggestions:
        candidate = suggestion.case
        rows.append(
            {
                "case_id": candidate.pk,
                "code": candidate.code,
                "kind": candidate.kind,
                "status": candidate.status,
                "unit": candidate.unit,
                "title": candidate.title,
                "received_on": candidate.received_on,
                "score": suggestion.score,
                "text_similarity": round(suggestion.text_similarity, 3),
                "same_person": suggestion.same_person,
                "same_subject": suggestion.same_subject,
                "reasons": suggestion.reasons,
            }
        )
    return rows


# --- Pick-lists (fixed paths first) -------------------------------------------------------------------------


@public(router.get, "/cases/fields", response=list[FieldOut], summary="Lĩnh vực đơn thư")
def field_list(request: HttpRequest) -> object:
    return Field.objects.active()


@public(
    router.get, "/cases/refusal-grounds", response=list[RefusalGroundOut], summary="Căn cứ từ chối tiếp, không thụ lý"
)
def refusal_ground_list(request: HttpRequest, scope: GroundScope | None = None, on: dt.date | None = None) -> object:
    """The grounds in force on ``on`` (today by default) with their legal basis; ``scope`` narrows them."""
    grounds = RefusalGround.objects.in_force(on or timezone.localdate())
    if scope is not None:
        grounds = grounds.filter(scope=scope)
    return grounds


@public(router.get, "/cases/complexity-criteria", response=list[CriterionOut], summary="Tiêu chí vụ việc phức tạp")
def criterion_list(request: HttpRequest, kind: CaseKind | None = None, on: dt.date | None = None) -> object:
    criteria = ComplexityCriterion.objects.in_force(on or timezone.localdate())
    if kind is not None:
        criteria = criteria.filter(kind=kind)
    return criteria


@router.post(
    "/cases/duplicates/probe",
    response={200: list[SuggestionOut], 403: ErrorOut, 422: ErrorOut},
    summary="Đơn có thể trùng (khi tiếp nhận, trước khi lưu)",
)
def duplicate_probe(request: HttpRequest, payload: ProbeIn) -> object:
    """Likely duplicates of a petition being received, within the officer's units, best first."""
    scope = access.duplicate_probe_scope(request.user)
    if scope.is_empty:
        raise DomainError("forbidden", _("Chỉ cán bộ tiếp nhận đơn mới dò đơn trùng."), status=403)
    probe = duplicates.Probe(
        title=payload.title,
        summary=payload.summary,
        subject_party=payload.subject_party,
        person_keys=[vault.person_key(person.full_name, person.id_number) for person in payload.people],
    )
    return _suggestion_rows(duplicates.suggest(probe, scope=scope, viewer=request.user, limit=SUGGESTION_LIMIT))


# --- Cases --------------------------------------------------------------------------------------------------


@router.get("/cases", response=list[CaseOut], summary="Danh sách đơn thư, vụ việc")
@paginate(SortedPage)
def case_list(request: HttpRequest, filters: Query[CaseFilter]) -> object:
    """Cases of the officer's units, filtered as on the list page; never the denouncer."""
    return list_rows(apply_filters(access.cases_visible_to(request.user), **filters.values()))


@router.post(
    "/cases",
    response={200: CaseDetailOut, 201: CaseDetailOut, **ERRORS, 422: ErrorOut},
    summary="Tiếp nhận đơn",
)
def case_create(request: HttpRequest, payload: CaseIn, idempotency_key: IDEMPOTENCY_KEY = None) -> object:
    """Receive a petition at ``unit_id``; a repeated ``Idempotency-Key`` answers 200 with the case made first."""
    key = submission_key(request.user, idempotency_key, payload.submission_key)
    fingerprint = request_fingerprint("cases.create", payload)
    existing = _already_submitted(request.user, key, fingerprint)
    if existing is not None:
        return Status(200, existing)
    unit = access_unit_for_write(request.user, payload.unit_id)
    denouncer = None
    if payload.denouncer is not None:
        denouncer = vault.DenouncerIdentity(
            people=tuple(vault.DenouncerPerson(**person.model_dump()) for person in payload.denouncer.people),
            note=payload.denouncer.note,
        )
    case = services.case_receive(
        actor=request.user,
        unit=unit,
        kind=payload.kind,
        channel=payload.channel,
        field=_field(payload.field),
        title=payload.title,
        summary=payload.summary,
        received_on=payload.received_on,
        people=[services.PersonIn(**person.model_dump()) for person in payload.people],
        persons_count=payload.persons_count,
        denouncer=denouncer,
        is_anonymous=payload.is_anonymous,
        complaint_round=payload.complaint_round,
        is_discipline=payload.is_discipline,
        subject_party=payload.subject_party,
        event_known_on=payload.event_known_on,
        late_filing_reason=payload.late_filing_reason,
        is_remote_area=payload.is_remote_area,
        is_multi_place=payload.is_multi_place,
        submission_key=key,
        submission_fingerprint=fingerprint,
    )
    return Status(200 if case.replayed else 201, case)  # 200: a twin request with the key saved it first


@router.get("/cases/{int:case_id}", response={200: CaseDetailOut, **ERRORS}, summary="Một hồ sơ")
def case_detail(request: HttpRequest, case_id: int) -> object:
    return access.access_case(request.user, case_id)


@router.post(
    "/cases/{int:case_id}/transitions",
    response={200: CaseDetailOut, **ERRORS, 422: ErrorOut},
    summary="Chuyển bước (phân loại, thụ lý, chuyển đơn, xác minh, gia hạn, giải quyết…)",
)
def case_transition(request: HttpRequest, case_id: int, payload: TransitionIn) -> object:
    """One step of ``workflow.TRANSITIONS``; 409 ``stale`` when ``expected_version`` is old, 409
    ``invalid_transition`` when the case is not at a step that allows it."""
    case = access.access_case(request.user, case_id)
    return services.case_transition(
        actor=request.user,
        case=case,
        action=payload.action,
        data=_transition_input(case, payload),
        expected_version=payload.expected_version,
    )


@router.post(
    "/cases/{int:case_id}/assign",
    response={200: CaseDetailOut, **ERRORS, 422: ErrorOut},
    summary="Phân công cán bộ xử lý",
)
def case_assign(request: HttpRequest, case_id: int, payload: AssignIn) -> object:
    case = access.access_case(request.user, case_id)
    if not access.can_assign(request.user, case):
        raise DomainError("forbidden", _("Chỉ lãnh đạo đơn vị mới phân công cán bộ xử lý."), status=403)
    assignee = Officer.objects.filter(pk=payload.assignee_id, is_active=True).first()
    if assignee is None:
        raise DomainError(
            "assignee_out_of_unit",
            _("Cán bộ xử lý phải thuộc đơn vị có hồ sơ."),
            field="assignee_id",
        )
    return services.case_assign(
        actor=request.user, case=case, assignee=assignee, expected_version=payload.expected_version
    )


@router.post(
    "/cases/{int:case_id}/second-complaint",
    response={200: CaseDetailOut, 201: CaseDetailOut, **ERRORS, 422: ErrorOut},
    summary="Khiếu nại lần hai",
)
def case_second_complaint(
    request: HttpRequest, case_id: int, payload: SecondComplaintIn, idempotency_key: IDEMPOTENCY_KEY = None
) -> object:
    """A round-2 complaint at ``unit_id`` on this first complaint, linked to it (Luật Khiếu nại Art. 33)."""
    first = access.access_case(request.user, case_id)
    key = submission_key(request.user, idempotency_key, payload.submission_key)
    fingerprint = request_fingerprint("cases.second_complaint", case_id, payload)
    existing = _already_submitted(request.user, key, fingerprint)
    if existing is not None:
        return Status(200, existing)
    unit = access_unit_for_write(request.user, payload.unit_id)
    second = services.case_open_second_complaint(
        actor=request.user,
        first=first,
        unit=unit,
        received_on=payload.received_on,
        summary=payload.summary,
        decision_received_on=payload.decision_received_on,
        event_known_on=payload.event_known_on,
        late_filing_reason=payload.late_filing_reason,
        submission_key=key,
        submission_fingerprint=fingerprint,
    )
    return Status(201, second)


@router.get(
    "/cases/{int:case_id}/history",
    response={200: list[HistoryOut], 404: ErrorOut},
    summary="Lịch sử xử lý (chung cho các hồ sơ liên kết)",
)
@paginate
def case_history(request: HttpRequest, case_id: int) -> object:
    return selectors.case_history(access.access_case(request.user, case_id))


@router.get(
    "/cases/{int:case_id}/duplicates",
    response={200: list[SuggestionOut], 404: ErrorOut},
    summary="Hồ sơ có thể trùng",
)
def case_duplicates(request: HttpRequest, case_id: int) -> object:
    case = access.access_case(request.user, case_id)
    return _suggestion_rows(selectors.duplicate_suggestions(request.user, case, limit=SUGGESTION_LIMIT))


@router.post(
    "/cases/{int:case_id}/links",
    response={201: LinkOut, **ERRORS, 422: ErrorOut},
    summary="Liên kết hồ sơ trùng",
)
def case_link(request: HttpRequest, case_id: int, payload: LinkIn) -> object:
    """``other_id`` is a case the officer can open, not this one (``selectors.duplicate_target``)."""
    case = access.access_case(request.user, case_id)
    other = selectors.duplicate_target(request.user, case, payload.other_id)
    link = services.case_link_duplicate(
        actor=request.user, case=case, other=other, score=payload.score, note=payload.note
    )
    return Status(201, link_row(link, case))


@router.post(
    "/cases/{int:case_id}/dismissals",
    response={204: None, **ERRORS, 422: ErrorOut},
    summary="Không phải hồ sơ trùng",
)
def case_dismiss_duplicate(request: HttpRequest, case_id: int, payload: DismissalIn) -> object:
    """The pair is not suggested again. ``other_id`` is a case the officer can open, not this one
    (``selectors.duplicate_target``)."""
    case = access.access_case(request.user, case_id)
    other = selectors.duplicate_target(request.user, case, payload.other_id)
    services.duplicate_dismiss(actor=request.user, case=case, other=other)
    return Status(204, None)


@router.get(
    "/cases/{int:case_id}/denouncer",
    response={200: DenouncerOut, 404: ErrorOut},
    summary="Người tố cáo (bảo mật, ghi nhật ký)",
)
def case_denouncer(request: HttpRequest, case_id: int, response: HttpResponse) -> object:
    """Only the assigned handler and the accepting leader; anyone else gets the 404 of a missing case.
    Every read is audited; the answer must not be cached."""
    case = access.access_case(request.user, case_id)
    if case.kind != CaseKind.DENUNCIATION or not access.can_read_denouncer(request.user, case):
        raise Http404
    identity = services.denouncer_read(actor=request.user, case=case)
    response["Cache-Control"] = "private, no-store"
    return {
        "people": [person.__dict__ for person in identity.people],
        "note": identity.note,
        "scans": DenouncerScan.objects.filter(denouncer__case=case).count(),
    }


@router.post(
    "/cases/{int:case_id}/attachments",
    response={
        201: AttachmentOut,
        400: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        413: ErrorOut,
        415: ErrorOut,
        422: ErrorOut,
    },
    summary="Đính kèm văn bản vào hồ sơ",
    description="PDF, DOCX, XLSX hoặc ảnh; loại tệp xác định theo nội dung.",
)
@decorate_view(limit_upload_size(api=True))
def case_attachment_create(request: HttpRequest, case_id: int, file: File[UploadedFile]) -> object:
    case = access.access_case(request.user, case_id)
    return Status(201, services.case_attach(actor=request.user, case=case, upload=file))


@router.get(
    "/cases/{int:case_id}/attachments",
    response={200: list[AttachmentOut], 404: ErrorOut},
    summary="Tệp đính kèm của hồ sơ",
)
@paginate
def case_attachment_list(request: HttpRequest, case_id: int) -> object:
    case = access.access_case(request.user, case_id)
    return Attachment.objects.filter(object_type=services.CASE_OBJECT_TYPE, object_id=str(case.pk)).order_by("id")


# The app's one router (core.routing): fixed paths (/cases/statistics, /cases/{id}/notices…) before /cases/{id}.
def _api_router() -> Router:
    from danvan.cases import notice_api, statistics_api

    return app_router(statistics_api.router, notice_api.router, router)


api_router = _api_router()
