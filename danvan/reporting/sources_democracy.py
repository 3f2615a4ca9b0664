"""Indicators of grassroots democracy, wrapping every figure group of ``democracy.figures`` (disclosures, community
decisions, consultations, meetings and dialogues, boards, supervisions, recommendations): one indicator source per
group, its codes ``democracy.<group>.<figure>`` (``democracy.disclosures.on_time``,
``democracy.supervisions.held``, ``democracy.recommendations.raised.on_time`` …). The groups register themselves
when the democracy app is ready; this module wraps whatever is registered then."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet

from danvan.core.periods import Period
from danvan.democracy import figures as democracy_figures
from danvan.reporting.indicators import Grouping, IndicatorSource, Place, Value, register

PREFIX = "democracy"


def _place(place: Place) -> democracy_figures.Place:
    return democracy_figures.Place(place.paths, place.provinces)


def _records(group_code: str) -> Any:
    """The drill-down of the groups whose headline figure is a count of one table in the period."""

    def records(code: str, place: Place, period: Period) -> QuerySet[Any] | None:
        from danvan.democracy.models import CommunityDecision, Disclosure, Supervision, SupervisionStatus

        dem_place = _place(place)
        figure = code.split(".", 2)[2]
        if group_code == "disclosures" and figure in ("count", "on_time"):
            rows = Disclosure.objects.filter(dem_place.q(), issued_on__range=(period.start, period.end))
            if figure == "on_time":
                rows = rows.filter(is_late=False, disclosed_on__isnull=False)
            return rows.order_by("issued_on", "pk")
        if group_code == "decisions" and figure == "held":
            return CommunityDecision.objects.filter(
                dem_place.q(), closed_on__range=(period.start, period.end)
            ).order_by("closed_on", "pk")
        if group_code == "supervisions" and figure == "held":
            return Supervision.objects.filter(
                dem_place.q(), status=SupervisionStatus.DONE, done_on__gte=period.start, done_on__lte=period.end
            ).order_by("done_on", "pk")
        return None

    return records


def _compute(group: democracy_figures.FigureGroup) -> Any:
    def compute(place: Place, period: Period) -> dict[str, Value]:
        values = group.compute(_place(place), period)
        return {f"{PREFIX}.{group.code}.{code}": values.get(code, 0) for code, _label in group.figures}

    return compute


def _compute_by(group: democracy_figures.FigureGroup) -> Any:
    """The group's figures of each place of a grouping (the dashboard's children) in the group's own queries."""
    group_compute_by = group.compute_by
    if group_compute_by is None:
        return None

    def compute_by(grouping: Grouping, period: Period) -> dict[Any, dict[str, Value]]:
        by_place = group_compute_by(_place(grouping.union), period, grouping)
        return {
            key: {f"{PREFIX}.{group.code}.{code}": values.get(code, 0) for code, _label in group.figures}
            for key, values in by_place.items()
        }

    return compute_by


def _compute_periods(group: democracy_figures.FigureGroup) -> Any:
    """The group's figures in each of several periods (the dashboard's trend), for a group that reads ahead what it
    shares with others (the recommendations several groups count): that read is made once for every period; the
    group's own tables are counted period by period, each period's figures those ``compute`` gives it alone."""
    read_ahead = group.read_ahead
    if read_ahead is None:
        return None

    def compute_periods(place: Place, periods: Sequence[Period]) -> list[dict[str, Value]]:
        dem_place = _place(place)
        with democracy_figures.shared_reads():
            read_ahead(dem_place, periods)
            computed = [group.compute(dem_place, period) for period in periods]
        return [{f"{PREFIX}.{group.code}.{code}": values.get(code, 0) for code, _label in group.figures}
                for values in computed]  # fmt: skip

    return compute_periods


def register_groups() -> list[IndicatorSource]:
    """One indicator source per registered democracy figure group (called at start-up; again is harmless)."""
    registered = []
    for group in democracy_figures.groups():
        codes = tuple(f"{PREFIX}.{group.code}.{code}" for code, _label in group.figures)
        registered.append(
            register(
                IndicatorSource(
                    code=f"{PREFIX}.{group.code}",
                    codes=codes,
                    compute=_compute(group),
                    records=_records(group.code),
                    queries=group.queries,
                    compute_by=_compute_by(group),
                    compute_periods=_compute_periods(group),
                    shared_reads=democracy_figures.shared_reads,
                )
            )
        )
    return registered


def labels() -> dict[str, str]:
    """The label of each democracy indicator, as the group names it (the seed copies them)."""
    return {
        f"{PREFIX}.{group.code}.{code}": str(label)
        for group in democracy_figures.groups()
        for code, label in group.figures
    }


SOURCES = register_groups()
