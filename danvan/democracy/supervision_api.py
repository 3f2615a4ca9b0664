"""API of Fatherland Front supervision programmes and social-criticism sessions (Luật MTTQ; Luật 97/2025), under
/api/v1/democracy/supervision-programmes… and /api/v1/democracy/supervisions…

Authentication comes from the app router. No ``from __future__ import annotations`` here: django-ninja reads the
annotations at import time. Creations take an ``Idempotency-Key``; changes take the ``expected_version`` the
client read (409 ``stale`` otherwise); a record outside the officer's units is 404. Fixed paths come before paths
with ids.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from danvan.core.schemas import ErrorOut
from danvan.core.subtree import subtree_q
from danvan.core.xlsx import XLSX_CONTENT_TYPE, xlsx_response
from danvan.democracy import access, supervision_documents
from danvan.democracy import supervision_services as services
from danvan.democracy.api_submissions import api_submission
from danvan.democracy.models import Recommendation, Supervision, SupervisionProgramme
from danvan.democracy.service_kit import invalid
from danvan.democracy.supervision_schemas import (
    ProgrammeFilter,
    ProgrammeIn,
    ProgrammeOut,
    ProgrammeUpdateIn,
    SupervisionCancelIn,
    SupervisionFilter,
    SupervisionIn,
    SupervisionOut,
    SupervisionRecommendationIn,
    SupervisionRecommendationOut,
    SupervisionRecordIn,
    SupervisionUpdateIn,
)
from danvan.democracy.supervision_selectors import filter_supervisions, with_recommendation_counts
from danvan.democracy.supervision_views import EXPORT_MAX

router = Router(tags=["democracy"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
XLSX_RESPONSE = {
    "responses": {
        "200": {
            "description": "Tệp Excel (.xlsx).",
            "content": {XLSX_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


def _supervised_org(supervision_unit: Any, organization_id: int, exclude: int) -> Any:
    """The supervised or drafting body: an organization of the commune or its province (422 otherwise)."""
    body = services.answering_organizations(supervision_unit).exclude(pk=exclude).filter(pk=organization_id).first()
    if body is None:
        raise invalid(
            "supervised_org_outside", _("Chọn một cơ quan, tổ chức của xã hoặc của tỉnh."), "supervised_org_id"
        )
    return body


def _filtered(request: HttpRequest, filters: SupervisionFilter) -> QuerySet[Supervision]:
    unit = access.access_unit_for_read(request.user, filters.unit) if filters.unit is not None else None
    return filter_supervisions(
        access.supervisions_visible_to(request.user),
        unit=unit,
        year=filters.year,
        kind=filters.kind,
        status=filters.status,
        organization_id=filters.organization,
        text=filters.q,
    )


# --- Programmes ---------------------------------------------------------------------------------------------------


@router.get(
    "/democracy/supervision-programmes",
    response=list[ProgrammeOut],
    summary="Chương trình giám sát, phản biện xã hội hằng năm",
)
@paginate
def programme_list(request: HttpRequest, filters: Query[ProgrammeFilter]) -> QuerySet[SupervisionProgramme]:
    programmes = access.supervision_programmes_visible_to(request.user).select_related(
        "unit", "organization", "organization__kind"
    )
    if filters.unit is not None:
        programmes = programmes.filter(subtree_q(access.access_unit_for_read(request.user, filters.unit)))
    if filters.year:
        programmes = programmes.filter(year=filters.year)
    if filters.organization:
        programmes = programmes.filter(organization_id=filters.organization)
    return programmes.order_by("-year", "unit_path", "id")


@router.post(
    "/democracy/supervision-programmes",
    response={200: ProgrammeOut, 201: ProgrammeOut, **ERRORS},
    summary="Lập chương trình giám sát, phản biện xã hội của một tổ chức cho một năm",
    description="Tổ chức là Ủy ban MTTQ xã hoặc tổ chức chính trị - xã hội trực thuộc Mặt trận; mỗi tổ chức một "
    "chương trình mỗi năm (409 `programme_exists`). Gửi lại cùng tiêu đề `Idempotency-Key` trả về chương trình đã "
    "lập (200).",
)
def programme_create(request: HttpRequest, payload: ProgrammeIn) -> Any:
    organization = access.access_supervising_organization_for_write(request.user, payload.organization_id)
    submission = api_submission(request, SupervisionProgramme, "democracy.supervision_programme", payload)
    if submission.existing is not None:
        return Status(200, access.access_supervision_programme(request.user, submission.existing.pk))
    programme = services.programme_create(
        actor=request.user,
        organization=organization,
        year=payload.year,
        title=payload.title,
        adopted_on=payload.adopted_on,
        note=payload.note,
        submission_key=submission.key,
        submission_fingerprint=submission.fingerprint,
    )
    return Status(201, programme)


@router.get(
    "/democracy/supervision-programmes/{int:programme_id}",
    response={200: ProgrammeOut, **ERRORS},
    summary="Một chương trình giám sát, phản biện xã hội",
)
def programme_detail(request: HttpRequest, programme_id: int) -> Any:
    return access.access_supervision_programme(request.user, programme_id)


@router.put(
    "/democracy/supervision-programmes/{int:programme_id}",
    response={200: ProgrammeOut, **ERRORS},
    summary="Sửa tên, ngày ban hành, ghi chú của chương trình",
)
def programme_update(request: HttpRequest, programme_id: int, payload: ProgrammeUpdateIn) -> Any:
    programme = access.access_supervision_programme(request.user, programme_id, for_write=True)
    return services.programme_update(actor=request.user, programme=programme, **payload.dict())


@router.post(
    "/democracy/supervision-programmes/{int:programme_id}/supervisions",
    response={200: SupervisionOut, 201: SupervisionOut, **ERRORS},
    summary="Thêm một cuộc giám sát hoặc phản biện xã hội vào chương trình",
    description="Ngày kết thúc không trước ngày bắt đầu; ngày bắt đầu trong năm của chương trình; hình thức: "
    "document_review, field_visit, meeting; phản biện xã hội cần tên dự thảo; kế hoạch giám sát gửi trước ít nhất "
    "số ngày quy định (`supervision.notice_min`). Gửi lại cùng `Idempotency-Key` trả về bản ghi đã tạo (200).",
)
def supervision_create(request: HttpRequest, programme_id: int, payload: SupervisionIn) -> Any:
    programme = access.access_supervision_programme(request.user, programme_id, for_write=True)
    submission = api_submission(request, Supervision, "democracy.supervision", programme_id, payload)
    if submission.existing is not None:
        return Status(200, access.access_supervision(request.user, submission.existing.pk))
    fields = payload.dict()
    body = _supervised_org(programme.unit, fields.pop("supervised_org_id"), programme.organization_id)
    supervision = services.supervision_plan(
        actor=request.user,
        programme=programme,
        supervised_org=body,
        submission_key=submission.key,
        submission_fingerprint=submission.fingerprint,
        **fields,
    )
    return Status(201, supervision)


# --- Supervisions -------------------------------------------------------------------------------------------------


@router.get(
    "/democracy/supervisions",
    response=list[SupervisionOut],
    summary="Các cuộc giám sát, phản biện xã hội",
)
@paginate
def supervision_list(request: HttpRequest, filters: Query[SupervisionFilter]) -> QuerySet[Supervision]:
    """Supervisions and criticism sessions of the officer's units, latest first."""
    return _filtered(request, filters)


