"""Models: dossiers — administrative-procedure dossiers imported from a province's one-stop-shop export
(``Dossier``), the export's column layout remembered per province (``ImportMapping``) and the procedure figures a
unit enters for a period (``ProcedureFigure``). The CCHC indicators (QĐ 766/QĐ-TTg) are computed from them by
``sources_dossiers.py``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import AdministrativeUnit
from danvan.core.text import fold

__all__ = [
    "Dossier",
    "DossierChannel",
    "DossierMonth",
    "DossierStatus",
    "ImportMapping",
    "ProcedureFigure",
    "ProcedureLevel",
]


class DossierChannel(models.TextChoices):
    ONLINE = "online", _("Trực tuyến")
    IN_PERSON = "in_person", _("Trực tiếp")
    POST = "post", _("Dịch vụ bưu chính")


class DossierStatus(models.TextChoices):
    """Where the dossier stands in the export; early/on time/late are derived from the dates at import."""

    EARLY = "early", _("Giải quyết trước hạn")
    ON_TIME = "on_time", _("Giải quyết đúng hạn")
    LATE = "late", _("Giải quyết quá hạn")
    IN_PROGRESS = "in_progress", _("Đang giải quyết")
    WITHDRAWN = "withdrawn", _("Rút hồ sơ")
    RETURNED = "returned", _("Trả lại, không giải quyết")


RESOLVED_STATUSES = (DossierStatus.EARLY, DossierStatus.ON_TIME, DossierStatus.LATE)


class ProcedureLevel(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    COMMUNE = "commune", _("Cấp xã")
    OTHER = "other", _("Khác (ngành dọc)")


class Dossier(models.Model):
    """One administrative-procedure dossier, as the one-stop-shop export lists it.

    "Carried over from the previous period" is not stored: a dossier received before a period and not finished
    before it starts is carried over into it. ``finished_on`` is the day it was resolved, withdrawn or returned.
    """

    unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=120, editable=False)
    province_code = models.CharField(max_length=2, editable=False)
    number = models.CharField(_("mã hồ sơ"), max_length=60)
    procedure_code = models.CharField(_("mã thủ tục"), max_length=60, blank=True)
    procedure_name = models.CharField(_("tên thủ tục"), max_length=500, blank=True)
    level = models.CharField(_("cấp"), max_length=10, choices=ProcedureLevel.choices, default=ProcedureLevel.COMMUNE)
    received_on = models.DateField(_("ngày tiếp nhận"))
    channel = models.CharField(_("hình thức nộp"), max_length=10, choices=DossierChannel.choices)
    due_on = models.DateField(_("hạn giải quyết"), null=True, blank=True)
    finished_on = models.DateField(_("ngày giải quyết, rút, trả"), null=True, blank=True)
    status = models.CharField(_("tình trạng"), max_length=12, choices=DossierStatus.choices)
    # Number, procedure code and name folded (``core.text.fold``): the list's search.
    search_text = models.CharField(max_length=700, editable=False, default="")
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ thủ tục hành chính")
        verbose_name_plural = _("hồ sơ thủ tục hành chính")
        ordering = ["-received_on", "-id"]
        indexes = [
            # With ``finished_on``, the counts of received dossiers (the dashboard's bars and trend) read the index
            # alone: the dossiers open in a period are those received by its end and not finished before it.
            models.Index(
                fields=["province_code", "unit_path", "received_on", "finished_on"],
                name="dossier_scope_received_fin",
                opclasses=["text_pattern_ops", "text_pattern_ops", "date_ops", "date_ops"],
            ),
            models.Index(fields=["province_code", "finished_on"], name="dossier_finished"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["province_code", "number"], name="dossier_number_per_province"),
            models.CheckConstraint(
                condition=Q(finished_on__isnull=True) | Q(finished_on__gte=models.F("received_on")),
                name="dossier_finished_after_receipt",
            ),
            models.CheckConstraint(
                condition=Q(status="in_progress") | Q(finished_on__isnull=False), name="dossier_finished_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.procedure_name})"

    def save(self, *args: object, **kwargs: object) -> None:
        self.unit_path = self.unit.path
        self.province_code = self.unit.province_code
        self.search_text = dossier_search_text(self.number, self.procedure_code, fold(self.procedure_name))
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class DossierMonth(models.Model):
    """The dossiers counted by month (``core.month_cube``): one row per unit, month received, month finished,
    deadline bucket, status and channel, with the number of dossiers (``records``).

    The dates are stored in fields named as the dossier's, so that ``sources_dossiers.conditions`` applies here
    unchanged and gives the dossiers' exact counts for any period of whole months (decision 0030):
    ``received_on`` and ``finished_on`` are the first day of their month, ``due_on`` the first day of the month of
    the day after the deadline (NULL once the dossier is finished by then). Never written but by ``month_cube``, in
    the transaction that changes the dossiers."""

    unit_path = models.CharField(max_length=120)
    province_code = models.CharField(max_length=2)
    received_on = models.DateField()
    finished_on = models.DateField(null=True)
    due_on = models.DateField(null=True)
    status = models.CharField(max_length=12, choices=DossierStatus.choices)
    channel = models.CharField(max_length=10, choices=DossierChannel.choices)
    # Signed: a writer adds its records' counts taken away and put back as rows of their own, then merges them.
    records = models.IntegerField()

    class Meta:
        verbose_name = _("số hồ sơ theo tháng")
        verbose_name_plural = _("số hồ sơ theo tháng")
        indexes = [
            models.Index(
                fields=["province_code", "unit_path", "received_on", "finished_on"],
                name="dossiermonth_scope",
                opclasses=["text_pattern_ops", "text_pattern_ops", "date_ops", "date_ops"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_path} {self.received_on:%m/%Y}: {self.records}"


def dossier_search_text(number: str, procedure_code: str, folded_name: str) -> str:
    return f"{fold(number)} {fold(procedure_code)} {folded_name}"[:700]


class ImportMapping(models.Model):
    """How a province's one-stop-shop export is laid out: for each dossier field, the export's column heading, and
    the export's words for the channels and statuses. Mapped once, remembered for the next import."""

    province = models.OneToOneField(
        AdministrativeUnit, verbose_name=_("tỉnh"), on_delete=models.CASCADE, related_name="+"
    )
    columns = models.JSONField(_("cột"), default=dict)
    channel_values = models.JSONField(_("giá trị hình thức nộp"), default=dict, blank=True)
    status_values = models.JSONField(_("giá trị tình trạng"), default=dict, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("cách đọc tệp hồ sơ một cửa")
        verbose_name_plural = _("cách đọc tệp hồ sơ một cửa")

    def __str__(self) -> str:
        return f"{self.province_id}: {len(self.columns)}"


class ProcedureFigure(models.Model):
    """Figures of a unit's procedures for a period, entered by the unit (not in the dossier export)."""

    unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=120, editable=False)
    province_code = models.CharField(max_length=2, editable=False)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    published = models.PositiveIntegerField(_("thủ tục hành chính được công bố"), default=0)
    time_cut = models.PositiveIntegerField(_("thủ tục được cắt giảm thời gian giải quyết"), default=0)
    days_cut = models.PositiveIntegerField(_("số ngày được cắt giảm"), default=0)
    online_partial = models.PositiveIntegerField(_("dịch vụ công trực tuyến một phần"), default=0)
    online_full = models.PositiveIntegerField(_("dịch vụ công trực tuyến toàn trình"), default=0)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("số liệu thủ tục hành chính")
        verbose_name_plural = _("số liệu thủ tục hành chính")
        ordering = ["-period_start", "unit_path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "period_start", "period_end"], name="procfig_unit_period"),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="procfig_period"),
            models.CheckConstraint(
                condition=Q(online_partial__lte=models.F("published")) & Q(online_full__lte=models.F("published")),
                name="procfig_online_within_published",
            ),
        ]
        indexes = [models.Index(fields=["province_code", "unit_path", "period_start"], name="procfig_scope")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.unit_path = self.unit.path
        self.province_code = self.unit.province_code
        super().save(*args, **kwargs)  # type: ignore[arg-type]
