"""Reads of the recommendation tracker: a body's inbox, a raiser's waiting list, an item's timeline, and the
commune's public list. The filters are the same for the pages, the XLSX downloads and the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone

from danvan.core.models import AdministrativeUnit, Organization
from danvan.core.subtree import subtree_q
from danvan.core.text import fold
from danvan.democracy.models import (
    Recommendation,
    RecommendationSource,
    RecommendationStatus,
)
from danvan.democracy.models.recommendations import PUBLIC_SOURCES, RecommendationQuerySet
from danvan.democracy.recommendation_sweep import due_soon_limit


class State:
    """The inbox's state filter (whether an item is overdue or due soon follows from today)."""

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"
    ALL = "all"
    CHOICES = (OVERDUE, DUE_SOON, OPEN, ANSWERED, CLOSED, ALL)


def state_q(state: str, today: dt.date, soon: dt.date | None = None) -> Q:
    open_q = Q(status=RecommendationStatus.OPEN)
    if state == State.OVERDUE:
        return open_q & Q(due_on__lt=today)
    if state == State.DUE_SOON:
        return open_q & Q(due_on__gte=today, due_on__lte=soon or due_soon_limit(today))
    if state == State.OPEN:
        return open_q
    if state == State.ANSWERED:
        return Q(status=RecommendationStatus.ANSWERED)
    if state == State.CLOSED:
        return Q(status__in=(RecommendationStatus.CLOSED, RecommendationStatus.RERAISED))
    return Q()


def search_words(q: str) -> list[str]:
    """The words searched (folded: no diacritics; a NUL is a space; at most 8)."""
    return fold((q or "").replace("\x00", " ")).split()[:8]


def filtered(
    items: RecommendationQuerySet,
    *,
    state: str = State.OPEN,
    source: str = "",
    field: str = "",
    q: str = "",
    today: dt.date | None = None,
) -> RecommendationQuerySet:
    today = today or timezone.localdate()
    items = items.filter(state_q(state, today))
    if source:
        items = items.filter(source=source)
    if field:
        items = items.filter(field=field)
    for word in search_words(q):
        items = items.filter(search_text__contains=word)
    return items


def ordered(items: RecommendationQuerySet, state: str) -> RecommendationQuerySet:
    """Oldest deadline first while waiting; latest first once answered or closed."""
    if state in (State.ANSWERED, State.CLOSED, State.ALL):
        return items.order_by("-raised_on", "-id")
    return items.order_by("due_on", "raised_on", "id")


LIST_RELATED = ("unit", "addressee_org", "raiser_org")


def inbox(org: Organization, **filters: Any) -> RecommendationQuerySet:
    """What ``org`` must answer (``state`` open by default), the nearest deadline first."""
    state = filters.get("state") or State.OPEN
    items = filtered(Recommendation.objects.filter(addressee_org=org), **{**filters, "state": state})
    return ordered(items, state).select_related(*LIST_RELATED)


def waiting(visible: RecommendationQuerySet, scope_q: Q, org: Organization | None = None, **filters: Any) -> Any:
    """What the officer's units (``scope_q`` on the raising unit) or, with ``org``, that organization raised and
    still waits for: open, or answered and not yet assessed (``state``)."""
    state = filters.get("state") or State.OPEN
    items = visible.filter(raiser_org=org) if org is not None else visible.filter(scope_q)
    items = filtered(items, **{**filters, "state": state})
    return ordered(items, state).select_related(*LIST_RELATED)


@dataclass(frozen=True)
class Step:
    """One line of an item's timeline."""

    on: dt.date
    kind: str  # raised, transferred, answered, assessed, reraised
    text: str
    detail: str = ""


def timeline(item: Recommendation) -> list[Step]:
    """Raised, each transfer, the answer, the assessment, the re-raise — in order."""
    from django.utils.translation import gettext as _

    from danvan.core.formatting import format_date

    steps = [Step(item.raised_on, "raised", _("Nêu kiến nghị"), item.get_source_display())]
    for transfer in item.transfers.select_related("from_org", "to_org"):
        steps.append(
            Step(
                transfer.transferred_on,
                "transferred",
                _("Chuyển từ %(from)s đến %(to)s")
                % {
                    "from": transfer.from_org.name if transfer.from_org else item.get_addressee_display(),
                    "to": transfer.to_org.name,
                },
                _("Lý do: %(reason)s. Hạn trước khi chuyển: %(due)s.")
                % {
                    "reason": transfer.reason,
                    "due": format_date(transfer.due_on_before) if transfer.due_on_before else "—",
                },
            )
        )
    if item.answered_on:
        by = item.answered_by_org.name if item.answered_by_org else item.get_addressee_display()
        steps.append(Step(item.answered_on, "answered", _("%(body)s trả lời") % {"body": by}, item.answer))
    if item.assessed_on:
        steps.append(Step(item.assessed_on, "assessed", item.get_assessment_display(), item.assessment_reason))
    for again in item.reraises.all():
        steps.append(Step(again.raised_on, "reraised", _("Kiến nghị lại (mục #%(id)s)") % {"id": again.pk}))
    return steps


def public_items(commune: AdministrativeUnit, q: str = "") -> RecommendationQuerySet:
    """The items raised in public settings (voter contacts, dialogues, year-end meetings) in ``commune`` and its
    villages, latest first; hidden ones are kept (they show as hidden)."""
    items = Recommendation.objects.filter(subtree_q(commune), source__in=PUBLIC_SOURCES)
    for word in search_words(q):
        items = items.filter(search_text__contains=word, public_hidden=False)
    return items.select_related("unit", "addressee_org", "answered_by_org").order_by("-raised_on", "-id")


PUBLIC_SOURCE_CHOICES = [(value, label) for value, label in RecommendationSource.choices if value in PUBLIC_SOURCES]