@router.get(
    "/democracy/supervisions/export.xlsx",
    summary="Xuất danh sách giám sát, phản biện xã hội (đã lọc) ra Excel",
    description="Tối đa 5.000 dòng, mới nhất trước.",
    response={**ERRORS},
    openapi_extra=XLSX_RESPONSE,
)
def supervision_export(request: HttpRequest, filters: Query[SupervisionFilter]) -> HttpResponse:
    rows = list(with_recommendation_counts(_filtered(request, filters))[:EXPORT_MAX])
    filename = f"giam-sat-phan-bien-{timezone.localdate():%Y%m%d}.xlsx"
    return xlsx_response(supervision_documents.supervisions_xlsx(rows), filename)


@router.get(
    "/democracy/supervisions/{int:supervision_id}",
    response={200: SupervisionOut, **ERRORS},
    summary="Một cuộc giám sát, phản biện xã hội",
)
def supervision_detail(request: HttpRequest, supervision_id: int) -> Any:
    return access.access_supervision(request.user, supervision_id)


@router.put(
    "/democracy/supervisions/{int:supervision_id}",
    response={200: SupervisionOut, **ERRORS},
    summary="Sửa kế hoạch của cuộc giám sát, phản biện chưa thực hiện",
)
def supervision_update(request: HttpRequest, supervision_id: int, payload: SupervisionUpdateIn) -> Any:
    supervision = access.access_supervision(request.user, supervision_id, for_write=True)
    fields = payload.dict()
    programme = supervision.programme
    body = _supervised_org(programme.unit, fields.pop("supervised_org_id"), programme.organization_id)
    return services.supervision_update(actor=request.user, supervision=supervision, supervised_org=body, **fields)


