"""Figures of the recommendation tracker for the statistics page (``danvan.democracy.figures``): every
recommendation raised in the unit subtree (with the legacy units it succeeded) in the period, from any source, and
what became of it — answered on time, answered late, still unanswered (of which overdue) — in total and by the kind
of body it is addressed to, with the raisers' assessments of the answers. One grouped aggregate query per period;
on the statistics page (:func:`read_ahead`) one query for the period and the one before, which also gives the
counts the boards, contacts, meetings and supervision groups take from the recommendations (:func:`source_counts`),
so the page reads the province's recommendations once instead of four times. A period of whole months sums the
recommendations' month cube (``CUBE``, kept by database triggers: decision 0035) instead, and reads from the
recommendations only the few unanswered items whose "overdue today" the cube's months cannot tell.

The outcome of an item is read as of today (``answered_on`` against ``due_on``), so the items raised in a quarter
show how many were answered on time even when the answer came after the quarter; the period before is read the same
way. An answered item without a due date counts as on time; "overdue" is an unanswered item whose due date has
passed. A re-raise (an answer judged unsatisfactory, raised again) is the same matter: the figures count first raises
and show re-raises on their own line, so twelve questions stay twelve however often one comes back. The ranking of
bodies (``recommendation_ranking``) uses the same outcomes (:func:`outcome_counts`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection
from django.db.models import Aggregate, F, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from danvan.core import compiled
from danvan.core.compiled import Slot, count_rows, date_slot
from danvan.core.month_cube import Derived, Month, MonthCube, aligned, case_of, hold_table, kept_where, one_of
from danvan.core.month_cube import register as register_cube
from danvan.core.periods import Period
from danvan.democracy.figures import (
    FigureGroup,
    Grouping,
    Place,
    grouping_key,
    once,
    register,
    rows_by,
    sharing,
    totals,
)
from danvan.democracy.models import (
    Addressee,
    Assessment,
    Outcome,
    Recommendation,
    RecommendationKind,
    RecommendationMonth,
    RecommendationSource,
)


def on_time_q() -> Q:
    """Answered by the due date (or answered, with no due date)."""
    return Q(answered_on__isnull=False) & (Q(due_on__isnull=True) | Q(answered_on__lte=F("due_on")))


def late_q() -> Q:
    """Answered after the due date."""
    return Q(answered_on__isnull=False, due_on__isnull=False, answered_on__gt=F("due_on"))


def unanswered_q() -> Q:
    return Q(answered_on__isnull=True)


def overdue_q(today: dt.date | Slot) -> Q:
    """Unanswered and past the due date."""
    return Q(answered_on__isnull=True, due_on__lt=today)


OUTCOMES = ("raised", "on_time", "late", "unanswered", "overdue", "satisfied", "unsatisfied")


def outcome_counts(
    today: dt.date | Slot, prefix: str = "", only: Q | None = None, names: tuple[str, ...] = OUTCOMES
) -> dict[str, Any]:
    """``Count`` aggregates named ``<prefix><name>`` for each of ``names`` (:data:`OUTCOMES`) over the rows
    matching ``only`` (every row when None)."""
    conditions = {
        "raised": Q(),
        "on_time": on_time_q(),
        "late": late_q(),
        "unanswered": unanswered_q(),
        "overdue": overdue_q(today),
        "satisfied": Q(assessment=Assessment.SATISFIED),
        "unsatisfied": Q(assessment=Assessment.UNSATISFIED),
    }
    base = only if only is not None else Q()
    counts: dict[str, Any] = {}
    for name in names:
        condition = base & conditions[name]
        counts[f"{prefix}{name}"] = count_rows(condition)
    return counts


def compute(place: Place, period: Period, *, today: dt.date | None = None) -> dict[str, int]:
    """The recommendation figures of ``place`` for the items raised in ``period`` (outcomes as of ``today``): one
    query grouped by the kind of addressed body, summed here for the totals — none when :func:`read_ahead` read
    them already within ``figures.shared_reads``."""
    today = today or timezone.localdate()
    return once(_figures_key(place, period, today), lambda: compute_by(place, period, today=today)[None])


def _figures_key(place: Place, period: Period, today: dt.date) -> tuple[Any, ...]:
    return ("recommendation_figures", place.paths, place.provinces, period.start, period.end, today)


def _figure_aggregates(today: dt.date | Slot) -> dict[str, Any]:
    """The counts of :func:`compute` (outcomes of first raises, re-raises on their own line)."""
    aggregates = outcome_counts(today, only=Q(reraised_from__isnull=True))  # a re-raise is not a new matter
    aggregates["reraised"] = count_rows(Q(reraised_from__isnull=False))
    return aggregates


def _cube_count(condition: Q | None = None) -> Sum:
    """The recommendations of the month cube's rows matching ``condition``: :func:`count_rows` on the cube."""
    return Sum("records", filter=condition)


