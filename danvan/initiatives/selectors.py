"""Reads on the registry: scoped, filtered, sorted lists and the detail of one initiative."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from danvan.initiatives import access
from danvan.initiatives.filters import apply_filters
from danvan.initiatives.models import Initiative, Transition
from danvan.initiatives.workflow import SERVICE_ONLY, Step, steps_from

SORTS = {"name", "year", "registered_on", "recognized_on", "funds_total"}


def initiative_list(user: Any, *, sort: str | None = None, **filters: Any) -> QuerySet[Initiative]:
    """Initiatives in the officer's scope matching ``filters`` (see ``filters.apply_filters``), one query per page."""
    initiatives = apply_filters(access.initiatives_visible_to(user), **filters)
    initiatives = initiatives.select_related("unit", "organization", "field")
    if sort and sort.lstrip("-") in SORTS:
        return initiatives.order_by(sort, "-id")
    return initiatives.order_by("-year", "name", "-id")


def initiative_detail(initiative: Initiative) -> Initiative:
    """Load what the detail page shows: funds, updates, the timeline with its actors, replications."""
    return (
        Initiative.objects.select_related("unit", "organization", "field", "movement", "origin", "origin__unit")
        .prefetch_related(
            "fundings",
            "updates",
            Prefetch("transitions", queryset=Transition.objects.select_related("actor")),
            Prefetch("replications", queryset=Initiative.objects.select_related("unit")),
            "commendations__awarded_by",
            "recognition_decisions",
        )
        .get(pk=initiative.pk)
    )


def allowed_steps(user: Any, initiative: Initiative) -> list[Step]:
    """The workflow steps this officer may take now (the generic ones; scoring and decisions have their forms)."""
    return [
        step
        for step in steps_from(initiative.status)
        if step.action not in SERVICE_ONLY and access.can_take(user, initiative, step)
    ]
