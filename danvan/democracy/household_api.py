"""API of the household register: /api/v1/democracy/households… (list per village or commune with folded search
and the register as of a day, add with ``Idempotency-Key``, edit the representative, dated move, leave the commune,
XLSX import all-or-nothing)."""

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from danvan.core.errors import DomainError
from danvan.core.schemas import ErrorOut
from danvan.democracy import access, household_audit_text  # noqa: F401  (the audit entries' words)
from danvan.democracy.api_submissions import api_submission
from danvan.democracy.household_schemas import (
    HouseholdDetailOut,
    HouseholdFilter,
    HouseholdIn,
    HouseholdLeaveIn,
    HouseholdMoveIn,
    HouseholdRowOut,
    HouseholdUpdateIn,
    ImportErrorOut,
    ImportOut,
)
from danvan.democracy.household_selectors import household_list
from danvan.democracy.household_services import (
    current_residence,
    household_add,
    household_leave,
    household_move,
    household_update,
)
from danvan.democracy.household_xlsx import InvalidImport, import_households
from danvan.democracy.models import Household

router = Router(tags=["democracy"])
ERRORS = {400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def household_detail_out(household: Household) -> dict[str, Any]:
    residence = current_residence(household)
    residences = household.residences.select_related("village").order_by("valid_from")
    return {
        "id": household.pk,
        "code": household.code,
        "representative_name": household.representative_name,
        "representative_phone": household.representative_phone,
        "address": household.address,
        "commune_id": household.unit_id,
        "village_id": residence.village_id if residence else None,
        "village_name": residence.village.name if residence else None,
        "dissolved_on": household.dissolved_on,
        "version": household.version,
        "residences": [
            {
                "village_id": r.village_id,
                "village_name": r.village.name,
                "valid_from": r.valid_from,
                "valid_to": r.valid_to,
            }
            for r in residences
        ],
    }


@router.get("/democracy/households", response={200: list[HouseholdRowOut], **ERRORS}, summary="Sổ hộ gia đình")
@paginate
def household_list_api(request: HttpRequest, filters: Query[HouseholdFilter]) -> Any:
    """The register of one village (``village``) or of every village of a commune (``commune``) as it stood on
    ``on``; ``q`` searches code, representative and address without diacritics."""
    if filters.village:
        unit = access.access_village_for_read(request.user, filters.village)
    elif filters.commune:
        unit = access.access_unit_for_read(request.user, filters.commune)
    else:
        raise DomainError(
            "unit_required",
            _("Hãy chọn thôn, tổ dân phố (village) hoặc xã (commune)."),
            fields={"village": [_("Bắt buộc một trong hai.")]},
            status=422,
        )
    return household_list(unit, on=filters.on or timezone.localdate(), q=filters.q)


@router.post(
    "/democracy/households/import",
    response={200: ImportOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ImportErrorOut},
    summary="Nhập sổ hộ gia đình của xã từ Excel (tất cả hoặc không dòng nào)",
)
def household_import_api(request: HttpRequest, commune_id: Form[int], file: File[UploadedFile]) -> Any:
    commune = access.access_commune_for_write(request.user, commune_id)
    try:
        result = import_households(actor=request.user, commune=commune, file=file)
    except InvalidImport as error:
        return Status(
            422,
            {
                "code": error.code,
                "message": str(error.message),
                "errors": [{"row": e.row, "column": e.column, "message": e.message} for e in error.errors],
            },
        )
    return {"created": result.created, "skipped": result.skipped}


@router.post(
    "/democracy/households",
    response={200: HouseholdDetailOut, 201: HouseholdDetailOut, **ERRORS},
    summary="Thêm hộ vào sổ của thôn, tổ dân phố",
    description="Gửi lại cùng tiêu đề `Idempotency-Key` trả về hộ đã thêm (200) thay vì thêm lần nữa.",
)
def household_create_api(request: HttpRequest, payload: HouseholdIn) -> Any:
    village = access.access_village_for_write(request.user, payload.village_id)
    submission = api_submission(request, Household, "democracy.household", payload)
    if submission.existing is not None:
        return Status(200, household_detail_out(access.access_household(request.user, submission.existing.pk)))
    household = household_add(
        actor=request.user,
        village=village,
        code=payload.code,
        representative_name=payload.representative_name,
        representative_phone=payload.representative_phone,
        address=payload.address,
        moved_in_on=payload.moved_in_on,
        submission_key=submission.key,
        submission_fingerprint=submission.fingerprint,
    )
    return Status(201, household_detail_out(household))


@router.get("/democracy/households/{int:household_id}", response={200: HouseholdDetailOut, **ERRORS}, summary="Một hộ")
def household_detail_api(request: HttpRequest, household_id: int) -> Any:
    return household_detail_out(access.access_household(request.user, household_id))


@router.patch(
    "/democracy/households/{int:household_id}",
    response={200: HouseholdDetailOut, **ERRORS},
    summary="Sửa chủ hộ / đại diện hộ, liên hệ",
)
def household_update_api(request: HttpRequest, household_id: int, payload: HouseholdUpdateIn) -> Any:
    household = access.access_household(request.user, household_id, for_write=True)
    household = household_update(
        actor=request.user,
        household=household,
        representative_name=payload.representative_name,
        representative_phone=payload.representative_phone,
        address=payload.address,
        expected_version=payload.expected_version,
    )
    return household_detail_out(household)


@router.post(
    "/democracy/households/{int:household_id}/moves",
    response={200: HouseholdDetailOut, **ERRORS},
    summary="Chuyển hộ sang thôn, tổ dân phố khác của xã (có ngày)",
)
def household_move_api(request: HttpRequest, household_id: int, payload: HouseholdMoveIn) -> Any:
    household = access.access_household(request.user, household_id, for_write=True)
    with transaction.atomic():
        village = access.access_village_for_write(request.user, payload.village_id)
        household = household_move(
            actor=request.user,
            household=household,
            village=village,
            moved_on=payload.moved_on,
            expected_version=payload.expected_version,
        )
    return household_detail_out(household)


@router.post(
    "/democracy/households/{int:household_id}/leave",
    response={200: HouseholdDetailOut, **ERRORS},
    summary="Ghi hộ chuyển khỏi xã (có ngày)",
)
def household_leave_api(request: HttpRequest, household_id: int, payload: HouseholdLeaveIn) -> Any:
    household = access.access_household(request.user, household_id, for_write=True)
    household = household_leave(
        actor=request.user, household=household, left_on=payload.left_on, expected_version=payload.expected_version
    )
    return household_detail_out(household)