def _cube_figure_aggregates(month: dt.date | Slot) -> dict[str, Aggregate]:
    """:func:`_figure_aggregates` over the month cube, whose rows keep the answer's outcome (``outcome``) and whether
    a first raise (``first_raise``); "overdue" there only for the items due before the day before ``month`` (the first
    day of today's month), whose cube due month (of the day after the due date) is before it — the others,
    :func:`_overdue_now`."""
    outcomes = {
        "raised": Q(),
        "on_time": Q(outcome=Outcome.ON_TIME),
        "late": Q(outcome=Outcome.LATE),
        "unanswered": Q(outcome=Outcome.UNANSWERED),
        "overdue": Q(outcome=Outcome.UNANSWERED, due_on__lt=month),
        "satisfied": Q(assessment=Assessment.SATISFIED),
        "unsatisfied": Q(assessment=Assessment.UNSATISFIED),
    }
    aggregates: dict[str, Aggregate] = {
        name: _cube_count(Q(first_raise=True) & condition) for name, condition in outcomes.items()
    }
    aggregates["reraised"] = _cube_count(Q(first_raise=False))
    return aggregates


def _due_today_undecided(today: dt.date) -> Q:
    """The unanswered first raises past their due date today that the cube does not count as overdue: due from the
    day before today's month began (a due month, of the day after, that is today's) to yesterday."""
    first = today.replace(day=1) - dt.timedelta(days=1)
    return Q(answered_on__isnull=True, reraised_from__isnull=True, due_on__gte=first, due_on__lt=today)


def _overdue_now(
    place: Place, periods: Sequence[Period], today: dt.date, grouping: Grouping | None = None
) -> dict[Any, list[int]]:
    """The overdue items the month cube leaves to the records (:func:`_due_today_undecided`), of each period raised
    in, by place key: a few days' due dates of the unanswered items (the partial index
    ``recommendation_unanswered_due``)."""
    aggregates = {f"o{index}": count_rows(raised_q(p.start, p.end)) for index, p in enumerate(periods)}
    undecided = Recommendation.objects.filter(place.q()).filter(_due_today_undecided(today))
    found = totals(undecided, aggregates, grouping)
    return {key: [int(row[f"o{index}"] or 0) for index in range(len(periods))] for key, row in found.items()}


def compute_by(
    place: Place, period: Period, grouping: Grouping | None = None, *, today: dt.date | None = None
) -> dict[Any, dict[str, int]]:
    """:func:`compute`; with ``grouping``, of each of its places (lying under ``place``) in the same one query,
    grouped by place and kind of addressed body. A period of whole months sums the month cube (decision 0035),
    with the few items due this month read from the records (:func:`_overdue_now`)."""
    today = today or timezone.localdate()
    if aligned(period):
        summed = RecommendationMonth.objects.filter(place.cube_q(grouping)).filter(raised_q(period.start, period.end))
        by_addressee = rows_by(summed, "addressee", _cube_figure_aggregates(today.replace(day=1)), grouping)
        overdue = _overdue_now(place, [period], today, grouping)
        return {
            key: _figures(_as_one_row({row["addressee"]: _counts_of(row, "") for row in rows}, overdue[key][0]))
            for key, rows in by_addressee.items()
        }
    raised = Recommendation.objects.filter(place.q()).filter(raised_q(period.start, period.end))
    aggregates = _figure_aggregates(today)
    if connection.vendor == "postgresql":
        # PostgreSQL hashes the grouping in each parallel worker; thirty filtered counts per row cost it more (a
        # province's 2,000,000: 1,890 ms against 858 ms of the hand-written query). SQLite sorts to group: there
        # the filtered counts of one row are cheaper (1,485 -> 574 ms at 1,000,000).
        grouped = rows_by(raised, "addressee", aggregates, grouping)
        return {
            key: _figures(_as_one_row({row["addressee"]: _counts_of(row, "") for row in rows}))
            for key, rows in grouped.items()
        }
    return {key: _figures(row) for key, row in totals(raised, _by_addressee(aggregates), grouping).items()}


