"""API of disclosures (dân biết, Art. 11–14): /api/v1/democracy/…

The register (list, detail, create with ``Idempotency-Key``, correct with ``expected_version``), channels (add,
end), publishing, the compliance board of a commune or a province, and the public list of a commune's published
disclosures."""

from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status
from ninja.decorators import decorate_view
from ninja.files import UploadedFile
from ninja.pagination import paginate

from danvan.core.errors import DomainError
from danvan.core.models import UnitLevel
from danvan.core.periods import year_in_range
from danvan.core.ratelimit import check_request
from danvan.core.routing import public
from danvan.core.schemas import ErrorOut
from danvan.core.uploads import limit_upload_size
from danvan.democracy import access
from danvan.democracy import disclosure_selectors as selectors
from danvan.democracy import disclosure_services as services
from danvan.democracy.api_submissions import api_submission
from danvan.democracy.disclosure_compliance import commune_has_portal, disclosure_compliance
from danvan.democracy.disclosure_schemas import (
    BoardOut,
    ChannelAddIn,
    ChannelEndIn,
    ChannelIn,
    CommunePortalIn,
    CommunePortalOut,
    DisclosureDetailOut,
    DisclosureFilter,
    DisclosureFormOut,
    DisclosureIn,
    DisclosureItemOut,
    DisclosureOut,
    DisclosureUpdateIn,
    PublicDisclosureFilter,
    PublicDisclosureOut,
    PublishIn,
)
from danvan.democracy.disclosure_views import PUBLIC_SEARCH_LIMIT, PUBLIC_SEARCH_SCOPE
from danvan.democracy.models import CommunePortal, Disclosure, DisclosureChannel, DisclosureForm, DisclosureItem

