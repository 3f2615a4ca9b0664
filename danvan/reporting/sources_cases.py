"""Indicators of citizen reception and petitions by the rules of ``cases.statistics`` and of reception's visit
figures (their own conditions and aggregates — never counted anew), plus the heads' reception days (held sessions of
a head). Each computes only the period asked and the figures the indicators show: one aggregate of the visits, one
of the heads' days, one of the petitions (``cases.statistics`` itself computes the period before too, and the
breakdowns by channel and field the statistics page shows).

Codes: ``reception.visits`` (lượt), ``reception.persons``, ``reception.groups`` (đoàn đông người),
``reception.refused``, ``reception.head_days``; ``petitions.received`` and ``petitions.received.<kind>``,
``petitions.accepted``, ``petitions.resolved``, ``petitions.resolved_on_time``, ``petitions.resolved_late``,
``petitions.to_resolve``, ``petitions.overdue`` (đơn thư quá hạn: in progress at the period's end past the deadline,
the case engine's own rule), ``petitions.resolution_rate`` and ``petitions.on_time_rate`` (percent)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import Aggregate, Count, Q, QuerySet, Subquery, Sum
from django.db.models.lookups import GreaterThanOrEqual, LessThan, LessThanOrEqual
from django.utils import timezone

from danvan.cases import statistics as case_statistics
from danvan.cases.models import Case, CaseKind, CaseStatus, LatestEventOn, Timeliness
from danvan.core.compiled import count_rows
from danvan.core.db_router import reporting_reads
from danvan.core.month_cube import Month, MonthCube, aligned, hold_table, one_of
from danvan.core.month_cube import register as register_cube
from danvan.core.periods import Period
from danvan.core.subtree import subtree_q
from danvan.reception.models import HostRole, ReceptionSession, SessionStatus, Visit
from danvan.reception.statistics import visit_aggregates
from danvan.reporting.indicators import (
    Grouping,
    IndicatorSource,
    Part,
    Place,
    Value,
    aggregate,
    aggregate_periods,
    count_parts,
    rate,
    register,
    restricted,
)
from danvan.reporting.models import CaseMonth

VISIT_FIGURES = {
    "reception.visits": "visits",
    "reception.persons": "visit_persons",
    "reception.groups": "visit_groups",
    "reception.refused": "visits_refused",
}
PETITION_FIGURES = {
    "petitions.received": "received",
    "petitions.accepted": "accepted",
    "petitions.resolved": "resolved",
    "petitions.resolved_on_time": "resolved_on_time",
    "petitions.resolved_late": "resolved_late",
    "petitions.to_resolve": "to_resolve",
    "petitions.overdue": "in_progress_overdue",
}
KIND_CODES = tuple(f"petitions.received.{value}" for value in CaseKind.values)
RATE_CODES = ("petitions.resolution_rate", "petitions.on_time_rate")
RECEPTION_CODES = (*VISIT_FIGURES, "reception.head_days")
PETITION_CODES = (*PETITION_FIGURES, *KIND_CODES, *RATE_CODES)
CODES = (*RECEPTION_CODES, *PETITION_CODES)


def _held_head_sessions(place: Place, period: Period) -> QuerySet[ReceptionSession]:
    return ReceptionSession.objects.filter(
        subtree_q(place.paths),
        status=SessionStatus.HELD,
        held_on__gte=period.start,
        held_on__lte=period.end,
    ).exclude(host_role=HostRole.DESK)


def _visits(place: Place, period: Period) -> QuerySet[Visit]:
    return Visit.objects.filter(subtree_q(place.paths), visited_on__gte=period.start, visited_on__lte=period.end)


class _Scalar(Subquery):
    """An uncorrelated subquery ``aggregate()`` takes beside its aggregates (one value, read once)."""

    contains_aggregate = True


def _reception(place: Place, period: Period, grouping: Grouping | None = None) -> dict[Any, dict[str, Value]]:
    """The visits of the period (the aggregates ``reception.statistics`` gives ``cases.statistics``) and the days a
    head held a reception session: one query for a place; for a grouping, one aggregate of the visits and one query
    of each child's distinct days."""
    sessions = _held_head_sessions(place, period).order_by()
    if grouping is None:
        # One query: the heads' days beside the visits' aggregates, as a scalar subquery (its one group: "held").
        head_days = sessions.values("status").annotate(days=Count("held_on", distinct=True)).values("days")[:1]
        row = _visits(place, period).order_by().aggregate(**visit_aggregates(), head_days=_Scalar(head_days))
        values: dict[str, Value] = {code: int(row[name] or 0) for code, name in VISIT_FIGURES.items()}
        values["reception.head_days"] = int(row["head_days"] or 0)
        return {None: values}
    counted = aggregate(_visits(place, period), visit_aggregates(), grouping)
    days: dict[Any, set[Any]] = {key: set() for key in counted}
    if grouping.places:
        rows = sessions.annotate(place_key=grouping.key()).values_list("place_key", "held_on").distinct()
        for prefix, held_on in rows:
            key = grouping.place_of(prefix)
            if key in days:
                days[key].add(held_on)
    result: dict[Any, dict[str, Value]] = {}
    for key, counts in counted.items():
        result[key] = {code: int(counts[name] or 0) for code, name in VISIT_FIGURES.items()}
        result[key]["reception.head_days"] = len(days[key])
    return result