# The counts shown for each kind of addressed body too.
BY_ADDRESSEE = ("raised", "on_time", "late", "unanswered")


def _by_addressee(aggregates: dict[str, Aggregate]) -> dict[str, Aggregate]:
    """``aggregates`` and, for each kind of addressed body, its share of the :data:`BY_ADDRESSEE` counts as counts of
    their own (``<name>@<addressee>``): one row, where a ``GROUP BY addressee`` had SQLite sort every row read (a
    province's two million: 3.8 s against 1.7 s for the hand-written aggregate at full scale)."""
    split = {
        f"{name}@{addressee}": _restricted(aggregates[name], Q(addressee=addressee))
        for addressee in Addressee.values
        for name in BY_ADDRESSEE
    }
    return {**aggregates, **split}


def _figures(row: dict[str, Any]) -> dict[str, int]:
    """The group's figures from one row of :func:`_by_addressee`'s counts."""
    count = {name: int(value or 0) for name, value in row.items()}
    figures = {
        "raised": count["raised"],
        "raised.on_time": count["on_time"],
        "raised.late": count["late"],
        "raised.unanswered": count["unanswered"],
        "raised.overdue": count["overdue"],
        "assessed_satisfied": count["satisfied"],
        "assessed_unsatisfied": count["unsatisfied"],
        "reraised": count["reraised"],
    }
    for addressee in Addressee.values:
        figures[f"by_addressee.{addressee}"] = count[f"raised@{addressee}"]
        for outcome in ("on_time", "late", "unanswered"):
            figures[f"by_addressee.{addressee}.{outcome}"] = count[f"{outcome}@{addressee}"]
    return figures


# The recommendations other groups count, by the event they were raised at (``source_counts``).
MEETING_SOURCES = (RecommendationSource.YEAR_END_MEETING, RecommendationSource.DIALOGUE)
SUPERVISION_SOURCES = (RecommendationSource.SUPERVISION, RecommendationSource.SOCIAL_CRITICISM)
# The sources whose answers are counted by the period they fall in (answered in it, open at its end).
ANSWER_DATED_SOURCES = (*MEETING_SOURCES, *SUPERVISION_SOURCES)


# The recommendations by unit, addressed body, source, outcome and the other columns their figures compare, dates by
# month (decision 0035), kept by the database's triggers on the recommendations' table (decision 0033). What a
# figure reads only together with a source or an open state is kept only there (fewer rows, the same counts): the
# kind for the meetings', the month answered for the answer-dated sources', the due month while it can still tell
# "past the due date" apart — unanswered, or an answer-dated source's answered in a later month.
CUBE = register_cube(
    MonthCube(
        name="recommendations",
        records=Recommendation,
        cube=RecommendationMonth,
        columns=(
            "unit_path",
            "province_code",
            "addressee",
            "source",
            Derived("kind", kept_where(one_of("source", MEETING_SOURCES), "kind")),
            Derived("first_raise", "{reraised_from} IS NULL"),
            "assessment",
            Derived(
                "outcome",
                case_of(
                    ("{answered_on} IS NULL", Outcome.UNANSWERED),
                    ("{due_on} IS NULL OR {answered_on} <= {due_on}", Outcome.ON_TIME),
                    default=Outcome.LATE,
                ),
            ),
        ),
        months=(
            Month("raised_on"),
            Month("answered_on", kept_if=one_of("source", ANSWER_DATED_SOURCES)),
            Month(
                "due_on",
                shift=1,
                open_until="answered_on",
                kept_if="{answered_on} IS NULL OR " + one_of("source", ANSWER_DATED_SOURCES),
            ),
        ),
        hold_writers=hold_table(Recommendation),
        merged_field="merged",
    )
)


