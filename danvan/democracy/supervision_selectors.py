"""Reads of the supervision pages, API and exports: filters, recommendation counts, organization choices in
Vietnamese order."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from danvan.core.compiled import count_rows
from danvan.core.models import AdministrativeUnit, Organization
from danvan.core.subtree import subtree_q
from danvan.core.text import vi_sort_key
from danvan.democracy.models import Recommendation, Supervision
from danvan.democracy.supervision_services import answering_organizations, supervisions_search


def with_recommendation_counts(supervisions: QuerySet[Supervision]) -> QuerySet[Supervision]:
    """Each supervision with ``recommendations_count``: the recommendations raised from it (one subquery)."""
    counts = (
        Recommendation.objects.filter(
            event_type=ContentType.objects.get_for_model(Supervision), event_id=OuterRef("pk")
        )
        .order_by()
        .values("event_id")
        .annotate(total=count_rows())
        .values("total")
    )
    return supervisions.annotate(
        recommendations_count=Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))
    )


def filter_supervisions(
    supervisions: QuerySet[Supervision],
    *,
    unit: AdministrativeUnit | None = None,
    year: int | None = None,
    kind: str | None = None,
    status: str | None = None,
    organization_id: int | None = None,
    text: str = "",
) -> QuerySet[Supervision]:
    """The list's filters; latest first."""
    if unit is not None:
        supervisions = supervisions.filter(subtree_q(unit))
    if year:
        supervisions = supervisions.filter(programme__year=year)
    if kind:
        supervisions = supervisions.filter(kind=kind)
    if status:
        supervisions = supervisions.filter(status=status)
    if organization_id:
        supervisions = supervisions.filter(programme__organization_id=organization_id)
    supervisions = supervisions_search(supervisions, text)
    return supervisions.select_related("unit", "programme", "programme__organization", "supervised_org").order_by(
        "-starts_on", "-id"
    )


def sorted_organizations(organizations: Any) -> list[Organization]:
    """Organizations in Vietnamese order (the commune's first, then the province's)."""
    return sorted(organizations, key=lambda org: (org.unit.level != "commune", vi_sort_key(org.name)))


def answering_choices(commune: AdministrativeUnit) -> QuerySet[Organization]:
    """The bodies offered as supervised or drafting body (the commune's and its province's)."""
    return answering_organizations(commune)
