"""What every record of a commune carries: its unit (a current commune), the unit's path and province code
(for subtree filters, ``core.subtree.subtree_q``), timestamps and a version for concurrent edits."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import AdministrativeUnit


class CommuneRecord(models.Model):
    """An abstract record kept by a commune (or one of its villages: ``unit`` is then the village)."""

    unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=120, editable=False, db_index=True)
    province_code = models.CharField(max_length=2, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True

    def save(self, *args: object, **kwargs: object) -> None:
        if self.unit_id and not self.unit_path:
            self.unit_path = self.unit.path
            self.province_code = self.unit.province_code
        super().save(*args, **kwargs)  # type: ignore[arg-type]
