"""Figures of the recommendation tracker for the statistics page (``danvan.democracy.figures``): every
recommendation raised in the unit subtree (with the legacy units it succeeded) in the period, from any source, and
what became of it — answered on time, answered late, still unanswered (of which overdue) — in total and by the kind
of body it is addressed to, with the raisers' assessments of the answers. One grouped aggregate query per period;
on the statistics page (:func:`read_ahead`) one query for the period and the one before, which also gives the
counts the boards, contacts, meetings and supervision groups take from the recommendations (:func:`source_counts`),
so the page reads the province's recommendations once instead of four times.

The outcome of an item is read as of today (``answered_on`` against ``due_on``), so the items raised in a quarter
show how many were answered on time even when the answer came after the quarter; the period before is read the same
way. An answered item without a due date counts as on time; "overdue" is an unanswered item whose due date has
passed. A re-raise (an answer judged unsatisfactory, raised again) is the same matter: the figures count first raises
and show re-raises on their own line, so twelve questions stay twelve however often one comes back. The ranking of bodies (``recommendation_ranking``) uses the same outcomes (:func:`outcome_counts`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from danvan.core import compiled
from danvan.core.compiled import Slot, count_rows, date_slot
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
from danvan.democracy.models import Addressee, Assessment, Recommendation, RecommendationKind, RecommendationSource


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


def compute_by(
    place: Place, period: Period, grouping: Grouping | None = None, *, today: dt.date | None = None
) -> dict[Any, dict[str, int]]:
    """:func:`compute`; with ``grouping``, of each of its places (lying under ``place``) in the same one query,
    grouped by place and kind of addressed body."""
    raised = Recommendation.objects.filter(place.q()).filter(raised_q(period.start, period.end))
    aggregates = _figure_aggregates(today or timezone.localdate())
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


def _by_addressee(aggregates: dict[str, Count]) -> dict[str, Count]:
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


def raised_q(start: dt.date | Slot, end: dt.date | Slot) -> Q:
    return Q(raised_on__gte=start, raised_on__lte=end)


def _source_aggregates(start: dt.date | Slot, end: dt.date | Slot) -> tuple[Q, dict[str, Any]]:
    """The rows :func:`source_counts` reads for the period ``start``–``end`` and its counts over them (each count's
    condition lies within those rows: raised, answered in the period or open at its end, from one of the sources)."""
    raised = raised_q(start, end)
    answered = Q(answered_on__gte=start, answered_on__lte=end)
    open_at_end = Q(raised_on__lte=end) & (Q(answered_on__isnull=True) | Q(answered_on__gt=end))
    meeting, supervision = Q(source__in=MEETING_SOURCES), Q(source__in=SUPERVISION_SOURCES)
    aggregates: dict[str, Any] = {
        "board.inspection": count_rows(Q(source=RecommendationSource.INSPECTION_BOARD) & raised),
        "board.investment": count_rows(Q(source=RecommendationSource.INVESTMENT_BOARD) & raised),
        "contact.voters": count_rows(Q(source=RecommendationSource.VOTER_CONTACT) & raised),
        "contact.staff": count_rows(Q(source=RecommendationSource.STAFF_DIALOGUE) & raised),
        "meeting.raised": count_rows(meeting & raised),
        "meeting.questions": count_rows(meeting & raised & Q(kind=RecommendationKind.QUESTION)),
        "meeting.recommendations": count_rows(meeting & raised & Q(kind=RecommendationKind.RECOMMENDATION)),
        "meeting.answered": count_rows(meeting & answered),
        "meeting.open_at_end": count_rows(meeting & open_at_end),
        "meeting.overdue_at_end": count_rows(meeting & open_at_end & Q(due_on__lt=end)),
        "supervision.raised": count_rows(supervision & raised),
        "supervision.raised_supervision": count_rows(Q(source=RecommendationSource.SUPERVISION) & raised),
        "supervision.raised_criticism": count_rows(Q(source=RecommendationSource.SOCIAL_CRITICISM) & raised),
        "supervision.answered": count_rows(supervision & answered),
        "supervision.open_at_end": count_rows(supervision & open_at_end),
    }
    sources = (
        RecommendationSource.INSPECTION_BOARD,
        RecommendationSource.INVESTMENT_BOARD,
        RecommendationSource.VOTER_CONTACT,
        RecommendationSource.STAFF_DIALOGUE,
        *MEETING_SOURCES,
        *SUPERVISION_SOURCES,
    )
    # Only the rows some count needs: raised or answered in the period, or open at its end.
    return Q(source__in=sources) & (raised | answered | open_at_end), aggregates


# The names of the counts :func:`source_counts` gives.
SOURCE_FIGURES = tuple(_source_aggregates(dt.date.min, dt.date.min)[1])


def _source_counts(place: Place, period: Period, grouping: Grouping | None = None) -> dict[Any, dict[str, int]]:
    rows, aggregates = _source_aggregates(period.start, period.end)
    per_place = totals(Recommendation.objects.filter(place.q()).filter(rows), aggregates, grouping)
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


def _restricted(count: Count, rows: Q) -> Count:
    """``count`` over the rows matching ``rows`` only (its own filter kept: both must hold)."""
    copy = count.copy()
    copy.filter = rows & count.filter if count.filter is not None else rows
    return copy


# The names of the counts :func:`compute` reads (by addressed body too).
FIGURE_COUNTS = tuple(_by_addressee(_figure_aggregates(dt.date.min)))


def _periods_query(place: Place, periods: int) -> Any:
    """Both functions' counts for ``periods`` periods (dates in slots ``p<i>_start``, ``p<i>_end``; today in
    ``today``) in one query grouped by addressed body: ``f<i>_<name>`` the figures', ``s<i>_<name>`` the other
    groups', each count over its own period's rows. (Grouped: for several periods the counts split by addressed
    body, :func:`_by_addressee`, cost more than the grouping's sort — 6.7 s against 3.5 s for two years of a million
    recommendations on SQLite; for one period they cost less, and :func:`compute_by` uses them.)"""
    combined: dict[str, Count] = {}
    reads = Q()
    for index in range(periods):
        start, end = date_slot(f"p{index}_start"), date_slot(f"p{index}_end")
        raised = raised_q(start, end)
        combined.update(
            {
                f"f{index}_{name}": _restricted(count, raised)
                for name, count in _figure_aggregates(date_slot("today")).items()
            }
        )
        rows, aggregates = _source_aggregates(start, end)
        # Each of these counts' own condition lies within its period's rows already: no restriction to add.
        combined.update({f"s{index}_{name}": count for name, count in aggregates.items()})
        reads |= raised | rows
    return Recommendation.objects.filter(place.q()).filter(reads).order_by().values("addressee").annotate(**combined)


def read_periods(
    place: Place, periods: Sequence[Period], *, today: dt.date | None = None
) -> list[tuple[dict[str, int], dict[str, int]]]:
    """For each of ``periods``: what :func:`compute` and :func:`source_counts` give for it alone, from one read of
    the recommendations — the rows any period needs, each count filtered to its own period's rows (a state at a
    period's end stays that period's), grouped by addressed body. Compiled once per place and number of periods
    (``core.compiled``: the dates and today in slots)."""
    today = today or timezone.localdate()
    values: dict[str, Any] = {"today": today}
    for index, period in enumerate(periods):
        values[f"p{index}_start"], values[f"p{index}_end"] = period.start, period.end
    found = compiled.rows(
        Recommendation,
        ("democracy.recommendation_periods", place.paths, place.provinces, len(periods)),
        lambda: _periods_query(place, len(periods)),
        values,
    )
    read = []
    for index in range(len(periods)):
        figures = _figures(_as_one_row({row["addressee"]: _counts_of(row, f"f{index}_") for row in found}))
        sources = {name: sum(int(row[f"s{index}_{name}"] or 0) for row in found) for name in SOURCE_FIGURES}
        read.append((figures, sources))
    return read


def _counts_of(row: dict[str, Any], prefix: str) -> dict[str, int]:
    return {name: int(row[f"{prefix}{name}"] or 0) for name in (*OUTCOMES, "reraised")}


def _as_one_row(by_addressee: dict[str, dict[str, int]]) -> dict[str, int]:
    """Counts grouped by addressed body as the one row :func:`_by_addressee` gives: the totals, and
    ``<name>@<addressee>``."""
    row = dict.fromkeys(FIGURE_COUNTS, 0)
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
