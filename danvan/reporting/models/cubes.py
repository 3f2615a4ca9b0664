"""Models: month cubes of other apps' records (``core.month_cube``, decision 0030) — the petitions counted by
month (``CaseMonth``), kept by database triggers on the petitions' table (decision 0033), and the citizen feedback
reports (``FeedbackMonth``, decision 0037)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.month_cube import cube_indexes

__all__ = ["CaseMonth", "FeedbackMonth"]


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
        indexes = cube_indexes("casemonth", "received_on")

    def __str__(self) -> str:
        return f"{self.unit_path} {self.received_on:%m/%Y} {self.status}: {self.records}"


class FeedbackMonth(models.Model):
    """The citizen feedback reports (``feedback.Report``) counted by month: one row per unit, month received (the
    first day of the month of the local day it was received on), answer, timeliness, rating, refusal or merger and —
    while the report is open — the month of its due date, and the number of reports (``records``, signed).

    ``sources_feedback`` sums it for a period of whole months (decision 0037): a report counts in the period it was
    received in, and what became of it is read as of today — answered (``answered``: the report's ``answered_at`` is
    set), on time or late (``timeliness``, kept only for an answered report), refused or merged (``state``, kept only
    for those), rated; "open past the due date today" from ``due_on`` for every month but today's. Written only by
    the database, as ``CaseMonth`` is (its notes on migrations apply)."""

    unit_path = models.CharField(max_length=120)
    province_code = models.CharField(max_length=2)
    answered = models.BooleanField()
    timeliness = models.CharField(max_length=8)
    state = models.CharField(max_length=10)
    rating = models.PositiveSmallIntegerField(null=True)
    received_at = models.DateField()
    due_on = models.DateField(null=True)
    records = models.IntegerField()
    merged = models.BooleanField()

    class Meta:
        verbose_name = _("số phản ánh theo tháng")
        verbose_name_plural = _("số phản ánh theo tháng")
        indexes = cube_indexes("feedbackmonth", "received_at")

    def __str__(self) -> str:
        return f"{self.unit_path} {self.received_at:%m/%Y}: {self.records}"