def compute_reception_periods(place: Place, periods: Sequence[Period]) -> list[dict[str, Value]]:
    """:func:`compute_reception` of each period: the visits read once for all of them (each period's aggregates over
    its own visits), the heads' sessions once (each period's distinct days)."""
    # Read within the days from the first period's start to the last one's end as well: SQLite then ranges over the
    # days in the index of each unit path, where the periods' OR alone would have it read every visit of the place
    # (full scale, this year and the last: 672 ms against 279 + 44 ms one period at a time).
    hull = Q(
        visited_on__gte=min(period.start for period in periods), visited_on__lte=max(period.end for period in periods)
    )
    visits = aggregate_periods(
        Visit.objects.filter(subtree_q(place.paths), hull),
        [(Q(visited_on__gte=period.start, visited_on__lte=period.end), visit_aggregates()) for period in periods],
    )
    sessions = ReceptionSession.objects.filter(subtree_q(place.paths), status=SessionStatus.HELD).exclude(
        host_role=HostRole.DESK
    )
    days = aggregate_periods(
        sessions,
        [
            (Q(held_on__gte=period.start, held_on__lte=period.end), {"days": Count("held_on", distinct=True)})
            for period in periods
        ],
    )
    result: list[dict[str, Value]] = []
    for counted, held in zip(visits, days, strict=True):
        values: dict[str, Value] = {code: int(counted[None][name] or 0) for code, name in VISIT_FIGURES.items()}
        values["reception.head_days"] = int(held[None]["days"] or 0)
        result.append(values)
    return result


def compute_reception(place: Place, period: Period) -> dict[str, Value]:
    return _reception(place, period)[None]


def compute_reception_by(grouping: Grouping, period: Period) -> dict[Any, dict[str, Value]]:
    return _reception(grouping.union, period, grouping)


# The petitions by unit, kind, status and the other columns their figures compare, dates by month (decision 0033):
# kept by the database's triggers on the petitions' table. A stop's date matters only to a stopped petition, a
# suspension's only to a suspended one: NULL for the others (fewer rows, the same counts).
CUBE = register_cube(
    MonthCube(
        name="petitions",
        records=Case,
        cube=CaseMonth,
        columns=(
            "unit_path",
            "province_code",
            "kind",
            "status",
            "handled_as_management",
            "resolution_timeliness",
            "intake_timeliness",
            "due_step",
        ),
        months=(
            Month("received_on"),
            Month("accepted_on"),
            Month("intake_closed_on"),
            Month("resolved_on"),
            Month("closed_on", kept_if=one_of("status", case_statistics.STOP_STATUSES)),
            Month("suspended_on", kept_if=one_of("status", [CaseStatus.SUSPENDED.value])),
            Month("due_on", shift=1),
        ),
        hold_writers=hold_table(Case),
        merged_field="merged",
    )
)


# The figures that are a state on a day (in progress past the deadline, under resolution) rather than a flow of the
# period (received, accepted, resolved).
STATE_FIGURES = ("in_progress_overdue", "under_resolution")


