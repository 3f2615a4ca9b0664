"""Who may see and do what: the officer's scope, and access to officers and memberships.

A membership gives its role over the organization's unit subtree, and over the
legacy units that unit succeeded (records made before 1/7/2025 stay attached to
the old commune, province or district). Every protected object is fetched
through an ``access_*`` function, which raises ``Http404`` both when the object
does not exist and when it lies outside the officer's scope, so that a probe
cannot tell the two apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import IntegerField, Q, QuerySet
from django.http import Http404

from danvan.accounts.models import ROLE_RANK, Membership, Officer, Role
from danvan.core import compiled
from danvan.core.compiled import Slot
from danvan.core.models import AdministrativeUnit, Organization, UnitSuccession, UnitTree
from danvan.core.subtree import subtree_q


@dataclass(frozen=True)
class Scope:
    """The unit-path prefixes an officer reaches with at least a given role."""

    paths: tuple[str, ...]
    is_global: bool = False

    def covers(self, path: str) -> bool:
        return self.is_global or any(path.startswith(prefix) for prefix in self.paths)

    def q(self, field: str = "unit__path") -> Q:
        """A filter for querysets whose ``field`` holds a unit path (see :func:`danvan.core.subtree.subtree_q`)."""
        if self.is_global:
            return Q()
        return subtree_q(self.paths, field=field)

    @property
    def is_empty(self) -> bool:
        return not self.is_global and not self.paths


EMPTY_SCOPE = Scope(paths=())
GLOBAL_SCOPE = Scope(paths=(), is_global=True)


ADMINISTRATOR_ROLES = frozenset({Role.UNIT_ADMIN, Role.SYSTEM_ADMIN})


def is_authenticated_officer(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(getattr(user, "is_active", False))


def is_administrator(user: Any) -> bool:
    """Superusers and officers with an active unit or system administrator membership."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return any(membership.role in ADMINISTRATOR_ROLES for membership in active_memberships(user))


def has_confirmed_second_factor(user: Any) -> bool:
    """Whether the officer has a confirmed TOTP device (set up and proved with one code)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


def may_use_api_token(user: Any) -> bool:
    """An API token stands for its officer only if an administrator among them has confirmed two-factor: a token
    made while the officer was a viewer must not carry an administrator's reach before that is done."""
    return not is_administrator(user) or has_confirmed_second_factor(user)


