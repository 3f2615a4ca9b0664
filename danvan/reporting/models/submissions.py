"""Models: submissions — report templates sent by a province to its communes, the communes' submissions (figures
frozen when submitted, entered figures, narrative), review comments, and the yearly ranking of units."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = [
    "DocumentFormat",
    "PeriodKind",
    "RankingCriterion",
    "RankingResult",
    "RankingScheme",
    "ReportTemplate",
    "ReviewComment",
    "Submission",
    "SubmissionStatus",
]


class DocumentFormat(models.TextChoices):
    STATE = "state", _("Văn bản hành chính (NĐ 30/2020/NĐ-CP)")
    PARTY = "party", _("Văn bản của Đảng (HD 05-HD/VPTW)")


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    HALF = "half", _("6 tháng")
    NINE_MONTHS = "9m", _("9 tháng")
    YEAR = "year", _("Năm")
    TERM = "term", _("Nhiệm kỳ")


class ReportTemplate(models.Model):
    """What a report asks for: sections, each with a title, the indicator codes it shows and the narrative prompts;
    made by a unit (usually a province) for the bodies of a kind below it."""

    owner_unit = models.ForeignKey(
        "core.AdministrativeUnit", verbose_name=_("đơn vị lập"), on_delete=models.PROTECT, related_name="+"
    )
    owner_path = models.CharField(max_length=120, db_index=True, editable=False, default="")
    name = models.CharField(_("tên mẫu báo cáo"), max_length=300)
    body_kind = models.CharField(_("loại cơ quan báo cáo"), max_length=60, default="commune")
    period_kind = models.CharField(_("loại kỳ báo cáo"), max_length=10, choices=PeriodKind.choices)
    doc_format = models.CharField(_("thể thức"), max_length=10, choices=DocumentFormat.choices)
    # The kind of periodic report it is, when that has a cut-off (the year's report of 15/12 – 14/12): every
    # submission then counts the shifted period, not the calendar one.
    report_type = models.ForeignKey(
        "reporting.ReportType",
        verbose_name=_("loại báo cáo định kỳ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issuer_name = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True, default="")
    sections = models.JSONField(_("các phần"), default=list)
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    submission_fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("mẫu báo cáo")
        verbose_name_plural = _("mẫu báo cáo")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.owner_path = self.owner_unit.path
        super().save(*args, **kwargs)

    @property
    def indicator_codes(self) -> list[str]:
        codes: list[str] = []
        for section in self.sections or []:
            for code in section.get("codes", []):
                if code not in codes:
                    codes.append(code)
        return codes


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã nộp")
    RETURNED = "returned", _("Trả lại để sửa")
    APPROVED = "approved", _("Đã duyệt")
    LOCKED = "locked", _("Đã khoá")


NARRATIVE_PARTS = ("results", "limitations", "next_tasks")


class Submission(models.Model):
    """A unit's report for a period on a template, reviewed by the unit that sent the template."""

    template = models.ForeignKey(ReportTemplate, on_delete=models.PROTECT, related_name="submissions")
    unit = models.ForeignKey(
        "core.AdministrativeUnit", verbose_name=_("đơn vị báo cáo"), on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField(max_length=120, db_index=True, editable=False, default="")
    reviewer_unit = models.ForeignKey(
        "core.AdministrativeUnit", verbose_name=_("đơn vị thẩm định"), on_delete=models.PROTECT, related_name="+"
    )
    period_code = models.CharField(_("kỳ báo cáo"), max_length=40)
    period_start = models.DateField()
    period_end = models.DateField()
    due_on = models.DateField(_("hạn nộp"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT)
    figures = models.JSONField(_("số liệu chốt khi nộp"), default=dict, blank=True)
    entered = models.JSONField(_("số liệu nhập"), default=dict, blank=True)
    narrative = models.JSONField(_("nội dung"), default=dict, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    times_submitted = models.PositiveIntegerField(default=0)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        ordering = ["unit_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "unit", "period_start", "period_end"], name="reporting_submission_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.template.name} — {self.unit.name} — {self.period_code}"

    def save(self, *args, **kwargs):
        self.unit_path = self.unit.path
        super().save(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)


class ReviewComment(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    section = models.CharField(_("phần"), max_length=40, blank=True, default="")
    text = models.TextField(_("nhận xét"))
    action = models.CharField(max_length=20, default="comment")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nhận xét thẩm định")
        verbose_name_plural = _("nhận xét thẩm định")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


def default_thresholds() -> list[dict]:
    """Grades by total score (a scheme's data, editable): the lowest score of each grade, highest first."""
    return [
        {"grade": "Hoàn thành xuất sắc nhiệm vụ", "min": 90},
        {"grade": "Hoàn thành tốt nhiệm vụ", "min": 70},
        {"grade": "Hoàn thành nhiệm vụ", "min": 50},
        {"grade": "Không hoàn thành nhiệm vụ", "min": 0},
    ]


class RankingScheme(models.Model):
    """How a unit ranks the units below it for a year: weighted criteria (weights sum to 100) and grade
    thresholds."""

    unit = models.ForeignKey("core.AdministrativeUnit", on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=120, db_index=True, editable=False, default="")
    year = models.PositiveSmallIntegerField(_("năm"))
    name = models.CharField(_("tên"), max_length=300)
    thresholds = models.JSONField(_("ngưỡng xếp loại"), default=default_thresholds)
    basis = models.CharField(_("căn cứ"), max_length=300, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("bộ tiêu chí xếp hạng")
        verbose_name_plural = _("bộ tiêu chí xếp hạng")
        ordering = ["-year", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def save(self, *args, **kwargs):
        self.unit_path = self.unit.path
        super().save(*args, **kwargs)


class RankingCriterion(models.Model):
    """One criterion: an indicator, the target that earns the full weight, and whether more is better."""

    scheme = models.ForeignKey(RankingScheme, on_delete=models.CASCADE, related_name="criteria")
    label = models.CharField(_("tiêu chí"), max_length=300)
    indicator_code = models.CharField(_("mã chỉ tiêu"), max_length=80)
    weight = models.PositiveSmallIntegerField(_("trọng số"), validators=[MinValueValidator(1), MaxValueValidator(100)])
    target = models.DecimalField(_("mục tiêu"), max_digits=14, decimal_places=2, default=Decimal("100"))
    higher_is_better = models.BooleanField(default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.label


class RankingResult(models.Model):
    scheme = models.ForeignKey(RankingScheme, on_delete=models.CASCADE, related_name="results")
    unit = models.ForeignKey("core.AdministrativeUnit", on_delete=models.PROTECT, related_name="+")
    scores = models.JSONField(default=list)
    total = models.DecimalField(max_digits=6, decimal_places=1)
    grade = models.CharField(max_length=80)
    rank = models.PositiveIntegerField()
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["rank", "pk"]
        constraints = [models.UniqueConstraint(fields=["scheme", "unit"], name="reporting_ranking_once")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.total}"
