"""Effective-dated rows: the one way to ask "which rows are in force on date D".

Legal numbers, refusal grounds, complexity criteria and recognition authorities change with the law; each row
says from when (``valid_from``) until when (``valid_to``, empty = still in force) it applies, and on which legal
basis. A row is in force on D when ``valid_from <= D <= valid_to``. Models inherit :class:`EffectiveDated`
and ask ``Model.objects.in_force(on)`` (or ``row.is_in_force(on)`` for a row already loaded); related rows are
filtered with :func:`in_force_q` and a ``prefix``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

_M = TypeVar("_M", bound=models.Model)


def in_force_q(on: dt.date, prefix: str = "") -> Q:
    """Rows (through ``prefix``, e.g. ``"rule__"``) in force on ``on``."""
    return Q(**{f"{prefix}valid_from__lte": on}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": on})
    )


class EffectiveDatedQuerySet(models.QuerySet[_M]):
    def in_force(self, on: dt.date) -> EffectiveDatedQuerySet[_M]:
        """The rows in force on ``on``."""
        return self.filter(in_force_q(on))

    def not_in_force(self, on: dt.date) -> EffectiveDatedQuerySet[_M]:
        """The rows not (or no longer, or not yet) in force on ``on``."""
        return self.exclude(in_force_q(on))


class EffectiveDated(models.Model):
    """An abstract row valid from ``valid_from`` to ``valid_to`` (open ended when empty) on ``legal_basis``."""

    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300)

    objects: Any = EffectiveDatedQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_in_force(self, on: dt.date) -> bool:
        """Whether this row applies on ``on`` (the same test as :meth:`EffectiveDatedQuerySet.in_force`)."""
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)
