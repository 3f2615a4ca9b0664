"""Keeping the household register of a commune (Luật 10/2022 Art. 15–22, NĐ 59/2023): add a household to a
village, edit its representative, move it to another village of the commune on a date, record that it left the
commune. A household lives in one village at a time (a second open residence is refused); a move closes the old
residence the day before the new one opens, so that ``Residence.objects.on(day)`` is the register as it stood
that day. Each village's ``households`` number is set to its register's count in the same transaction
(``core.services.unit_set_households``, audited): once a village keeps a register, the register is the number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.audit import audit_log, changes_between, snapshot
from danvan.core.errors import ConflictError, DomainError
from danvan.core.formatting import format_date
from danvan.core.models import AdministrativeUnit, UnitLevel
from danvan.core.periods import MAX_YEAR, MIN_YEAR, year_in_range
from danvan.core.phones import check_phone
from danvan.core.services import unit_set_households
from danvan.core.text import fold, single_line
from danvan.democracy.models import Household, Residence

EDITABLE_FIELDS = ("representative_name", "representative_phone", "address")
MAX_CODE = 40


def household_search_text(household: Household) -> str:
    """The folded text a search without diacritics matches: code, representative, address."""
    return fold(f"{household.code} {household.representative_name} {household.address}")[:600]


def commune_of(village: AdministrativeUnit) -> AdministrativeUnit:
    """The commune a village or residential group belongs to."""
    if village.level != UnitLevel.VILLAGE or village.parent is None:
        raise DomainError("not_a_village", _("Chỉ ghi hộ vào thôn, tổ dân phố."), field="village")
    return village.parent


def _validation_fields(error: ValidationError) -> dict[str, list[str]]:
    return {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}


def _check_version(household: Household, expected_version: int | None) -> None:
    if expected_version is not None and household.version != expected_version:
        raise ConflictError("stale", _("Hộ này vừa được người khác sửa. Vui lòng tải lại trang và nhập lại."))


def _locked(household: Household, expected_version: int | None) -> Household:
    locked = Household.objects.select_for_update(of=("self",)).select_related("unit").get(pk=household.pk)
    _check_version(locked, expected_version)
    return locked


def current_residence(household: Household) -> Residence | None:
    """The residence still open (where the household lives today), if it has not left the commune."""
    return Residence.objects.filter(household=household, valid_to__isnull=True).select_related("village").first()


def sync_village_counts(*, actor: Any, villages: Iterable[AdministrativeUnit]) -> None:
    """Set each village's ``households`` number to its register's count of households living there now."""
    for village in {v.pk: v for v in villages}.values():
        count = Residence.objects.filter(village=village, valid_to__isnull=True).count()
        if village.households != count:
            updated = unit_set_households(actor=actor, unit=village, households=count)
            village.households = updated.households


def check_date(day: dt.date, field: str) -> None:
    """Refuse a date outside the project's years (2000–2099), which no register can hold."""
    if not year_in_range(day.year):
        raise DomainError(
            "invalid_date",
            _("Ngày phải trong các năm %(first)s–%(last)s.") % {"first": MIN_YEAR, "last": MAX_YEAR},
            fields={field: [_("Ngày không hợp lệ.")]},
            status=422,
        )


def _clean_code(code: str) -> str:
    code = single_line(code)
    if not code:
        raise DomainError("invalid_code", _("Hãy nhập mã hộ."), fields={"code": [_("Bắt buộc.")]}, status=422)
    if len(code) > MAX_CODE:
        raise DomainError(
            "invalid_code", _("Mã hộ dài quá 40 ký tự."), fields={"code": [_("Tối đa 40 ký tự.")]}, status=422
        )
    return code


def _already_registered(commune: AdministrativeUnit, code: str) -> DomainError:
    existing = Household.objects.filter(unit=commune, code=code).first()
    residence = current_residence(existing) if existing else None
    where = residence.village.name if residence else _("sổ của xã (đã chuyển đi)")
    return DomainError(
        "household_exists",
        _("Hộ mã %(code)s đã có trong sổ (%(where)s): một hộ chỉ thuộc một thôn, tổ dân phố tại một thời điểm.")
        % {"code": code, "where": where},
        fields={"code": [_("Mã hộ đã có trong sổ của xã.")]},
        status=409,
    )


