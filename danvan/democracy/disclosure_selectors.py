"""Reads of the disclosure register: officers' lists, the compliance boards, the quarterly list, the yearly plan and
report, and the public portal's list (published disclosures only)."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from danvan.core.compiled import count_rows
from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
from danvan.core.params import digits_int
from danvan.core.rules import RuleTable
from danvan.core.subtree import subtree_q
from danvan.core.text import matches_all_terms, vi_sort_key
from danvan.core.workdays import default_calendar
from danvan.democracy import access
from danvan.democracy.disclosure_compliance import Compliance, commune_has_portal, disclosure_compliance
from danvan.democracy.disclosure_services import disclosures_refresh
from danvan.democracy.models import ComplianceStatus, Disclosure, DisclosureChannel, DisclosureItem

VIOLATION_FLAGS = ("is_late", "is_too_short", "lacks_portal", "is_taken_down", "lacks_loudspeaker")


def with_channels(disclosures: QuerySet[Disclosure]) -> QuerySet[Disclosure]:
    return disclosures.select_related("item", "unit", "document").prefetch_related(
        Prefetch("channels", queryset=DisclosureChannel.objects.select_related("form"))
    )


def disclosure_list(
    user: Any,
    *,
    q: str | None = None,
    unit: AdministrativeUnit | None = None,
    item: str | None = None,
    status: str | None = None,
    year: int | None = None,
) -> QuerySet[Disclosure]:
    """The disclosures the officer reads, newest decision first; ``q`` ignores diacritics (đ → d)."""
    disclosures = access.disclosures_visible(user).select_related("item", "unit")
    if unit is not None:
        disclosures = disclosures.filter(
            subtree_q(unit, provinces=[unit.province_code] if unit.province_code else None)
        )
    if q:
        disclosures = disclosures.filter(matches_all_terms(q))
    if item:
        number = digits_int(item)
        disclosures = (
            disclosures.filter(item__number=number) if number is not None else disclosures.filter(item__code=item)
        )
    if status in ComplianceStatus.values:
        disclosures = disclosures.filter(status=status)
    if year:
        disclosures = disclosures.filter(issued_on__year=year)
    return disclosures.order_by("-issued_on", "-pk")


# --- Compliance boards -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardUnit:
    """A commune as the province board shows it: its key, name, code and path (not a whole unit row each)."""

    pk: int
    name: str
    code: str = ""
    path: str = ""


@dataclass
class BoardRow:
    """One commune's counts on the province board."""

    unit: BoardUnit
    total: int = 0
    ok: int = 0
    pending: int = 0
    violation: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def is_green(self) -> bool:
        return self.violation == 0


def _year_q(year: int | None) -> Q:
    """Issued in ``year``: a date range, which the board indexes answer (``province_code``, ``issued_on`` …)."""
    if not year:
        return Q()
    return Q(issued_on__gte=dt.date(year, 1, 1), issued_on__lte=dt.date(year, 12, 31))


