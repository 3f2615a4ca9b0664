"""Accounts API: who am I, and my personal API tokens."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from danvan.accounts import services
from danvan.accounts.access import active_memberships
from danvan.accounts.auth import access_own_api_token, api_auth, request_officer, session_auth
from danvan.accounts.models import ApiToken, Role
from danvan.accounts.schemas import MembershipOut, OfficerOut, OrganizationRef, TokenCreatedOut, TokenIn, TokenOut
from danvan.core.formatting import choice_label
from danvan.core.routing import app_router
from danvan.core.schemas import ErrorOut, UnitRef

router = Router(tags=["accounts"])


@router.get("/me", response=OfficerOut, auth=api_auth, summary="Cán bộ đang đăng nhập")
def me(request: HttpRequest) -> OfficerOut:
    """The signed-in officer with the active memberships that give their access."""
    officer = request_officer(request)
    memberships = [
        MembershipOut(
            organization=OrganizationRef(id=m.organization.pk, name=m.organization.name),
            unit=UnitRef(id=m.unit.pk, code=m.unit.code, name=m.unit.name, tree=m.unit.tree),
            role=m.role,
            role_label=choice_label(Role, m.role),
        )
        for m in active_memberships(officer)
    ]
    return OfficerOut(
        id=officer.pk,
        username=officer.username,
        full_name=officer.full_name,
        position=officer.position,
        email=officer.email,
        memberships=memberships,
    )


@router.get("/tokens", response=list[TokenOut], auth=api_auth, summary="Mã truy cập API của tôi")
@paginate
def token_list(request: HttpRequest) -> object:
    return ApiToken.objects.filter(officer=request_officer(request)).order_by("-created_at", "-id")


# Only a browser session may create tokens: a leaked token must not be able to mint
# new ones that would outlive its revocation.
@router.post(
    "/tokens",
    response={201: TokenCreatedOut, 400: ErrorOut},
    auth=session_auth,
    summary="Tạo mã truy cập API (mã bí mật chỉ trả về một lần)",
)
def token_create(request: HttpRequest, payload: TokenIn) -> object:
    officer = request_officer(request)
    api_token, secret = services.api_token_create(actor=officer, officer=officer, name=payload.name)
    return Status(201, TokenCreatedOut(**TokenOut.from_orm(api_token).dict(), secret=secret))


@router.delete(
    "/tokens/{token_id}", response={204: None, 404: ErrorOut}, auth=api_auth, summary="Thu hồi mã truy cập API"
)
def token_revoke(request: HttpRequest, token_id: int) -> object:
    officer = request_officer(request)
    api_token = access_own_api_token(officer, token_id)
    services.api_token_revoke(actor=officer, token=api_token)
    return Status(204, None)


api_router = app_router(router)  # the app's one router (core.routing)
