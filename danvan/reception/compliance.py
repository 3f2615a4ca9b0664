"""Whether the heads received citizens as often as the law requires, week by week or month by month.

Luật Tiếp công dân 42/2013/QH13: the chairman of a commune receives citizens at least one day a week (Art. 15.2.d)
until 30/06/2026 and at least two days a month from 01/07/2026 (Luật 136/2025/QH15), the chairman of a province
and the head of an administrative agency at least one day a month (Art. 12.5, 18.2). The minimums are ``LegalRule``
rows (``reception.*``), read for each week or month as in force then (:func:`reception_periods`; :func:`period_of`
is the one definition of a week or month, shared with the series planner of ``services.py``). From 01/07/2026 a
head may no longer send a deputy in their place (Luật 136/2025/QH15): a delegated session from that day does not
count toward the minimum. That date is read from the rule ``reception.head_may_delegate`` (value 1 while
delegation is allowed) when the administrator has entered it, else from :data:`DELEGATION_ENDS_DEFAULT`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.access import Scope
from danvan.core.compiled import count_rows
from danvan.core.errors import DomainError
from danvan.core.models import AdministrativeUnit, LegalRule, Organization, UnitLevel, UnitTree
from danvan.core.periods import MAX_YEAR, month_of, period_from, week_of
from danvan.core.rules import RuleTable
from danvan.core.subtree import subtree_q
from danvan.core.workdays import default_calendar
from danvan.reception import access
from danvan.reception.models import HostRole, ReceptionKind, ReceptionSession, SessionStatus

HEAD_ROLES = (HostRole.COMMUNE_CHAIRMAN, HostRole.PROVINCE_CHAIRMAN, HostRole.AGENCY_HEAD)
MINIMUM_RULES: dict[str, str] = {
    HostRole.COMMUNE_CHAIRMAN: "reception.commune_chairman_min",
    HostRole.PROVINCE_CHAIRMAN: "reception.province_chairman_min",
    HostRole.AGENCY_HEAD: "reception.agency_head_min",
}
COUNTED_KINDS = (ReceptionKind.PERIODIC, ReceptionKind.UNSCHEDULED)
DELEGATION_RULE = "reception.head_may_delegate"
DELEGATION_ENDS_DEFAULT = dt.date(2026, 7, 1)  # Luật 136/2025/QH15; superseded by the rule when entered


# --- Periods: what "a week" and "a month" of reception mean, for the planner and for compliance ----------------

PER_WEEK = "day_per_week"
PER_MONTH = "day_per_month"


@dataclass(frozen=True)
class Period:
    """A week (ISO, Monday–Sunday) or a calendar month in which a head must receive some days."""

    start: dt.date
    end: dt.date
    unit: str

    @property
    def anchor(self) -> dt.date:
        """The day that places the period: a week's Thursday (so each week is in one month and one year), a
        month's first day. A period is counted in a report when its anchor is in the report's dates, under the
        rule in force on its anchor."""
        return self.start + dt.timedelta(days=3) if self.unit == PER_WEEK else self.start

    @property
    def label(self) -> str:
        if self.unit == PER_WEEK:
            return _("Tuần %(week)s (%(start)s–%(end)s)") % {
                "week": self.start.isocalendar().week,
                "start": self.start.strftime("%d/%m"),
                "end": self.end.strftime("%d/%m"),
            }
        return _("Tháng %s") % self.start.strftime("%m/%Y")


def period_of(day: dt.date, unit: str) -> Period:
    """The week (``day_per_week``) or month (any other unit) that contains ``day``: the one definition the series
    planner and the compliance report share."""
    span, per = (week_of(day), PER_WEEK) if unit == PER_WEEK else (month_of(day), PER_MONTH)
    return Period(span.start, span.end, per)


@dataclass(frozen=True)
class Bucket:
    """A period in which a head must receive ``value`` days under ``rule`` (the rule in force on its anchor)."""

    period: Period
    rule: LegalRule
    value: int

    @property
    def start(self) -> dt.date:
        return self.period.start

    @property
    def end(self) -> dt.date:
        return self.period.end

    @property
    def label(self) -> str:
        return self.period.label


def reception_periods(table: RuleTable, code: str, start: dt.date, end: dt.date) -> list[Bucket]:
    """The periods of rule ``code`` whose anchor falls between ``start`` and ``end``, each under the rule in force
    on its anchor: a year view of 2026 for a commune chairman gives the ISO weeks until 30/06 (1 day a week,
    Art. 15.2.d) and the months from July (2 days a month, Luật 136/2025/QH15). A week that straddles a change of
    unit belongs to the rule of its Thursday; if that rule counts months, the week is part of that month."""
    buckets: list[Bucket] = []
    day = start - dt.timedelta(days=6)  # a week whose Thursday is in range may start up to 3 days earlier
    while day <= end:
        try:
            rule = table.in_force(code, day)
        except DomainError:
            day += dt.timedelta(days=1)  # no minimum in force that day
            continue
        period = period_of(day, rule.value_unit)
        anchor = period.anchor
        if start <= anchor <= end:
            try:
                governing = table.in_force(code, anchor)
            except DomainError:
                governing = None
            same_unit = governing is not None and governing.value_unit == rule.value_unit
            if same_unit and governing is not None and (not buckets or buckets[-1].period != period):
                buckets.append(Bucket(period, governing, governing.value))
        day = period.end + dt.timedelta(days=1)
    return buckets


def period_bounds(year: int, month: int | None) -> tuple[dt.date, dt.date]:
    """A month of ``year``, or the whole year (any year of the project's bounds: sessions are planned ahead)."""
    span = period_from(year=year, month=month, latest=MAX_YEAR)
    return span.start, span.end


@dataclass
class ComplianceRow:
    unit: AdministrativeUnit
    host_role: str
    organization_name: str
    rule: LegalRule | None  # the rule in force on the reference day (today, or the end of a past period)
    rules: list[LegalRule] = field(default_factory=list)  # every rule the periods were counted under, in order
    required: int = 0
    held: int = 0
    shortfall: int = 0
    missed: list[str] = field(default_factory=list)
    delegated_not_counted: int = 0
    planned: int = 0
    cancelled: int = 0

    @property
    def host_role_label(self) -> str:
        return str(HostRole(self.host_role).label)

    @property
    def is_compliant(self) -> bool:
        return self.shortfall == 0


@dataclass(frozen=True)
class ComplianceReport:
    start: dt.date
    end: dt.date
    as_of: dt.date
    rows: list[ComplianceRow]
    delegation_ends: dt.date | None

    @property
    def shortfalls(self) -> int:
        return sum(1 for row in self.rows if row.shortfall)


def _delegation_q(rules: Sequence[LegalRule]) -> tuple[Q, dt.date | None]:
    """Days on which a deputy's session counts for the head, and the first day it no longer does."""
    rows = [rule for rule in rules if rule.code == DELEGATION_RULE]
    if not rows:
        return Q(held_on__lt=DELEGATION_ENDS_DEFAULT), DELEGATION_ENDS_DEFAULT
    allowed = Q(pk__in=[])
    ends: dt.date | None = None
    for rule in rows:
        if rule.value:
            window = Q(held_on__gte=rule.valid_from)
            if rule.valid_to is not None:
                window &= Q(held_on__lte=rule.valid_to)
            allowed |= window
        elif ends is None or rule.valid_from < ends:
            ends = rule.valid_from
    return allowed, ends


def compliance_units(scope: Scope, unit: AdministrativeUnit | None = None) -> QuerySet[AdministrativeUnit]:
    """Current communes and provinces inside ``scope`` (and inside ``unit``'s subtree when given)."""
    units = AdministrativeUnit.objects.filter(
        scope.q("path"), tree=UnitTree.CURRENT, level__in=[UnitLevel.PROVINCE, UnitLevel.COMMUNE]
    )
    if unit is not None:
        units = units.filter(subtree_q(unit, field="path"))
    return units.order_by("path")


def compliance(
    *, user: Any, year: int, month: int | None = None, unit: AdministrativeUnit | None = None
) -> ComplianceReport:
    """For each commune and province of the officer's scope and each head the law sets a minimum for: the days
    required in the period (per ISO week for a commune chairman, per month otherwise, as in force then), the days
    held in person (held periodic or unscheduled sessions; a deputy's session counts only while delegation is
    allowed), and the shortfall (what each past week or month lacked). Heads with a shortfall come first.

    A fixed number of queries whatever the number of units: the units, one aggregate over the sessions, the rules.
    """
    scope = access.visible_scope(user)
    start, end = period_bounds(year, month)
    today = timezone.localdate()
    rules = list(LegalRule.objects.filter(code__in=[*MINIMUM_RULES.values(), DELEGATION_RULE]))
    table = RuleTable(rules)
    allowed_q, delegation_ends = _delegation_q(rules)
    buckets_by_role = _buckets_by_role(table, start, end)
    every = [bucket for buckets in buckets_by_role.values() for bucket in buckets]
    if every:
        first_day, last_day = min(b.start for b in every), max(b.end for b in every)
    else:
        first_day, last_day = start, end

    units = {u.pk: u for u in compliance_units(scope, unit)}
    by_key = _session_days(scope, unit, first_day, last_day, allowed_q)
    keys, org_names = _row_keys(units, by_key)
    rows = []
    for key in keys:
        unit_id, role, org_id = key
        row = ComplianceRow(
            unit=units[unit_id],
            host_role=role,
            organization_name=org_names.get(org_id, "") if org_id else "",
            rule=_rule_for(table, MINIMUM_RULES[role], start, end, today),
        )
        _count_row(row, buckets_by_role.get(role, []), by_key.get(key, []), start, end, today)
        rows.append(row)
    rows.sort(key=lambda r: (r.shortfall == 0, -r.shortfall, HEAD_ROLES.index(r.host_role), r.unit.path))
    return ComplianceReport(start=start, end=end, as_of=today, rows=rows, delegation_ends=delegation_ends)


RowKey = tuple[int, str, int | None]  # unit id, host role, organization id (an agency head's)


def _buckets_by_role(table: RuleTable, start: dt.date, end: dt.date) -> dict[str, list[Bucket]]:
    """Each head's weeks or months whose anchor falls in the dates, with the days required in each: not more than
    the period has working days; a week with none (Tết) requires nothing."""
    calendar = default_calendar()
    buckets_by_role: dict[str, list[Bucket]] = {}
    for role, code in MINIMUM_RULES.items():
        buckets = []
        for bucket in reception_periods(table, code, start, end):
            working = calendar.count_working_days(bucket.start - dt.timedelta(days=1), bucket.end)
            if working:
                buckets.append(Bucket(bucket.period, bucket.rule, min(bucket.value, working)))
        buckets_by_role[role] = buckets
    return buckets_by_role


def _session_days(
    scope: Scope, unit: AdministrativeUnit | None, first_day: dt.date, last_day: dt.date, allowed_q: Q
) -> dict[RowKey, list[dict[str, Any]]]:
    """The heads' session days in the dates, by head, with what each day counts (one aggregate query)."""
    counted = Q(status=SessionStatus.HELD, kind__in=COUNTED_KINDS) & (Q(delegate_name="") | allowed_q)
    delegated = Q(status=SessionStatus.HELD, kind__in=COUNTED_KINDS) & ~Q(delegate_name="") & ~allowed_q
    sessions = ReceptionSession.objects.filter(
        scope.q("unit_path"), host_role__in=HEAD_ROLES, held_on__gte=first_day, held_on__lte=last_day
    )
    if unit is not None:
        sessions = sessions.filter(subtree_q(unit))
    days = (
        sessions.values("unit_id", "host_role", "organization_id", "held_on")
        .annotate(
            counted=count_rows(counted),
            delegated=count_rows(delegated),
            planned=count_rows(Q(status=SessionStatus.PLANNED)),
            cancelled=count_rows(Q(status=SessionStatus.CANCELLED)),
        )
        .order_by()
    )
    by_key: dict[RowKey, list[dict[str, Any]]] = defaultdict(list)
    for day in days:
        org = day["organization_id"] if day["host_role"] == HostRole.AGENCY_HEAD else None
        by_key[(day["unit_id"], day["host_role"], org)].append(dict(day))
    return by_key


def _row_keys(
    units: dict[int, AdministrativeUnit], by_key: dict[RowKey, list[dict[str, Any]]]
) -> tuple[list[RowKey], dict[int, str]]:
    """The report's heads: each commune's and province's chairman, then every agency head who held or planned a
    session (their units are added to ``units``), and the agencies' names."""
    keys: list[RowKey] = []
    for unit_id, u in units.items():
        if u.level == UnitLevel.COMMUNE:
            keys.append((unit_id, HostRole.COMMUNE_CHAIRMAN, None))
        elif u.level == UnitLevel.PROVINCE:
            keys.append((unit_id, HostRole.PROVINCE_CHAIRMAN, None))
    agency_keys = [key for key in by_key if key[1] == HostRole.AGENCY_HEAD]
    missing_units = {key[0] for key in agency_keys} - set(units)
    if missing_units:
        units.update({u.pk: u for u in AdministrativeUnit.objects.filter(pk__in=missing_units)})
    org_names = (
        dict(Organization.objects.filter(pk__in={key[2] for key in agency_keys if key[2]}).values_list("pk", "name"))
        if agency_keys
        else {}
    )
    keys += sorted(agency_keys, key=lambda key: (key[0], key[2] or 0))
    return keys, org_names


def _count_row(
    row: ComplianceRow,
    buckets: Sequence[Bucket],
    days: Sequence[dict[str, Any]],
    start: dt.date,
    end: dt.date,
    today: dt.date,
) -> None:
    """Fill ``row`` from its head's session ``days``: held, required and short in each week or month since the unit
    exists, and the planned, cancelled and delegated sessions."""
    held_days = sorted({d["held_on"] for d in days if d["counted"]})
    for entry in days:
        row.delegated_not_counted += entry["delegated"]
        if start <= entry["held_on"] <= end:
            row.planned += entry["planned"]
            row.cancelled += entry["cancelled"]
    for bucket in buckets:
        if row.unit.valid_from is not None and bucket.end < row.unit.valid_from:
            continue
        if not row.rules or row.rules[-1].pk != bucket.rule.pk:
            row.rules.append(bucket.rule)
        value = bucket.value
        held = sum(1 for d in held_days if bucket.start <= d <= bucket.end)
        row.held += held
        # A week or month counts once it is over, or earlier when already satisfied.
        if bucket.end < today or held >= value:
            row.required += value
            if held < value:
                row.shortfall += value - held
                row.missed.append(bucket.label)


def _rule_for(table: RuleTable, code: str, start: dt.date, end: dt.date, today: dt.date) -> LegalRule | None:
    for day in (min(end, max(today, start)), end, start):
        try:
            return table.in_force(code, day)
        except DomainError:
            continue
    return None