def _petition_aggregates(period: Period, day: dt.date, cube: bool = False) -> dict[str, Aggregate]:
    """The figures of the period only, by the case engine's own rules (``cases.statistics``: received, accepted,
    resolved, the state on ``day``): counts of petitions, or sums of the month cube's ``records`` (``cube``)."""
    count: Any = (lambda condition: Sum("records", filter=condition)) if cube else count_rows
    received = case_statistics._between("received_on", period.start, period.end)
    resolved = case_statistics._between("resolved_on", period.start, period.end)
    pending = case_statistics._pending_at(day)
    aggregates: dict[str, Aggregate] = {
        "received": count(received),
        "accepted": count(
            case_statistics._between("accepted_on", period.start, period.end)
            | (
                received
                & Q(accepted_on__isnull=True, handled_as_management=False, status__in=case_statistics.ACCEPTED_PATH)
            ),
        ),
        "resolved": count(resolved),
        "resolved_on_time": count(resolved & Q(resolution_timeliness=Timeliness.ON_TIME)),
        "resolved_late": count(resolved & Q(resolution_timeliness=Timeliness.LATE)),
        "in_progress_overdue": count(pending & case_statistics._overdue_at(day)),
        "under_resolution": count(pending & case_statistics._under_resolution_at(day)),
    }
    for kind in CaseKind.values:
        aggregates[f"kind_{kind}"] = count(received & Q(kind=kind))
    return aggregates


def _alive_in(period: Period) -> Q:
    """The petitions alive in the period: received by its end, not finished before it starts."""
    return Q(received_on__lte=period.end) & case_statistics._alive_after(period.start - dt.timedelta(days=1))


def _petition_values(row: dict[str, Any]) -> dict[str, Value]:
    figures = case_statistics.Figures()
    for name in PETITION_FIGURES.values():
        if name != "to_resolve":
            setattr(figures, name, int(row[name] or 0))
    figures.under_resolution = int(row["under_resolution"] or 0)
    values: dict[str, Value] = {code: getattr(figures, name) for code, name in PETITION_FIGURES.items()}
    for kind in CaseKind.values:
        values[f"petitions.received.{kind}"] = int(row[f"kind_{kind}"] or 0)
    values["petitions.resolution_rate"] = figures.resolution_rate
    values["petitions.on_time_rate"] = rate(figures.resolved_on_time, figures.resolved)
    return values


# The event dates the cube keeps by month (``CUBE.months`` but the deadline's bucket): ``LatestEventOn``'s too.
EVENT_MONTHS = ("received_on", "accepted_on", "intake_closed_on", "resolved_on", "closed_on", "suspended_on")


def _events_before(day: dt.date) -> Q:
    """The cube rows whose every event month is before ``day``'s month M: each event date is then before ``day``,
    so the same conditions over the cube's months give the petitions' states on ``day`` — all but "past the
    deadline" for a deadline in M's bucket (:func:`_told_by_the_cube`)."""
    month = day.replace(day=1)
    told = Q()
    for name in EVENT_MONTHS:
        told &= Q(**{f"{name}__lt": month}) | Q(**{f"{name}__isnull": True})
    return told


def _told_by_the_cube(day: dt.date) -> Q:
    """The cube rows whose "past the deadline on ``day``" the cube's months tell exactly: :func:`_events_before`
    and the deadline's bucket not M (the deadline is then before M's eve — past on ``day`` — or on or after M's last
    day — not past). Being under resolution does not read the deadline: :func:`_events_before` tells it."""
    return _events_before(day) & ~Q(due_on=day.replace(day=1))


# The earliest and latest dates a petition's may be: each of this month's reads is a range closed on both sides, as
# SQLite's planner wants it to prefer that index over the place's unit paths — it guesses that a one-sided range keeps
# a quarter of an index and a two-sided one a sixty-fourth (measured at full scale: 4.9 s over the unit paths, 0.26 s
# through the index).
EARLIEST, LATEST = dt.date(1, 1, 1), dt.date(9999, 12, 31)


def _this_month(place: Place, day: dt.date) -> tuple[Q, Q]:
    """The petitions whose state on ``day`` the cube does not tell, as two disjoint index ranges of the place's
    petitions: an event on or after the month's first day (``case_latest_event``: every state), or else a deadline
    in the month's bucket already past on ``day`` — from the month's eve to the day before ``day``
    (``case_due_counts``, with every column the states read: past the deadline only; the bucket's deadlines from
    ``day`` on are not past, and none of them changes being under resolution)."""
    month = day.replace(day=1)
    latest = LatestEventOn()
    recent = Q(GreaterThanOrEqual(latest, month), LessThanOrEqual(latest, LATEST))
    due = Q(
        GreaterThanOrEqual(latest, EARLIEST),
        LessThan(latest, month),
        due_on__gte=month - dt.timedelta(days=1),
        due_on__lt=day,
    )
    return place.q() & recent, place.q() & due


