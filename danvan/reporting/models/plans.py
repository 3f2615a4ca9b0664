"""Models: plans (Kế hoạch) and their numbered tasks, who is assigned each task, and the progress they report.

A plan (e.g. "394-KH/BDVQU") is issued by an organization at a unit; its tasks are assigned to *kinds* of bodies
("all Party committees", "UBND", "MTTQ and its organizations" one kind per row), optionally narrowed to a named
unit's subtree or a level, or to a named organization (``TaskAssignee``). When the plan is issued each assignee is
expanded to the concrete organizations of the plan's unit subtree (``TaskTarget``, one row per task and
organization); each target reports progress (``TaskProgress``: percentage, text, evidence attachment). Whether a
target is overdue is not stored: it follows from the task's deadline, its percentage and today.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import AdministrativeUnit, Attachment, Organization, OrgKind

__all__ = [
    "AssigneeLevel",
    "Plan",
    "PlanStatus",
    "PlanTask",
    "TaskAssignee",
    "TaskProgress",
    "TaskTarget",
]

PLAN_ATTACHMENT = "reporting.plan"  # core.Attachment.object_type of a plan's attachments


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đang thực hiện")
    CLOSED = "closed", _("Đã kết thúc")


class AssigneeLevel(models.TextChoices):
    ALL = "all", _("Mọi cấp trong phạm vi")
    PROVINCE = "province", _("Cấp tỉnh")
    COMMUNE = "commune", _("Cấp xã")
    UNIT = "unit", _("Chỉ tại đơn vị được nêu")


class Plan(models.Model):
    unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=120, db_index=True, editable=False)
    issuer = models.ForeignKey(
        Organization, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("số, ký hiệu"), max_length=60)
    issued_on = models.DateField(_("ngày ban hành"))
    period_start = models.DateField(_("thực hiện từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    title = models.CharField(_("trích yếu"), max_length=500)
    summary = models.TextField(_("mục đích, yêu cầu"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    search_text = models.CharField(max_length=700, editable=False, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    submission_key = models.CharField(max_length=80, null=True, blank=True, unique=True, editable=False)
    submission_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "number", "issued_on"], name="plan_number_unique"),
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")), name="plan_period"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class PlanTask(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    text = models.TextField(_("nội dung nhiệm vụ"))
    deadline = models.DateField(_("thời hạn"))
    expected_output = models.CharField(_("sản phẩm"), max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan_id", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_task_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class TaskAssignee(models.Model):
    """Who a task goes to, as the plan names them: a kind of body (in the plan's subtree, or a named unit's), at a
    level, or one named organization."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="assignees")
    org_kind = models.ForeignKey(OrgKind, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(AdministrativeUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(max_length=10, choices=AssigneeLevel.choices, default=AssigneeLevel.ALL)
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    is_lead = models.BooleanField(_("chủ trì"), default=True)

    class Meta:
        verbose_name = _("nơi được giao")
        verbose_name_plural = _("nơi được giao")
        ordering = ["task_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(org_kind__isnull=False, organization__isnull=True)
                | models.Q(org_kind__isnull=True, organization__isnull=False),
                name="task_assignee_kind_or_org",
            )
        ]

    def __str__(self) -> str:
        return str(self.organization or self.org_kind)


class TaskTarget(models.Model):
    """One concrete organization a task is assigned to, with its latest reported percentage."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="targets")
    assignee = models.ForeignKey(TaskAssignee, on_delete=models.CASCADE, related_name="targets")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=120, db_index=True, editable=False)
    percent = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    completed_on = models.DateField(null=True, blank=True)
    last_reported_at = models.DateTimeField(null=True, blank=True)
    overdue_told_on = models.DateField(null=True, blank=True)  # when its officers were told it is overdue
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("đơn vị thực hiện")
        verbose_name_plural = _("đơn vị thực hiện")
        ordering = ["task_id", "id"]
        constraints = [models.UniqueConstraint(fields=["task", "organization"], name="task_target_unique")]

    def __str__(self) -> str:
        return f"{self.task} → {self.organization}"


class TaskProgress(models.Model):
    target = models.ForeignKey(TaskTarget, on_delete=models.CASCADE, related_name="reports")
    percent = models.PositiveSmallIntegerField(_("tỷ lệ hoàn thành (%)"), validators=[MaxValueValidator(100)])
    text = models.TextField(_("kết quả thực hiện"))
    evidence = models.ForeignKey(
        Attachment, verbose_name=_("minh chứng"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    submission_key = models.CharField(max_length=80, null=True, blank=True, unique=True, editable=False)
    submission_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.target_id}: {self.percent}%"
