"""Office API: units and organizations (public), villages and households, audit trail."""

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from danvan.accounts.auth import api_auth
from danvan.core import selectors, services
from danvan.core.errors import DomainError
from danvan.core.fields import Code
from danvan.core.models import AdministrativeUnit, AuditEntry, Organization, OrgKind, UnitSuccession
from danvan.core.routing import app_router, public
from danvan.core.schemas import (
    AuditEntryOut,
    ErrorOut,
    HouseholdsIn,
    OrganizationFilter,
    OrganizationIn,
    OrganizationOut,
    OrgKindOut,
    SuccessionOut,
    UnitDetailOut,
    UnitFilter,
    UnitOut,
    UnitRef,
    VillageIn,
)
from danvan.office import access

router = Router(tags=["units"])


def _succession(link: UnitSuccession, unit: AdministrativeUnit) -> SuccessionOut:
    return SuccessionOut(
        unit=UnitRef(id=unit.pk, code=unit.code, name=unit.name, tree=unit.tree),
        kind=link.kind,
        is_primary=link.is_primary,
        effective_on=link.effective_on,
    )


@public(router.get, "/units", response=list[UnitOut], summary="Danh sách đơn vị hành chính")
@paginate
def unit_list(request: HttpRequest, filters: Query[UnitFilter]) -> object:
    """Both trees (or one with ``tree=``); ``q`` ignores diacritics and case; best matches first."""
    within = access.access_unit(filters.within) if filters.within else None
    return selectors.units_search(
        q=filters.q, tree=filters.tree, kind=filters.kind, parent_id=filters.parent, level=filters.level, within=within
    )


@public(router.get, "/units/{unit_id}", response={200: UnitDetailOut, 404: ErrorOut}, summary="Một đơn vị")
def unit_detail(request: HttpRequest, unit_id: int) -> object:
    unit = access.access_unit(unit_id)
    predecessors = selectors.unit_predecessors(unit)
    return {
        **UnitOut.from_orm(unit).dict(),
        "label": selectors.unit_label(unit, predecessors),
        "parent": UnitRef.from_orm(unit.parent) if unit.parent else None,
        "children_count": selectors.unit_children(unit).count(),
        "predecessors": [_succession(link, link.predecessor) for link in predecessors],
        "successors": [_succession(link, link.successor) for link in selectors.unit_successors(unit)],
        "latitude": float(unit.latitude) if unit.latitude is not None else None,
        "longitude": float(unit.longitude) if unit.longitude is not None else None,
    }


@router.post(
    "/units/{unit_id}/villages",
    response={201: UnitOut, 404: ErrorOut, 400: ErrorOut, 409: ErrorOut},
    auth=api_auth,
    summary="Thêm thôn, tổ dân phố",
)
def village_create(request: HttpRequest, unit_id: int, payload: VillageIn) -> object:
    commune = access.access_unit_for_write(request.user, unit_id)
    village = services.village_create(
        actor=request.user, commune=commune, name=payload.name, kind=payload.kind, households=payload.households
    )
    return Status(201, village)


@router.put(
    "/units/{unit_id}/households",
    response={200: UnitOut, 404: ErrorOut, 400: ErrorOut, 409: ErrorOut},
    auth=api_auth,
    summary="Cập nhật số hộ của thôn, tổ dân phố",
)
def village_households(request: HttpRequest, unit_id: int, payload: HouseholdsIn) -> object:
    village = access.access_unit_for_write(request.user, unit_id)
    return services.unit_set_households(
        actor=request.user, unit=village, households=payload.households, expected_updated_at=payload.expected_updated_at
    )


@public(
    router.get, "/organizations", response=list[OrganizationOut], tags=["organizations"], summary="Danh sách tổ chức"
)
@paginate
def organization_list(request: HttpRequest, filters: Query[OrganizationFilter]) -> object:
    return selectors.organizations_search(unit_id=filters.unit, q=filters.q, kind=filters.kind)


@router.post(
    "/organizations",
    response={201: OrganizationOut, 400: ErrorOut, 404: ErrorOut},
    auth=api_auth,
    tags=["organizations"],
    summary="Thêm tổ chức tại một đơn vị",
)
def organization_create(request: HttpRequest, payload: OrganizationIn) -> object:
    unit = access.access_unit_for_write(request.user, payload.unit_id)
    kind = OrgKind.objects.filter(code=payload.kind).first()
    if kind is None:
        raise DomainError("invalid_kind", _("Loại tổ chức không hợp lệ."), field="kind")
    return Status(201, services.organization_create(actor=request.user, unit=unit, kind=kind, name=payload.name))


@public(
    router.get,
    "/organizations/{organization_id}",
    response={200: OrganizationOut, 404: ErrorOut},
    tags=["organizations"],
    summary="Một tổ chức",
)
def organization_detail(request: HttpRequest, organization_id: int) -> object:
    organization = Organization.objects.select_related("unit", "kind").filter(pk=organization_id).first()
    if organization is None:
        raise Http404
    return organization


@public(router.get, "/org-kinds", response=list[OrgKindOut], tags=["organizations"], summary="Các loại tổ chức")
def org_kind_list(request: HttpRequest) -> object:
    return OrgKind.objects.all()


@router.get(
    "/audit", response={200: list[AuditEntryOut]}, auth=api_auth, tags=["audit"], summary="Nhật ký của cây đơn vị"
)
@paginate
def audit_list(request: HttpRequest, action: Code | None = None) -> object:
    """Audit entries of the unit administrator's subtree (empty for other roles)."""
    if not access.can_read_audit(request.user):
        return AuditEntry.objects.none()
    entries = access.audit_entries_visible_to(request.user)
    if action:
        entries = entries.filter(action__startswith=action[:80])
    return entries


# The app's one router (core.routing): units, organizations and audit, then attachments.
def _api_router() -> Router:
    from danvan.office import attachment_api

    return app_router(router, attachment_api.router)


api_router = _api_router()
