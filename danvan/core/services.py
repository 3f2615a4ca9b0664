"""Writes on units: villages and residential groups under a commune, household counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from danvan.core.audit import audit_log, changes_between
from danvan.core.errors import ConflictError, DomainError
from danvan.core.models import AdministrativeUnit, Organization, OrgKind, UnitKind, UnitLevel
from danvan.core.text import fold, single_line
from danvan.core.unit_loader import unit_search_text

VILLAGE_KINDS = (UnitKind.VILLAGE, UnitKind.RESIDENTIAL_GROUP)


@transaction.atomic
def village_create(
    *, actor: Any, commune: AdministrativeUnit, name: str, kind: str, households: int | None
) -> AdministrativeUnit:
    """Add a village (thôn, ấp, bản) or residential group (tổ dân phố) under a current commune.

    Its code is the commune code plus a sequence ("22081.003"), unique in the
    current tree; the household count is what quorums are later computed on.
    """
    name = single_line(name)
    if not commune.accepts_villages:
        raise DomainError("not_a_commune", _("Chỉ thêm thôn, tổ dân phố vào xã, phường, đặc khu hiện hành."))
    if kind not in VILLAGE_KINDS:
        raise DomainError("invalid_kind", _("Loại phải là thôn hoặc tổ dân phố."), field="kind")
    if not name:
        raise DomainError("name_required", _("Hãy nhập tên thôn, tổ dân phố."), fields={"name": [_("Bắt buộc.")]})
    if households is not None and households < 0:
        raise DomainError("invalid_households", _("Số hộ không được âm."), fields={"households": [_("Phải ≥ 0.")]})
    # Lock the commune row so two officers adding villages at once get distinct codes.
    AdministrativeUnit.objects.select_for_update(of=("self",)).filter(pk=commune.pk).first()
    if AdministrativeUnit.objects.filter(parent=commune, name_key=fold(name)).exists():
        raise DomainError(
            "duplicate_village", _("Đơn vị này đã có thôn, tổ dân phố cùng tên."), fields={"name": [_("Đã tồn tại.")]}
        )
    last = AdministrativeUnit.objects.filter(parent=commune).aggregate(m=Max("code"))["m"]
    sequence = int(last.rsplit(".", 1)[1]) + 1 if last else 1
    code = f"{commune.code}.{sequence:03d}"
    village = AdministrativeUnit(
        tree=commune.tree,
        code=code,
        kind=kind,
        level=UnitLevel.VILLAGE,
        name=name,
        short_name=name,
        parent=commune,
        path=f"{commune.path}{code}/",
        province_code=commune.province_code,
        valid_from=commune.valid_from,
        households=households,
        name_key=fold(name),
        search_text=unit_search_text(name, name, [commune.name, commune.parent.name if commune.parent else ""]),
    )
    village.full_clean()
    try:
        with transaction.atomic():
            village.save()
    except IntegrityError as exc:
        raise ConflictError("conflict", _("Mã đơn vị vừa được dùng; vui lòng thử lại.")) from exc
    audit_log(
        actor=actor,
        action="core.unit.created",
        instance=village,
        unit=village,
        changes={"name": name, "kind": kind, "households": households, "parent": commune.pk},
    )
    return village


@transaction.atomic
def _to_millisecond(moment: dt.datetime) -> dt.datetime:
    """``moment`` as the API writes it: Django's JSON encoder keeps milliseconds, not microseconds, so the
    ``updated_at`` a client read and sends back is compared at that precision."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def unit_set_households(
    *, actor: Any, unit: AdministrativeUnit, households: int, expected_updated_at: Any = None
) -> AdministrativeUnit:
    """Set the number of households of a village; refuses a stale form (edited meanwhile by someone else)."""
    if unit.level != UnitLevel.VILLAGE:
        raise DomainError("not_a_village", _("Chỉ cập nhật số hộ cho thôn, tổ dân phố."))
    if households is None or households < 0:
        raise DomainError(
            "invalid_households", _("Số hộ phải là số nguyên không âm."), fields={"households": [_("Phải ≥ 0.")]}
        )
    locked = AdministrativeUnit.objects.select_for_update(of=("self",)).get(pk=unit.pk)
    if expected_updated_at is not None and _to_millisecond(locked.updated_at) != _to_millisecond(expected_updated_at):
        raise ConflictError("stale", _("Dữ liệu đã được người khác sửa. Vui lòng tải lại trang và nhập lại."))
    before = {"households": locked.households}
    locked.households = households
    locked.save(update_fields=["households", "updated_at"])
    audit_log(
        actor=actor,
        action="core.unit.households_changed",
        instance=locked,
        unit=locked,
        changes=changes_between(before, {"households": households}),
    )
    return locked


@transaction.atomic
def organization_create(*, actor: Any, unit: AdministrativeUnit, kind: OrgKind, name: str) -> Organization:
    """Add a body (an agency, an association, a village's Front work committee…) at a unit."""
    name = single_line(name)
    if not name:
        raise DomainError("name_required", _("Hãy nhập tên tổ chức."), fields={"name": [_("Bắt buộc.")]})
    if Organization.objects.filter(unit=unit, name__iexact=name).exists():
        raise DomainError(
            "duplicate_organization", _("Đơn vị này đã có tổ chức cùng tên."), fields={"name": [_("Đã tồn tại.")]}
        )
    organization = Organization(unit=unit, kind=kind, name=name[:300], search_text=fold(f"{name} {unit.name}"))
    organization.full_clean()
    organization.save()
    audit_log(
        actor=actor,
        action="core.organization.created",
        instance=organization,
        unit=unit,
        changes={"name": organization.name, "kind": kind.code},
    )
    return organization