def is_system_admin(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(m.role == Role.SYSTEM_ADMIN for m in active_memberships(user))


def active_memberships(user: Any) -> list[Membership]:
    """The officer's active memberships, loaded once per request (cached on the user object)."""
    cached = getattr(user, "_danvan_memberships", None)
    if cached is None:
        # Compiled once (core.compiled): every request of an officer starts with this look-up, and building it
        # cost the ORM more than the database's answer (issue 15: the API's cost beyond its selector).
        cached = compiled.instances(
            Membership, "accounts.active_memberships", _active_memberships, {"officer": user.pk}
        )
        user._danvan_memberships = cached
    return cached


def _active_memberships() -> QuerySet[Membership]:
    return Membership.objects.filter(
        officer_id=Slot("officer", IntegerField()), is_active=True, organization__is_active=True
    ).select_related("organization", "organization__kind", "unit")


def _legacy_predecessor_paths(unit_ids: set[int]) -> dict[int, list[str]]:
    """For each current unit, the paths of the legacy units it succeeded."""
    links = UnitSuccession.objects.filter(successor_id__in=unit_ids).values_list("successor_id", "predecessor__path")
    result: dict[int, list[str]] = {}
    for successor_id, path in links:
        result.setdefault(successor_id, []).append(path)
    return result


def _membership_predecessor_paths(user: Any) -> dict[int, list[str]]:
    """The legacy paths succeeded by each unit of the officer's memberships, loaded once per request (every role's
    scope reads them: asking per role cost a query each)."""
    cached = user.__dict__.get("_danvan_predecessors")
    if cached is None:
        cached = _legacy_predecessor_paths({m.unit_id for m in active_memberships(user)})
        user.__dict__["_danvan_predecessors"] = cached
    return cached


def scope_for(user: Any, min_role: str = Role.VIEWER) -> Scope:
    """The officer's scope for actions needing at least ``min_role``."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return EMPTY_SCOPE
    cache: dict[str, Scope] = user.__dict__.setdefault("_danvan_scopes", {})
    if min_role in cache:
        return cache[min_role]
    if is_system_admin(user):
        scope = GLOBAL_SCOPE
    else:
        rank = ROLE_RANK[min_role]
        memberships = [m for m in active_memberships(user) if ROLE_RANK[m.role] >= rank]
        predecessors = _membership_predecessor_paths(user)
        paths: set[str] = set()
        for m in memberships:
            paths.add(m.unit_path)
            paths.update(predecessors.get(m.unit_id, []))
        # Drop prefixes already covered by a shorter one.
        ordered = sorted(paths, key=len)
        kept: list[str] = []
        for path in ordered:
            if not any(path.startswith(shorter) for shorter in kept):
                kept.append(path)
        scope = Scope(paths=tuple(kept))
    cache[min_role] = scope
    return scope


def role_at(user: Any, unit: AdministrativeUnit) -> str | None:
    """The highest role the officer holds over ``unit`` (None when outside every scope)."""
    if is_system_admin(user):
        return Role.SYSTEM_ADMIN
    best: str | None = None
    for role in (Role.VIEWER, Role.OFFICER, Role.LEADER, Role.UNIT_ADMIN):
        if scope_for(user, role).covers(unit.path):
            best = role
    return best


def has_role_at(user: Any, unit: AdministrativeUnit, min_role: str) -> bool:
    return scope_for(user, min_role).covers(unit.path)


def is_current_unit(unit: AdministrativeUnit) -> bool:
    """A unit of today's tree (not a legacy commune, district or province kept for old records)."""
    return unit.tree == UnitTree.CURRENT


def can_create_at(user: Any, unit: AdministrativeUnit, min_role: str = Role.OFFICER) -> bool:
    """New records are made only at current units: a legacy unit split between several successors is read by
    each of them, so a record written there would reach the other successor's officers too."""
    return is_current_unit(unit) and has_role_at(user, unit, min_role)


def memberships_in(user: Any, organization_id: int | None, roles: frozenset[str]) -> bool:
    """Whether the officer holds, in that organization itself, an active membership with one of ``roles`` (the
    exact role, not "at least": an administrator is not a leader by rank)."""
    if organization_id is None or not is_authenticated_officer(user):
        return False
    return any(m.organization_id == organization_id and m.role in roles for m in active_memberships(user))


# --- Officers and memberships ------------------------------------------------


def officers_visible_to(user: Any) -> QuerySet[Officer]:
    """Officers with an active membership inside the unit administrator's scope: once the membership is revoked,
    the officer is no longer theirs to see or manage (a system administrator still sees everyone)."""
    scope = scope_for(user, Role.UNIT_ADMIN)
    if scope.is_global:
        return Officer.objects.all()
    return Officer.objects.filter(
        pk__in=Membership.objects.filter(scope.q("unit_path"), is_active=True).values("officer_id")
    ).distinct()


def access_officer(user: Any, officer_id: int) -> Officer:
    """An officer the unit administrator may manage, or ``Http404``."""
    officer = officers_visible_to(user).filter(pk=officer_id).first()
    if officer is None:
        raise Http404
    return officer


def is_unit_admin_somewhere(user: Any) -> bool:
    """Whether the officer administers some unit (the officer-management pages and the "Cán bộ" menu entry)."""
    return not scope_for(user, Role.UNIT_ADMIN).is_empty


def organizations_manageable_by(user: Any) -> QuerySet[Organization]:
    """The active organizations of the unit administrator's subtree (where they grant memberships)."""
    return Organization.objects.filter(scope_for(user, Role.UNIT_ADMIN).q("unit__path"), is_active=True)


def can_manage_membership_at(user: Any, unit: AdministrativeUnit, role: str) -> bool:
    """A unit administrator may grant roles inside their subtree, never system administrator."""
    if role == Role.SYSTEM_ADMIN:
        return is_system_admin(user)
    return has_role_at(user, unit, Role.UNIT_ADMIN)


def access_membership(user: Any, membership_id: int) -> Membership:
    membership = Membership.objects.select_related("officer", "organization", "unit").filter(pk=membership_id).first()
    if membership is None or not has_role_at(user, membership.unit, Role.UNIT_ADMIN):
        raise Http404
    if not membership.is_active and not is_system_admin(user):
        raise Http404  # a revoked membership is no longer the unit administrator's
    return membership
