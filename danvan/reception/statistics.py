"""The visits in the unit statistics of ``cases.statistics`` (lượt, người, đoàn đông người, từ chối tiếp): one
aggregate over the visits of the units and of both periods compared, registered when the app is ready."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from django.db.models import Aggregate, Q, QuerySet, Sum

from danvan.cases.statistics import register_figures
from danvan.core import compiled
from danvan.core.compiled import count_rows, date_slot
from danvan.core.periods import Period
from danvan.reception.models import Visit

VISIT_NAMES = ("visits", "visit_persons", "visit_groups", "visits_refused")


def visit_aggregates(when: Q | None = None) -> dict[str, Aggregate]:
    """The aggregates of :data:`VISIT_NAMES` over the visits matching ``when`` (every visit when None): lượt, người,
    đoàn đông người, từ chối tiếp."""
    only = when if when is not None else Q()
    return {
        "visits": count_rows(when),
        "visit_persons": Sum("persons", filter=when),
        "visit_groups": count_rows(only & Q(is_group=True)),
        "visits_refused": count_rows(only & Q(is_refused=True)),
    }


@register_figures
def visit_figures(
    subtree: Q, scope_q: Q | None, spans: dict[str, Period], shape: Hashable | None = None
) -> dict[str, dict[str, int]]:
    def build() -> QuerySet[Visit, Any]:
        visits = Visit.objects.filter(subtree, visited_on__gte=date_slot("first"), visited_on__lte=date_slot("last"))
        if scope_q is not None:
            visits = visits.filter(scope_q)
        aggregates: dict[str, Aggregate] = {}
        for tag in spans:
            when = Q(visited_on__gte=date_slot(f"{tag}_start"), visited_on__lte=date_slot(f"{tag}_end"))
            aggregates.update({f"{name}_{tag}": value for name, value in visit_aggregates(when).items()})
        return compiled.total(visits, aggregates)

    values = {"first": min(span.start for span in spans.values()), "last": max(span.end for span in spans.values())}
    for tag, span in spans.items():
        values.update({f"{tag}_start": span.start, f"{tag}_end": span.end})
    key = ("reception.visits", tuple(spans), shape) if shape is not None else None
    found = compiled.rows(Visit, key, build, values)
    visited = found[0] if found else {}
    return {name: {tag: visited.get(f"{name}_{tag}") or 0 for tag in spans} for name in VISIT_NAMES}
