"""Registry API: list and filter, detail, register, transition, evaluate, recognize."""

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from danvan.core.errors import DomainError
from danvan.core.models import Organization
from danvan.core.routing import app_router, public
from danvan.core.schemas import ErrorOut
from danvan.initiatives import access, selectors, services
from danvan.initiatives.models import Evaluation, Field, Initiative, Movement
from danvan.initiatives.schemas import (
    DecisionIn,
    DecisionOut,
    EvaluationOut,
    FieldOut,
    InitiativeDetailOut,
    InitiativeIn,
    InitiativeListFilter,
    InitiativeOut,
    ScoresIn,
    TransitionIn,
)
from danvan.office.access import access_unit_for_write

router = Router(tags=["initiatives"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def _detail(initiative: Initiative) -> Initiative:
    return selectors.initiative_detail(initiative)


@public(router.get, "/initiatives/fields", response=list[FieldOut], summary="Các lĩnh vực")
def field_list(request: HttpRequest) -> object:
    return Field.objects.active()


@router.get("/initiatives", response=list[InitiativeOut], summary="Danh sách mô hình, điển hình")
@paginate
def initiative_list(request: HttpRequest, filters: Query[InitiativeListFilter]) -> object:
    """Initiatives of the officer's units; ``q`` ignores diacritics; ``unit`` keeps its subtree."""
    values = filters.values()
    sort = values.pop("sort", None)
    return selectors.initiative_list(request.user, sort=sort, **values)


@router.get("/initiatives/{int:initiative_id}", response={200: InitiativeDetailOut, **ERRORS}, summary="Một hồ sơ")
def initiative_detail(request: HttpRequest, initiative_id: int) -> object:
    return _detail(access.access_initiative(request.user, initiative_id))


@router.post(
    "/initiatives", response={201: InitiativeDetailOut, **ERRORS, 422: ErrorOut}, summary="Đăng ký mô hình, điển hình"
)
def initiative_create(request: HttpRequest, payload: InitiativeIn) -> object:
    unit = access_unit_for_write(request.user, payload.unit_id)
    organization = Organization.objects.select_related("unit").filter(pk=payload.organization_id).first()
    field = Field.objects.filter(code=payload.field, is_active=True).first()
    if organization is None:
        raise DomainError("invalid_organization", _("Tổ chức không tồn tại."), field="organization_id")
    if field is None:
        raise DomainError("invalid_field", _("Lĩnh vực không hợp lệ."), field="field")
    movement = Movement.objects.filter(pk=payload.movement_id).first() if payload.movement_id else None
    content = {name: getattr(payload, name) for name in services.CONTENT_FIELDS}
    initiative = services.initiative_register(
        actor=request.user,
        unit=unit,
        organization=organization,
        kind=payload.kind,
        name=payload.name,
        field=field,
        level=payload.level,
        year=payload.year,
        honoree_type=payload.honoree_type or "",
        honoree_name=payload.honoree_name,
        movement=movement,
        fundings=[services.FundingLine(f.source, f.amount, f.note) for f in payload.fundings],
        **content,
    )
    return Status(201, _detail(initiative))


@router.post(
    "/initiatives/{int:initiative_id}/transitions",
    response={200: InitiativeDetailOut, **ERRORS},
    summary="Chuyển trạng thái (trình, thực hiện, tự đánh giá, duy trì, dừng…)",
)
def initiative_transition(request: HttpRequest, initiative_id: int, payload: TransitionIn) -> object:
    initiative = access.access_initiative(request.user, initiative_id)
    initiative = services.initiative_transition(
        actor=request.user,
        initiative=initiative,
        action=payload.action,
        reason=payload.reason,
        expected_version=payload.expected_version,
    )
    return _detail(initiative)


@router.put(
    "/initiatives/{int:initiative_id}/scores",
    response={200: EvaluationOut, **ERRORS},
    summary="Thành viên hội đồng chấm điểm",
)
def initiative_score(request: HttpRequest, initiative_id: int, payload: ScoresIn) -> object:
    initiative = access.access_initiative(request.user, initiative_id)
    evaluation = services.evaluation_score(actor=request.user, initiative=initiative, points=payload.points)
    return _evaluation_out(evaluation)


def _evaluation_out(evaluation: Evaluation) -> dict[str, object]:
    members = evaluation.scores.values("evaluator_id").distinct().count()
    return {"average": evaluation.average, "passed": evaluation.passed, "members": members}


@router.post(
    "/initiatives/{int:initiative_id}/evaluation/close",
    response={200: InitiativeDetailOut, **ERRORS},
    summary="Kết thúc chấm điểm",
)
def initiative_evaluation_close(
    request: HttpRequest, initiative_id: int, expected_version: int | None = None
) -> object:
    initiative = access.access_initiative(request.user, initiative_id)
    return _detail(
        services.evaluation_close(actor=request.user, initiative=initiative, expected_version=expected_version)
    )


@router.post("/initiatives/decisions", response={201: DecisionOut, **ERRORS}, summary="Quyết định công nhận")
def decision_create(request: HttpRequest, payload: DecisionIn) -> object:
    organization = Organization.objects.select_related("unit").filter(pk=payload.organization_id).first()
    if organization is None or not access.can_decide_for(request.user, organization):
        raise Http404
    initiatives = [
        (access.access_initiative(request.user, initiative_id), version)
        for initiative_id, version in payload.initiatives.items()
    ]
    decision = services.recognition_decide(
        actor=request.user,
        organization=organization,
        number=payload.number,
        symbol=payload.symbol,
        signed_on=payload.signed_on,
        signer_name=payload.signer_name,
        signer_title=payload.signer_title,
        initiatives=initiatives,
    )
    return Status(
        201,
        {
            "id": decision.pk,
            "number": decision.number,
            "symbol": decision.symbol,
            "signed_on": decision.signed_on,
            "signer_name": decision.signer_name,
            "initiative_ids": [i.pk for i, _v in initiatives],
        },
    )


# The app's one router (core.routing): fixed paths (/initiatives/import, /statistics, /decisions…) before
# /initiatives/{id}.
def _api_router() -> Router:
    from danvan.initiatives import document_api, import_api, statistics_api

    return app_router(import_api.router, statistics_api.router, document_api.router, router)


api_router = _api_router()
