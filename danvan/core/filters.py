"""List filters, declared once for the page, the API and the export: :class:`ListFilter`.

A list's filters are one ninja ``Schema`` (``danvan/<app>/schemas.py``). The API takes it as ``Query[…]`` and
refuses a bad value with a 422; pages and exports read the same class from a query string with
:meth:`ListFilter.from_params`, which ignores a value that does not parse (a hand-edited link shows a wider list,
not an error) with the project's lenient parsers (``core.params``: ASCII digits only, dates yyyy-mm-dd or
dd/mm/yyyy, "1"/"true"/"0"/"false"). Each app's ``filters.apply_filters(qs, **filters.values())`` narrows a
queryset, whoever asked.

Why ninja's ``Schema`` rather than django-filter: the API is django-ninja, whose query parameters, OpenAPI
description and 422 answers come from these schemas already; django-filter would add a second declaration (a
``FilterSet``) and a dependency for what one class does here.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from collections.abc import Mapping
from typing import Any, Literal, Self, Union, get_args, get_origin

from ninja import Schema
from pydantic import ValidationError

from danvan.core.params import bool_param, choice, date_param, digits_int


def _max_length(metadata: list[Any]) -> int | None:
    for item in metadata:
        length = getattr(item, "max_length", None)
        if length is not None:
            return int(length)
    return None


def _lenient(annotation: Any, raw: Any, max_length: int | None) -> Any:
    """``raw`` (a query-string value) read as ``annotation`` by the project's lenient parsers, or None."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        for option in get_args(annotation):
            if option is type(None):
                continue
            value = _lenient(option, raw, max_length)
            if value is not None:
                return value
        return None
    if origin is Literal:
        return choice(raw, [str(option) for option in get_args(annotation)])
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return choice(raw, [str(member.value) for member in annotation])
    if annotation is bool:
        return bool_param(raw)
    if annotation is int:
        return digits_int(raw)
    if annotation is dt.date:
        return date_param(raw)
    text = str(raw if raw is not None else "").strip()
    return (text[:max_length] if max_length else text) or None


class ListFilter(Schema):
    """The filters of one list; subclasses declare the fields (all optional)."""

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> Self:
        """The filters of a query string (``request.GET``); missing or malformed values are left out."""
        values: dict[str, Any] = {}
        for name, field in cls.model_fields.items():
            raw = params.get(name)
            if raw is None or raw == "":
                continue
            value = _lenient(field.annotation, raw, _max_length(field.metadata))
            if value is None:
                continue
            try:
                cls.model_validate({name: value})
            except ValidationError:
                continue  # out of bounds (a year 1900, an id 0): ignored like any value that does not parse
            values[name] = value
        return cls.model_validate(values)

    def values(self) -> dict[str, Any]:
        """The filters given, for ``apply_filters(qs, **filters.values())``."""
        return {name: value for name, value in self.model_dump().items() if value is not None}
