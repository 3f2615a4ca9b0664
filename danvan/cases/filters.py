"""The filters of the case list, shared by the list page, the API and the benchmarks.

The filters are declared once, as ``schemas.CaseFilter`` (core.filters.ListFilter): the API reads it strictly,
:func:`filters_from_params` leniently from a query string, ignoring values that do not parse (a hand-edited link
shows a wider list, not an error); :func:`apply_filters` narrows a queryset by the typed values. Start from
``access.cases_visible_to(user)``: :func:`visible_filtered` does both. Orders: newest received first, or by due
date (``order=due``: the most urgent open cases first).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from danvan.cases.access import cases_visible_to
from danvan.cases.clock import current_clock
from danvan.cases.models import Case, Denouncer
from danvan.cases.schemas import CaseFilter
from danvan.core.models import AdministrativeUnit
from danvan.core.subtree import subtree_q
from danvan.core.text import matches_all_terms

ORDERS = {"received": ("-received_on", "-id"), "due": ("due_on", "id")}


FILTER_NAMES = tuple(CaseFilter.model_fields)


def apply_filters(
    qs: QuerySet[Case],
    *,
    q: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    channel: str | None = None,
    field: int | None = None,
    deadline: str | None = None,
    unit: int | None = None,
    assignee: int | None = None,
    open: bool | None = None,
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
    order: str | None = None,
) -> QuerySet[Case]:
    """Narrow ``qs``: ``q`` folded words all found in the code, title, subject, petitioners' names or text;
    ``unit`` by id with its subtree; ``deadline`` one of on_track / due_soon / overdue; the others by equality."""
    qs = qs.filter(matches_all_terms(q))
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if channel:
        qs = qs.filter(channel=channel)
    if field is not None:
        qs = qs.filter(field_id=field)
    if deadline:
        qs = qs.filter(current_clock().q(deadline))
    if open is not None:
        qs = qs.filter(is_open=open)
    if assignee is not None:
        qs = qs.filter(assignee_id=assignee)
    if received_from is not None:
        qs = qs.filter(received_on__gte=received_from)
    if received_to is not None:
        qs = qs.filter(received_on__lte=received_to)
    if unit is not None:
        path = AdministrativeUnit.objects.filter(pk=unit).values_list("path", flat=True).first()
        qs = qs.filter(subtree_q(path)) if path else qs.none()
    if order == "due":
        qs = qs.filter(due_on__isnull=False)
    return qs.order_by(*ORDERS.get(order or "received", ORDERS["received"]))


# What a row of the list shows (``schemas.CaseOut``). The page used to carry every column of the case, its unit, field
# and handler (the letter's text, the resolution, the unit's search text…) for rows that show none of them.
LIST_COLUMNS = (
    *("id", "code", "kind", "complaint_round", "channel", "status", "title", "received_on", "due_on", "due_step"),
    *("is_open", "persons_count", "is_anonymous", "is_complex", "is_multi_party", "is_protracted", "is_late_filing"),
    *("version", "unit__id", "unit__code", "unit__name", "unit__tree", "field__id", "field__code", "field__name"),
    *("assignee__id", "assignee__full_name", "assignee__username"),
)


def list_rows(qs: QuerySet[Case]) -> QuerySet[Case]:
    """``qs`` as the API lists it: unit, field and handler joined, the columns a row shows (another column loads on
    first use, one query per row: the API's query-count test keeps that from happening), and whether a denouncer is
    on file (``has_denouncer``; never who)."""
    denouncer = Denouncer.objects.filter(case=OuterRef("pk"))
    return qs.select_related("unit", "field", "assignee").only(*LIST_COLUMNS).annotate(has_denouncer=Exists(denouncer))


def filters_from_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """The filters of a query string (``request.GET``); missing or malformed values are left out."""
    return CaseFilter.from_params(params).values()


def visible_filtered(user: Any, params: Mapping[str, Any]) -> QuerySet[Case]:
    """The cases ``user`` may see, narrowed by the filters in ``params``."""
    return apply_filters(cases_visible_to(user), **filters_from_params(params))