def _parts(place: Place, period: Period) -> list[Part | None]:
    """Where a period's figures are counted (:data:`READERS`: over the month cube, over the petitions, over this
    month's petitions by their latest event, by their deadline), each the rows it reads and its aggregates (None:
    nothing there). A period of whole months sums the cube (decision 0033), its states too when they are read on its
    last day; a period not over yet reads today's states from the cube for every petition but this month's, and those
    from the petitions (docs/reporting.md, *today's petition states*); any other period counts the petitions."""
    day = state_day(period)
    if not aligned(period):
        return [None, (_alive_in(period), _petition_aggregates(period, day)), None, None]
    summed = _petition_aggregates(period, day, cube=True)
    if day == period.end:
        return [(_alive_in(period), summed), None, None, None]
    pending = case_statistics._pending_at(day)
    states: dict[str, Aggregate] = {
        "in_progress_overdue": count_rows(case_statistics._overdue_at(day)),
        "under_resolution": count_rows(case_statistics._under_resolution_at(day)),
    }
    if period.start > day:  # not begun: the petitions pending today that the period is alive for
        flows = {name: value for name, value in summed.items() if name not in STATE_FIGURES}
        return [(_alive_in(period), flows), (_alive_in(period) & pending, states), None, None]
    # Counted among the petitions pending today only — alive in the period when it has begun (received by today,
    # not finished by today: not before its start either), so the period's own condition is left out.
    told = {"in_progress_overdue": _told_by_the_cube(day), "under_resolution": _events_before(day)}
    in_cube = {name: restricted(value, told[name]) if name in told else value for name, value in summed.items()}
    recent, due = _this_month(place, day)
    overdue = {"in_progress_overdue": states["in_progress_overdue"]}
    return [(_alive_in(period), in_cube), None, (pending & recent, states), (pending & due, overdue)]


# The tables the parts of :func:`_parts` are counted over, in their order, and whether filtered by the place there:
# this month's petitions hold the place in their own condition, beside their index's range (the place's filter beside
# the period's would have SQLite walk the covering index of received dates instead).
READERS: tuple[tuple[type[CaseMonth] | type[Case], bool], ...] = (
    (CaseMonth, True),
    (Case, True),
    (Case, False),
    (Case, False),
)


@reporting_reads()
def _petition_rows(
    place: Place, periods: Sequence[Period], grouping: Grouping | None = None
) -> list[dict[Any, dict[str, Value]]]:
    """The figures of each period, by place key: each reader's parts of every period in one aggregate, summed."""
    rows = count_parts(place, READERS, [_parts(place, period) for period in periods], grouping)
    return [{key: _petition_values(row) for key, row in by_key.items()} for by_key in rows]


def compute_petitions_periods(place: Place, periods: Sequence[Period]) -> list[dict[str, Value]]:
    """:func:`compute_petitions` of each period: the periods of whole months summed from the month cube together,
    the rest from the petitions together (each period's figures over its own, the state on its own last day)."""
    return [by_key[None] for by_key in _petition_rows(place, periods)]


def compute_petitions(place: Place, period: Period) -> dict[str, Value]:
    return _petition_rows(place, [period])[0][None]


def compute_petitions_by(grouping: Grouping, period: Period) -> dict[Any, dict[str, Value]]:
    return _petition_rows(grouping.union, [period], grouping)[0]


def state_day(period: Period) -> dt.date:
    """The day the state "in progress, past the deadline" is read on: the period's end, or today before it."""
    return min(period.end, timezone.localdate())


def records(code: str, place: Place, period: Period) -> QuerySet[Any] | None:
    """The visits, sessions or petitions behind a figure (received in the period, or resolved in it)."""
    between = {"gte": period.start, "lte": period.end}
    if code.startswith("reception.") and code != "reception.head_days":
        visits = Visit.objects.filter(
            subtree_q(place.paths), visited_on__gte=between["gte"], visited_on__lte=between["lte"]
        )
        if code == "reception.groups":
            visits = visits.filter(is_group=True)
        if code == "reception.refused":
            visits = visits.filter(is_refused=True)
        return visits.order_by("visited_on", "pk")
    if code == "reception.head_days":
        return _held_head_sessions(place, period).order_by("held_on", "pk")
    cases = Case.objects.filter(place.q())
    if code.startswith("petitions.received"):
        cases = cases.filter(received_on__gte=period.start, received_on__lte=period.end)
        if code.count(".") == 2:
            cases = cases.filter(kind=code.rsplit(".", 1)[1])
        return cases.order_by("received_on", "pk")
    if code in ("petitions.resolved", "petitions.resolved_on_time", "petitions.resolved_late"):
        cases = cases.filter(resolved_on__gte=period.start, resolved_on__lte=period.end)
        if code != "petitions.resolved":
            timeliness = Timeliness.ON_TIME if code.endswith("on_time") else Timeliness.LATE
            cases = cases.filter(resolution_timeliness=timeliness)
        return cases.order_by("resolved_on", "pk")
    if code in ("petitions.overdue", "petitions.to_resolve"):
        # The state on the period's last day (today for a period not over yet), as ``cases.statistics`` counts it.
        day = state_day(period)
        pending = case_statistics._pending_at(day)
        if code == "petitions.overdue":
            return cases.filter(pending & case_statistics._overdue_at(day)).order_by("due_on", "received_on", "pk")
        under = pending & case_statistics._under_resolution_at(day)
        return cases.filter(Q(resolved_on__gte=period.start, resolved_on__lte=period.end) | under).order_by(
            "received_on", "pk"
        )
    if code == "petitions.accepted":
        return cases.filter(Q(accepted_on__gte=period.start, accepted_on__lte=period.end)).order_by("accepted_on", "pk")
    return None


