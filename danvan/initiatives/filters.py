"""The filters of the registry's list, shared by the list page, the XLSX export and the API.

:func:`apply_filters` narrows a queryset by typed values; :func:`filters_from_params` reads them from a
query string (GET), ignoring values that do not parse, so a hand-edited link shows a wider list, not an error.
Start from ``access.initiatives_visible_to(user)``: :func:`visible_filtered` does both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

from django.db.models import QuerySet

from danvan.core.models import AdministrativeUnit
from danvan.core.params import choice, digits_int, positive_int, year_param
from danvan.core.subtree import subtree_q
from danvan.core.text import matches_all_terms
from danvan.initiatives.access import initiatives_visible_to
from danvan.initiatives.models import Initiative, InitiativeKind, InitiativeLevel, InitiativeStatus


class InitiativeFilters(TypedDict, total=False):
    q: str | None
    field: int | str | None
    level: str | None
    kind: str | None
    year: int | None
    status: str | None
    organization: int | None
    unit: int | None
    recognized_year: int | None


FILTER_NAMES = tuple(InitiativeFilters.__annotations__)


def apply_filters(
    qs: QuerySet[Initiative],
    *,
    q: str | None = None,
    field: int | str | None = None,
    level: str | None = None,
    kind: str | None = None,
    year: int | None = None,
    status: str | None = None,
    organization: int | None = None,
    unit: int | None = None,
    recognized_year: int | None = None,
) -> QuerySet[Initiative]:
    """Narrow ``qs``: ``q`` folded words all found in the name, honoree, unit or body; ``field`` by id or code;
    ``unit`` by id, with its whole subtree; the others by equality."""
    qs = qs.filter(matches_all_terms(q))
    if isinstance(field, int):
        qs = qs.filter(field_id=field)
    elif field:
        qs = qs.filter(field__code=field)
    if level:
        qs = qs.filter(level=level)
    if kind:
        qs = qs.filter(kind=kind)
    if year is not None:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    if organization is not None:
        qs = qs.filter(organization_id=organization)
    if unit is not None:
        path = AdministrativeUnit.objects.filter(pk=unit).values_list("path", flat=True).first()
        qs = qs.filter(subtree_q(path)) if path else qs.none()
    if recognized_year is not None:
        qs = qs.filter(recognized_year=recognized_year)
    return qs


def filters_from_params(params: Mapping[str, Any]) -> InitiativeFilters:
    """The filters of a query string (``request.GET``); missing or malformed values are left out."""
    field = str(params.get("field") or "").strip()
    return {
        "q": str(params.get("q") or "").strip()[:200] or None,
        "field": positive_int(field) if digits_int(field) is not None else (field[:40] or None),
        "level": choice(params.get("level"), InitiativeLevel.values),
        "kind": choice(params.get("kind"), InitiativeKind.values),
        "year": year_param(params.get("year")),
        "status": choice(params.get("status"), InitiativeStatus.values),
        "organization": positive_int(params.get("organization")),
        "unit": positive_int(params.get("unit")),
        "recognized_year": year_param(params.get("recognized_year")),
    }


def visible_filtered(user: Any, params: Mapping[str, Any]) -> QuerySet[Initiative]:
    """The initiatives ``user`` may see, narrowed by the filters in ``params``."""
    return apply_filters(initiatives_visible_to(user), **filters_from_params(params))