@router.post(
    "/democracy/supervisions/{int:supervision_id}/record",
    response={200: SupervisionOut, **ERRORS},
    summary="Ghi kết quả: ngày thực hiện xong, kết quả giám sát hoặc ý kiến phản biện, kết luận",
)
def supervision_record(request: HttpRequest, supervision_id: int, payload: SupervisionRecordIn) -> Any:
    supervision = access.access_supervision(request.user, supervision_id, for_write=True)
    return services.supervision_record(actor=request.user, supervision=supervision, **payload.dict())


@router.post(
    "/democracy/supervisions/{int:supervision_id}/cancel",
    response={200: SupervisionOut, **ERRORS},
    summary="Hủy cuộc giám sát, phản biện chưa thực hiện",
)
def supervision_cancel(request: HttpRequest, supervision_id: int, payload: SupervisionCancelIn) -> Any:
    supervision = access.access_supervision(request.user, supervision_id, for_write=True)
    return services.supervision_cancel(actor=request.user, supervision=supervision, **payload.dict())


@router.get(
    "/democracy/supervisions/{int:supervision_id}/recommendations",
    response={200: list[SupervisionRecommendationOut], **ERRORS},
    summary="Kiến nghị sau giám sát, ý kiến phản biện (trong sổ theo dõi kiến nghị)",
)
def supervision_recommendations(request: HttpRequest, supervision_id: int) -> Any:
    supervision = access.access_supervision(request.user, supervision_id)
    return Recommendation.objects.for_event(supervision).order_by("raised_on", "id")


@router.post(
    "/democracy/supervisions/{int:supervision_id}/recommendations",
    response={200: SupervisionRecommendationOut, 201: SupervisionRecommendationOut, **ERRORS},
    summary="Gửi một kiến nghị (ý kiến phản biện) đến cơ quan được giám sát (chủ trì soạn thảo)",
    description="Chỉ cho cuộc đã thực hiện (409 `not_done`); hạn trả lời tính theo quy định của nguồn "
    "(`recommendation.answer_days.supervision` / `.social_criticism`). Gửi lại cùng `Idempotency-Key` trả về kiến "
    "nghị đã ghi (200).",
)
def supervision_recommendation_create(
    request: HttpRequest, supervision_id: int, payload: SupervisionRecommendationIn
) -> Any:
    supervision = access.access_supervision(request.user, supervision_id, for_write=True)
    submission = api_submission(
        request, Recommendation, "democracy.supervision_recommendation", supervision_id, payload
    )
    if submission.existing is not None:
        if submission.existing.event_id != supervision.pk:
            raise invalid("key_reused", _("Idempotency-Key đã dùng cho bản ghi khác."), "Idempotency-Key")
        return Status(200, submission.existing)
    item = services.supervision_raise(
        actor=request.user,
        supervision=supervision,
        submission_key=submission.key,
        submission_fingerprint=submission.fingerprint,
        **payload.dict(),
    )
    return Status(201, item)


@router.get(
    "/democracy/supervisions/{int:supervision_id}/plan.docx",
    response={200: None, **ERRORS},
    summary="Kế hoạch giám sát, phản biện xã hội, DOCX",
    description="Cuộc đã hủy trả về 409 `cancelled`.",
)
def supervision_plan_docx(request: HttpRequest, supervision_id: int) -> HttpResponse:
    return supervision_documents.plan_response(access.access_supervision(request.user, supervision_id))


@router.get(
    "/democracy/supervisions/{int:supervision_id}/report.docx",
    response={200: None, **ERRORS},
    summary="Báo cáo kết quả giám sát, phản biện xã hội, DOCX",
    description="Chỉ cho cuộc đã thực hiện; chưa thực hiện hoặc đã hủy trả về 409 `not_done`.",
)
def supervision_report_docx(request: HttpRequest, supervision_id: int) -> HttpResponse:
    return supervision_documents.report_response(access.access_supervision(request.user, supervision_id))