router = Router(tags=["democracy"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _out(disclosure: Disclosure) -> dict[str, Any]:
    return {
        "id": disclosure.pk,
        "unit_id": disclosure.unit_id,
        "item": disclosure.item.number,
        "title": disclosure.title,
        "document_number": disclosure.document_number,
        "issued_on": disclosure.issued_on,
        "disclosed_on": disclosure.disclosed_on,
        "status": disclosure.status,
        "is_published": disclosure.is_published,
        "is_late": disclosure.is_late,
        "is_too_short": disclosure.is_too_short,
        "lacks_portal": disclosure.lacks_portal,
        "is_taken_down": disclosure.is_taken_down,
        "lacks_loudspeaker": disclosure.lacks_loudspeaker,
        "version": disclosure.version,
    }


def _detail(
    disclosure: Disclosure, channels: list[DisclosureChannel] | None = None, has_portal: bool | None = None
) -> dict[str, Any]:
    if channels is None:
        channels = list(DisclosureChannel.objects.filter(disclosure=disclosure).select_related("form"))
    compliance = disclosure_compliance(disclosure, channels, on=timezone.localdate(), has_portal=has_portal)
    return {
        **_out(disclosure),
        "summary": disclosure.summary,
        "has_document": disclosure.document_id is not None,
        "channels": [
            {
                "id": c.pk,
                "form": c.form.code,
                "form_name": c.form.name,
                "place": c.place,
                "started_on": c.started_on,
                "ended_on": c.ended_on,
            }
            for c in channels
        ],
        "findings": [
            {
                "kind": f.kind,
                "status": f.status,
                "rule_name": f.rule_name,
                "legal_basis": f.legal_basis,
                "computation": f.computation,
                "changes_on": f.changes_on,
            }
            for f in compliance.findings
        ],
    }


def _reload(disclosure_id: int) -> Disclosure:
    return Disclosure.objects.select_related("item", "unit").get(pk=disclosure_id)


def _form(code: str, index: int | None = None) -> DisclosureForm:
    form = DisclosureForm.objects.filter(code=code, is_active=True).first()
    if form is None:
        key = f"channels.{index}.form" if index else "form"
        raise DomainError("invalid_form", _("Hình thức công khai không hợp lệ."), field=key, status=422)
    return form


def _line(channel: ChannelIn, index: int | None = None) -> services.ChannelLine:
    return services.ChannelLine(
        form=_form(channel.form, index), started_on=channel.started_on, ended_on=channel.ended_on, place=channel.place
    )


@router.get("/democracy/disclosure-items", response=list[DisclosureItemOut], summary="14 nội dung công khai (Điều 11)")
def disclosure_item_list(request: HttpRequest) -> Any:
    return DisclosureItem.objects.order_by("number", "valid_from")


@router.get("/democracy/disclosure-forms", response=list[DisclosureFormOut], summary="10 hình thức công khai (Điều 12)")
def disclosure_form_list(request: HttpRequest) -> Any:
    return DisclosureForm.objects.active()


@router.get("/democracy/disclosures", response=list[DisclosureOut], summary="Sổ công khai thông tin")
@paginate
def disclosure_list(request: HttpRequest, filters: Query[DisclosureFilter]) -> Any:
    """The disclosures of the officer's units; ``q`` ignores diacritics; ``unit`` keeps its subtree."""
    values = filters.values()
    unit = access.access_unit_for_read(request.user, values.pop("unit")) if "unit" in values else None
    item = values.pop("item", None)
    disclosures = selectors.disclosure_list(request.user, unit=unit, item=str(item) if item else None, **values)
    return _Lazy(disclosures)


class _Lazy:
    """A sliceable view of a queryset that serializes each disclosure (pagination slices before we map)."""

    def __init__(self, queryset: Any) -> None:
        self.queryset = queryset

    def __len__(self) -> int:
        return int(self.queryset.count())

    def count(self) -> int:
        return int(self.queryset.count())

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        return [_out(d) for d in self.queryset[window]]


@router.post(
    "/democracy/disclosures",
    response={200: DisclosureDetailOut, 201: DisclosureDetailOut, **ERRORS},
    summary="Ghi thông tin công khai",
    description="Gửi lại cùng tiêu đề `Idempotency-Key` trả về thông tin đã ghi (200) thay vì ghi mới (201).",
)
def disclosure_create(request: HttpRequest, payload: DisclosureIn) -> Any:
    unit = access.access_commune_for_write(request.user, payload.unit_id)
    submission = api_submission(request, Disclosure, "democracy.disclosure", payload)
    if submission.existing is not None:
        return Status(200, _detail(access.access_disclosure(request.user, submission.existing.pk)))
    item = DisclosureItem.objects.filter(number=payload.item, is_active=True).in_force(payload.issued_on).first()
    if item is None:
        raise DomainError("invalid_item", _("Nội dung công khai không hợp lệ."), field="item", status=422)
    disclosure = services.disclosure_create(
        actor=request.user,
        unit=unit,
        item=item,
        title=payload.title,
        document_number=payload.document_number,
        issued_on=payload.issued_on,
        summary=payload.summary,
        channels=[_line(channel, index) for index, channel in enumerate(payload.channels, start=1)],
        publish=payload.publish,
        submission_key=submission.key,
        submission_fingerprint=submission.fingerprint,
    )
    return Status(201, _detail(_reload(disclosure.pk)))


@router.get("/democracy/disclosures/compliance", response={200: BoardOut, **ERRORS}, summary="Bảng tuân thủ công khai")
def disclosure_board(request: HttpRequest, unit: int, year: int | None = None) -> Any:
    """A province: each current commune's counts by status and violation kind. A commune: each disclosure with each
    rule checked and its computation."""
    place = access.access_board_unit(request.user, unit)
    if year is not None and not year_in_range(year):
        raise DomainError("invalid_year", _("Năm không hợp lệ."), field="year", status=422)
    if place.level == UnitLevel.PROVINCE:
        rows = selectors.province_board(place, year=year)
        communes = [
            {
                "unit_id": r.unit.pk,
                "unit_name": r.unit.name,
                "total": r.total,
                "ok": r.ok,
                "pending": r.pending,
                "violation": r.violation,
                **r.counts,
            }
            for r in rows
        ]
        return {"unit_id": place.pk, "level": place.level, "communes": communes, "disclosures": []}
    checked = selectors.commune_board(place, year=year)
    has_portal = commune_has_portal(place.pk)
    return {
        "unit_id": place.pk,
        "level": place.level,
        "communes": [],
        "disclosures": [_detail(c.disclosure, list(c.disclosure.channels.all()), has_portal) for c in checked],
    }


@router.get(
    "/democracy/disclosures/{int:disclosure_id}",
    response={200: DisclosureDetailOut, **ERRORS},
    summary="Một thông tin công khai, với việc tuân thủ từng quy định",
)
def disclosure_detail(request: HttpRequest, disclosure_id: int) -> Any:
    return _detail(access.access_disclosure(request.user, disclosure_id))


@router.put(
    "/democracy/disclosures/{int:disclosure_id}",
    response={200: DisclosureDetailOut, **ERRORS},
    summary="Sửa thông tin công khai",
)
def disclosure_update(request: HttpRequest, disclosure_id: int, payload: DisclosureUpdateIn) -> Any:
    disclosure = access.access_disclosure(request.user, disclosure_id, for_write=True)
    services.disclosure_update(
        actor=request.user,
        disclosure=disclosure,
        expected_version=payload.expected_version,
        title=payload.title,
        document_number=payload.document_number,
        issued_on=payload.issued_on,
        summary=payload.summary,
    )
    return _detail(_reload(disclosure_id))


@router.post(
    "/democracy/disclosures/{int:disclosure_id}/channels",
    response={201: DisclosureDetailOut, **ERRORS},
    summary="Thêm hình thức công khai",
)
def disclosure_channel_add(request: HttpRequest, disclosure_id: int, payload: ChannelAddIn) -> Any:
    disclosure = access.access_disclosure(request.user, disclosure_id, for_write=True)
    services.disclosure_channel_add(
        actor=request.user, disclosure=disclosure, expected_version=payload.expected_version, line=_line(payload)
    )
    return Status(201, _detail(_reload(disclosure_id)))


@router.post(
    "/democracy/disclosures/{int:disclosure_id}/channels/{int:channel_id}/end",
    response={200: DisclosureDetailOut, **ERRORS},
    summary="Ghi ngày kết thúc một hình thức công khai",
)
def disclosure_channel_end(request: HttpRequest, disclosure_id: int, channel_id: int, payload: ChannelEndIn) -> Any:
    channel = access.access_disclosure_channel(request.user, disclosure_id, channel_id)
    services.disclosure_channel_end(
        actor=request.user,
        channel=channel,
        expected_version=payload.expected_version,
        ended_on=payload.ended_on,
        reason=payload.reason,
    )
    return _detail(_reload(disclosure_id))


@router.post(
    "/democracy/disclosures/{int:disclosure_id}/publish",
    response={200: DisclosureDetailOut, **ERRORS},
    summary="Công bố (hoặc thôi công bố) trên cổng thông tin",
)
def disclosure_publish(request: HttpRequest, disclosure_id: int, payload: PublishIn) -> Any:
    disclosure = access.access_disclosure(request.user, disclosure_id, for_write=True)
    services.disclosure_publish(
        actor=request.user, disclosure=disclosure, expected_version=payload.expected_version, publish=payload.publish
    )
    return _detail(_reload(disclosure_id))


@router.post(
    "/democracy/disclosures/{int:disclosure_id}/document",
    response={200: DisclosureDetailOut, **ERRORS, 413: ErrorOut, 415: ErrorOut},
    summary="Đính kèm (hoặc thay) văn bản được công khai",
    description="Tệp gửi dạng multipart (`file`) với `expected_version`; PDF, DOCX, XLSX hoặc ảnh, loại tệp xác "
    "định theo nội dung. Phiên bản cũ trả về 409 `stale`.",
)
@decorate_view(limit_upload_size(api=True))
def disclosure_document_attach(
    request: HttpRequest, disclosure_id: int, file: File[UploadedFile], expected_version: Form[int]
) -> Any:
    disclosure = access.access_disclosure(request.user, disclosure_id, for_write=True)
    services.disclosure_document_attach(
        actor=request.user, disclosure=disclosure, expected_version=expected_version, upload=file
    )
    return _detail(_reload(disclosure_id))


def _portal_out(unit_id: int, setting: CommunePortal | None) -> dict[str, Any]:
    if setting is None:
        return {"unit_id": unit_id, "has_portal": True, "address": "", "version": 0}
    return {
        "unit_id": unit_id,
        "has_portal": setting.has_portal,
        "address": setting.address,
        "version": setting.version,
    }


@router.get(
    "/democracy/communes/{int:unit_id}/portal",
    response={200: CommunePortalOut, **ERRORS},
    summary="Xã có cổng thông tin điện tử riêng không (Điều 13.1)",
)
def commune_portal_detail(request: HttpRequest, unit_id: int) -> Any:
    unit = access.access_board_unit(request.user, unit_id)
    if unit.level != UnitLevel.COMMUNE:
        raise Http404
    return _portal_out(unit.pk, CommunePortal.objects.filter(unit=unit).first())


@router.put(
    "/democracy/communes/{int:unit_id}/portal",
    response={200: CommunePortalOut, **ERRORS},
    summary="Ghi việc xã có cổng thông tin điện tử riêng",
    description="`expected_version` là 0 khi xã chưa có cài đặt. Việc tuân thủ của các thông tin công khai của xã "
    "được tính lại.",
)
def commune_portal_update(request: HttpRequest, unit_id: int, payload: CommunePortalIn) -> Any:
    unit = access.access_commune_for_write(request.user, unit_id)
    setting = services.commune_portal_set(
        actor=request.user,
        commune=unit,
        has_portal=payload.has_portal,
        address=payload.address,
        expected_version=payload.expected_version,
    )
    return _portal_out(unit.pk, setting)


@public(
    router.get,
    "/democracy/public/communes/{int:unit_id}/disclosures",
    response={200: list[PublicDisclosureOut], 404: ErrorOut},
    summary="Thông tin một xã đã công khai (công dân xem, không cần đăng nhập)",
)
@paginate
def public_disclosure_list(request: HttpRequest, unit_id: int, filters: Query[PublicDisclosureFilter]) -> Any:
    from danvan.core.models import AdministrativeUnit

    commune = AdministrativeUnit.objects.filter(selectors.public_communes_q(), pk=unit_id).first()
    if commune is None:
        raise Http404
    values = filters.values()
    if values.get("q"):
        check_request(request, PUBLIC_SEARCH_SCOPE, limit=PUBLIC_SEARCH_LIMIT, per_seconds=60)
    disclosures = selectors.public_disclosures(
        commune, q=values.get("q"), item=str(values["item"]) if values.get("item") else None
    )
    return _PublicLazy(disclosures)


class _PublicLazy(_Lazy):
    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        return [
            {
                "id": d.pk,
                "item": d.item.number,
                "item_name": d.item.name,
                "title": d.title,
                "document_number": d.document_number,
                "issued_on": d.issued_on,
                "published_on": d.published_on,
                "document_url": reverse("democracy_public:disclosure_document", args=[d.pk]) if d.document_id else None,
            }
            for d in self.queryset[window]
        ]
