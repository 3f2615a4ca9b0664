"""A reception visit's recommendation or feedback (kiến nghị, phản ánh) tracked in grassroots democracy's
recommendation tracker (docs/democracy/recommendations.md): one tracked item per visit (its submission key is the
visit's), source ``reception`` (answer within 10 working days, Luật Tiếp công dân Art. 28, rule data), addressed to
the People's Committee of the visit's unit. Complaints and denunciations stay in the case engine, and a visit kept
confidential is never tracked: the tracker shows its items on lists officers share."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from danvan.cases.models import CaseKind
from danvan.core.errors import DomainError
from danvan.democracy.models import Recommendation, RecommendationKind, RecommendationSource
from danvan.democracy.recommendation_services import recommendation_raise
from danvan.reception.models import Visit

TRACKED_KINDS = (CaseKind.RECOMMENDATION, CaseKind.FEEDBACK)


def can_track(visit: Visit) -> bool:
    return visit.kind in TRACKED_KINDS and not visit.is_confidential and not visit.is_refused


def tracked_items(visit: Visit) -> Any:
    return Recommendation.objects.for_event(visit).order_by("id")


def visit_track(*, actor: Any, visit: Visit) -> Recommendation:
    """The visit's tracked recommendation (made once; a second call returns it)."""
    if not can_track(visit):
        raise DomainError(
            "not_trackable",
            _("Chỉ theo dõi kiến nghị, phản ánh của lượt tiếp không phải giữ bí mật và không bị từ chối."),
            status=422,
        )
    return recommendation_raise(
        actor=actor,
        event=visit,
        source=RecommendationSource.RECEPTION,
        unit=visit.unit,
        raised_on=visit.visited_on,
        kind=RecommendationKind.RECOMMENDATION,
        raised_by=_("Công dân đến tiếp ngày %(day)s") % {"day": visit.visited_on.strftime("%d/%m/%Y")},
        content=visit.summary,
        addressee="peoples_committee",
        submission_key=f"reception-visit-{visit.pk}",
        submission_fingerprint=f"reception-visit-{visit.pk}",
    )