@transaction.atomic
def household_add(
    *,
    actor: Any,
    village: AdministrativeUnit,
    code: str,
    representative_name: str,
    representative_phone: str = "",
    address: str = "",
    moved_in_on: dt.date | None = None,
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> Household:
    """Add a household living in ``village`` from ``moved_in_on`` (today when empty). Its code is unique in the
    commune: the same household cannot be entered in a second village (refused with 409 ``household_exists``)."""
    commune = commune_of(village)
    code = _clean_code(code)
    if moved_in_on is not None:
        check_date(moved_in_on, "moved_in_on")
    if Household.objects.filter(unit=commune, code=code).exists():
        raise _already_registered(commune, code)
    household = Household(
        unit=commune,
        code=code,
        representative_name=single_line(representative_name),
        representative_phone=check_phone(representative_phone, field="representative_phone"),
        address=single_line(address),
        submission_key=submission_key or None,
        submission_fingerprint=submission_fingerprint if submission_key else "",
    )
    household.search_text = household_search_text(household)
    try:
        household.full_clean(exclude=["unit", "unit_path", "province_code"], validate_unique=False)
    except ValidationError as error:
        raise DomainError(
            "invalid_household", _("Thông tin hộ chưa hợp lệ."), fields=_validation_fields(error), status=422
        ) from error
    try:
        with transaction.atomic():
            household.save()
    except IntegrityError as error:
        raise _already_registered(commune, code) from error
    Residence.objects.create(household=household, village=village, valid_from=moved_in_on or timezone.localdate())
    audit_log(
        actor=actor,
        action="democracy.household.added",
        instance=household,
        unit=village,
        changes={"code": code, "representative_name": household.representative_name, "village": village.name},
    )
    sync_village_counts(actor=actor, villages=[village])
    return household


@transaction.atomic
def household_update(
    *,
    actor: Any,
    household: Household,
    representative_name: str,
    representative_phone: str = "",
    address: str = "",
    expected_version: int | None = None,
) -> Household:
    """Change the representative (a new head of household) or the contact details."""
    household = _locked(household, expected_version)
    before = snapshot(household, EDITABLE_FIELDS)
    household.representative_name = single_line(representative_name)
    household.representative_phone = check_phone(representative_phone, field="representative_phone")
    household.address = single_line(address)
    household.search_text = household_search_text(household)
    try:
        household.full_clean(exclude=["unit", "unit_path", "province_code"], validate_unique=False)
    except ValidationError as error:
        raise DomainError(
            "invalid_household", _("Thông tin hộ chưa hợp lệ."), fields=_validation_fields(error), status=422
        ) from error
    changes = changes_between(before, snapshot(household, EDITABLE_FIELDS))
    if changes:
        household.version += 1
        household.save(update_fields=[*EDITABLE_FIELDS, "search_text", "version", "updated_at"])
        audit_log(
            actor=actor, action="democracy.household.updated", instance=household, unit=household.unit, changes=changes
        )
    return household


def _open_residence(household: Household) -> Residence:
    residence = current_residence(household)
    if residence is None:
        raise ConflictError("household_left", _("Hộ này đã chuyển khỏi xã; không thể ghi thêm thay đổi nơi ở."))
    return residence


def _check_change_date(residence: Residence, day: dt.date, field: str) -> None:
    check_date(day, field)
    if day <= residence.valid_from:
        raise DomainError(
            "invalid_date",
            _("Ngày chuyển phải sau ngày hộ bắt đầu ở %(village)s (%(date)s).")
            % {"village": residence.village.name, "date": format_date(residence.valid_from)},
            fields={field: [_("Phải sau ngày %(date)s.") % {"date": format_date(residence.valid_from)}]},
            status=422,
        )


@transaction.atomic
def household_move(
    *,
    actor: Any,
    household: Household,
    village: AdministrativeUnit,
    moved_on: dt.date,
    expected_version: int | None = None,
) -> Household:
    """Move a household to another village of the same commune from ``moved_on``: the old residence ends the day
    before, the new one starts that day; both villages' numbers follow."""
    household = _locked(household, expected_version)
    if village.level != UnitLevel.VILLAGE or village.parent_id != household.unit_id:
        raise DomainError(
            "invalid_village",
            _("Chỉ chuyển hộ sang một thôn, tổ dân phố khác của cùng xã."),
            fields={"village": [_("Không thuộc xã của hộ.")]},
            status=422,
        )
    residence = _open_residence(household)
    if residence.village_id == village.pk:
        raise DomainError(
            "same_village",
            _("Hộ đang ở %(village)s.") % {"village": village.name},
            fields={"village": [_("Hãy chọn thôn, tổ dân phố khác.")]},
            status=422,
        )
    _check_change_date(residence, moved_on, "moved_on")
    old_village = residence.village
    residence.valid_to = moved_on - dt.timedelta(days=1)
    residence.save(update_fields=["valid_to"])
    Residence.objects.create(household=household, village=village, valid_from=moved_on)
    household.version += 1
    household.save(update_fields=["version", "updated_at"])
    audit_log(
        actor=actor,
        action="democracy.household.moved",
        instance=household,
        unit=household.unit,
        changes={"village": [old_village.name, village.name], "moved_on": moved_on},
    )
    sync_village_counts(actor=actor, villages=[old_village, village])
    return household


@transaction.atomic
def household_leave(
    *, actor: Any, household: Household, left_on: dt.date, expected_version: int | None = None
) -> Household:
    """Record that a household left the commune (moved away, merged, no longer a household) from ``left_on``:
    it stays in the register's history (past votes still count it) but is no longer counted from that day."""
    household = _locked(household, expected_version)
    residence = _open_residence(household)
    _check_change_date(residence, left_on, "left_on")
    residence.valid_to = left_on - dt.timedelta(days=1)
    residence.save(update_fields=["valid_to"])
    household.dissolved_on = left_on
    household.version += 1
    household.save(update_fields=["dissolved_on", "version", "updated_at"])
    audit_log(
        actor=actor,
        action="democracy.household.left",
        instance=household,
        unit=household.unit,
        changes={"village": residence.village.name, "left_on": left_on},
    )
    sync_village_counts(actor=actor, villages=[residence.village])
    return household
