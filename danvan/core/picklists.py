"""Pick-lists, one way: the short tables of codes an officer chooses from (fields of petitions and of initiatives,
refusal grounds, complexity criteria…). Data, not code: administrators add, reorder and retire rows.

- :class:`PickList`: a stable ``code`` (what the API and imports send), a ``sort_order`` and a ``label`` (the
  model's ``name`` or ``text`` column, named by ``label_field``); listed by order, then code.
- :class:`ActivePickList`: adds ``is_active`` — a retired row stays for the records that cite it but is no longer
  offered (``Model.objects.active()``).
- Rows that follow the law also inherit :class:`danvan.core.effective.EffectiveDated` (``valid_from``,
  ``valid_to``, ``legal_basis``): they are offered while in force (``Model.objects.in_force(on)``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _


class PickList(models.Model):
    """An abstract pick-list row: ``code``, ``sort_order``, ``label``."""

    code = models.SlugField(max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=100)

    label_field: ClassVar[str] = "name"

    class Meta:
        abstract = True
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return str(getattr(self, self.label_field))


class ActivePickListQuerySet(models.QuerySet[Any]):
    def active(self) -> ActivePickListQuerySet:
        """The rows still offered."""
        return self.filter(is_active=True)


class ActivePickList(PickList):
    """A pick-list row that can be retired (``is_active``) without losing the records that cite it."""

    is_active = models.BooleanField(_("đang dùng"), default=True)

    objects: Any = ActivePickListQuerySet.as_manager()

    class Meta(PickList.Meta):
        abstract = True
