"""Figures of the "Dân vận khéo" registry for a unit subtree and a period, with the period before.

What the seeds report (DOMAIN.md §3): models registered in the period by level ("54 mô hình cấp
huyện và 137 mô hình mới cấp xã"), maintained ("108 duy trì"), recognized this year ("80 mô hình
được công nhận năm 2022"), commended collectives and individuals ("05 tập thể, 10 cá nhân") and
the support given ("hỗ trợ 7 triệu đồng"). Initiatives recorded under a legacy unit before
1/7/2025 count for its current successor (the primary successor of a split commune, so that a
record is counted once in a province's sum), as they do in an officer's scope.

Everything is computed with two aggregate queries (plus one for the legacy predecessors): one
grouped by level, field, kind, status and organization kind with conditional counts for both
periods, from which totals and breakdowns are summed; one over commendations. Both are built and
compiled once per subtree and run with the periods' dates (``core.compiled``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.access import Scope
from danvan.core import compiled
from danvan.core.compiled import Slot, count_rows, date_slot, datetime_slot
from danvan.core.db_router import reporting_reads
from danvan.core.models import AdministrativeUnit
from danvan.core.periods import Period, change_percent
from danvan.core.selectors import statistics_paths
from danvan.core.subtree import subtree_q
from danvan.initiatives.models import (
    Commendation,
    HonoreeType,
    Initiative,
    InitiativeKind,
    InitiativeLevel,
    InitiativeStatus,
    Transition,
)

MAINTAIN_ACTION = "maintain"


@dataclass
class Figures:
    """The headline figures of one period."""

    registered: int = 0
    maintained: int = 0
    recognized: int = 0
    replicated: int = 0
    funds_total: int = 0
    commended_collectives: int = 0
    commended_individuals: int = 0
    commendation_amount: int = 0


FIGURE_NAMES: tuple[str, ...] = (
    "registered",
    "maintained",
    "recognized",
    "commended_collectives",
    "commended_individuals",
    "replicated",
    "funds_total",
    "commendation_amount",
)
FIGURE_LABELS: dict[str, Any] = {
    "registered": _("Mô hình, điển hình đăng ký mới"),
    "maintained": _("Mô hình, điển hình duy trì"),
    "recognized": _("Được công nhận"),
    "commended_collectives": _("Tập thể được khen thưởng"),
    "commended_individuals": _("Cá nhân được khen thưởng"),
    "replicated": _("Nhân rộng"),
    "funds_total": _("Tổng kinh phí (đồng)"),
    "commendation_amount": _("Tiền thưởng (đồng)"),
}


@dataclass(frozen=True)
class Comparison:
    """One figure in the period, in the period before, and the change in percent."""

    name: str
    label: str
    current: int
    previous: int
    change: Decimal | None

    @property
    def difference(self) -> int:
        return self.current - self.previous

    @property
    def change_text(self) -> str:
        """ "tăng 12,5%", "giảm 25,5%", "không đổi"; empty when there was nothing before."""
        from danvan.core.formatting import format_percent

        if self.change is None:
            return ""
        if self.change == 0:
            return str(_("không đổi"))
        word = _("tăng") if self.change > 0 else _("giảm")
        return f"{word} {format_percent(abs(self.change))}"


@dataclass
class BreakdownRow:
    """Initiatives of one group (a level, a field, …): registered and recognized in both periods."""

    key: str
    label: str
    registered: int = 0
    registered_previous: int = 0
    recognized: int = 0
    recognized_previous: int = 0
    funds_total: int = 0

    @property
    def change(self) -> Decimal | None:
        return change_percent(self.registered, self.registered_previous)


@dataclass
class InitiativeStats:
    """Statistics of a unit subtree: figures of the period and of the one before, and breakdowns."""

    unit: AdministrativeUnit
    period: Period
    previous_period: Period
    current: Figures
    previous: Figures
    by_level: list[BreakdownRow] = field(default_factory=list)
    by_field: list[BreakdownRow] = field(default_factory=list)
    by_kind: list[BreakdownRow] = field(default_factory=list)
    by_status: list[BreakdownRow] = field(default_factory=list)
    by_organization_kind: list[BreakdownRow] = field(default_factory=list)
    unit_paths: tuple[str, ...] = ()

    @property
    def comparisons(self) -> list[Comparison]:
        return [
            Comparison(
                name=name,
                label=str(FIGURE_LABELS[name]),
                current=getattr(self.current, name),
                previous=getattr(self.previous, name),
                change=change_percent(getattr(self.current, name), getattr(self.previous, name)),
            )
            for name in FIGURE_NAMES
        ]

    @property
    def breakdowns(self) -> list[tuple[str, str, list[BreakdownRow]]]:
        return [
            ("level", str(_("Theo cấp")), self.by_level),
            ("field", str(_("Theo lĩnh vực")), self.by_field),
            ("kind", str(_("Theo loại")), self.by_kind),
            ("status", str(_("Theo trạng thái")), self.by_status),
            ("organization_kind", str(_("Theo tổ chức đăng ký")), self.by_organization_kind),
        ]


def _between(name: str, period: Period) -> Q:
    return _within(name, period.start, period.end)


def _within(name: str, start: dt.date | Slot, end: dt.date | Slot) -> Q:
    return Q(**{f"{name}__gte": start, f"{name}__lte": end})


def _maintained_q(period: Period) -> Q:
    """Maintained during the period: a "maintain" step taken in it, or maintained now and already
    recognized by the period's end (imported records carry no steps)."""
    since, until = _day_bounds(period)
    return _maintained(period.end, since, until)