def raised_q(start: dt.date | Slot, end: dt.date | Slot) -> Q:
    return Q(raised_on__gte=start, raised_on__lte=end)


def _source_aggregates(
    start: dt.date | Slot, end: dt.date | Slot, count: Callable[[Q], Aggregate] = count_rows
) -> tuple[Q, dict[str, Any]]:
    """The rows :func:`source_counts` reads for the period ``start``–``end`` and its counts over them (each count's
    condition lies within those rows: raised, answered in the period or open at its end, from one of the sources),
    each ``count(condition)``: of the recommendations, or of the month cube (:func:`_cube_count`), whose fields of
    the same names keep what these conditions read for a period of whole months (decision 0035)."""
    raised = raised_q(start, end)
    answered = Q(answered_on__gte=start, answered_on__lte=end)
    open_at_end = Q(raised_on__lte=end) & (Q(answered_on__isnull=True) | Q(answered_on__gt=end))
    meeting, supervision = Q(source__in=MEETING_SOURCES), Q(source__in=SUPERVISION_SOURCES)
    aggregates: dict[str, Any] = {
        "board.inspection": count(Q(source=RecommendationSource.INSPECTION_BOARD) & raised),
        "board.investment": count(Q(source=RecommendationSource.INVESTMENT_BOARD) & raised),
        "contact.voters": count(Q(source=RecommendationSource.VOTER_CONTACT) & raised),
        "contact.staff": count(Q(source=RecommendationSource.STAFF_DIALOGUE) & raised),
        "meeting.raised": count(meeting & raised),
        "meeting.questions": count(meeting & raised & Q(kind=RecommendationKind.QUESTION)),
        "meeting.recommendations": count(meeting & raised & Q(kind=RecommendationKind.RECOMMENDATION)),
        "meeting.answered": count(meeting & answered),
        "meeting.open_at_end": count(meeting & open_at_end),
        "meeting.overdue_at_end": count(meeting & open_at_end & Q(due_on__lt=end)),
        "supervision.raised": count(supervision & raised),
        "supervision.raised_supervision": count(Q(source=RecommendationSource.SUPERVISION) & raised),
        "supervision.raised_criticism": count(Q(source=RecommendationSource.SOCIAL_CRITICISM) & raised),
        "supervision.answered": count(supervision & answered),
        "supervision.open_at_end": count(supervision & open_at_end),
    }
    sources = (
        RecommendationSource.INSPECTION_BOARD,
        RecommendationSource.INVESTMENT_BOARD,
        RecommendationSource.VOTER_CONTACT,
        RecommendationSource.STAFF_DIALOGUE,
        *MEETING_SOURCES,
        *SUPERVISION_SOURCES,
    )
    # Only the rows some count needs: raised in the period, or (the answer-dated sources) answered in it or open at
    # its end — on the cube the other sources' answers have no month, so "open at its end" must not reach them.
    needed = (Q(source__in=sources) & raised) | (Q(source__in=ANSWER_DATED_SOURCES) & (answered | open_at_end))
    return needed, aggregates


# The names of the counts :func:`source_counts` gives.
SOURCE_FIGURES = tuple(_source_aggregates(dt.date.min, dt.date.min)[1])


def _source_counts(place: Place, period: Period, grouping: Grouping | None = None) -> dict[Any, dict[str, int]]:
    table, count = _table(aligned(period))
    rows, aggregates = _source_aggregates(period.start, period.end, count)
    per_place = totals(table.objects.filter(place.q()).filter(rows), aggregates, grouping)
    return {key: {name: int(value or 0) for name, value in row.items()} for key, row in per_place.items()}


def source_counts(place: Place, period: Period, grouping: Grouping | None = None) -> dict[Any, dict[str, int]]:
    """The recommendations the boards, dialogues and contacts, meetings and supervision groups count (raised in the
    period at their events; for meetings and supervision also answered in it and open at its end), named
    ``<group>.<figure>``, under the key None: one aggregate, read once for all four groups within
    ``figures.shared_reads``; with ``grouping``, under each of its places' keys (lying under ``place``) from the same
    one query, grouped by place."""
    return once(_sources_key(place, period, grouping), lambda: _source_counts(place, period, grouping))