RECEPTION = register(
    IndicatorSource(
        code="reception",
        codes=RECEPTION_CODES,
        compute=compute_reception,
        records=records,
        queries=2,
        compute_by=compute_reception_by,
        compute_periods=compute_reception_periods,
    )
)
PETITIONS = register(
    IndicatorSource(
        code="petitions",
        codes=PETITION_CODES,
        compute=compute_petitions,
        records=records,
        queries=3,  # a period not over: the month cube, then this month's petitions by latest event, by deadline
        compute_by=compute_petitions_by,
        compute_periods=compute_petitions_periods,
    )
)

# (label, unit of measure, method) of each indicator, copied into the indicator seed (``models.Indicator``).
DESCRIPTIONS: dict[str, tuple[str, str, str]] = {
    "reception.visits": ("Lượt tiếp công dân", "lượt", "Lượt tiếp trong kỳ (ngày tiếp), cases.statistics"),
    "reception.persons": ("Số người được tiếp", "người", "Tổng số người của các lượt tiếp trong kỳ"),
    "reception.groups": ("Đoàn đông người", "đoàn", "Lượt tiếp đoàn từ 5 người trở lên (Luật TCD Điều 30)"),
    "reception.refused": ("Lượt từ chối tiếp", "lượt", "Lượt tiếp bị từ chối trong kỳ"),
    "reception.head_days": (
        "Ngày tiếp công dân của người đứng đầu",
        "ngày",
        "Số ngày có buổi tiếp đã tổ chức do người đứng đầu chủ trì (không kể bộ phận thường xuyên)",
    ),
    "petitions.received": ("Đơn thư tiếp nhận", "đơn", "Đơn nhận trong kỳ (ngày nhận)"),
    "petitions.received.complaint": ("trong đó: khiếu nại", "đơn", "Đơn khiếu nại nhận trong kỳ"),
    "petitions.received.denunciation": ("trong đó: tố cáo", "đơn", "Đơn tố cáo nhận trong kỳ"),
    "petitions.received.recommendation": ("trong đó: kiến nghị", "đơn", "Đơn kiến nghị nhận trong kỳ"),
    "petitions.received.feedback": ("trong đó: phản ánh", "đơn", "Đơn phản ánh nhận trong kỳ"),
    "petitions.accepted": ("Vụ việc đã thụ lý", "vụ việc", "Thụ lý trong kỳ (ngày thụ lý)"),
    "petitions.resolved": ("Vụ việc đã giải quyết", "vụ việc", "Giải quyết trong kỳ (ngày giải quyết)"),
    "petitions.resolved_on_time": ("Giải quyết đúng hạn", "vụ việc", "Giải quyết trong kỳ, đúng hạn"),
    "petitions.resolved_late": ("Giải quyết trễ hạn", "vụ việc", "Giải quyết trong kỳ, trễ hạn"),
    "petitions.to_resolve": (
        "Vụ việc phải giải quyết",
        "vụ việc",
        "Đã giải quyết trong kỳ và đã thụ lý, đang giải quyết cuối kỳ",
    ),
    "petitions.overdue": (
        "Đơn thư quá hạn",
        "vụ việc",
        "Đơn đang xử lý, giải quyết cuối kỳ đã quá thời hạn (theo hạn của hồ sơ, cases.statistics)",
    ),
    "petitions.resolution_rate": ("Tỷ lệ giải quyết vụ việc", "%", "Đã giải quyết / phải giải quyết"),
    "petitions.on_time_rate": ("Tỷ lệ giải quyết đúng hạn", "%", "Đúng hạn / đã giải quyết"),
}
