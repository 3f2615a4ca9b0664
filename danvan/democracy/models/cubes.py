"""Models: the recommendations counted by month (``core.month_cube``, decisions 0030 and 0033)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.month_cube import cube_indexes

__all__ = ["Outcome", "RecommendationMonth"]


class Outcome(models.TextChoices):
    """What became of a recommendation, as of today: answered by its due date (or with none), after it, not yet."""

    ON_TIME = "on_time", _("Đã trả lời đúng hạn")
    LATE = "late", _("Đã trả lời quá hạn")
    UNANSWERED = "unanswered", _("Chưa trả lời")


class RecommendationMonth(models.Model):
    """The recommendations (``Recommendation``) counted by month: one row per unit, addressed body, source, answer's
    outcome (``outcome``), whether a first raise (``first_raise``: not a re-raise), assessment — and ``kind`` only for
    the meetings' and dialogues' recommendations, the only ones counted by it — with the month raised, the month
    answered (only for the meetings' and supervisions' recommendations, the only ones counted as answered in a
    period), the month of the day after the due date (only while it matters: unanswered, or a meeting's or
    supervision's answered in a later month), and the number of recommendations (``records``, signed).

    Written only by the database (decision 0033): the triggers ``democracy_recommendationmonth_count_*`` on the
    recommendations' table add a signed row for each recommendation inserted, deleted or re-keyed (``merged``
    false), and ``MonthCube.merge`` (the periodic task ``reporting.merge_month_cubes``) folds them. A migration that
    alters this table must drop the triggers first (``CUBE.drop_trigger_sql()``, as the migration creating it does
    backwards); ``core.month_cube.keep_cubes`` puts them back after ``migrate`` and counts the cube again."""

    unit_path = models.CharField(max_length=120)
    province_code = models.CharField(max_length=2)
    addressee = models.CharField(max_length=20)
    source = models.CharField(max_length=20)
    kind = models.CharField(max_length=16)
    first_raise = models.BooleanField()
    assessment = models.CharField(max_length=12)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    raised_on = models.DateField()
    answered_on = models.DateField(null=True)
    due_on = models.DateField(null=True)
    records = models.IntegerField()
    merged = models.BooleanField()

    class Meta:
        verbose_name = _("số kiến nghị theo tháng")
        verbose_name_plural = _("số kiến nghị theo tháng")
        indexes = cube_indexes("recmonth", "raised_on")

    def __str__(self) -> str:
        return f"{self.unit_path} {self.raised_on:%m/%Y} {self.outcome}: {self.records}"
