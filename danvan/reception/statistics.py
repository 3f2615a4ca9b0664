"""The visits in the unit statistics of ``cases.statistics`` (lượt, người, đoàn đông người, từ chối tiếp): one
aggregate over the visits of the units and of both periods compared, registered when the app is ready."""

from __future__ import annotations

from django.db.models import Aggregate, Count, Q, Sum

from danvan.cases.statistics import register_figures
from danvan.core.periods import Period
from danvan.reception.models import Visit


@register_figures
def visit_figures(subtree: Q, scope_q: Q | None, spans: dict[str, Period]) -> dict[str, dict[str, int]]:
    first, last = min(span.start for span in spans.values()), max(span.end for span in spans.values())
    visits = Visit.objects.filter(subtree, visited_on__gte=first, visited_on__lte=last)
    if scope_q is not None:
        visits = visits.filter(scope_q)
    aggregates: dict[str, Aggregate] = {}
    for tag, span in spans.items():
        when = Q(visited_on__gte=span.start, visited_on__lte=span.end)
        aggregates[f"visits_{tag}"] = Count("id", filter=when)
        aggregates[f"visit_persons_{tag}"] = Sum("persons", filter=when)
        aggregates[f"visit_groups_{tag}"] = Count("id", filter=when & Q(is_group=True))
        aggregates[f"visits_refused_{tag}"] = Count("id", filter=when & Q(is_refused=True))
    visited = visits.aggregate(**aggregates)
    names = ("visits", "visit_persons", "visit_groups", "visits_refused")
    return {name: {tag: visited[f"{name}_{tag}"] or 0 for tag in spans} for name in names}
