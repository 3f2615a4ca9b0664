"""Who may see and do what in grassroots democracy: the one place its role checks live.

An officer reads the records of the units in their viewer scope (with those of the legacy units their commune
succeeded) and writes at a current commune or village where they are an officer. Recognizing a community decision
is the commune People's Committee's (matters 3–4) or the commune Fatherland Front's (matter 5): a leader of that
body. Every protected object is fetched through an ``access_*`` function, which raises ``Http404`` both for a
record that does not exist and for one outside the officer's units (an officer of another commune gets 404).

Each part of the app has its section below; keep a part's checks in its section.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from danvan.accounts.access import Scope, can_create_at, has_role_at, scope_for
from danvan.accounts.models import Role
from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
from danvan.democracy.models import CommunityMeeting, MeetingKind, RaisedItem
from danvan.democracy.models.meetings import RaisedItemQuerySet
from danvan.office import access as office_access

# --- Units: communes and villages -----------------------------------------------------------------------------------


def read_scope(user: Any) -> Scope:
    """The units whose democracy records the officer reads."""
    return scope_for(user, Role.VIEWER)


def write_scope(user: Any) -> Scope:
    """The units where the officer keeps democracy records."""
    return scope_for(user, Role.OFFICER)


def access_unit_for_read(user: Any, unit_id: int) -> AdministrativeUnit:
    """A unit (province, commune, village) in the officer's viewer scope, or ``Http404``."""
    unit = AdministrativeUnit.objects.filter(pk=unit_id).first()
    if unit is None or not has_role_at(user, unit, Role.VIEWER):
        raise Http404
    return unit


def access_commune_for_write(user: Any, unit_id: int, *, min_role: str = Role.OFFICER) -> AdministrativeUnit:
    """A current commune where the officer may keep records (a legacy unit is never written to), or ``Http404``."""
    unit = AdministrativeUnit.objects.filter(pk=unit_id, level=UnitLevel.COMMUNE).first()
    if unit is None or not can_create_at(user, unit, min_role):
        raise Http404
    return unit


def access_village_for_write(user: Any, unit_id: int, *, min_role: str = Role.OFFICER) -> AdministrativeUnit:
    """A current village or residential group where the officer may keep records, or ``Http404``."""
    unit = AdministrativeUnit.objects.filter(pk=unit_id, level=UnitLevel.VILLAGE).first()
    if unit is None or not can_create_at(user, unit, min_role):
        raise Http404
    return unit


def can_write_at(user: Any, unit: AdministrativeUnit, min_role: str = Role.OFFICER) -> bool:
    """Whether the officer may keep records at ``unit`` (a current unit of their officer scope)."""
    return can_create_at(user, unit, min_role)


# --- Households (the register) --------------------------------------------------------------------------------------


# --- Disclosures (dân biết) -----------------------------------------------------------------------------------------


# --- Community decisions (dân bàn và quyết định) --------------------------------------------------------------------


# --- Consultations (tham gia ý kiến) --------------------------------------------------------------------------------


# --- Year-end meetings and dialogues --------------------------------------------------------------------------------


def meetings_visible_to(user: Any) -> QuerySet[CommunityMeeting]:
    """Year-end meetings and dialogues of the officer's viewer scope."""
    return CommunityMeeting.objects.filter(read_scope(user).q("unit_path"))


def raised_items_visible_to(user: Any) -> RaisedItemQuerySet:
    """Items raised at events of the officer's viewer scope."""
    return RaisedItem.objects.filter(read_scope(user).q("unit_path"))


def access_meeting(user: Any, meeting_id: int, *, for_write: bool = False) -> CommunityMeeting:
    """A meeting the officer may read (``for_write``: keep, at a current unit of their officer scope), or
    ``Http404`` — the same answer for one that does not exist."""
    meeting = meetings_visible_to(user).select_related("unit").filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    if for_write and not can_create_at(user, meeting.unit, Role.OFFICER):
        raise Http404
    return meeting


def access_raised_item(user: Any, item_id: int, *, for_write: bool = False) -> RaisedItem:
    """A raised item the officer may read (``for_write``: answer), or ``Http404``."""
    item = raised_items_visible_to(user).select_related("unit").filter(pk=item_id).first()
    if item is None:
        raise Http404
    if for_write and not can_create_at(user, item.unit, Role.OFFICER):
        raise Http404
    return item


def access_meeting_unit_for_write(user: Any, unit_id: int, kind: str) -> AdministrativeUnit:
    """Where a meeting of ``kind`` is scheduled: a village (year-end meeting) or a commune (dialogue) of the
    officer's officer scope, or ``Http404``."""
    if kind == MeetingKind.YEAR_END:
        return access_village_for_write(user, unit_id)
    return access_commune_for_write(user, unit_id)


def meeting_units_for(user: Any) -> QuerySet[AdministrativeUnit]:
    """The communes and villages where the officer schedules meetings (none for a scope without units)."""
    scope = write_scope(user)
    if scope.is_global:
        return AdministrativeUnit.objects.none()
    return AdministrativeUnit.objects.filter(
        scope.q("path"), tree=UnitTree.CURRENT, level__in=(UnitLevel.COMMUNE, UnitLevel.VILLAGE)
    ).order_by("path")


def can_keep_meetings_at(user: Any, unit: AdministrativeUnit) -> bool:
    """Whether the officer schedules and records meetings at ``unit`` (or its villages, for a commune)."""
    return can_create_at(user, unit, Role.OFFICER)


# --- Statistics -----------------------------------------------------------------------------------------------------


def access_statistics_unit(user: Any, unit_id: int) -> AdministrativeUnit:
    """A unit whose democracy statistics (and meeting compliance) the officer may see: any unit of their viewer
    scope; ``Http404`` otherwise, the same answer for a unit that does not exist."""
    unit, _scope = office_access.access_statistics_unit(user, unit_id)
    return unit


def default_statistics_unit(user: Any) -> AdministrativeUnit | None:
    """The unit a statistics page opens on: the officer's first membership unit."""
    return office_access.default_statistics_unit(user)


def statistics_unit_choices(user: Any, unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    """The units the statistics page offers beside ``unit``."""
    return office_access.unit_choices(user, unit)