def _day_bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    """The first instant of the period and the first after it, local time."""
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(period.start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return since, until


def _maintained(end: dt.date | Slot, since: dt.datetime | Slot, until: dt.datetime | Slot) -> Q:
    steps = Transition.objects.filter(action=MAINTAIN_ACTION, at__gte=since, at__lt=until).values("initiative_id")
    return Q(status=InitiativeStatus.MAINTAINED, recognized_on__lte=end) | Q(pk__in=steps)


# The statistics query leaves its dates as slots (``core.compiled``): period "c" or "p", filled in by _slot_values.
def _between_slots(name: str, tag: str) -> Q:
    return _within(name, date_slot(f"{tag}_start"), date_slot(f"{tag}_end"))


def _maintained_slots(tag: str) -> Q:
    return _maintained(date_slot(f"{tag}_end"), datetime_slot(f"{tag}_since"), datetime_slot(f"{tag}_until"))


def _slot_values(periods: dict[str, Period]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for tag, span in periods.items():
        values[f"{tag}_start"], values[f"{tag}_end"] = span.start, span.end
        values[f"{tag}_since"], values[f"{tag}_until"] = _day_bounds(span)
    return values


GROUP_COLUMNS = (
    "level",
    "field__code",
    "field__name",
    "kind",
    "status",
    "organization__kind__code",
    "organization__kind__name",
)
TAGS = ("c", "p")


def _grouped_initiatives(where: Q, scope: Scope | None) -> QuerySet[Initiative, Any]:
    conditions: dict[str, Q] = {}
    aggregates: dict[str, Any] = {}
    for tag in TAGS:
        registered = _between_slots("registered_on", tag)
        conditions[f"registered_{tag}"] = registered
        conditions[f"recognized_{tag}"] = _between_slots("recognized_on", tag)
        conditions[f"maintained_{tag}"] = _maintained_slots(tag)
        aggregates[f"registered_{tag}"] = count_rows(registered)
        aggregates[f"recognized_{tag}"] = count_rows(conditions[f"recognized_{tag}"])
        aggregates[f"maintained_{tag}"] = count_rows(conditions[f"maintained_{tag}"])
        aggregates[f"replicated_{tag}"] = count_rows(registered & Q(origin__isnull=False))
        aggregates[f"funds_{tag}"] = Sum("funds_total", filter=registered)
    relevant = Q()
    for condition in conditions.values():
        relevant |= condition
    initiatives = Initiative.objects.filter(where).filter(relevant)
    if scope is not None:
        initiatives = initiatives.filter(scope.q("unit_path"))
    return initiatives.order_by().values(*GROUP_COLUMNS).annotate(**aggregates)


def _commendations(where: Q, scope: Scope | None) -> QuerySet[Commendation, Any]:
    commendations = Commendation.objects.filter(where).filter(
        awarded_on__gte=date_slot("p_start"), awarded_on__lte=date_slot("c_end")
    )
    if scope is not None:
        commendations = commendations.filter(scope.q("initiative__unit_path"))
    aggregates: dict[str, Any] = {}
    for tag in TAGS:
        awarded = _between_slots("awarded_on", tag)
        aggregates[f"collectives_{tag}"] = count_rows(awarded & Q(recipient_type=HonoreeType.COLLECTIVE))
        aggregates[f"individuals_{tag}"] = count_rows(awarded & Q(recipient_type=HonoreeType.INDIVIDUAL))
        aggregates[f"amount_{tag}"] = Sum("amount", filter=awarded)
    return compiled.total(commendations, aggregates)


@reporting_reads()
def initiative_statistics(*, unit: AdministrativeUnit, period: Period, scope: Scope | None = None) -> InitiativeStats:
    """Figures of ``unit``'s subtree (with its legacy predecessors) for ``period`` and the period before.

    ``scope`` (an officer's) narrows the count to what the officer may see; callers check first that
    the unit itself lies within it.
    """
    previous = period.previous()
    paths, provinces = statistics_paths(unit)
    periods = {"c": period, "p": previous}
    values = _slot_values(periods)
    # Built once per subtree, run with the periods' dates (``core.compiled``); an officer's scope is built each time.
    shape = (paths, provinces) if scope is None else None
    groups = compiled.rows(
        Initiative,
        ("initiatives.statistics", shape) if shape is not None else None,
        lambda: _grouped_initiatives(subtree_q(paths, provinces=provinces), scope),
        values,
    )
    found = compiled.rows(
        Commendation,
        ("initiatives.commendations", shape) if shape is not None else None,
        lambda: _commendations(subtree_q(paths, "initiative__", provinces=provinces), scope),
        values,
    )
    commended = found[0] if found else {}

    figures = {tag: Figures() for tag in periods}
    for tag, figure in figures.items():
        figure.registered = sum(g[f"registered_{tag}"] for g in groups)
        figure.recognized = sum(g[f"recognized_{tag}"] for g in groups)
        figure.maintained = sum(g[f"maintained_{tag}"] for g in groups)
        figure.replicated = sum(g[f"replicated_{tag}"] for g in groups)
        figure.funds_total = sum(g[f"funds_{tag}"] or 0 for g in groups)
        figure.commended_collectives = commended.get(f"collectives_{tag}") or 0
        figure.commended_individuals = commended.get(f"individuals_{tag}") or 0
        figure.commendation_amount = commended.get(f"amount_{tag}") or 0

    return InitiativeStats(
        unit=unit,
        period=period,
        previous_period=previous,
        current=figures["c"],
        previous=figures["p"],
        by_level=_breakdown(groups, "level", None, _choice_order(InitiativeLevel.choices)),
        by_field=_breakdown(groups, "field__code", "field__name", None),
        by_kind=_breakdown(groups, "kind", None, _choice_order(InitiativeKind.choices)),
        by_status=_breakdown(groups, "status", None, _choice_order(InitiativeStatus.choices)),
        by_organization_kind=_breakdown(groups, "organization__kind__code", "organization__kind__name", None),
        unit_paths=paths,
    )


def _choice_order(choices: Iterable[tuple[str, Any]]) -> dict[str, tuple[int, str]]:
    return {value: (index, str(label)) for index, (value, label) in enumerate(choices)}


def _breakdown(
    groups: list[dict[str, Any]], key: str, label_key: str | None, choices: dict[str, tuple[int, str]] | None
) -> list[BreakdownRow]:
    rows: dict[str, BreakdownRow] = {}
    for group in groups:
        value = group[key]
        row = rows.get(value)
        if row is None:
            label = group[label_key] if label_key else (choices or {}).get(value, (0, value))[1]
            row = rows[value] = BreakdownRow(key=value, label=label)
        row.registered += group["registered_c"]
        row.registered_previous += group["registered_p"]
        row.recognized += group["recognized_c"]
        row.recognized_previous += group["recognized_p"]
        row.funds_total += group["funds_c"] or 0
    kept = [r for r in rows.values() if r.registered or r.registered_previous or r.recognized or r.recognized_previous]
    if choices is not None:
        return sorted(kept, key=lambda r: choices.get(r.key, (len(choices), r.key))[0])
    return sorted(kept, key=lambda r: (-r.registered, r.label))


# --- What the page and the API share ------------------------------------------------------------------------------