def _sources_key(place: Place, period: Period, grouping: Grouping | None = None) -> tuple[Any, ...]:
    return ("recommendation_sources", place.paths, place.provinces, period.start, period.end, grouping_key(grouping))


def _table(cube: bool) -> tuple[type[Recommendation] | type[RecommendationMonth], Callable[[Q], Aggregate]]:
    """Where figures are counted and how: the month cube and its sums, or the recommendations and their counts."""
    return (RecommendationMonth, _cube_count) if cube else (Recommendation, count_rows)


def _restricted(count: Aggregate, rows: Q) -> Aggregate:
    """``count`` over the rows matching ``rows`` only (its own filter kept: both must hold)."""
    copy = count.copy()
    copy.filter = rows & count.filter if count.filter is not None else rows
    return copy


# The names of the counts :func:`compute` reads (by addressed body too).
FIGURE_COUNTS = tuple(_by_addressee(_figure_aggregates(dt.date.min)))


def _periods_query(place: Place, periods: int, cube: bool) -> QuerySet[Any]:
    """Both functions' counts for ``periods`` periods (dates in slots ``p<i>_start``, ``p<i>_end``; today in
    ``today``, its month's first day in ``month``) in one query grouped by addressed body — over the month cube
    (``cube``: periods of whole months) or the recommendations: ``f<i>_<name>`` the figures', ``s<i>_<name>`` the
    other groups', each count over its own period's rows. (Grouped: for several periods the counts split by
    addressed body, :func:`_by_addressee`, cost more than the grouping's sort — 6.7 s against 3.5 s for two years of
    a million recommendations on SQLite; for one period they cost less, and :func:`compute_by` uses them.)"""
    table, count = _table(cube)
    figures = _cube_figure_aggregates(date_slot("month")) if cube else _figure_aggregates(date_slot("today"))
    combined: dict[str, Aggregate] = {}
    reads = Q()
    for index in range(periods):
        start, end = date_slot(f"p{index}_start"), date_slot(f"p{index}_end")
        raised = raised_q(start, end)
        combined.update({f"f{index}_{name}": _restricted(counted, raised) for name, counted in figures.items()})
        rows, aggregates = _source_aggregates(start, end, count)
        # Each of these counts' own condition lies within its period's rows already: no restriction to add.
        combined.update({f"s{index}_{name}": counted for name, counted in aggregates.items()})
        reads |= raised | rows
    rows = place.cube_q() if cube else place.q()
    return table.objects.filter(rows).filter(reads).order_by().values("addressee").annotate(**combined)


def read_periods(
    place: Place, periods: Sequence[Period], *, today: dt.date | None = None, cube: bool = True
) -> list[tuple[dict[str, int], dict[str, int]]]:
    """For each of ``periods``: what :func:`compute` and :func:`source_counts` give for it alone — the periods of
    whole months from one read of the month cube (unless ``cube`` is false: the tests' comparison) and the few items
    due this month (:func:`_overdue_now`), the others from one read of the recommendations: the rows any period
    needs, each count filtered to its own period's rows (a state at a period's end stays that period's), grouped by
    addressed body. Compiled once per place and number of periods (``core.compiled``: the dates and today in
    slots)."""
    today = today or timezone.localdate()
    summed = [position for position, period in enumerate(periods) if cube and aligned(period)]
    counted = [position for position in range(len(periods)) if position not in summed]
    read: dict[int, tuple[dict[str, int], dict[str, int]]] = {}
    for from_cube, positions in ((True, summed), (False, counted)):
        if not positions:
            continue
        asked = [periods[position] for position in positions]
        values: dict[str, Any] = {"month": today.replace(day=1)} if from_cube else {"today": today}
        for index, period in enumerate(asked):
            values[f"p{index}_start"], values[f"p{index}_end"] = period.start, period.end
        found = compiled.rows(
            RecommendationMonth if from_cube else Recommendation,
            ("democracy.recommendation_periods", from_cube, place.paths, place.provinces, len(asked)),
            functools.partial(_periods_query, place, len(asked), from_cube),
            values,
        )
        overdue = _overdue_now(place, asked, today)[None] if from_cube else [0] * len(asked)
        for index, position in enumerate(positions):
            by_addressee = {row["addressee"]: _counts_of(row, f"f{index}_") for row in found}
            sources = {name: sum(int(row[f"s{index}_{name}"] or 0) for row in found) for name in SOURCE_FIGURES}
            read[position] = (_figures(_as_one_row(by_addressee, overdue[index])), sources)
    return [read[position] for position in range(len(periods))]


