"""Reads of community decisions: the officers' list with both clocks (overdue shown), one decision's detail,
and the public receipt check (counted or not, never how)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.models import AdministrativeUnit
from danvan.core.subtree import subtree_q
from danvan.core.text import matches_all_terms
from danvan.democracy.access import decisions_visible_to
from danvan.democracy.models import Ballot, CommunityDecision, DecisionStatus


def with_clocks(decisions: QuerySet[CommunityDecision], today: dt.date | None = None) -> QuerySet[CommunityDecision]:
    """Annotate ``submission_overdue`` (counted, record not sent, past its due day) and ``recognition_overdue``
    (sent, the body has not answered, past its due day)."""
    today = today or timezone.localdate()
    return decisions.annotate(
        submission_overdue=Case(
            When(Q(status=DecisionStatus.CLOSED, submission_due_on__lt=today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        recognition_overdue=Case(
            When(Q(status=DecisionStatus.SUBMITTED, recognition_due_on__lt=today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


def decision_list(
    user: Any,
    *,
    unit: int | AdministrativeUnit | None = None,
    status: str | None = None,
    matter: str | None = None,
    q: str | None = None,
    overdue: bool = False,
) -> QuerySet[CommunityDecision]:
    """The decisions the officer reads, newest first; ``unit`` keeps its subtree (a village keeps the decisions
    it takes part in); ``q`` ignores diacritics."""
    decisions = decisions_visible_to(user).select_related("matter", "unit")
    if unit is not None:
        place = unit if isinstance(unit, AdministrativeUnit) else AdministrativeUnit.objects.filter(pk=unit).first()
        if place is None:
            return decisions.none()
        decisions = decisions.filter(subtree_q(place) | Q(villages=place)).distinct()
    if status:
        decisions = decisions.filter(status=status)
    if matter:
        decisions = decisions.filter(matter__code=matter)
    if q:
        decisions = decisions.filter(matches_all_terms(q))
    decisions = with_clocks(decisions)
    if overdue:
        decisions = decisions.filter(Q(submission_overdue=True) | Q(recognition_overdue=True))
    return decisions.order_by("-created_at", "-id")


def decision_detail(decision: CommunityDecision) -> CommunityDecision:
    """The decision with its clocks, villages and online consents counted."""
    found = (
        with_clocks(CommunityDecision.objects.filter(pk=decision.pk))
        .select_related("matter", "unit")
        .annotate(online_consent_count=Count("online_consents", distinct=True))
        .get()
    )
    found.village_ids = list(found.villages.values_list("pk", flat=True))  # type: ignore[attr-defined]
    return found


def receipt_status(code: str) -> dict[str, Any] | None:
    """What the portal says about a ballot receipt: whether the ballot is in the count (recorded, and counted
    once the vote is closed), which matter and commune; never the household nor its choice."""
    code = (code or "").strip().upper().replace(" ", "").replace("-", "")
    if not code or len(code) > 16:
        return None
    ballot = Ballot.objects.filter(receipt=code).select_related("decision", "decision__unit").first()
    if ballot is None:
        return None
    decision = ballot.decision
    counted = decision.status not in (DecisionStatus.DRAFT, DecisionStatus.ANNOUNCED)
    if counted:
        message = _("Phiếu của hộ đã được kiểm (ngày %(date)s).") % {
            "date": decision.closed_on.strftime("%d/%m/%Y") if decision.closed_on else ""
        }
    else:
        message = _("Phiếu của hộ đã được ghi nhận và sẽ được kiểm khi kết thúc lấy ý kiến.")
    return {
        "receipt": ballot.receipt,
        "counted": counted,
        "message": message,
        "decision": decision.title,
        "commune": decision.unit.name,
    }


def public_communes_q() -> Q:
    """The communes a citizen may open: current ones (a merged one's records belong to its successor)."""
    from danvan.core.models import UnitLevel, UnitTree

    return Q(tree=UnitTree.CURRENT, level=UnitLevel.COMMUNE)


def published_decisions(commune: AdministrativeUnit, *, q: str | None = None) -> QuerySet[CommunityDecision]:
    """The results a commune published (counted, then published by an officer; nothing else), newest vote first;
    ``q`` folded (no diacritics, đ → d). Only the figures and the result text: never a household or a ballot."""
    decisions = (
        CommunityDecision.objects.filter(unit=commune, is_published=True)
        .exclude(status__in=[DecisionStatus.DRAFT, DecisionStatus.ANNOUNCED])
        .select_related("matter")
        .prefetch_related("villages")
    )
    if q:
        decisions = decisions.filter(matches_all_terms(q))
    return decisions.order_by("-closed_on", "-id")
