"""Who may see and change initiatives.

An officer sees the initiatives of their unit subtree (with those made under legacy
predecessor units); writes need the step's role over the initiative's own unit, or over the
unit that recognizes initiatives of its level. Missing and forbidden both raise ``Http404``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from danvan.accounts.access import Scope, active_memberships, can_create_at, has_role_at, is_system_admin, scope_for
from danvan.accounts.models import ROLE_RANK, Role
from danvan.core.models import AdministrativeUnit, Organization, UnitLevel, UnitTree
from danvan.initiatives.models import Commendation, Initiative, RecognitionAuthority
from danvan.initiatives.workflow import RECOGNIZER, Step


def initiatives_visible_to(user: Any) -> QuerySet[Initiative]:
    return Initiative.objects.filter(scope_for(user, Role.VIEWER).q("unit_path"))


def sees_unit(user: Any, unit: AdministrativeUnit) -> bool:
    """Whether records of ``unit`` (decisions, commendations, a narrowed list) are in the officer's viewer scope."""
    return has_role_at(user, unit, Role.VIEWER)


def commendations_visible_to(user: Any) -> QuerySet[Commendation]:
    return Commendation.objects.filter(scope_for(user, Role.VIEWER).q("initiative__unit_path"))


def can_manage(user: Any, initiative: Initiative) -> bool:
    """Officer-level work on an initiative (progress, commendations, publishing)."""
    return has_role_at(user, initiative.unit, Role.OFFICER)


def registration_scope(user: Any) -> Scope:
    """The units where the officer registers and reports on initiatives (the dashboard's drafts to submit)."""
    return scope_for(user, Role.OFFICER)


def can_import(user: Any) -> bool:
    """Import a list of initiatives: an officer somewhere (each row is then checked with ``can_register_at``)."""
    return not scope_for(user, Role.OFFICER).is_empty


def can_decide_for(user: Any, organization: Organization) -> bool:
    """Issue a recognition decision in the name of ``organization``: a leader over its unit."""
    return has_role_at(user, organization.unit, Role.LEADER)


def can_edit_document_templates(user: Any) -> bool:
    """The Word templates of decisions and certificates are the system administrator's."""
    return is_system_admin(user)


def default_registration_unit(user: Any) -> AdministrativeUnit | None:
    """The unit of the officer's first membership above viewer (where the registration form opens)."""
    memberships = [m for m in active_memberships(user) if m.role != Role.VIEWER]
    return memberships[0].unit if memberships else None


def access_initiative(user: Any, initiative_id: int, *, min_role: str = Role.VIEWER) -> Initiative:
    """The initiative if the officer holds ``min_role`` over its unit, else ``Http404``."""
    initiative = (
        Initiative.objects.select_related("unit", "organization", "field", "movement", "origin")
        .filter(pk=initiative_id)
        .first()
    )
    if initiative is None or not has_role_at(user, initiative.unit, min_role):
        raise Http404
    return initiative


def recognizer_level(initiative: Initiative, on: dt.date | None = None) -> int:
    """The unit level that recognizes initiatives of this one's level (data: ``RecognitionAuthority``)."""
    on = on or timezone.localdate()
    authority = (
        RecognitionAuthority.objects.in_force(on)
        .filter(initiative_level=initiative.level)
        .order_by("-valid_from")
        .first()
    )
    return authority.recognizer_level if authority else UnitLevel.PROVINCE


def recognizer_unit(initiative: Initiative) -> AdministrativeUnit:
    """The unit at the recognizing level above (or at) the initiative's unit, found from its path."""
    level = recognizer_level(initiative)
    unit = initiative.unit
    if unit.level <= level:
        return unit
    prefix = "C/" if unit.tree == UnitTree.CURRENT else "L/"
    codes = unit.path[len(prefix) :].strip("/").split("/")
    ancestors = AdministrativeUnit.objects.filter(tree=unit.tree, code__in=codes, level=level)
    return ancestors.first() or unit


def can_take(user: Any, initiative: Initiative, step: Step) -> bool:
    where = recognizer_unit(initiative) if step.where == RECOGNIZER else initiative.unit
    return has_role_at(user, where, step.min_role)


def can_register_at(user: Any, unit: AdministrativeUnit) -> bool:
    """Register (or replicate) an initiative: an officer over a current unit (``accounts.access.can_create_at``)."""
    return can_create_at(user, unit, Role.OFFICER)


def can_register(user: Any) -> bool:
    """Whether the registration form opens without ``?unit=`` (the list links it): the officer's
    :func:`default_registration_unit` takes registrations. A viewer has none, nor has a system administrator
    without a membership."""
    unit = default_registration_unit(user)
    return unit is not None and can_register_at(user, unit)


def access_initiative_or_public(user: Any, initiative_id: int) -> Initiative:
    """An initiative the officer can see, or one published on the showcase (to replicate it elsewhere)."""
    initiative = Initiative.objects.select_related("unit", "field").filter(pk=initiative_id).first()
    if initiative is None:
        raise Http404
    if initiative.is_public or has_role_at(user, initiative.unit, Role.VIEWER):
        return initiative
    raise Http404


def can_view(user: Any, initiative: Initiative) -> bool:
    """Whether the officer sees the initiative's back-office page."""
    return has_role_at(user, initiative.unit, Role.VIEWER)


def replication_units(user: Any) -> QuerySet[AdministrativeUnit]:
    """Current units where the officer may register a replication: those of their memberships as officer or above
    (the same choice as the unit picker of the reception forms)."""
    ids = [
        membership.unit_id
        for membership in active_memberships(user)
        if ROLE_RANK[membership.role] >= ROLE_RANK[Role.OFFICER]
    ]
    return AdministrativeUnit.objects.filter(pk__in=ids, tree=UnitTree.CURRENT).order_by("level", "name")
