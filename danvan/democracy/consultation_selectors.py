"""Reading consultations: lists in the officer's scope, the published ones of a commune, and the tally of
opinions (people agreeing, disagreeing, other) that decides what "the majority" is (Luật 10/2022 Art. 28)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet, Sum

from danvan.core.compiled import count_rows
from danvan.core.subtree import subtree_q
from danvan.core.text import matches_all_terms
from danvan.democracy.access import read_scope
from danvan.democracy.models import Consultation, ConsultationStatus, Opinion, OpinionStance


@dataclass(frozen=True)
class Tally:
    """Opinions received: records and people by stance; ``majority`` is the stance more people took (agree or
    disagree), ``None`` on a tie or when nobody took either."""

    opinions: int
    agree: int
    disagree: int
    other: int

    @property
    def people(self) -> int:
        return self.agree + self.disagree + self.other

    @property
    def majority(self) -> str | None:
        if self.agree > self.disagree:
            return OpinionStance.AGREE
        if self.disagree > self.agree:
            return OpinionStance.DISAGREE
        return None


def consultation_tally(consultation: Consultation) -> Tally:
    """One aggregate query over the consultation's opinions."""
    row = Opinion.objects.filter(consultation=consultation).aggregate(
        opinions=count_rows(),
        agree=Sum("people", filter=Q(stance=OpinionStance.AGREE), default=0),
        disagree=Sum("people", filter=Q(stance=OpinionStance.DISAGREE), default=0),
        other=Sum("people", filter=Q(stance=OpinionStance.OTHER), default=0),
    )
    return Tally(row["opinions"], row["agree"], row["disagree"], row["other"])


def consultation_list(
    user: Any, *, unit: Any = None, status: str | None = None, q: str | None = None
) -> QuerySet[Consultation]:
    """Consultations of the officer's communes (within ``unit``'s subtree when given), newest first."""
    consultations = Consultation.objects.filter(read_scope(user).q("unit_path")).select_related("unit", "item")
    if unit is not None:
        consultations = consultations.filter(subtree_q(unit))
    if status:
        consultations = consultations.filter(status=status)
    if q:
        consultations = consultations.filter(matches_all_terms(q))
    return consultations.order_by("-opens_on", "-id")


def public_consultations(commune: Any = None) -> QuerySet[Consultation]:
    """What citizens see: published consultations (open or decided), newest first; never the drafts."""
    consultations = Consultation.objects.exclude(status=ConsultationStatus.DRAFT).select_related("unit", "item")
    if commune is not None:
        consultations = consultations.filter(unit=commune)
    return consultations.order_by("-opens_on", "-id")
