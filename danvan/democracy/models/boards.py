"""The People's Inspection Board and the Community Investment Supervision Board, and the register of the investment
projects they supervise (Luật 10/2022/QH15 Art. 36–45; NĐ 59/2023 Art. 12–19).

A :class:`Board` is either a commune's People's Inspection Board (``kind=peoples_inspection``, ``unit`` the commune,
elected by the villages for the village head's term) or the Community Investment Supervision Board of one
:class:`InvestmentProject` (``kind=investment_supervision``, dissolved when the project is handed over). Its
:class:`BoardMember` rows are the membership, each with the village that elected it, its position (head, deputy,
member), the affiliation it declared (the conflict checks refuse the affiliations the law excludes) and, where the
village elected it by a community decision of matter 5, that decision. A :class:`BoardPlan` is a plan of work for a
quarter, half-year, year or term; a :class:`BoardSession` is one inspection check or one investment supervision,
with the notice the law requires before it and the findings; its recommendations go to the one tracker
(``Recommendation.event`` is the session). All legal numbers are ``core.LegalRule`` rows (``rules.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import AdministrativeUnit
from danvan.democracy.models.base import CommuneRecord


class BoardKind(models.TextChoices):
    PEOPLES_INSPECTION = "peoples_inspection", _("Ban Thanh tra nhân dân")
    INVESTMENT_SUPERVISION = "investment_supervision", _("Ban Giám sát đầu tư của cộng đồng")


class BoardRole(models.TextChoices):
    HEAD = "head", _("Trưởng ban")
    DEPUTY = "deputy", _("Phó Trưởng ban")
    MEMBER = "member", _("Thành viên")


class Affiliation(models.TextChoices):
    """What a member declares about themselves; the conflict checks refuse all but ``none`` for the board kinds they
    concern (inspection board: commune officials and relatives of the commune's leaders; investment board: staff of
    the investor, contractor or supervising consultant, and their relatives)."""

    NONE = "none", _("Không thuộc trường hợp nào")
    COMMUNE_OFFICIAL = "commune_official", _("Cán bộ, công chức cấp xã")
    LEADER_RELATIVE = "leader_relative", _("Người thân của lãnh đạo xã")
    INVESTOR = "investor", _("Người của chủ đầu tư hoặc người thân của họ")
    CONTRACTOR = "contractor", _("Người của nhà thầu hoặc người thân của họ")
    CONSULTANT = "consultant", _("Người của đơn vị tư vấn giám sát hoặc người thân của họ")


INSPECTION_EXCLUDED = frozenset({Affiliation.COMMUNE_OFFICIAL, Affiliation.LEADER_RELATIVE})
INVESTMENT_EXCLUDED = frozenset({Affiliation.INVESTOR, Affiliation.CONTRACTOR, Affiliation.CONSULTANT})


class PlanPeriod(models.TextChoices):
    QUARTER = "quarter", _("Quý")
    HALF = "half", _("6 tháng")
    YEAR = "year", _("Năm")
    TERM = "term", _("Nhiệm kỳ")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Đã lên kế hoạch")
    HELD = "held", _("Đã thực hiện")


class InvestmentProject(CommuneRecord):
    """A public investment project in a commune, in the register that each supervision board belongs to."""

    name = models.CharField(_("tên dự án, công trình"), max_length=300)
    investor = models.CharField(_("chủ đầu tư"), max_length=300)
    contractor = models.CharField(_("nhà thầu thi công"), max_length=300, blank=True)
    consultant = models.CharField(_("đơn vị tư vấn giám sát"), max_length=300, blank=True)
    budget = models.DecimalField(_("tổng mức đầu tư (đồng)"), max_digits=18, decimal_places=0, null=True, blank=True)
    funding = models.CharField(_("nguồn vốn"), max_length=200, blank=True)
    place = models.CharField(_("địa điểm"), max_length=300)
    starts_on = models.DateField(_("ngày khởi công"), null=True, blank=True)
    ends_on = models.DateField(_("ngày dự kiến hoàn thành"), null=True, blank=True)
    handed_over_on = models.DateField(_("ngày bàn giao đưa vào sử dụng"), null=True, blank=True)
    search_text = models.CharField(max_length=700, editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    submission_fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("dự án đầu tư")
        verbose_name_plural = _("dự án đầu tư")
        indexes = [models.Index(fields=["province_code", "unit_path", "starts_on"], name="board_project_place")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="board_project_dates_ordered",
            ),
            models.CheckConstraint(condition=Q(budget__isnull=True) | Q(budget__gte=0), name="board_project_budget"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_handed_over(self) -> bool:
        return self.handed_over_on is not None


class Board(CommuneRecord):
    """A People's Inspection Board of a commune for a term, or the Community Investment Supervision Board of
    ``project``; ``dissolved_on`` when its term ended or its project was handed over."""

    kind = models.CharField(_("loại ban"), max_length=24, choices=BoardKind.choices)
    name = models.CharField(_("tên ban"), max_length=300)
    project = models.OneToOneField(
        InvestmentProject,
        verbose_name=_("dự án"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="board",
    )
    established_on = models.DateField(_("ngày thành lập"))
    term_ends_on = models.DateField(_("ngày hết nhiệm kỳ"), null=True, blank=True)
    dissolved_on = models.DateField(_("ngày giải thể, kết thúc"), null=True, blank=True)
    dissolved_reason = models.CharField(_("lý do kết thúc"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    submission_fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("ban thanh tra, giám sát")
        verbose_name_plural = _("ban thanh tra, giám sát")
        indexes = [models.Index(fields=["province_code", "unit_path", "kind"], name="board_place_kind")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="peoples_inspection", project__isnull=True)
                | Q(kind="investment_supervision", project__isnull=False),
                name="board_project_only_for_investment",
            ),
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=models.F("established_on")),
                name="board_dissolved_after_established",
            ),
            # One People's Inspection Board at work per commune (a new term's board after the old one ended).
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(kind="peoples_inspection", dissolved_on__isnull=True),
                name="board_one_inspection_at_work",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.dissolved_on is None

    def active_members(self) -> models.QuerySet[BoardMember]:
        return self.members.filter(left_on__isnull=True)


class BoardMember(models.Model):
    """One member of a board, elected by ``village`` (the inspection board: one per village), from ``elected_on``
    until ``left_on``; ``decision`` is the recognized community decision of matter 5 that elected them, if any."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(_("họ và tên"), max_length=200)
    village = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("thôn, tổ dân phố bầu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    position = models.CharField(_("chức danh"), max_length=8, choices=BoardRole.choices, default=BoardRole.MEMBER)
    is_resident = models.BooleanField(_("là người dân cư trú tại địa bàn"), default=False)
    affiliation = models.CharField(
        _("tự khai quan hệ"), max_length=20, choices=Affiliation.choices, default=Affiliation.NONE
    )
    decision = models.ForeignKey(
        "democracy.CommunityDecision",
        verbose_name=_("kết quả bầu (nội dung 5)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    elected_on = models.DateField(_("ngày được bầu"))
    fills_vacancy = models.BooleanField(_("bầu bổ sung"), default=False)
    left_on = models.DateField(_("ngày thôi làm thành viên"), null=True, blank=True)
    left_reason = models.CharField(_("lý do thôi"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thành viên ban")
        verbose_name_plural = _("thành viên ban")
        ordering = ["board", "left_on", "position", "full_name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("elected_on")),
                name="board_member_left_after_elected",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_position_display()})"

    @property
    def is_active(self) -> bool:
        return self.left_on is None


class BoardPlan(models.Model):
    """A plan of work of a board for a quarter, a half-year, a year or its term."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="plans")
    period = models.CharField(_("kỳ kế hoạch"), max_length=8, choices=PlanPeriod.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveSmallIntegerField(_("quý / 6 tháng số"), null=True, blank=True)
    content = models.TextField(_("nội dung kế hoạch"))
    approved_on = models.DateField(_("ngày thông qua"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    submission_fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("kế hoạch của ban")
        verbose_name_plural = _("kế hoạch của ban")
        ordering = ["-year", "period", "number", "id"]

    def __str__(self) -> str:
        return f"{self.get_period_display()} {self.number or ''} {self.year}".replace("  ", " ")


class BoardSession(CommuneRecord):
    """One inspection check (inspection board) or supervision (investment board): its subject, the notice the law
    requires before it (the check plan to the commune Front and the UBND chairman; the Front's notice to the
    investor), the day and the findings."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="sessions")
    plan = models.ForeignKey(
        BoardPlan, verbose_name=_("theo kế hoạch"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.CharField(_("nội dung kiểm tra, giám sát"), max_length=500)
    starts_on = models.DateField(_("ngày bắt đầu"))
    plan_sent_on = models.DateField(_("ngày gửi kế hoạch cho MTTQ và Chủ tịch UBND xã"), null=True, blank=True)
    investor_notified_on = models.DateField(_("ngày MTTQ thông báo cho chủ đầu tư"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    held_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    findings = models.TextField(_("kết quả, phát hiện"), blank=True)
    has_violations = models.BooleanField(_("phát hiện sai phạm, thiếu sót"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    submission_fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("đợt kiểm tra, giám sát")
        verbose_name_plural = _("đợt kiểm tra, giám sát")
        indexes = [models.Index(fields=["province_code", "unit_path", "held_on"], name="board_session_place_held")]
        constraints = [
            models.CheckConstraint(
                condition=Q(held_on__isnull=True) | Q(held_on__gte=models.F("starts_on")),
                name="board_session_held_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.starts_on:%d/%m/%Y})"

    @property
    def is_held(self) -> bool:
        return self.status == SessionStatus.HELD
