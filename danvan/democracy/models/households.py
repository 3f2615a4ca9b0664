"""The household register of a commune: households with their representative, each living in one village (or
residential group) at a time. A move closes one residence and opens the next on the same date, so that a vote
counts the register as it stood on the vote's date (``Residence.objects.on(date)``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import AdministrativeUnit
from danvan.democracy.models.base import CommuneRecord


class Household(CommuneRecord):
    """A household of the commune (``unit`` is the commune); where it lives is its ``Residence`` history."""

    code = models.CharField(_("mã hộ"), max_length=40)
    representative_name = models.CharField(_("chủ hộ / đại diện hộ"), max_length=200)
    representative_phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    search_text = models.CharField(max_length=600, editable=False, default="")
    dissolved_on = models.DateField(_("ngày thôi là hộ của xã"), null=True, blank=True)
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    submission_fingerprint = models.CharField(max_length=64, blank=True, default="", db_default="", editable=False)

    class Meta:
        verbose_name = _("hộ gia đình")
        verbose_name_plural = _("hộ gia đình")
        constraints = [models.UniqueConstraint(fields=["unit", "code"], name="household_code_unique_in_commune")]

    def __str__(self) -> str:
        return f"{self.code} – {self.representative_name}"


class ResidenceQuerySet(models.QuerySet["Residence"]):
    def on(self, day: dt.date) -> ResidenceQuerySet:
        """Residences in force on ``day``: the register as it stood that day."""
        return self.filter(Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day)))


class Residence(models.Model):
    """A household living in a village from ``valid_from`` to ``valid_to`` (open while it still lives there)."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="residences")
    village = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("thôn, tổ dân phố"), on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    objects: Any = ResidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("nơi cư trú của hộ")
        verbose_name_plural = _("nơi cư trú của hộ")
        indexes = [models.Index(fields=["village", "valid_from"], name="residence_village_from")]
        constraints = [
            # A household lives in one village at a time: one open residence at most (overlaps are refused by
            # the service, which closes the old residence the day before the new one opens).
            models.UniqueConstraint(
                fields=["household"], condition=Q(valid_to__isnull=True), name="residence_one_open_per_household"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="residence_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household_id} @ {self.village_id} ({self.valid_from:%d/%m/%Y})"
