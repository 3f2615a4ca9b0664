"""Reads on units and organizations: search, tree navigation and succession."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext as _

from danvan.core import compiled
from danvan.core.compiled import Slot
from danvan.core.models import AdministrativeUnit, Organization, UnitSuccession, UnitTree
from danvan.core.subtree import subtree_q
from danvan.core.text import matches_all_terms, search_terms, vi_sort_key


def units_search(
    *,
    q: str | None = None,
    tree: str | None = None,
    kind: str | None = None,
    parent_id: int | None = None,
    level: int | None = None,
    within: AdministrativeUnit | None = None,
) -> QuerySet[AdministrativeUnit]:
    """Units matching every folded term of ``q`` (diacritics and case ignored), best first.

    Ranking: exact short name ("đồng xuân"), short-name prefix, the phrase inside
    the name, then matches through an ancestor's name; within each, the current
    tree before the legacy one, higher levels first, then by name.
    """
    units = AdministrativeUnit.objects.select_related("parent")
    if tree:
        units = units.filter(tree=tree)
    if kind:
        units = units.filter(kind=kind)
    if level:
        units = units.filter(level=level)
    if parent_id:
        units = units.filter(parent_id=parent_id)
    if within is not None:
        units = units.filter(subtree_q(within, field="path"))
    terms = search_terms(q)
    units = units.filter(matches_all_terms(q))
    if terms:
        folded = " ".join(terms)
        units = units.annotate(
            match_rank=Case(
                When(name_key=folded, then=Value(0)),
                When(name_key__startswith=folded, then=Value(1)),
                When(name_key__contains=folded, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            ),
            tree_rank=Case(When(tree=UnitTree.CURRENT, then=Value(0)), default=Value(1), output_field=IntegerField()),
        ).order_by("match_rank", "tree_rank", "level", "name", "id")
    else:
        units = units.order_by("tree", "path")
    return units


def unit_children(unit: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.filter(parent=unit).order_by("name")


def unit_subtree(unit: AdministrativeUnit, *, include_self: bool = True) -> QuerySet[AdministrativeUnit]:
    units = AdministrativeUnit.objects.filter(subtree_q(unit, field="path"))
    return units if include_self else units.exclude(pk=unit.pk)


def unit_predecessors(unit: AdministrativeUnit) -> list[UnitSuccession]:
    """The legacy units this unit succeeded, with the kind of succession (merge, split, rename)."""
    links = UnitSuccession.objects.filter(successor=unit).select_related("predecessor", "predecessor__parent")
    return sorted(links, key=lambda link: vi_sort_key(link.predecessor.name))


def unit_successors(unit: AdministrativeUnit) -> list[UnitSuccession]:
    """The current units that took over this legacy unit; a split lists every candidate, primary first."""
    links = UnitSuccession.objects.filter(predecessor=unit).select_related("successor", "successor__parent")
    return sorted(links, key=lambda link: (not link.is_primary, vi_sort_key(link.successor.name)))


def unit_label(unit: AdministrativeUnit, predecessors: list[UnitSuccession] | None = None) -> str:
    """ "Phường X (gồm các xã/phường cũ: A, B)" for a merged current unit, else its name."""
    links = unit_predecessors(unit) if predecessors is None else predecessors
    if unit.tree != UnitTree.CURRENT or unit.level != 3 or not links:
        return unit.name
    old_names = ", ".join(link.predecessor.name for link in links)
    return _("%(name)s (gồm các đơn vị cũ: %(old)s)") % {"name": unit.name, "old": old_names}


def unit_overview(unit: AdministrativeUnit) -> dict[str, object]:
    """What a unit page shows on both the portal and the back office: label, place in the tree, succession, bodies."""
    predecessors = unit_predecessors(unit)
    return {
        "unit": unit,
        "label": unit_label(unit, predecessors),
        "ancestors": unit_ancestors(unit),
        "predecessors": predecessors,
        "successors": unit_successors(unit),
        "organizations": organizations_search(unit_id=unit.pk),
    }


def organizations_search(
    *, unit_id: int | None = None, q: str | None = None, kind: str | None = None
) -> QuerySet[Organization]:
    organizations = Organization.objects.select_related("unit", "kind").filter(is_active=True)
    if unit_id:
        organizations = organizations.filter(unit_id=unit_id)
    if kind:
        organizations = organizations.filter(kind__code=kind)
    return organizations.filter(matches_all_terms(q)).order_by("unit__path", "kind__sort_order", "name")


def unit_ancestors(unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    """Root-first ancestors of ``unit`` from its materialized path (one query)."""
    prefix = "C/" if unit.tree == UnitTree.CURRENT else "L/"
    codes = unit.path[len(prefix) :].strip("/").split("/")[:-1]
    by_code = {u.code: u for u in AdministrativeUnit.objects.filter(tree=unit.tree, code__in=codes)}
    return [by_code[c] for c in codes if c in by_code]


def statistics_paths(unit: AdministrativeUnit) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The unit's path and, for a current unit, those of the legacy units it primarily succeeded;
    with the province codes of all of them (a redundant, indexed filter)."""
    return statistics_paths_of([unit])[unit.pk]


def _predecessors_of_one() -> QuerySet[UnitSuccession, Any]:
    return UnitSuccession.objects.filter(successor=Slot("unit", IntegerField()), is_primary=True).values(
        "predecessor__path", "predecessor__province_code"
    )


def statistics_paths_of(
    units: list[AdministrativeUnit],
) -> dict[int, tuple[tuple[str, ...], tuple[str, ...]]]:
    """:func:`statistics_paths` of each unit (by id), with one query for all of them (none without a current
    unit)."""
    found: dict[int, tuple[set[str], set[str]]] = {unit.pk: ({unit.path}, {unit.province_code}) for unit in units}
    current = [unit.pk for unit in units if unit.is_current]
    links: Iterable[tuple[int, str, str]] = ()
    if len(current) == 1:
        # One unit, as every statistics page asks: a query compiled once (``core.compiled``), run with its id.
        rows = compiled.rows(UnitSuccession, "core.statistics_paths", _predecessors_of_one, {"unit": current[0]})
        links = [(current[0], row["predecessor__path"], row["predecessor__province_code"]) for row in rows]
    elif current:
        links = UnitSuccession.objects.filter(successor__in=current, is_primary=True).values_list(
            "successor_id", "predecessor__path", "predecessor__province_code"
        )
    for successor_id, path, province_code in links:
        found[successor_id][0].add(path)
        found[successor_id][1].add(province_code)
    result: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for pk, (paths, provinces) in found.items():
        kept: list[str] = []
        for path in sorted(paths, key=len):
            if not any(path.startswith(shorter) for shorter in kept):
                kept.append(path)
        result[pk] = (tuple(kept), tuple(sorted(provinces)))
    return result