@functools.lru_cache(maxsize=16384)
def _name_order(name: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """``vi_sort_key`` of a unit's name, remembered: the board sorts the same few thousand names on every load, and
    the key (a walk over the decomposed letters) cost more than the board's aggregate."""
    return vi_sort_key(name)


def province_board(
    province: AdministrativeUnit, *, year: int | None = None, on: dt.date | None = None
) -> list[BoardRow]:
    """Every current commune of ``province`` with its disclosures' counts by status and violation kind: one
    aggregate query (after refreshing the few results whose running rule came to its date)."""
    on = on or timezone.localdate()
    # The whole province: its code alone selects its rows (the covering index ``disclosure_board``); rows of
    # legacy units are left out below, the board lists the current communes.
    place = Disclosure.objects.filter(province_code=province.province_code)
    disclosures_refresh(place, on=on)
    # Counting ``unit_id`` (not the primary key) lets the database answer from the covering index alone.
    aggregates = {
        "total": Count("unit_id"),
        "ok": Count("unit_id", filter=Q(status=ComplianceStatus.OK)),
        "pending": Count("unit_id", filter=Q(status=ComplianceStatus.PENDING)),
        "violation": Count("unit_id", filter=Q(status=ComplianceStatus.VIOLATION)),
        **{flag: Count("unit_id", filter=Q(**{flag: True})) for flag in VIOLATION_FLAGS},
    }
    rows = place.filter(_year_q(year)).values("unit_id").annotate(**aggregates).order_by()
    by_unit: dict[int, dict[str, Any]] = {row["unit_id"]: dict(row.items()) for row in rows}
    # Four columns, not model instances (building one per commune cost more than the aggregate), and no ORDER BY
    # (sorted below; the units' default order cost a sort of its own).
    communes = (
        AdministrativeUnit.objects.filter(
            tree=UnitTree.CURRENT, level=UnitLevel.COMMUNE, province_code=province.province_code
        )
        .order_by()
        .values_list("pk", "name", "code", "path")
    )
    board = []
    for pk, name, code, path in communes:
        commune = BoardUnit(pk=pk, name=name, code=code, path=path)
        counts = by_unit.get(pk, {})
        board.append(
            BoardRow(
                unit=commune,
                total=counts.get("total", 0),
                ok=counts.get("ok", 0),
                pending=counts.get("pending", 0),
                violation=counts.get("violation", 0),
                counts={flag: counts.get(flag, 0) for flag in VIOLATION_FLAGS},
            )
        )
    # Communes with violations first, then by name in Vietnamese order.
    board.sort(key=lambda row: (-row.violation, _name_order(row.unit.name)))
    return board


def province_totals(board: list[BoardRow]) -> BoardRow:
    total = BoardRow(unit=BoardUnit(pk=0, name=""))
    for row in board:
        total.total += row.total
        total.ok += row.ok
        total.pending += row.pending
        total.violation += row.violation
        for flag, value in row.counts.items():
            total.counts[flag] = total.counts.get(flag, 0) + value
    return total


@dataclass
class CheckedDisclosure:
    disclosure: Disclosure
    compliance: Compliance


# Violations first, then the ones still running, then the compliant; the newest first within each.
BOARD_ORDER = (
    Case(
        When(status=ComplianceStatus.VIOLATION, then=Value(0)),
        When(status=ComplianceStatus.PENDING, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    ),
    "-issued_on",
    "-pk",
)


def commune_board_disclosures(
    commune: AdministrativeUnit, *, year: int | None = None, on: dt.date | None = None, status: str | None = None
) -> QuerySet[Disclosure]:
    """The commune's disclosures for its board, their stored results refreshed to ``on``, violations first (the
    order is the database's, so the board pages)."""
    on = on or timezone.localdate()
    disclosures = Disclosure.objects.filter(unit=commune).filter(_year_q(year))
    disclosures_refresh(disclosures, on=on)
    if status in ComplianceStatus.values:
        disclosures = disclosures.filter(status=status)
    return with_channels(disclosures).order_by(*BOARD_ORDER)


def board_status_counts(disclosures: QuerySet[Disclosure]) -> dict[str, int]:
    """How many of ``disclosures`` are in violation, running, compliant: one aggregate."""
    return disclosures.order_by().aggregate(
        violation=count_rows(Q(status=ComplianceStatus.VIOLATION)),
        pending=count_rows(Q(status=ComplianceStatus.PENDING)),
        ok=count_rows(Q(status=ComplianceStatus.OK)),
    )


def check_disclosures(
    commune: AdministrativeUnit, disclosures: Any, *, on: dt.date | None = None
) -> list[CheckedDisclosure]:
    """Each of ``disclosures`` (one page of the board) with each rule checked and its computation."""
    on = on or timezone.localdate()
    rules, calendar = RuleTable.load(), default_calendar()
    has_portal = commune_has_portal(commune.pk)
    return [
        CheckedDisclosure(
            d,
            disclosure_compliance(d, d.channels.all(), on=on, rules=rules, calendar=calendar, has_portal=has_portal),
        )
        for d in disclosures
    ]


def commune_board(
    commune: AdministrativeUnit,
    *,
    year: int | None = None,
    on: dt.date | None = None,
    status: str | None = None,
    limit: int = 500,
) -> list[CheckedDisclosure]:
    """The commune's first ``limit`` disclosures checked, violations first (the page uses
    :func:`commune_board_disclosures` with a paginator)."""
    disclosures = commune_board_disclosures(commune, year=year, on=on, status=status)
    return check_disclosures(commune, disclosures[:limit], on=on)


# --- Quarterly list, yearly plan and report ----------------------------------------------------------------------


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return start, end - dt.timedelta(days=1)


def quarterly_list(
    commune: AdministrativeUnit, year: int, quarter: int, *, published_only: bool = False
) -> list[Disclosure]:
    """What the commune disclosed in the quarter (Art. 13.2): first disclosed in it, with how and when."""
    start, end = quarter_bounds(year, quarter)
    disclosures = Disclosure.objects.filter(unit=commune, disclosed_on__range=(start, end))
    if published_only:
        disclosures = disclosures.filter(is_published=True)
    return list(with_channels(disclosures).order_by("item__number", "disclosed_on", "pk"))


@dataclass
class ItemYear:
    item: DisclosureItem
    disclosures: int
    on_time: int
    violations: int
    forms: list[str]


def year_by_item(commune: AdministrativeUnit, year: int) -> list[ItemYear]:
    """Per item of Art. 11: how many disclosures the commune issued in ``year``, on time, with violations, and the
    forms it used (the basis of next year's plan and of the report to the People's Council)."""
    disclosures = Disclosure.objects.filter(unit=commune, issued_on__year=year)
    counts: dict[int, dict[str, Any]] = {
        row["item_id"]: dict(row.items())
        for row in disclosures.values("item_id")
        .annotate(
            total=count_rows(),
            on_time=count_rows(Q(is_late=False, disclosed_on__isnull=False)),
            violations=count_rows(Q(status=ComplianceStatus.VIOLATION)),
        )
        .order_by()
    }
    forms: dict[int, set[str]] = {}
    for item_id, name in (
        DisclosureChannel.objects.filter(disclosure__in=disclosures)
        .values_list("disclosure__item_id", "form__name")
        .distinct()
    ):
        forms.setdefault(item_id, set()).add(name)
    rows = []
    for item in DisclosureItem.objects.in_force(dt.date(year, 12, 31)).filter(is_active=True).order_by("number"):
        row = counts.get(item.pk, {})
        rows.append(
            ItemYear(
                item=item,
                disclosures=row.get("total", 0),
                on_time=row.get("on_time", 0),
                violations=row.get("violations", 0),
                forms=sorted(forms.get(item.pk, set()), key=vi_sort_key),
            )
        )
    return rows


# --- Public portal ----------------------------------------------------------------------------------------------------


def public_communes_q() -> Q:
    return Q(tree=UnitTree.CURRENT, level=UnitLevel.COMMUNE)


def public_disclosures(
    commune: AdministrativeUnit, *, q: str | None = None, item: str | None = None
) -> QuerySet[Disclosure]:
    """What the commune disclosed on the portal: published by an officer, nothing else; ``q`` folded."""
    disclosures = Disclosure.objects.filter(unit=commune, is_published=True).select_related("item", "document")
    if q:
        disclosures = disclosures.filter(matches_all_terms(q, "public_search_text"))
    number = digits_int(item)
    if number is not None:
        disclosures = disclosures.filter(item__number=number)
    return disclosures.order_by("-published_on", "-pk")
