"""API of the recommendation tracker (docs/decisions/0023, docs/democracy/recommendations.md), under
/api/v1/democracy/…

A body's inbox (``GET /democracy/recommendations/inbox/?organization=<id>``, paginated), the waiting list of what
the officer's units raised, one item, its likely duplicates; answer (once, by the addressed body: 403
``not_addressee`` otherwise, 409 ``already_answered`` / ``stale``), one answer for many, transfer (422
``transfer_loop``), the raiser's assessment (close or re-raise), duplicate marks and the public flag. Writes take
``expected_version``; an officer of another commune gets 404. One public operation: a commune's recommendations
raised in public settings (never who raised them)."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate

from danvan.core.errors import DomainError
from danvan.core.models import Organization
from danvan.core.ratelimit import check_request
from danvan.core.routing import public
from danvan.core.schemas import ErrorOut
from danvan.democracy import access
from danvan.democracy import recommendation_selectors as selectors
from danvan.democracy import recommendation_services as services
from danvan.democracy.models import Recommendation
from danvan.democracy.recommendation_duplicates import likely_duplicates
from danvan.democracy.recommendation_schemas import (
    AnswerIn,
    AssessIn,
    AssessOut,
    BulkAnswerIn,
    DuplicateIn,
    DuplicateOut,
    HiddenIn,
    InboxFilter,
    PublicFilter,
    PublicRecommendationOut,
    RecommendationOut,
    TransferIn,
    WaitingFilter,
)

router = Router(tags=["democracy"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
PUBLIC_SEARCH_LIMIT = 30


def _filters(filters: Any) -> dict[str, str]:
    return {
        "state": filters.state,
        "source": filters.source or "",
        "field": filters.field or "",
        "q": filters.q or "",
    }


def _inbox(request: HttpRequest, filters: InboxFilter) -> Any:
    if filters.organization is not None:
        org = access.access_inbox_org(request.user, filters.organization)
    else:
        orgs = access.inbox_orgs(request.user)
        if not orgs:
            raise DomainError("not_found", _("Bạn chưa thuộc cơ quan nào."), status=404)
        org = orgs[0]
    return selectors.inbox(org, **_filters(filters))


@router.get(
    "/democracy/recommendations/inbox/",
    response={200: list[RecommendationOut], **ERRORS},
    summary="Kiến nghị một cơ quan cần trả lời (hạn gần nhất trước)",
)
@paginate
def recommendation_inbox(request: HttpRequest, filters: Query[InboxFilter]) -> Any:
    return _inbox(request, filters)


@router.get(
    "/democracy/recommendations/inbox",
    response={200: list[RecommendationOut], **ERRORS},
    summary="Kiến nghị một cơ quan cần trả lời (không có dấu / cuối)",
    include_in_schema=False,
)
@paginate
def recommendation_inbox_no_slash(request: HttpRequest, filters: Query[InboxFilter]) -> Any:
    return _inbox(request, filters)


@router.get(
    "/democracy/recommendations/waiting",
    response={200: list[RecommendationOut], **ERRORS},
    summary="Kiến nghị đơn vị (hoặc tổ chức) của cán bộ đã nêu và đang chờ",
)
@paginate
def recommendation_waiting(request: HttpRequest, filters: Query[WaitingFilter]) -> Any:
    org = access.access_inbox_org(request.user, filters.organization) if filters.organization else None
    scope_q = access.read_scope(request.user).q("unit_path")
    return selectors.waiting(access.recommendations_visible_to(request.user), scope_q, org, **_filters(filters))


@router.post(
    "/democracy/recommendations/answers",
    response={200: list[RecommendationOut], **ERRORS},
    summary="Trả lời chung nhiều kiến nghị (mỗi kiến nghị vẫn được theo dõi và ghi nhật ký)",
)
def recommendation_bulk_answer(request: HttpRequest, payload: BulkAnswerIn) -> Any:
    org = access.access_inbox_org(request.user, payload.organization)
    body = access.access_inbox_answering(request.user, org)
    ids = sorted(set(payload.items))
    items = list(Recommendation.objects.filter(pk__in=ids, addressee_org=org))
    if len(items) != len(ids):
        raise DomainError(
            "not_in_inbox",
            _("Có kiến nghị không thuộc danh sách cần trả lời của %(body)s.") % {"body": org.name},
            status=422,
            fields={"items": ["?"]},
        )
    return services.recommendation_bulk_answer(
        actor=request.user, items=items, by_org=body, answered_on=payload.answered_on, answer=payload.answer
    )


@router.get(
    "/democracy/recommendations/{int:item_id}", response={200: RecommendationOut, **ERRORS}, summary="Một kiến nghị"
)
def recommendation_detail(request: HttpRequest, item_id: int) -> Any:
    return access.access_recommendation(request.user, item_id)


@router.get(
    "/democracy/recommendations/{int:item_id}/duplicates",
    response={200: list[DuplicateOut], **ERRORS},
    summary="Kiến nghị có thể trùng trong tỉnh (mọi nguồn)",
)
def recommendation_duplicates(request: HttpRequest, item_id: int) -> Any:
    item = access.access_recommendation(request.user, item_id)
    found = likely_duplicates(
        item.content, item.province_code, exclude_id=item.pk, visible=access.recommendations_visible_q(request.user)
    )
    return [
        {
            "id": d.item.pk,
            "similarity": round(d.similarity, 3),
            "source": d.item.source,
            "unit_name": d.item.unit.name,
            "raised_on": d.item.raised_on,
            "content": d.item.content,
            "status": d.item.status,
        }
        for d in found
    ]


@router.post(
    "/democracy/recommendations/{int:item_id}/answer",
    response={200: RecommendationOut, **ERRORS},
    summary="Trả lời kiến nghị (một lần, do cơ quan được gửi kiến nghị)",
)
def recommendation_answer(request: HttpRequest, item_id: int, payload: AnswerIn) -> Any:
    item, body = access.access_recommendation_for_answer(request.user, item_id)
    return services.recommendation_answer(actor=request.user, item=item, by_org=body, **payload.dict())


@router.post(
    "/democracy/recommendations/{int:item_id}/transfer",
    response={200: RecommendationOut, **ERRORS},
    summary="Chuyển kiến nghị cho cơ quan có thẩm quyền (ghi lý do; hạn tính lại)",
)
def recommendation_transfer(request: HttpRequest, item_id: int, payload: TransferIn) -> Any:
    item, _body = access.access_recommendation_for_answer(request.user, item_id)
    to_org = services.transfer_targets(item).filter(pk=payload.to_org).first()
    if to_org is None:
        found = Organization.objects.select_related("unit").filter(pk=payload.to_org).first()
        if found is None or (found.pk != item.addressee_org_id and found.unit.province_code == item.province_code):
            raise DomainError(
                "invalid_org", _("Cơ quan không hợp lệ."), status=422, fields={"to_org": [_("Cơ quan không hợp lệ.")]}
            )
        to_org = found  # the service names why (the same body, another province)
    return services.recommendation_transfer(
        actor=request.user,
        item=item,
        expected_version=payload.expected_version,
        to_org=to_org,
        reason=payload.reason,
    )


@router.post(
    "/democracy/recommendations/{int:item_id}/assessment",
    response={200: AssessOut, **ERRORS},
    summary="Đánh giá của bên kiến nghị: hài lòng (kết thúc) hoặc chưa (kết thúc hoặc kiến nghị lại)",
)
def recommendation_assess(request: HttpRequest, item_id: int, payload: AssessIn) -> Any:
    item = access.access_recommendation(request.user, item_id, for_write=True)
    done, again = services.recommendation_assess(actor=request.user, item=item, **payload.dict())
    return {"item": done, "reraised": again}


@router.post(
    "/democracy/recommendations/{int:item_id}/duplicate",
    response={200: RecommendationOut, **ERRORS},
    summary="Đánh dấu kiến nghị trùng với kiến nghị khác (hoặc bỏ đánh dấu)",
)
def recommendation_duplicate(request: HttpRequest, item_id: int, payload: DuplicateIn) -> Any:
    item = access.access_recommendation(request.user, item_id, for_write=True)
    other = None
    if payload.duplicate_of is not None:
        other = access.recommendations_visible_to(request.user).filter(pk=payload.duplicate_of).first()
        if other is None:
            raise DomainError(
                "unknown_recommendation",
                _("Không có kiến nghị số này trong phạm vi của bạn."),
                status=422,
                fields={"duplicate_of": ["?"]},
            )
    return services.recommendation_mark_duplicate(
        actor=request.user, item=item, expected_version=payload.expected_version, duplicate_of=other
    )


@router.post(
    "/democracy/recommendations/{int:item_id}/public-hidden",
    response={200: RecommendationOut, **ERRORS},
    summary="Ẩn (hoặc hiện lại) kiến nghị trên trang công khai của xã",
)
def recommendation_hidden(request: HttpRequest, item_id: int, payload: HiddenIn) -> Any:
    item = access.access_recommendation(request.user, item_id, for_write=True)
    return services.recommendation_set_hidden(
        actor=request.user, item=item, expected_version=payload.expected_version, hidden=payload.hidden
    )


@public(
    router.get,
    "/democracy/public/communes/{int:unit_id}/recommendations",
    response={200: list[PublicRecommendationOut], 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Kiến nghị nêu tại tiếp xúc cử tri, đối thoại, hội nghị thôn của một xã và trả lời (công khai)",
)
@paginate
def public_recommendation_list(request: HttpRequest, unit_id: int, filters: Query[PublicFilter]) -> Any:
    from django.http import Http404

    try:
        commune = access.access_public_recommendation_commune(unit_id)
    except Http404 as error:
        raise DomainError("not_found", _("Không tìm thấy xã."), status=404) from error
    text = filters.q or ""
    if text:
        check_request(request, "democracy.recommendation_search", limit=PUBLIC_SEARCH_LIMIT, per_seconds=60)
    return selectors.public_items(commune, q=text)
