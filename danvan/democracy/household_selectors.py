"""Reading the household register as it stood on a day: the households of villages (or of whole communes) whose
residence was in force that day. Community decisions count "all households" through these selectors, so that a
vote counts the register as of its date (Luật 10/2022 Art. 21–22)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from danvan.core.models import AdministrativeUnit, UnitLevel
from danvan.core.text import matches_all_terms
from danvan.democracy.models import Residence


def households_on(units: Iterable[AdministrativeUnit], day: dt.date) -> QuerySet[Residence]:
    """The residences in force on ``day`` in the given villages, or in every village of the given communes.

    One row per household (a household lives in one village at a time); ``household`` and ``village`` are
    selected with it. Units that are neither villages nor communes contribute nothing.
    """
    villages: list[int] = []
    communes: list[int] = []
    for unit in units:
        if unit.level == UnitLevel.VILLAGE:
            villages.append(unit.pk)
        elif unit.level == UnitLevel.COMMUNE:
            communes.append(unit.pk)
    where = Q(pk__in=[])
    if villages:
        where |= Q(village_id__in=villages)
    if communes:
        where |= Q(household__unit_id__in=communes)
    residences: QuerySet[Residence] = Residence.objects.on(day).filter(where)
    return residences.select_related("household", "village")


def household_count_on(unit: AdministrativeUnit, day: dt.date) -> int:
    """How many households lived in the village (or in the commune's villages) on ``day``: one COUNT query."""
    residences = Residence.objects.on(day)
    if unit.level == UnitLevel.VILLAGE:
        return int(residences.filter(village_id=unit.pk).count())
    if unit.level == UnitLevel.COMMUNE:
        return int(residences.filter(household__unit_id=unit.pk).count())
    return 0


def register_on(unit: AdministrativeUnit, day: dt.date) -> QuerySet[Residence]:
    """The register of one village or commune as it stood on ``day`` (same as ``households_on([unit], day)``)."""
    return households_on([unit], day)


def household_list(unit: AdministrativeUnit, *, on: dt.date, q: str | None = None) -> QuerySet[Residence]:
    """The register of a village or commune on ``on``, searched without diacritics (code, representative,
    address), in the order of the household codes."""
    residences = households_on([unit], on)
    if q:
        residences = residences.filter(matches_all_terms(q, "household__search_text"))
    return residences.order_by("household__code", "household_id")
