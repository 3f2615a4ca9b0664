"""Models: month cubes of other apps' records (``core.month_cube``, decision 0030) — the petitions counted by
month (``CaseMonth``), kept by database triggers on the petitions' table (decision 0033)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

__all__ = ["CaseMonth"]


class CaseMonth(models.Model):
    """The petitions (``cases.Case``) counted by month: one row per unit, kind, status and the other columns the
    petitions' figures compare, with their dates rounded to the first day of their month (``due_on``: of the month of
    the day after the deadline; ``closed_on`` only for a stopped petition, ``suspended_on`` only for a suspended
    one), and the number of petitions (``records``, signed).

    The fields bear the petition's names, so that ``sources_cases``' conditions apply here unchanged and give the
    petitions' exact counts for a period of whole months (decision 0033). Written only by the database: the triggers
    ``reporting_casemonth_count_*`` on the petitions' table add a signed row for each petition inserted, deleted or
    re-keyed (``merged`` false), and ``MonthCube.merge`` (the periodic task ``reporting.merge_month_cubes``) folds
    them into one merged row per key.

    A migration that alters this table must drop the triggers first (``CUBE.drop_trigger_sql()`` in a ``RunPython``,
    as migration 0106 does backwards): SQLite rebuilds an altered table, and a trigger naming it in between fails
    the rebuild. ``core.month_cube.keep_cubes`` puts them back after ``migrate`` and counts the cube again."""

    unit_path = models.CharField(max_length=120)
    province_code = models.CharField(max_length=2)
    kind = models.CharField(max_length=20)
    status = models.CharField(max_length=12)
    handled_as_management = models.BooleanField()
    resolution_timeliness = models.CharField(max_length=8)
    intake_timeliness = models.CharField(max_length=8)
    due_step = models.CharField(max_length=12)
    received_on = models.DateField()
    accepted_on = models.DateField(null=True)
    intake_closed_on = models.DateField(null=True)
    resolved_on = models.DateField(null=True)
    closed_on = models.DateField(null=True)
    suspended_on = models.DateField(null=True)
    due_on = models.DateField(null=True)
    records = models.IntegerField()
    merged = models.BooleanField()

    class Meta:
        verbose_name = _("số đơn thư theo tháng")
        verbose_name_plural = _("số đơn thư theo tháng")
        indexes = [
            models.Index(
                fields=["province_code", "unit_path", "received_on"],
                name="casemonth_scope",
                opclasses=["text_pattern_ops", "text_pattern_ops", "date_ops"],
            ),
            # The rows the triggers added since the last merge.
            models.Index(fields=["id"], name="casemonth_unmerged", condition=Q(merged=False)),
        ]

    def __str__(self) -> str:
        return f"{self.unit_path} {self.received_on:%m/%Y} {self.status}: {self.records}"
