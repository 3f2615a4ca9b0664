"""The visits in the unit statistics of ``cases.statistics`` (lượt, người, đoàn đông người, từ chối tiếp): one
aggregate over the visits of the units and of both periods compared, registered when the app is ready."""

from __future__ import annotations

from django.db.models import Aggregate, Count, Q, Sum

from danvan.cases.statistics import register_figures
from danvan.core.periods import Period
from danvan.reception.models import Visit

VISIT_NAMES = ("visits", "visit_persons", "visit_groups", "visits_refused")


def visit_aggregates(when: Q | None = None) -> dict[str, Aggregate]:
    """The aggregates of :data:`VISIT_NAMES` over the visits matching ``when`` (every visit when None): lượt, người,
    đoàn đông người, từ chối tiếp."""
    only = when if when is not None else Q()
    return {
        "visits": Count("id", filter=when),
        "visit_persons": Sum("persons", filter=when),
        "visit_groups": Count("id", filter=only & Q(is_group=True)),
        "visits_refused": Count("id", filter=only & Q(is_refused=True)),
    }


@register_figures
def visit_figures(subtree: Q, scope_q: Q | None, spans: dict[str, Period]) -> dict[str, dict[str, int]]:
    first, last = min(span.start for span in spans.values()), max(span.end for span in spans.values())
    visits = Visit.objects.filter(subtree, visited_on__gte=first, visited_on__lte=last)
    if scope_q is not None:
        visits = visits.filter(scope_q)
    aggregates: dict[str, Aggregate] = {}
    for tag, span in spans.items():
        when = Q(visited_on__gte=span.start, visited_on__lte=span.end)
        aggregates.update({f"{name}_{tag}": value for name, value in visit_aggregates(when).items()})
    visited = visits.aggregate(**aggregates)
    return {name: {tag: visited[f"{name}_{tag}"] or 0 for tag in spans} for name in VISIT_NAMES}
