"""The filters of the registry's list, shared by the list page, the XLSX export and the API.

The filters are declared once, as ``schemas.InitiativeFilter`` (core.filters.ListFilter): the API reads it
strictly, :func:`filters_from_params` leniently from a query string (GET), ignoring values that do not parse, so a
hand-edited link shows a wider list, not an error; :func:`apply_filters` narrows a queryset by the typed values.
Start from ``access.initiatives_visible_to(user)``: :func:`visible_filtered` does both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from danvan.core.models import AdministrativeUnit
from danvan.core.params import digits_int
from danvan.core.subtree import subtree_q
from danvan.core.text import matches_all_terms
from danvan.initiatives.access import initiatives_visible_to
from danvan.initiatives.models import Initiative
from danvan.initiatives.schemas import InitiativeFilter

FILTER_NAMES = tuple(InitiativeFilter.model_fields)


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
    if isinstance(field, str) and digits_int(field) is not None:
        field = digits_int(field)  # an id sent as text (the API's query string)
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


def filters_from_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """The filters of a query string (``request.GET``); missing or malformed values are left out."""
    return InitiativeFilter.from_params(params).values()


def visible_filtered(user: Any, params: Mapping[str, Any]) -> QuerySet[Initiative]:
    """The initiatives ``user`` may see, narrowed by the filters in ``params``."""
    return apply_filters(initiatives_visible_to(user), **filters_from_params(params))
