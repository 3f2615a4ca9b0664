"""Models: indicators (see the package docstring).

``Indicator`` describes every figure a report may show: a computed one (its value comes from a registered
``IndicatorSource``, see ``reporting/indicators.py``) or an entered one (typed by a unit for a period, an
``EnteredFigure``). Labels, sources and order are data an administrator edits; the codes are stable.
``ReportType`` holds the cut-off of a kind of periodic report (e.g. the year's report counts 15/12 of the previous
year to 14/12), as data with its basis.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["EnteredFigure", "Indicator", "IndicatorKind", "ReportType"]


class IndicatorKind(models.TextChoices):
    COMPUTED = "computed", _("Tính từ hồ sơ")
    ENTERED = "entered", _("Đơn vị nhập")


class Indicator(models.Model):
    """One indicator: its stable code, label, unit of measure, group, method and source."""

    code = models.CharField(_("mã chỉ tiêu"), max_length=120, unique=True)
    label = models.CharField(_("tên chỉ tiêu"), max_length=300)
    label_en = models.CharField(_("tên tiếng Anh"), max_length=300, blank=True)
    measure = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    group = models.CharField(_("nhóm"), max_length=60)
    group_label = models.CharField(_("tên nhóm"), max_length=200, blank=True)
    method = models.TextField(_("cách tính"), blank=True)
    source = models.CharField(_("nguồn (văn bản, số liệu mẫu)"), max_length=300, blank=True)
    kind = models.CharField(_("loại"), max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.COMPUTED)
    # For an entered figure: the computed indicator it must agree with (the contradiction warning), if any.
    checked_against = models.CharField(_("đối chiếu với chỉ tiêu"), max_length=120, blank=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"


class EnteredFigure(models.Model):
    """A figure a unit enters for a period (one per unit, period and indicator)."""

    unit = models.ForeignKey("core.AdministrativeUnit", on_delete=models.PROTECT, related_name="entered_figures")
    unit_path = models.CharField(max_length=120, db_index=True, editable=False)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    indicator_code = models.CharField(_("mã chỉ tiêu"), max_length=120)
    value = models.DecimalField(_("giá trị"), max_digits=18, decimal_places=2)
    note = models.TextField(_("ghi chú"), blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("số liệu đơn vị nhập")
        verbose_name_plural = _("số liệu đơn vị nhập")
        constraints = [
            models.UniqueConstraint(fields=["unit", "start", "end", "indicator_code"], name="entered_figure_unique"),
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="entered_figure_period"),
        ]
        indexes = [models.Index(fields=["indicator_code", "start", "end"], name="entered_figure_code_period")]

    def __str__(self) -> str:
        return f"{self.indicator_code} {self.unit_id} {self.start}–{self.end}: {self.value}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.unit_path = self.unit.path
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class ReportType(models.Model):
    """A kind of periodic report and its cut-off: the period it counts ends ``cutoff_day``/``cutoff_month`` of the
    period's last month (e.g. 14/12) and starts the day after the previous cut-off (15/12 of the year before)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    period_kind = models.CharField(_("loại kỳ"), max_length=8)  # "M", "Q", "H", "9M", "Y"
    cutoff_day = models.PositiveSmallIntegerField(_("ngày chốt số liệu"), null=True, blank=True)
    basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("loại báo cáo định kỳ")
        verbose_name_plural = _("loại báo cáo định kỳ")

    def __str__(self) -> str:
        return self.name
