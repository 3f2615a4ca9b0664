"""What an officer may do with units, villages, the audit trail, attachments and statistics.

Units and organizations are public data: anyone may read them (``danvan.core.access.access_unit``). Changing them
(adding a village, setting households), reading the audit trail or an attachment, and seeing a unit's statistics
need an officer role over the unit (``danvan.accounts.access``: scopes and roles). The domain apps ask these
functions too. Protected objects are returned or ``Http404`` is raised: the same answer for "missing" and
"forbidden".
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from danvan.accounts import access as accounts_access
from danvan.accounts.access import Scope, active_memberships, can_create_at, has_role_at, scope_for
from danvan.accounts.models import Role
from danvan.core.access import access_unit
from danvan.core.models import AdministrativeUnit, Attachment, AuditEntry, UnitLevel, UnitTree
from danvan.core.text import vi_sort_key, vi_sorted_units


class UnitNotChosen(Http404):
    """A page about one unit was opened without ``?unit=`` by an officer who has no unit to default to (a system
    administrator needs no membership). ``danvan.office.middleware`` answers a page with a choice of units; the API
    answers 404 as before."""


def access_unit_for_write(user: Any, unit_id: int, *, min_role: str = Role.OFFICER) -> AdministrativeUnit:
    """A current unit where the officer may write (receive a petition, register an initiative, add villages, set
    households, upload), or ``Http404``. A legacy unit is never written to (``accounts.access.can_create_at``)."""
    unit = access_unit(unit_id)
    if not can_create_at(user, unit, min_role):
        raise Http404
    return unit


def unit_choices(user: Any, unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    """The units of the officer's memberships, and the one shown (the page drills down through ``children``)."""
    units = {m.unit_id: m.unit for m in active_memberships(user)}
    units.setdefault(unit.pk, unit)
    return sorted(units.values(), key=lambda u: (u.level, vi_sort_key(u.name)))


def is_system_admin(user: Any) -> bool:
    """The dashboard tells an officer without a membership to ask for one; a system administrator needs none."""
    return accounts_access.is_system_admin(user)


def visible_scope(user: Any) -> Scope:
    """The units the officer reads (their viewer scope): the dashboard's figures."""
    return scope_for(user, Role.VIEWER)


def can_read_audit(user: Any) -> bool:
    """The audit trail is the unit administrators' (of their subtree) and the system administrator's; also
    whether the "Nhật ký" menu entry shows."""
    return not scope_for(user, Role.UNIT_ADMIN).is_empty


def can_edit_unit(user: Any, unit: AdministrativeUnit) -> bool:
    """Add villages, set households: an officer over a current unit."""
    return can_create_at(user, unit, Role.OFFICER)


def audit_entries_visible_to(user: Any) -> QuerySet[AuditEntry]:
    """Audit entries of the unit administrator's subtree (everything for a system administrator)."""
    scope = scope_for(user, Role.UNIT_ADMIN)
    return AuditEntry.objects.filter(scope.q("unit_path"))


def access_attachment(user: Any, attachment_id: int) -> Attachment:
    """An attachment of a unit inside the officer's scope, or ``Http404``."""
    attachment = Attachment.objects.select_related("unit").filter(pk=attachment_id).first()
    if attachment is None or attachment.unit is None or not has_role_at(user, attachment.unit, Role.VIEWER):
        raise Http404
    return attachment


def access_statistics_unit(user: Any, unit_id: int) -> tuple[AdministrativeUnit, Scope]:
    """A unit whose statistics the officer may see (any unit of their viewer scope), with that scope;
    ``Http404`` otherwise, the same answer for a unit that does not exist."""
    scope = scope_for(user, Role.VIEWER)
    unit = AdministrativeUnit.objects.filter(pk=unit_id).first()
    if unit is None or not scope.covers(unit.path):
        raise Http404
    return unit, scope


def default_statistics_unit(user: Any) -> AdministrativeUnit | None:
    """The unit of the officer's first active membership (the page's default)."""
    memberships = sorted(active_memberships(user), key=lambda m: (m.created_at, m.pk)) if user.is_authenticated else []
    return memberships[0].unit if memberships else None


def required_statistics_unit(user: Any) -> AdministrativeUnit:
    """:func:`default_statistics_unit`, or :class:`UnitNotChosen` when the officer has none (the page then offers
    :func:`units_to_choose`)."""
    unit = default_statistics_unit(user)
    if unit is None:
        raise UnitNotChosen
    return unit


def units_to_choose(user: Any) -> list[AdministrativeUnit]:
    """The provinces of the officer's viewer scope, offered when a page about one unit has no unit to default to:
    every province for a system administrator, none for an officer without a unit (who keeps the 404)."""
    scope = scope_for(user, Role.VIEWER)
    if scope.is_empty:
        return []
    provinces = AdministrativeUnit.objects.filter(scope.q("path"), tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE)
    return vi_sorted_units(provinces)