def _counts_of(row: dict[str, Any], prefix: str) -> dict[str, int]:
    return {name: int(row[f"{prefix}{name}"] or 0) for name in (*OUTCOMES, "reraised")}


def _as_one_row(by_addressee: dict[str, dict[str, int]], overdue: int = 0) -> dict[str, int]:
    """Counts grouped by addressed body as the one row :func:`_by_addressee` gives: the totals, and
    ``<name>@<addressee>`` (``overdue``: the overdue items counted apart, :func:`_overdue_now`)."""
    row = dict.fromkeys(FIGURE_COUNTS, 0)
    row["overdue"] = overdue
    for addressee, counts in by_addressee.items():
        for name, value in counts.items():
            row[name] += value
            if name in BY_ADDRESSEE:
                row[f"{name}@{addressee}"] = value
    return row


def read_ahead(place: Place, periods: Sequence[Period]) -> None:
    """Within ``figures.shared_reads`` (the statistics page: a period and the one before; a report's trend: five),
    read the recommendations of every period once (:func:`read_periods`), so that :func:`compute` and the four
    groups' :func:`source_counts` find their figures instead of reading the table for each group and period;
    outside it, nothing. The four groups name it as their ``read_ahead`` too: however many ask, one read."""
    if not sharing() or not periods:
        return
    today = timezone.localdate()
    periods = tuple(periods)
    # Once per block: the groups that count the recommendations (``source_counts``) each ask for it.
    read = once(("democracy.recommendations.read_ahead", place, periods, today),
                lambda: read_periods(place, periods, today=today))  # fmt: skip
    for period, (figures, sources) in zip(periods, read, strict=True):
        once(_figures_key(place, period, today), functools.partial(dict, figures))
        once(_sources_key(place, period), functools.partial(dict, {None: sources}))


def _addressee_figures() -> tuple[tuple[str, Any], ...]:
    """Per kind of addressed body: raised, answered on time, late, unanswered (labels composed lazily)."""
    rows: list[tuple[str, Any]] = []
    for value, label in Addressee.choices:
        rows += [
            (f"by_addressee.{value}", format_lazy("{}: {}", _("Gửi"), label)),
            (f"by_addressee.{value}.on_time", format_lazy("{}: {}", label, _("trả lời đúng hạn"))),
            (f"by_addressee.{value}.late", format_lazy("{}: {}", label, _("trả lời quá hạn"))),
            (f"by_addressee.{value}.unanswered", format_lazy("{}: {}", label, _("chưa trả lời"))),
        ]
    return tuple(rows)


RECOMMENDATIONS = register(
    FigureGroup(
        code="recommendations",
        label=_("Kiến nghị và việc trả lời kiến nghị"),
        figures=(
            ("raised", _("Kiến nghị được nêu trong kỳ (mọi nguồn, không kể kiến nghị lại)")),
            ("raised.on_time", _("trong đó: đã trả lời đúng hạn")),
            ("raised.late", _("trong đó: đã trả lời quá hạn")),
            ("raised.unanswered", _("trong đó: chưa trả lời")),
            ("raised.overdue", _("trong đó: chưa trả lời và đã quá hạn")),
            ("assessed_satisfied", _("Trả lời được bên kiến nghị đánh giá hài lòng")),
            ("assessed_unsatisfied", _("Trả lời bị bên kiến nghị đánh giá chưa hài lòng")),
            ("reraised", _("Kiến nghị lại sau trả lời chưa thỏa đáng")),
            *_addressee_figures(),
        ),
        compute=compute,
        compute_by=compute_by,
        read_ahead=read_ahead,
        order=60,
    )
)
